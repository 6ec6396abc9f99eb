import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { BoardLinks, CreateBoardResponse, RenewLinkResponse } from "../../lib/api/schemas";
import { createNote } from "../../lib/board/actions";
import { notesOf } from "../../lib/schema/board";
import { LINK_KINDS, type LinkKind } from "../../lib/roles";
import { connectClient, createBoard, rawSocket, startServer, waitFor, waitForDoc, whenSynced } from "./helpers";
import { boardWithPhones, call, myView, openEvents } from "./participation-helpers";
import { filesUnder } from "./data-files";

type Server = Awaited<ReturnType<typeof startServer>>;
type Client = ReturnType<typeof connectClient>;

/** The token after `#token=` in a share link. */
function tokenOf(link: string): string {
  return decodeURIComponent(link.slice(link.indexOf("#token=") + "#token=".length));
}

function tokensOf(board: CreateBoardResponse): Record<LinkKind, string> {
  return { facilitator: board.facilitatorToken, member: board.memberToken, viewer: board.viewerToken, projector: board.projectorToken };
}

const ROLE_OF: Record<LinkKind, string> = { facilitator: "facilitator", member: "member", viewer: "viewer", projector: "viewer" };

/** The cookie a browser holds after trading `token` on the board page. */
async function tradeForCookie(server: Server, boardId: string, token: string): Promise<string> {
  const res = await call(server.http, "POST", `/api/boards/${boardId}/session`, { body: { token } });
  assert.equal(res.status, 200);
  return res.headers.get("set-cookie")!.split(";")[0];
}

function renew(server: Server, boardId: string, kind: string, token: string, headers: Record<string, string> = {}) {
  return call<RenewLinkResponse>(server.http, "POST", `/api/boards/${boardId}/links/${kind}/renew`, { token, headers });
}

/** Everything a link's token is good for, each answering whether it worked. */
function uses(server: Server, boardId: string) {
  return {
    sessionTrade: async (token: string) => (await call(server.http, "POST", `/api/boards/${boardId}/session`, { body: { token } })).status,
    bearerApi: async (token: string) => (await call(server.http, "GET", `/api/boards/${boardId}`, { token })).status,
    cookie: async (cookie: string) => (await call(server.http, "GET", `/api/boards/${boardId}/session`, { headers: { Cookie: cookie } })).status,
    websocket: async (token: string) => {
      try {
        const ws = await rawSocket(`${server.ws}/${boardId}?token=${encodeURIComponent(token)}`);
        ws.close();
        return 101;
      } catch (error) {
        return Number(/HTTP (\d+)/.exec(String(error))?.[1] ?? 0);
      }
    },
  };
}

/** A stock client on one link, remembering the codes its connections were closed with. */
async function clientOn(server: Server, boardId: string, token: string, t: { after: (fn: () => void) => void }) {
  const client: Client = connectClient(server.ws, boardId, token);
  const closedWith: number[] = [];
  client.provider.on("connection-close", (event) => {
    if (event) closedWith.push(event.code);
  });
  t.after(() => client.destroy());
  await whenSynced(client.provider);
  return { ...client, closedWith };
}

