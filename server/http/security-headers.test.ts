import assert from "node:assert/strict";
import { IncomingMessage, ServerResponse } from "node:http";
import { Socket } from "node:net";
import { describe, test } from "node:test";
import { getScriptNonceFromHeaders } from "next/dist/server/app-render/get-script-nonce-from-header";
import { applySecurityHeaders, contentSecurityPolicy, HSTS, newNonce, PERMISSIONS_POLICY, securityHeaders } from "./security-headers";

/** The policy as directive name → its sources. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(";").map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

function request(headers: Record<string, string> = {}): { req: IncomingMessage; res: ServerResponse } {
  const req = new IncomingMessage(new Socket());
  Object.assign(req.headers, headers);
  return { req, res: new ServerResponse(req) };
}

describe("contentSecurityPolicy", () => {
  const production = directives(contentSecurityPolicy("abc123==", { dev: false }));

  test("scripts run only with this response's nonce, and never through eval in production", () => {
    assert.deepEqual(production.get("script-src"), ["'nonce-abc123=='", "'strict-dynamic'", "'self'"]);
    assert.ok(![...production.values()].flat().includes("'unsafe-eval'"));
    assert.ok(!production.get("script-src")!.includes("'unsafe-inline'"));
  });

  test("dev mode adds 'unsafe-eval' for React's dev tooling, to scripts only", () => {
    const dev = directives(contentSecurityPolicy("abc123==", { dev: true }));
    assert.deepEqual(dev.get("script-src"), ["'nonce-abc123=='", "'strict-dynamic'", "'self'", "'unsafe-eval'"]);
    for (const [name, sources] of dev) if (name !== "script-src") assert.deepEqual(sources, production.get(name), name);
  });

  test("everything else comes from this origin only, nothing embeds Samla, no plugins, no <base>", () => {
    assert.deepEqual(Object.fromEntries(production), {
      "default-src": ["'self'"],
      "script-src": ["'nonce-abc123=='", "'strict-dynamic'", "'self'"],
      "style-src": ["'self'", "'unsafe-inline'"],
      "img-src": ["'self'", "data:", "blob:"],
      "connect-src": ["'self'"],
      "object-src": ["'none'"],
      "base-uri": ["'none'"],
      "form-action": ["'self'"],
      "frame-ancestors": ["'none'"],
    });
  });
});

describe("securityHeaders", () => {
  test("the headers every response carries", () => {
    const headers = securityHeaders("n0nce", { dev: false });
    assert.equal(headers["Referrer-Policy"], "no-referrer");
    assert.equal(headers["X-Content-Type-Options"], "nosniff");
    assert.equal(headers["X-Frame-Options"], "DENY");
    assert.equal(headers["Content-Security-Policy"], contentSecurityPolicy("n0nce", { dev: false }));
    assert.equal(headers["Permissions-Policy"], PERMISSIONS_POLICY);
  });

  test("Permissions-Policy denies camera, microphone, geolocation, payment and usb; full screen stays for the page itself", () => {
    const features = new Map(PERMISSIONS_POLICY.split(", ").map((entry) => entry.split("=") as [string, string]));
    for (const feature of ["camera", "microphone", "geolocation", "payment", "usb"]) assert.equal(features.get(feature), "()", feature);
    assert.equal(features.get("fullscreen"), "(self)");
    assert.ok(!features.has("clipboard-write"), "the share dialog copies links");
  });

  test("HSTS only when the public URL is https", () => {
    assert.equal(securityHeaders("n", { dev: false, publicUrl: "https://samla.example.org" })["Strict-Transport-Security"], HSTS);
    assert.equal(HSTS, "max-age=31536000");
    for (const publicUrl of [undefined, "http://samla.example.org", "http://10.0.0.5:3000"]) {
      assert.equal(securityHeaders("n", { dev: false, publicUrl })["Strict-Transport-Security"], undefined, String(publicUrl));
    }
  });
});

describe("newNonce", () => {
  test("128 random bits in base64, different every time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    assert.equal(nonces.size, 100);
    for (const nonce of nonces) assert.equal(Buffer.from(nonce, "base64").length, 16);
  });
});

describe("applySecurityHeaders", () => {
  test("sets the headers on the response, and Next finds the response's nonce in the request", () => {
    const { req, res } = request();
    applySecurityHeaders(req, res, { dev: false, publicUrl: "https://samla.example.org" });
    const policy = res.getHeader("Content-Security-Policy");
    assert.equal(typeof policy, "string");
    const nonce = getScriptNonceFromHeaders(req.headers);
    assert.ok(nonce, "Next reads a nonce from the request's Content-Security-Policy header");
    assert.equal(policy, contentSecurityPolicy(nonce, { dev: false }));
    assert.equal(res.getHeader("Referrer-Policy"), "no-referrer");
    assert.equal(res.getHeader("Strict-Transport-Security"), HSTS);
  });

  test("a policy the client sent is replaced: Next never uses a nonce the client chose", () => {
    const { req, res } = request({ "content-security-policy": "script-src 'nonce-chosenbyclient'" });
    applySecurityHeaders(req, res, { dev: false });
    assert.notEqual(getScriptNonceFromHeaders(req.headers), "chosenbyclient");
    assert.equal(req.headers["content-security-policy"], res.getHeader("Content-Security-Policy"));
  });

  test("every response gets a nonce of its own", () => {
    const a = request();
    const b = request();
    applySecurityHeaders(a.req, a.res, { dev: false });
    applySecurityHeaders(b.req, b.res, { dev: false });
    assert.notEqual(getScriptNonceFromHeaders(a.req.headers), getScriptNonceFromHeaders(b.req.headers));
  });
});
