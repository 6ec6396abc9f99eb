import type { IncomingMessage } from "node:http";

export { bearerToken, readCookie } from "../auth/request-credentials";

/** A workshop series fits in it; each use renews it (GET …/session, GET …/me), so only idle cookies lapse. */
export const COOKIE_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** HttpOnly so page scripts never read it back; SameSite=Strict so other sites cannot use it. */
export function sessionCookie(name: string, value: string, secure: boolean, maxAgeSeconds = COOKIE_MAX_AGE_SECONDS): string {
  const attributes = ["Path=/", "HttpOnly", "SameSite=Strict", `Max-Age=${maxAgeSeconds}`];
  if (secure) attributes.push("Secure");
  return `${name}=${encodeURIComponent(value)}; ${attributes.join("; ")}`;
}

/**
 * Cookies go over https only when people reach the server over https: the configured public URL
 * says so, or a proxy in front says so for this request.
 */
export function secureCookies(req: IncomingMessage, publicUrl: string | undefined): boolean {
  return publicUrl?.toLowerCase().startsWith("https:") === true || req.headers["x-forwarded-proto"] === "https";
}

/**
 * A cookie that a top-level navigation from another site must carry: the sign-in in progress
 * (`samla_login`) comes back from the identity provider's site. Only a reference, never a secret
 * a page could use elsewhere.
 */
export function laxCookie(name: string, value: string, secure: boolean, maxAgeSeconds: number, path = "/"): string {
  const attributes = [`Path=${path}`, "HttpOnly", "SameSite=Lax", `Max-Age=${maxAgeSeconds}`];
  if (secure) attributes.push("Secure");
  return `${name}=${encodeURIComponent(value)}; ${attributes.join("; ")}`;
}

/** Tells the browser to drop a cookie now. */
export function expiredCookie(name: string, secure: boolean, path = "/"): string {
  return `${name}=; Path=${path}; HttpOnly; SameSite=Lax; Max-Age=0${secure ? "; Secure" : ""}`;
}
