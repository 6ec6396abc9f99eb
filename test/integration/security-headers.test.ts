import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { createSamlaServer } from "../../server/app";
import { silentLogger } from "../../server/log";
import { openSqliteStorage } from "../../server/storage/sqlite";
import { createBoard, SECRET, startServer, tempDir } from "./helpers";

/** What every answer must carry, whatever it is (the pages' part is in e2e/security-headers.spec.ts). */
function assertSecurityHeaders(res: Response, what: string): string {
  const policy = res.headers.get("content-security-policy") ?? "";
  const nonce = /script-src 'nonce-([A-Za-z0-9+/]+={0,2})'/.exec(policy)?.[1];
  assert.ok(nonce, `${what}: a script nonce in ${policy}`);
  for (const directive of ["default-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'", "connect-src 'self'"]) {
    assert.ok(policy.includes(directive), `${what}: ${directive}`);
  }
  assert.ok(!policy.includes("unsafe-eval"), `${what}: no eval outside dev mode`);
  assert.equal(res.headers.get("referrer-policy"), "no-referrer", what);
  assert.equal(res.headers.get("x-content-type-options"), "nosniff", what);
  assert.equal(res.headers.get("x-frame-options"), "DENY", what);
  assert.match(res.headers.get("permissions-policy") ?? "", /camera=\(\).*fullscreen=\(self\)/, what);
  return nonce;
}

describe("security headers on the API", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  before(async () => {
    server = await startServer();
  });
  after(() => server.close());

  test("every kind of answer carries them, each with a nonce of its own, and no HSTS without an https public URL", async () => {
    const board = await createBoard(server.http);
    const answers: Array<[string, Response]> = [
      ["board created", await fetch(`${server.http}/api/boards`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ title: "Rubriker" }) })],
      ["board read", await fetch(`${server.http}/api/boards/${board.id}`, { headers: { Authorization: `Bearer ${board.facilitatorToken}` } })],
      ["no token", await fetch(`${server.http}/api/boards/${board.id}`)],
      ["bad JSON", await fetch(`${server.http}/api/boards`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{" })],
      ["health", await fetch(`${server.http}/healthz`)],
      ["no pages in this server", await fetch(`${server.http}/b/${board.id}`)],
    ];
    assert.deepEqual(
      answers.map(([what, res]) => [what, res.status]),
      [
        ["board created", 201],
        ["board read", 200],
        ["no token", 401],
        ["bad JSON", 400],
        ["health", 200],
        ["no pages in this server", 404],
      ],
    );
    const nonces = answers.map(([what, res]) => assertSecurityHeaders(res, what));
    assert.equal(new Set(nonces).size, nonces.length);
    for (const [what, res] of answers) assert.equal(res.headers.get("strict-transport-security"), null, what);
    await Promise.all(answers.map(([, res]) => res.body?.cancel()));
  });
});

describe("security headers behind https", () => {
  test("HSTS on every answer once the public URL is https", async () => {
    const dataDir = tempDir();
    const samla = createSamlaServer({
      storage: openSqliteStorage(join(dataDir, "samla.sqlite")),
      secret: SECRET,
      log: silentLogger,
      publicUrl: "https://samla.example.org",
    });
    const port = await samla.listen(0, "127.0.0.1");
    try {
      for (const res of [await fetch(`http://127.0.0.1:${port}/healthz`), await fetch(`http://127.0.0.1:${port}/api/boards/nope`)]) {
        assertSecurityHeaders(res, res.url);
        assert.equal(res.headers.get("strict-transport-security"), "max-age=31536000");
        await res.body?.cancel();
      }
    } finally {
      await samla.close();
    }
  });
});
