import type { IncomingMessage, ServerResponse } from "node:http";
import { pickLanguage, translator, type MessageKey } from "../../lib/i18n";

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * What a browser sees when signing in fails (the provider said no, the sign-in took too long, a
 * forged answer): a short page in the person's language with the way back, never a stack.
 */
export function sendAuthFailure(req: IncomingMessage, res: ServerResponse, status: number, reason: MessageKey, headers: Record<string, string | string[]> = {}): void {
  const language = pickLanguage((req.headers["accept-language"] ?? "").split(",").map((part) => part.split(";")[0].trim()));
  const t = translator(language);
  const html = `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(t("account.failedTitle"))}</title></head>
<body><main><h1>${escape(t("account.failedTitle"))}</h1><p>${escape(t(reason))}</p><p><a href="/">${escape(t("account.backHome"))}</a></p></main></body></html>`;
  res.writeHead(status, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "Content-Length": Buffer.byteLength(html), ...headers });
  res.end(html);
}
