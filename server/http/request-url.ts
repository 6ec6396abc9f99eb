import type { IncomingMessage } from "node:http";

/** The request's URL, or null when a client sent one that does not parse (never a throw). */
export function requestUrl(req: IncomingMessage): URL | null {
  try {
    return new URL(req.url ?? "/", "http://localhost");
  } catch {
    return null;
  }
}

/** Decodes a path segment; a malformed escape gives null instead of a URIError. */
export function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