describe("renewing a link", () => {
  let server: Server;
  before(async () => {
    server = await startServer();
  });
  after(() => server?.close());

  for (const kind of LINK_KINDS) {
    test(`renewing the ${kind} link stops its old token everywhere, closes its websockets with 4401 and leaves the other links alone`, async (t) => {
      const board = await createBoard(server.http);
      const before = tokensOf(board);
      const use = uses(server, board.id);
      const cookies = Object.fromEntries(await Promise.all(LINK_KINDS.map(async (k) => [k, await tradeForCookie(server, board.id, before[k])]))) as Record<LinkKind, string>;
      const clients = Object.fromEntries(await Promise.all(LINK_KINDS.map(async (k) => [k, await clientOn(server, board.id, before[k], t)]))) as Record<
        LinkKind,
        Awaited<ReturnType<typeof clientOn>>
      >;

      const answer = await renew(server, board.id, kind, board.facilitatorToken);
      assert.equal(answer.status, 200);
      const links: BoardLinks = answer.body.links;
      const after = Object.fromEntries(LINK_KINDS.map((k) => [k, tokenOf(links[k])])) as Record<LinkKind, string>;
      assert.notEqual(after[kind], before[kind], "a new token for the renewed link");
      for (const other of LINK_KINDS.filter((k) => k !== kind)) assert.equal(after[other], before[other], `${other} keeps its token`);
      assert.match(links.projector, new RegExp(`^/b/${board.id}/screen#token=`));

      // The open websocket of that link is closed with 4401 and does not come back.
      await waitFor(() => clients[kind].closedWith.includes(4401), 5_000, "the renewed link's socket closed with 4401");
      assert.equal(clients[kind].provider.shouldConnect, false, "the stock client stops reconnecting");

      // The old token: refused by the session trade, the API, the websocket upgrade, and in a cookie.
      assert.equal(await use.sessionTrade(before[kind]), 401);
      assert.equal(await use.bearerApi(before[kind]), 401);
      assert.equal(await use.websocket(before[kind]), 401);
      assert.equal(await use.cookie(cookies[kind]), 401);

      // The other links work on, their sockets open: an edit from one reaches another.
      const others = LINK_KINDS.filter((k) => k !== kind);
      for (const other of others) {
        assert.equal(await use.sessionTrade(before[other]), 200, other);
        assert.equal(await use.bearerApi(before[other]), 200, other);
        assert.equal(await use.websocket(before[other]), 101, other);
        assert.equal(await use.cookie(cookies[other]), 200, other);
        assert.ok(clients[other].provider.wsconnected, `${other}'s socket stays open`);
        assert.deepEqual(clients[other].closedWith, [], `${other}'s socket was not closed`);
      }
      const writer = kind === "facilitator" ? clients.member : clients.facilitator;
      createNote(writer.doc, { id: `after-${kind}`, x: 10, y: 10, text: "efter förnyelsen", now: Date.now() }, "test");
      for (const other of others) {
        const reader = clients[other];
        await waitForDoc(reader.doc, () => notesOf(reader.doc).has(`after-${kind}`), 5_000, `${other} sees an edit made after the renewal`);
      }
      assert.equal(notesOf(clients[kind].doc).has(`after-${kind}`), false, "the cut-off client hears nothing more");

      // The new link works everywhere, with the same rights.
      assert.equal(await use.sessionTrade(after[kind]), 200);
      assert.equal(await use.websocket(after[kind]), 101);
      const info = await call<{ role: string }>(server.http, "GET", `/api/boards/${board.id}`, { token: after[kind] });
      assert.equal(info.body.role, ROLE_OF[kind]);
    });
  }

  test("the projector has its own token: it reads like a viewer's and is renewed apart from it", async () => {
    const board = await createBoard(server.http);
    assert.notEqual(board.projectorToken, board.viewerToken);
    const session = await call<{ role: string }>(server.http, "GET", `/api/boards/${board.id}/session`, { token: board.projectorToken });
    assert.equal(session.body.role, "viewer");
    assert.equal(board.links.projector, `/b/${board.id}/screen#token=${board.projectorToken}`);
    // The viewer's link on the projector page keeps working: links already handed out stay good.
    assert.equal((await call(server.http, "GET", `/api/boards/${board.id}/session`, { token: board.viewerToken })).status, 200);
  });

  test("the facilitator renewing their own link keeps working through the new cookie; the old cookie stops", async (t) => {
    const board = await createBoard(server.http);
    const oldCookie = await tradeForCookie(server, board.id, board.facilitatorToken);
    const socket = await clientOn(server, board.id, board.facilitatorToken, t);
    // As the board page does it: with the cookie, from our own origin.
    const answer = await renew(server, board.id, "facilitator", "", { Cookie: oldCookie, Origin: server.http });
    assert.equal(answer.status, 200);
    const setCookie = answer.headers.get("set-cookie") ?? "";
    assert.match(setCookie, new RegExp(`^samla_${board.id}=`));
    assert.match(setCookie, /HttpOnly/);
    const newCookie = setCookie.split(";")[0];
    assert.equal(decodeURIComponent(newCookie.split("=")[1]), tokenOf(answer.body.links.facilitator));

    const session = await call<{ role: string; links: BoardLinks }>(server.http, "GET", `/api/boards/${board.id}/session`, { headers: { Cookie: newCookie } });
    assert.equal(session.status, 200);
    assert.equal(session.body.role, "facilitator");
    assert.deepEqual(session.body.links, answer.body.links);
    assert.equal((await call(server.http, "GET", `/api/boards/${board.id}/session`, { headers: { Cookie: oldCookie } })).status, 401);
    await waitFor(() => socket.closedWith.includes(4401), 5_000, "the old facilitator socket closed");
    // Renewing another link does not touch the facilitator's cookie.
    const member = await renew(server, board.id, "member", "", { Cookie: newCookie, Origin: server.http });
    assert.equal(member.status, 200);
    assert.equal(member.headers.get("set-cookie"), null);
  });

  test("only a facilitator renews, from our own pages, and only the four kinds", async () => {
    const board = await createBoard(server.http);
    assert.equal((await renew(server, board.id, "member", board.memberToken)).status, 403);
    assert.equal((await renew(server, board.id, "member", board.projectorToken)).status, 403);
    assert.equal((await renew(server, board.id, "member", "")).status, 401);
    const cookie = await tradeForCookie(server, board.id, board.facilitatorToken);
    const crossSite = await renew(server, board.id, "member", "", { Cookie: cookie, Origin: "https://evil.example" });
    assert.equal(crossSite.status, 403);
    assert.equal(crossSite.body.error, "cross_origin");
    const unknown = await renew(server, board.id, "owner", board.facilitatorToken);
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error, "unknown_link");
    // Nothing was renewed by the refused calls.
    assert.equal((await call(server.http, "GET", `/api/boards/${board.id}`, { token: board.memberToken })).status, 200);
  });

  test("renewing the member link stops the identities members made, and their streams; phones that joined with the code go on", async () => {
    const board = await createBoard(server.http);
    const [phone] = await boardWithPhones(server.http, board, ["Anna"]);
    const made = await call<{ participantToken: string }>(server.http, "POST", `/api/boards/${board.id}/participants`, { token: board.memberToken, body: { name: "Kollega" } });
    assert.equal(made.status, 201);
    const memberIdentity = made.body.participantToken;
    const byFacilitator = await call<{ participantToken: string }>(server.http, "POST", `/api/boards/${board.id}/participants`, { token: board.facilitatorToken, body: {} });
    const facilitatorIdentity = byFacilitator.body.participantToken;
    await myView(server.http, board.id, memberIdentity);
    const memberStream = await openEvents(server.http, board.id, memberIdentity);
    const phoneStream = await openEvents(server.http, board.id, phone.participantToken);
    try {
      await memberStream.next(() => true);
      await phoneStream.next(() => true);

      assert.equal((await renew(server, board.id, "member", board.facilitatorToken)).status, 200);
      await memberStream.ended;
      const refused = await call(server.http, "GET", `/api/boards/${board.id}/me`, { token: memberIdentity });
      assert.equal(refused.status, 401);
      assert.equal(refused.body.error, "not_joined");

      // The phone hears the next change; the facilitator's own identity is untouched.
      assert.equal((await call(server.http, "PATCH", `/api/boards/${board.id}`, { token: board.facilitatorToken, body: { prompt: "Vad tar vi med oss?" } })).status, 200);
      await phoneStream.next((view) => view.prompt === "Vad tar vi med oss?");
      assert.equal((await myView(server.http, board.id, phone.participantToken)).participant.name, "Anna");
      assert.equal((await call(server.http, "GET", `/api/boards/${board.id}/me`, { token: facilitatorIdentity })).status, 200);

      // Renewing the facilitator link, in turn, stops the identity made through it; the phone still goes on.
      assert.equal((await renew(server, board.id, "facilitator", board.facilitatorToken)).status, 200);
      assert.equal((await call(server.http, "GET", `/api/boards/${board.id}/me`, { token: facilitatorIdentity })).status, 401);
      assert.equal((await call(server.http, "GET", `/api/boards/${board.id}/me`, { token: phone.participantToken })).status, 200);
    } finally {
      await memberStream.close();
      await phoneStream.close();
    }
  });

  test("a member who comes back with the new link gets a new identity, not the old one", async () => {
    const board = await createBoard(server.http);
    const first = await call<{ participantId: string; participantToken: string }>(server.http, "POST", `/api/boards/${board.id}/participants`, {
      token: board.memberToken,
      body: {},
    });
    const renewed = await renew(server, board.id, "member", board.facilitatorToken);
    const newMember = tokenOf(renewed.body.links.member);
    const cookie = `samla_p_${board.id}=${encodeURIComponent(first.body.participantToken)}`;
    const again = await call<{ participantId: string }>(server.http, "POST", `/api/boards/${board.id}/participants`, {
      token: newMember,
      body: {},
      headers: { Cookie: cookie, Origin: server.http },
    });
    assert.equal(again.status, 201);
    assert.notEqual(again.body.participantId, first.body.participantId);
  });

  test("the database holds no token, before or after a renewal", async () => {
    const board = await createBoard(server.http);
    const [phone] = await boardWithPhones(server.http, board, ["Anna"]);
    const renewed = await renew(server, board.id, "viewer", board.facilitatorToken);
    const tokens = [...Object.values(tokensOf(board)), ...LINK_KINDS.map((k) => tokenOf(renewed.body.links[k])), phone.participantToken.split(".")[1]];
    // Everything the store wrote: the SQLite file and its write-ahead log, or PostgreSQL's rows.
    const files = (await filesUnder(server.dataDir)).filter((file) => /^samla\.sqlite|^postgres:/.test(file.name)).map((file) => file.bytes.toString("latin1"));
    assert.ok(files.some((file) => file.includes(board.id)), "the search finds what the store holds");
    for (const token of tokens) for (const file of files) assert.equal(file.includes(token), false, "a token in the database");
  });
});
