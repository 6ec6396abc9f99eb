import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createBoard, startServer } from "./helpers";
import { call } from "./participation-helpers";

type Server = Awaited<ReturnType<typeof startServer>>;

/** What a browser keeps from Set-Cookie answers: a cookie set with Max-Age=0 is gone. */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  take(headers: Headers): this {
    for (const cookie of headers.getSetCookie()) {
      const [pair, ...attributes] = cookie.split(";").map((part) => part.trim());
      const [name, value] = [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)];
      if (attributes.includes("Max-Age=0")) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return this;
  }

  names(): string[] {
    return [...this.cookies.keys()].sort();
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

describe("DELETE /api/boards/:id/session: forgetting a board on a device", () => {
  let server: Server;
  before(async () => {
    server = await startServer();
  });
  after(() => server?.close());

  /** A member's browser: the link traded for cookies, and a participant identity to vote with. */
  async function memberBrowser(boardId: string, token: string): Promise<CookieJar> {
    const jar = new CookieJar();
    const traded = await call(server.http, "POST", `/api/boards/${boardId}/session`, { body: { token } });
    assert.equal(traded.status, 200);
    jar.take(traded.headers);
    const joined = await call(server.http, "POST", `/api/boards/${boardId}/participants`, { body: { name: "Maja" }, headers: { Cookie: jar.header(), Origin: server.http } });
    assert.equal(joined.status, 201);
    return jar.take(joined.headers);
  }

  test("answers 204 with the link's, the device's and the participant's cookies expired; those cookies then open nothing", async () => {
    const board = await createBoard(server.http);
    const jar = await memberBrowser(board.id, board.memberToken);
    assert.deepEqual(jar.names(), [`samla_${board.id}`, `samla_p_${board.id}`, `samla_w_${board.id}`].sort());
    assert.equal((await call(server.http, "GET", `/api/boards/${board.id}`, { headers: { Cookie: jar.header() } })).status, 200, "the cookies open the board before");

    const forgot = await call(server.http, "DELETE", `/api/boards/${board.id}/session`, { headers: { Cookie: jar.header(), Origin: server.http } });
    assert.equal(forgot.status, 204);
    const expired = forgot.headers.getSetCookie();
    assert.equal(expired.length, 3);
    for (const cookie of expired) {
      assert.match(cookie, /^samla_(p_|w_)?[\w-]+=;/, "no value");
      for (const attribute of ["Max-Age=0", "HttpOnly", "SameSite=Strict", "Path=/"]) assert.ok(cookie.includes(attribute), `${cookie} has ${attribute}`);
    }
    jar.take(forgot.headers);
    assert.deepEqual(jar.names(), []);

    for (const path of [`/api/boards/${board.id}/session`, `/api/boards/${board.id}`, `/api/boards/${board.id}/me`]) {
      const again = await call(server.http, "GET", path, { headers: { Cookie: jar.header(), Origin: server.http } });
      assert.equal(again.status, 401, `${path} without the cookies`);
    }
    // What the browser sent before still works elsewhere: the board itself stays for everyone else.
    assert.equal((await call(server.http, "GET", `/api/boards/${board.id}`, { token: board.facilitatorToken })).status, 200);
  });

  test("needs no valid token: a renewed link's cookie, a deleted board's, or none at all are cleared the same", async () => {
    const board = await createBoard(server.http);
    const stale = await memberBrowser(board.id, board.memberToken);
    assert.equal((await call(server.http, "POST", `/api/boards/${board.id}/links/member/renew`, { token: board.facilitatorToken })).status, 200);
    const gone = await createBoard(server.http);
    const goneJar = await memberBrowser(gone.id, gone.memberToken);
    assert.equal((await call(server.http, "DELETE", `/api/boards/${gone.id}`, { token: gone.facilitatorToken })).status, 204);

    for (const [boardId, cookie] of [[board.id, stale.header()], [gone.id, goneJar.header()], [board.id, ""]]) {
      const forgot = await call(server.http, "DELETE", `/api/boards/${boardId}/session`, { headers: { Origin: server.http, ...(cookie ? { Cookie: cookie } : {}) } });
      assert.equal(forgot.status, 204, `${boardId} with ${cookie || "no cookie"}`);
      assert.equal(forgot.headers.getSetCookie().filter((c) => c.includes("Max-Age=0")).length, 3);
    }
  });

  test("only our own pages may ask: another origin, or none, is refused and clears nothing", async () => {
    const board = await createBoard(server.http);
    const jar = await memberBrowser(board.id, board.memberToken);
    for (const origin of ["http://evil.example", undefined]) {
      const refused = await call(server.http, "DELETE", `/api/boards/${board.id}/session`, { headers: { Cookie: jar.header(), ...(origin ? { Origin: origin } : {}) } });
      assert.deepEqual([refused.status, refused.body.error], [403, "cross_origin"], `origin ${origin}`);
      assert.deepEqual(refused.headers.getSetCookie(), []);
    }
    assert.equal((await call(server.http, "GET", `/api/boards/${board.id}/session`, { headers: { Cookie: jar.header() } })).status, 200, "still signed in");
    const malformed = await call(server.http, "DELETE", "/api/boards/no!/session", { headers: { Origin: server.http } });
    assert.equal(malformed.status, 404);
  });
});
