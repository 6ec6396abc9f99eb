import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

/** What decides the headers: everything else is the same for every response. */
export interface SecurityHeaderOptions {
  /** `npm run dev`: React's dev tooling evaluates code, so only there may scripts use eval. */
  dev: boolean;
  /** SAMLA_PUBLIC_URL: HSTS is promised only when people reach Samla over https. */
  publicUrl?: string;
}

/** 128 random bits, fresh per response: an injected script cannot guess it. */
export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

/**
 * The Content-Security-Policy for one response. Pages are Samla's own code only: no third-party
 * origins, nothing embedded, nothing to embed Samla.
 */
export function contentSecurityPolicy(nonce: string, { dev }: Pick<SecurityHeaderOptions, "dev">): string {
  const directives: Array<[string, ...string[]]> = [
    ["default-src", "'self'"],
    // Next puts the nonce on every script tag it renders; 'strict-dynamic' lets those scripts load
    // the route's chunks. Browsers that know 'strict-dynamic' then ignore 'self'; older ones
    // (Safari before 15.4) need it for those chunks.
    ["script-src", `'nonce-${nonce}'`, "'strict-dynamic'", "'self'", ...(dev ? ["'unsafe-eval'"] : [])],
    // Style attributes in server-rendered markup (note and colour swatches) cannot carry a nonce,
    // and a nonce here would switch 'unsafe-inline' off. Injected CSS could not send anything
    // away: img-src, font-src and connect-src allow this origin only.
    ["style-src", "'self'", "'unsafe-inline'"],
    // data: and blob: are images the page makes itself (a canvas snapshot, the exported PNG);
    // neither can fetch anything from elsewhere. Today's QR code is inline SVG and needs neither.
    ["img-src", "'self'", "data:", "blob:"],
    // 'self' covers the board's ws:/wss: socket and the phones' event stream on this host (CSP 3;
    // checked in Chromium, see docs/security.md for older Safari).
    ["connect-src", "'self'"],
    ["object-src", "'none'"],
    ["base-uri", "'none'"],
    ["form-action", "'self'"],
    ["frame-ancestors", "'none'"],
  ];
  return directives.map((directive) => directive.join(" ")).join("; ");
}

/** Browser features Samla never uses, switched off for the page and anything it could load. */
const DENIED_FEATURES = [
  "accelerometer",
  "camera",
  "display-capture",
  "geolocation",
  "gyroscope",
  "hid",
  "magnetometer",
  "microphone",
  "midi",
  "payment",
  "serial",
  "usb",
];

/** The projector page has a full-screen button; nothing else may ask for full screen. */
export const PERMISSIONS_POLICY = [...DENIED_FEATURES.map((feature) => `${feature}=()`), "fullscreen=(self)"].join(", ");

/**
 * One year, this host only: the public URL names one host, and a proxy's other subdomains may not
 * be on https.
 */
export const HSTS = "max-age=31536000";

/** Every header for one response. */
export function securityHeaders(nonce: string, options: SecurityHeaderOptions): Record<string, string> {
  const headers: Record<string, string> = {
    "Content-Security-Policy": contentSecurityPolicy(nonce, options),
    // Tokens ride in links; no Referer may carry a link onwards.
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    // For browsers that predate frame-ancestors.
    "X-Frame-Options": "DENY",
    "Permissions-Policy": PERMISSIONS_POLICY,
  };
  // Over plain http a browser ignores HSTS; said only when https is how Samla is reached.
  if (options.publicUrl?.startsWith("https:")) headers["Strict-Transport-Security"] = HSTS;
  return headers;
}

/**
 * Sets the security headers on a response and tells Next the nonce. Next reads the nonce from the
 * *request's* Content-Security-Policy header (normally set by its middleware, which Samla does not
 * use) and puts it on its own script tags. Whatever a client sent in that header is replaced.
 */
export function applySecurityHeaders(req: IncomingMessage, res: ServerResponse, options: SecurityHeaderOptions): void {
  const headers = securityHeaders(newNonce(), options);
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  req.headers["content-security-policy"] = headers["Content-Security-Policy"];
}
