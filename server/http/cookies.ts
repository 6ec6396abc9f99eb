import type { IncomingMessage } from "node:http";

export function readCookie(req: IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

/** HttpOnly so page scripts never read it back; SameSite=Strict so other sites cannot use it. */
export function sessionCookie(name: string, value: string, secure: boolean): string {
  const attributes = ["Path=/", "HttpOnly", "SameSite=Strict", "Max-Age=31536000"];
  if (secure) attributes.push("Secure");
  return `${name}=${encodeURIComponent(value)}; ${attributes.join("; ")}`;
}

/** The token of an `Authorization: Bearer TOKEN` header (scripts and the stock clients). */
export function bearerToken(req: IncomingMessage): string | null {
  return /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1] ?? null;
}
