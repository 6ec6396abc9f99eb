import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import WebSocket from "ws";
import type { AuditResponse, CreateBoardResponse, FacilitatorsResponse, MeResponse, MyBoardsResponse } from "../../lib/api/schemas";
import { expectNoTraces, missingFrom } from "./data-files";
import { createServer } from "node:net";
import { once } from "node:events";
import { createBoard, startServer } from "./helpers";
import { PEOPLE, startProvider, type TestProvider } from "./oidc-provider";

/**
 * Sign-in with a real OpenID Connect provider (oidc-provider) in front of a real Samla server:
 * the browser's part (redirects, cookies, the provider's form) is played over HTTP with a cookie
 * jar per site, as a browser keeps them.
 */
class Jar {
  private readonly cookies = new Map<string, string>();
  /** The Set-Cookie line each cookie came with last, attributes and all. */
  readonly lines = new Map<string, string>();
  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      this.lines.set(name, line);
      if (attributes.some((a) => a.trim().toLowerCase() === "max-age=0")) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(eq + 1).trim());
    }
  }
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
  get(name: string): string | undefined {
    return this.cookies.get(name);
  }
}

/** One person's browser: a jar for Samla and one for the provider. */
class Browser {
  readonly samla = new Jar();
  readonly provider = new Jar();
  constructor(readonly origin: string) {}

