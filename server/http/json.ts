import type { IncomingMessage, ServerResponse } from "node:http";
import type { ZodType } from "zod";

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(text),
    "Cache-Control": "no-store",
    ...headers,
  });
  res.end(text);
}

/**
 * A request that carries a body must say it is JSON, before a byte of it is read. A form or a
 * `text/plain` body is what another site can make a browser post without asking (no CORS
 * preflight); refusing it keeps every API route out of reach of such pages.
 */
export function requireJsonBody(req: IncomingMessage): void {
  const length = Number(req.headers["content-length"] ?? 0);
  const hasBody = length > 0 || req.headers["transfer-encoding"] !== undefined;
  if (!hasBody) return;
  const mediaType = (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
  if (mediaType !== "application/json") throw new HttpError(415, "unsupported_media_type", "send the body as application/json");
}

/** Reads and validates a JSON body; too large, not JSON or not the schema all answer clearly. */
export async function readJson<T>(req: IncomingMessage, schema: ZodType<T>, maxBytes: number): Promise<T> {
  return validJson((await readJsonBody(req, maxBytes)).value, schema);
}

/** A JSON body and its size in bytes, not yet checked: for a route whose limit depends on what it holds. */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<{ value: unknown; size: number }> {
  const chunks: Buffer[] = [];
  let size = 0;
  // Leaving the loop early would destroy the request and its socket, so the client (still
  // sending) would get a reset connection instead of the 413: read the rest, keep none of it.
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= maxBytes) chunks.push(chunk);
  }
  if (size > maxBytes) throw new HttpError(413, "too_large", `the body is larger than ${maxBytes} bytes`);
  let value: unknown;
  try {
    value = size === 0 ? {} : JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new HttpError(400, "bad_json", "the body is not valid JSON");
  }
  return { value, size };
}

export function validJson<T>(value: unknown, schema: ZodType<T>): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new HttpError(400, "invalid", parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "));
  }
  return parsed.data;
}