  /** A request from Samla's own page: its cookies and its Origin. */
  async call<T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: T }> {
    const res = await fetch(`${this.origin}${path}`, {
      method,
      redirect: "manual",
      headers: { Cookie: this.samla.header(), Origin: this.origin, ...(body === undefined ? {} : { "Content-Type": "application/json" }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    this.samla.take(res);
    const text = await res.text();
    return { status: res.status, body: (text && res.headers.get("content-type")?.includes("json") ? JSON.parse(text) : text) as T };
  }

  /** A top-level navigation, following redirects across both sites; answers the last response. */
  async navigate(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<{ res: Response; url: string }> {
    let next: { url: string; method: string; body?: string } = { url, method: init.method ?? "GET", body: init.form && new URLSearchParams(init.form).toString() };
    for (let hops = 0; hops < 20; hops++) {
      const jar = next.url.startsWith(this.origin) ? this.samla : this.provider;
      const res = await fetch(next.url, {
        method: next.method,
        redirect: "manual",
        headers: { Cookie: jar.header(), ...(next.body ? { "Content-Type": "application/x-www-form-urlencoded" } : {}) },
        body: next.body,
      });
      jar.take(res);
      const location = res.headers.get("location");
      if (res.status < 300 || res.status >= 400 || !location) return { res, url: next.url };
      await res.body?.cancel();
      next = { url: new URL(location, next.url).href, method: "GET" };
    }
    throw new Error("too many redirects");
  }

  /** Signs in at the provider as `login`; answers where Samla sent the browser in the end. */
  async signIn(login: string, returnTo = "/"): Promise<{ status: number; url: string; location: string | null; text: string }> {
    const form = await this.navigate(`${this.origin}/auth/login?returnTo=${encodeURIComponent(returnTo)}`);
    assert.match(form.url, /\/interaction\//, "the provider shows its sign-in form");
    await form.res.text();
    const done = await this.navigateUntilSamla(form.url, { login });
    return done;
  }

  /** Posts the provider's form and follows redirects, stopping at Samla's answer to the callback. */
  async navigateUntilSamla(formUrl: string, form: Record<string, string>) {
    let next: { url: string; method: string; body?: string } = { url: formUrl, method: "POST", body: new URLSearchParams(form).toString() };
    for (let hops = 0; hops < 20; hops++) {
      const samla = next.url.startsWith(this.origin);
      const jar = samla ? this.samla : this.provider;
      const res = await fetch(next.url, { method: next.method, redirect: "manual", headers: { Cookie: jar.header(), ...(next.body ? { "Content-Type": "application/x-www-form-urlencoded" } : {}) }, body: next.body });
      jar.take(res);
      const location = res.headers.get("location");
      if (samla) return { status: res.status, url: next.url, location, text: await res.text() };
      await res.body?.cancel();
      assert.ok(location, `the provider answered ${res.status} without a redirect`);
      next = { url: new URL(location, next.url).href, method: "GET" };
    }
    throw new Error("too many redirects");
  }
}

describe("OIDC sign-in", () => {
  let provider: TestProvider;
  let server: Awaited<ReturnType<typeof startServer>>;
  let origin: string;

  before(async () => {
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    provider = await startProvider([`${origin}/auth/callback`]);
    server = await startServer({ port, oidc: { issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret } });
  });
  after(async () => {
    await server.close();
    await provider.close();
  });

  const newBoard = (browser: Browser, title: string) => browser.call<CreateBoardResponse>("POST", "/api/boards", { title });

  test("creating a board is refused without sign-in, and /api/me says sign-in is wanted", async () => {
    const stranger = new Browser(origin);
    assert.deepEqual((await stranger.call("POST", "/api/boards", { title: "Utan konto" })).body, { error: "sign_in_required", message: "sign in to create a board" });
    assert.equal((await stranger.call("POST", "/api/boards", { title: "Utan konto" })).status, 401);
    assert.deepEqual((await stranger.call<MeResponse>("GET", "/api/me")).body, { signInRequired: true, user: null });
    assert.equal((await stranger.call("GET", "/api/my-boards")).status, 401);
  });

  test("signing in sets an HttpOnly session cookie, and /api/me answers who", async () => {
    const alice = new Browser(origin);
    const login = await fetch(`${origin}/auth/login?returnTo=/b/abcdefgh12345678`, { redirect: "manual" });
    const authorize = new URL(login.headers.get("location")!);
    assert.equal(authorize.origin, provider.issuer);
    assert.equal(authorize.searchParams.get("code_challenge_method"), "S256");
    for (const name of ["code_challenge", "state", "nonce"]) assert.ok((authorize.searchParams.get(name) ?? "").length >= 32, name);
    assert.equal(authorize.searchParams.get("redirect_uri"), `${origin}/auth/callback`);
    assert.match(login.headers.getSetCookie().join("\n"), /samla_login=[^;]+; Path=\/auth\/; HttpOnly; SameSite=Lax; Max-Age=600/);

    const done = await alice.signIn("alice", "/b/abcdefgh12345678");
    assert.equal(done.status, 302);
    assert.equal(done.location, "/b/abcdefgh12345678", "back where the sign-in started");
    const session = alice.samla.get("samla_user");
    assert.ok(session && Buffer.from(session, "base64url").length >= 32, "at least 256 random bits");
    const me = await alice.call<MeResponse>("GET", "/api/me");
    assert.deepEqual(me.body, { signInRequired: true, user: { id: me.body.user!.id, name: PEOPLE.alice.name, email: PEOPLE.alice.email } });

    // A control character in what the provider sends is dropped, not stored (nor a 500 on PostgreSQL).
    const nils = new Browser(origin);
    await nils.signIn("nils");
    const nilsMe = await nils.call<MeResponse>("GET", "/api/me");
    assert.deepEqual(nilsMe.body.user && { name: nilsMe.body.user.name, email: nilsMe.body.user.email }, { name: "Nils Nilsson", email: "nils@vard.example" });
  });

  test("the session cookie is HttpOnly, SameSite, and only its hash is stored", async () => {
    const alice = new Browser(origin);
    await alice.signIn("alice");
    const line = alice.samla.lines.get("samla_user")!;
    assert.match(line, /^samla_user=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=2592000$/);
    const token = alice.samla.get("samla_user")!;
    assert.deepEqual(await missingFrom(server.dataDir, [token]), [token], "the cookie's value is in no file");
    assert.equal(alice.samla.get("samla_login"), undefined, "the login's cookie is gone once used");
  });

  test("a forged state, a callback without a login in progress, and the provider's no are refused with a page, no stack", async () => {
    const mallory = new Browser(origin);
    const form = await mallory.navigate(`${origin}/auth/login`);
    await form.res.text();
    const forged = await mallory.call<string>("GET", "/auth/callback?code=abc&state=forged-state-value");
    assert.equal(forged.status, 400);
    assert.match(forged.body, /Inloggningen misslyckades/);
    assert.doesNotMatch(forged.body, /at .*\.ts|Error:/);
    assert.equal(mallory.samla.get("samla_user"), undefined);

    const noLogin = await new Browser(origin).call<string>("GET", "/auth/callback?code=abc&state=xyz");
    assert.equal(noLogin.status, 400);
    assert.match(noLogin.body, /tog för lång tid/);

    // The person says no at the provider: the provider sends an error back, Samla shows its page.
    const second = await mallory.navigate(`${origin}/auth/login`);
    await second.res.text();
    const refused = await mallory.navigateUntilSamla(second.url, { login: "nobody", cancel: "1" });
    assert.equal(refused.status, 400);
    assert.match(refused.text, /Inloggningen kunde inte slutföras/);
    assert.equal(mallory.samla.get("samla_user"), undefined);
  });

  test("returnTo never leads to another site", async () => {
    for (const returnTo of ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)"]) {
      const done = await new Browser(origin).signIn("alice", returnTo);
      assert.equal(done.location, "/", returnTo);
    }
  });

  test("a board made signed in is Alice's alone; handed over to Bob, Bob owns it and opens it without a link (HTTP and websocket), Alice stays as co-facilitator; the audit names Alice", async () => {
    const alice = new Browser(origin);
    const bob = new Browser(origin);
    await alice.signIn("alice");
    await bob.signIn("bob");
    const created = await newBoard(alice, "Arbetsmöte signerat");
    assert.equal(created.status, 201);
    const board = created.body;

    const mine = (who: Browser) => who.call<MyBoardsResponse>("GET", "/api/my-boards").then((r) => r.body.boards);
    const aliceBoards = await mine(alice);
    assert.deepEqual(aliceBoards.map((b) => [b.id, b.title, b.role]), [[board.id, "Arbetsmöte signerat", "owner"]]);
    assert.ok(Date.parse(aliceBoards[0].deleteAfter) > Date.now() + 80 * 24 * 3600 * 1000, "deleted after 90 days unused");
    assert.deepEqual(await mine(bob), []);
    // Without a link Bob has nothing on it; Alice, signed in, is its facilitator.
    assert.equal((await bob.call("GET", `/api/boards/${board.id}/session`)).status, 401);
    assert.equal((await alice.call<{ role: string }>("GET", `/api/boards/${board.id}/session`)).body.role, "facilitator");
    assert.equal(await upgradeStatus(alice, board.id), 101);
    assert.equal(await upgradeStatus(bob, board.id), 401);

    // Only the owner hands over, and only to someone who has signed in once.
    assert.equal((await bob.call("POST", `/api/boards/${board.id}/handover`, { email: PEOPLE.bob.email })).status, 401, "Bob is not on the board");
    const unknown = await alice.call<{ error: string }>("POST", `/api/boards/${board.id}/handover`, { email: "ingen@vard.example" });
    assert.deepEqual([unknown.status, unknown.body.error], [404, "user_not_found"]);
    const handed = await alice.call<FacilitatorsResponse>("POST", `/api/boards/${board.id}/handover`, { email: PEOPLE.bob.email.toUpperCase() });
    assert.equal(handed.status, 200);
    assert.deepEqual(handed.body.facilitators.map((f) => [f.name, f.role]), [[PEOPLE.bob.name, "owner"], [PEOPLE.alice.name, "co"]]);

    assert.deepEqual((await mine(bob)).map((b) => [b.id, b.role]), [[board.id, "owner"]]);
    assert.deepEqual((await mine(alice)).map((b) => [b.id, b.role]), [[board.id, "co"]]);
    const bobSession = await bob.call<{ role: string; links?: unknown }>("GET", `/api/boards/${board.id}/session`);
    assert.equal(bobSession.body.role, "facilitator");
    assert.ok(bobSession.body.links, "a facilitator gets the share links");
    assert.equal(await upgradeStatus(bob, board.id), 101);
    // From another site the account counts for nothing: not on the socket, not for a change.
    assert.equal(await upgradeStatus(bob, board.id, "http://evil.example"), 401);
    assert.equal((await bob.call("PATCH", `/api/boards/${board.id}`, { retentionDays: 30 }, { Origin: "http://evil.example" })).status, 403);
    assert.equal((await bob.call("POST", `/api/boards/${board.id}/facilitators`, { email: PEOPLE.alice.email }, { Origin: "http://evil.example" })).status, 403);

    // Alice, now co, cannot hand over, nor remove the owner; she may leave.
    assert.equal((await alice.call("POST", `/api/boards/${board.id}/handover`, { email: PEOPLE.alice.email })).status, 403);
    const bobId = handed.body.facilitators[0].id;
    assert.equal((await alice.call("DELETE", `/api/boards/${board.id}/facilitators/${bobId}`)).status, 409);

    const audit = await alice.call<AuditResponse>("GET", `/api/boards/${board.id}/audit`);
    assert.deepEqual(audit.body.entries.map((e) => [e.action, e.role, e.by, e.detail]), [["board.handover", "facilitator", PEOPLE.alice.name, ""]]);

    // A link works as before, beside the accounts.
    assert.equal((await fetch(`${origin}/api/boards/${board.id}/session`, { headers: { Authorization: `Bearer ${board.memberToken}` } })).status, 200);
  });

  test("co-facilitators are added by e-mail, listed, and removed; the audit says who did it and nothing of whom", async () => {
    const alice = new Browser(origin);
    const bob = new Browser(origin);
    await alice.signIn("alice");
    await bob.signIn("bob");
    const board = (await newBoard(alice, "Med kollega")).body;
    const added = await alice.call<FacilitatorsResponse>("POST", `/api/boards/${board.id}/facilitators`, { email: PEOPLE.bob.email });
    assert.deepEqual(added.body.facilitators.map((f) => [f.email, f.role]), [[PEOPLE.alice.email, "owner"], [PEOPLE.bob.email, "co"]]);
    assert.equal((await alice.call("POST", `/api/boards/${board.id}/facilitators`, { email: "inte-en-adress" })).status, 400);
    // (Bob owns the board handed to him in the test before: this one is among his boards as co.)
    assert.deepEqual((await bob.call<MyBoardsResponse>("GET", "/api/my-boards")).body.boards.find((b) => b.id === board.id)?.role, "co");
    const bobId = added.body.facilitators[1].id;
    // Bob has the board open by his account: taking him off closes it at once (4401), Alice's stays.
    const bobsSocket = await openSocket(bob, board.id);
    const alicesSocket = await openSocket(alice, board.id);
    const removed = await bob.call<FacilitatorsResponse>("DELETE", `/api/boards/${board.id}/facilitators/${bobId}`);
    assert.equal(await bobsSocket.closed, 4401);
    assert.equal(alicesSocket.ws.readyState, WebSocket.OPEN);
    alicesSocket.ws.close();
    assert.deepEqual(removed.body.facilitators.map((f) => f.role), ["owner"]);
    assert.equal((await bob.call("GET", `/api/boards/${board.id}/session`)).status, 401);
    const audit = (await alice.call<AuditResponse>("GET", `/api/boards/${board.id}/audit`)).body.entries;
    assert.deepEqual(audit.map((e) => [e.action, e.by]), [["facilitator.remove", PEOPLE.bob.name], ["facilitator.add", PEOPLE.alice.name]]);
    assert.equal(JSON.stringify(audit).includes(PEOPLE.bob.email), false);
  });

  test("signing out ends the session: the cookie no longer signs anyone in", async () => {
    const alice = new Browser(origin);
    await alice.signIn("alice");
    const cookie = alice.samla.header();
    assert.equal((await alice.call("POST", "/auth/logout", undefined, { Origin: "http://evil.example" })).status, 403, "not from another site");
    assert.equal((await alice.call("POST", "/auth/logout")).status, 204);
    assert.equal(alice.samla.get("samla_user"), undefined, "the cookie is cleared");
    const replayed = await fetch(`${origin}/api/me`, { headers: { Cookie: cookie } });
    assert.equal(((await replayed.json()) as MeResponse).user, null);
  });

  test("deleting the account removes the user and their sessions; once their board is deleted too, no file holds their name or e-mail", async () => {
    const port = await freePort();
    const own = `http://127.0.0.1:${port}`;
    const idp = await startProvider([`${own}/auth/callback`]);
    const samla = await startServer({ port, oidc: { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret } });
    try {
      const alice = new Browser(own);
      const bob = new Browser(own);
      await alice.signIn("alice");
      await bob.signIn("bob");
      const board = (await alice.call<CreateBoardResponse>("POST", "/api/boards", { title: "Raderas" })).body;
      const kept = (await alice.call<CreateBoardResponse>("POST", "/api/boards", { title: "Blir kvar" })).body;
      await alice.call("POST", `/api/boards/${kept.id}/facilitators`, { email: PEOPLE.bob.email });
      const cookie = alice.samla.header();
      assert.equal((await alice.call("DELETE", "/api/me", undefined, { Origin: "http://evil.example" })).status, 403);
      assert.equal((await alice.call("DELETE", "/api/me")).status, 204);
      assert.equal(((await (await fetch(`${own}/api/me`, { headers: { Cookie: cookie } })).json()) as MeResponse).user, null, "her sessions are gone");
      // Her board stays, by its link; the one Bob was on passes to him.
      assert.equal((await fetch(`${own}/api/boards/${board.id}/session`, { headers: { Authorization: `Bearer ${board.facilitatorToken}` } })).status, 200);
      assert.deepEqual((await bob.call<MyBoardsResponse>("GET", "/api/my-boards")).body.boards.map((b) => [b.id, b.role]), [[kept.id, "owner"]]);
      const audit = (await bob.call<AuditResponse>("GET", `/api/boards/${kept.id}/audit`)).body.entries;
      assert.deepEqual(audit.map((e) => [e.action, e.by]), [["facilitator.add", undefined]], "her name left the log");
      assert.equal((await fetch(`${own}/api/boards/${board.id}`, { method: "DELETE", headers: { Authorization: `Bearer ${board.facilitatorToken}` } })).status, 204);
      await expectNoTraces(samla.dataDir, [PEOPLE.alice.email, PEOPLE.alice.name], "after her account and board were deleted");
      assert.deepEqual(await missingFrom(samla.dataDir, [PEOPLE.bob.email]), [], "Bob, still here, is still in the file (the search finds what is there)");
    } finally {
      await samla.close();
      await idp.close();
    }
  });
});

describe("accounts nobody uses", () => {
  test("someone who has not signed in for as long as an unused board is kept is deleted by the hourly sweep; someone more recent stays", async () => {
    let now = Date.now();
    const port = await freePort();
    const own = `http://127.0.0.1:${port}`;
    const idp = await startProvider([`${own}/auth/callback`]);
    const samla = await startServer({ port, now: () => now, retentionDays: 90, oidc: { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret } });
    try {
      const alice = new Browser(own);
      await alice.signIn("alice");
      const aliceId = (await alice.call<MeResponse>("GET", "/api/me")).body.user!.id;
      now += 60 * DAY;
      const bob = new Browser(own);
      await bob.signIn("bob");
      const bobId = (await bob.call<MeResponse>("GET", "/api/me")).body.user!.id;
      now += 29 * DAY;
      await samla.sweepRetention();
      assert.ok(await samla.storage.getUser(aliceId), "89 days: Alice stays");
      now += 2 * DAY;
      await samla.sweepRetention();
      assert.equal(await samla.storage.getUser(aliceId), null, "91 days without signing in: Alice is deleted");
      assert.ok(await samla.storage.getUser(bobId), "Bob signed in 31 days ago and stays");
      await expectNoTraces(samla.dataDir, [PEOPLE.alice.email], "an account deleted for disuse");
    } finally {
      await samla.close();
      await idp.close();
    }
  });
});

describe("a board nobody has by account", () => {
  test("is adopted by the signed-in facilitator (with its link) who first adds someone, themselves included; until then nobody may add by account alone", async () => {
    const port = await freePort();
    const own = `http://127.0.0.1:${port}`;
    const idp = await startProvider([`${own}/auth/callback`]);
    const samla = await startServer({ port, oidc: { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret } });
    try {
      const alice = new Browser(own);
      const bob = new Browser(own);
      await alice.signIn("alice");
      await bob.signIn("bob");
      // Alice's board loses its only account holder when she deletes hers: only its links remain.
      const board = (await alice.call<CreateBoardResponse>("POST", "/api/boards", { title: "Utan ägare" })).body;
      assert.equal((await alice.call("DELETE", "/api/me")).status, 204);
      const asLinkHolder = { Authorization: `Bearer ${board.facilitatorToken}` };
      const listed = await bob.call<FacilitatorsResponse>("GET", `/api/boards/${board.id}/facilitators`, undefined, asLinkHolder);
      assert.deepEqual(listed.body.facilitators, []);
      // Signed in without the link, Bob has nothing on it; with it, he adds himself and owns it.
      assert.equal((await bob.call("POST", `/api/boards/${board.id}/facilitators`, { email: PEOPLE.bob.email })).status, 401);
      const adopted = await bob.call<FacilitatorsResponse>("POST", `/api/boards/${board.id}/facilitators`, { email: PEOPLE.bob.email }, asLinkHolder);
      assert.equal(adopted.status, 200);
      assert.deepEqual(adopted.body.facilitators.map((f) => [f.email, f.role]), [[PEOPLE.bob.email, "owner"]]);
      assert.deepEqual((await bob.call<MyBoardsResponse>("GET", "/api/my-boards")).body.boards.map((b) => [b.id, b.role]), [[board.id, "owner"]]);
      // Owned now: a second link holder signed in is no owner or co, and may not add.
      const carl = new Browser(own);
      await carl.signIn("alice");
      assert.equal((await carl.call("POST", `/api/boards/${board.id}/facilitators`, { email: PEOPLE.alice.email }, asLinkHolder)).status, 403);
    } finally {
      await samla.close();
      await idp.close();
    }
  });
});

describe("without the OIDC variables", () => {
  test("boards are created as before, and /api/me says no sign-in", async (t) => {
    const server = await startServer();
    t.after(() => server.close());
    assert.ok((await createBoard(server.http, "Öppen")).id);
    assert.deepEqual(await (await fetch(`${server.http}/api/me`)).json(), { signInRequired: false, user: null });
    assert.equal((await fetch(`${server.http}/auth/login`, { redirect: "manual" })).status, 404);
  });
});

/** The HTTP status of a websocket upgrade to the board with the browser's cookies, from `origin` (ours by default). */
function upgradeStatus(browser: Browser, boardId: string, origin = browser.origin): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${browser.origin.replace("http", "ws")}/yjs/${boardId}`, { headers: { Cookie: browser.samla.header(), Origin: origin } });
    ws.once("open", () => {
      ws.close();
      resolve(101);
    });
    ws.once("unexpected-response", (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once("error", reject);
  });
}

const DAY = 24 * 60 * 60 * 1000;

/** A board's websocket opened by the browser's account (no link); `closed` settles with the close code. */
async function openSocket(browser: Browser, boardId: string): Promise<{ ws: WebSocket; closed: Promise<number> }> {
  const ws = new WebSocket(`${browser.origin.replace("http", "ws")}/yjs/${boardId}`, { headers: { Cookie: browser.samla.header(), Origin: browser.origin } });
  const closed = new Promise<number>((resolve) => ws.once("close", (code) => resolve(code)));
  await once(ws, "open");
  return { ws, closed };
}

/** A port nothing listens on now: the provider must know Samla's callback before Samla starts. */
async function freePort(): Promise<number> {
  const probe = createServer().listen(0, "127.0.0.1");
  await once(probe, "listening");
  const { port } = probe.address() as { port: number };
  probe.close();
  await once(probe, "close");
  return port;
}
