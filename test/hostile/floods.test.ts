import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type WebSocket from "ws";
import { createNote } from "../../lib/board/actions";
import { SERVER_LIMITS } from "../../lib/schema/limits";
import { notesOf } from "../../lib/schema/board";
import { createBoard, startServer, waitForDoc } from "../integration/helpers";
import { RawPeer, channelUrl, upgrade } from "./support/raw-peer";
import { presenceFrame, queryPresence } from "./support/wire";
import { openWorkshop, type Workshop } from "./support/workshop";

/**
 * Issue, attack 5: no per-connection message or byte rate, 600 sockets from one address. A flood
 * closes only the flooder (1008, which the stock client comes back from after its backoff) and the
 * room goes on; one address gets so many websockets and no more (HTTP 429 at the upgrade).
 */
describe("floods on one connection", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let w: Workshop;
  let written = 0;

  async function roomStillSyncs(): Promise<void> {
    const id = `still-${++written}`;
    createNote(w.member.doc, { id, x: written * 200, y: 0, text: `Efter floden ${written}`, now: written }, "page");
    await waitForDoc(w.facilitator.doc, () => notesOf(w.facilitator.doc).has(id), 5_000, `note ${id}`);
    for (const b of w.browsers()) assert.deepEqual(b.closeCodes, [], `${b.name} was not closed`);
  }

  before(async () => {
    server = await startServer();
    w = await openWorkshop(server);
  });
  after(async () => {
    w?.close();
    await server?.close();
  });

  test(`more than ${SERVER_LIMITS.messagesPerSecond * 3} messages at once close the sender with 1008, nobody else`, async () => {
    const flooder = await RawPeer.open(server.ws, w.board.id, w.board.viewerToken);
    for (let i = 0; i < SERVER_LIMITS.messagesPerSecond * 5; i++) flooder.send(queryPresence());
    assert.equal(await flooder.closeCodeWithin(), 1008);
    await roomStillSyncs();
  });

  test("presence goes back free only as often as it was heard: a presence flood closes the sender with 1008", async () => {
    const flooder = await RawPeer.open(server.ws, w.board.id, w.board.viewerToken);
    await flooder.sync();
    const echo = presenceFrame([{ client: 7_654_321, clock: 1, json: "{}" }]);
    for (let i = 0; i < SERVER_LIMITS.messagesPerSecond * 5; i++) flooder.send(echo);
    assert.equal(await flooder.closeCodeWithin(), 1008);
    await roomStillSyncs();
  });

  test("presence that answers each of the server's answers to it is a flood: 1008", async () => {
    // On the session channel the server answers every presence message with an empty one (the
    // stock client needs to hear something). Answering those at once, two in flight, must not
    // pass as echoes. (On the board channel the same loop dies by itself: a connection's own
    // presence past 30 a second is dropped unanswered.)
    const flooder = await RawPeer.open(server.ws, w.board.id, w.board.viewerToken, "session");
    await flooder.sync();
    let clock = 0;
    const next = () => presenceFrame([{ client: 7_700_001, clock: ++clock, json: "{}" }]);
    flooder.ws.on("message", () => flooder.send(next()));
    flooder.send(next());
    flooder.send(next());
    assert.equal(await flooder.closeCodeWithin(15_000), 1008, "answers to itself earn no echo credit");
    await roomStillSyncs();
  });

  test("more than 4 MB at once (1 MB a second) close the sender with 1008, nobody else", async () => {
    const flooder = await RawPeer.open(server.ws, w.board.id, w.board.viewerToken);
    // Presence states far over 4 KB: each is dropped, but each costs its bytes.
    const heavy = presenceFrame([{ client: 123456, clock: 1, json: JSON.stringify({ pad: "x".repeat(900 * 1024) }) }]);
    for (let i = 0; i < 6; i++) flooder.send(heavy);
    assert.equal(await flooder.closeCodeWithin(), 1008);
    await roomStillSyncs();
  });

  test("a flooder that comes back is served again (1008 is no ban)", async () => {
    const back = await RawPeer.open(server.ws, w.board.id, w.board.viewerToken);
    await back.sync();
    assert.ok(back.open);
    back.close();
  });
});

describe("websockets per address", () => {
  test(`one address gets ${SERVER_LIMITS.websocketsPerAddress} websockets, the next upgrade answers 429 with Retry-After`, async (t) => {
    const server = await startServer();
    const sockets: WebSocket[] = [];
    t.after(async () => {
      for (const ws of sockets) ws.terminate();
      await server.close();
    });
    const board = await createBoard(server.http);
    const url = channelUrl(server.ws, board.id, "board", board.viewerToken);
    for (let opened = 0; opened < SERVER_LIMITS.websocketsPerAddress; opened += 50) {
      const batch = await Promise.all(Array.from({ length: 50 }, () => upgrade(url)));
      for (const answer of batch) {
        assert.ok(answer.ok, `upgrade ${opened}: ${answer.ok ? "" : answer.status}`);
        if (answer.ok) sockets.push(answer.ws);
      }
    }
    const refused = await upgrade(url);
    assert.equal(refused.ok, false);
    if (!refused.ok) {
      assert.equal(refused.status, 429);
      assert.ok(Number(refused.retryAfter) >= 1, `Retry-After: ${refused.retryAfter}`);
    }
    const sessionRefused = await upgrade(channelUrl(server.ws, board.id, "session", board.viewerToken));
    assert.equal(sessionRefused.ok ? 101 : sessionRefused.status, 429, "the session channel counts too");
    // One closes, one more may open (once the server has seen it close too).
    const last = sockets.pop()!;
    await new Promise((resolve) => {
      last.once("close", resolve);
      last.close();
    });
    let again = await upgrade(url);
    for (const deadline = Date.now() + 10_000; !again.ok && Date.now() < deadline; ) again = await upgrade(url);
    assert.ok(again.ok, "a socket closed makes room for one");
    if (again.ok) sockets.push(again.ws);
  });

  test("behind a trusted proxy each client address counts; without one, X-Forwarded-For is ignored", async (t) => {
    const limits = { websocketsPerAddress: 3 };
    const trusting = await startServer({ limits, trustedProxies: ["127.0.0.1"] });
    const plain = await startServer({ limits });
    const sockets: WebSocket[] = [];
    t.after(async () => {
      for (const ws of sockets) ws.terminate();
      await trusting.close();
      await plain.close();
    });
    const open = async (server: typeof plain, boardId: string, token: string, forwardedFor: string) => {
      const answer = await upgrade(channelUrl(server.ws, boardId, "board", token), { "X-Forwarded-For": forwardedFor });
      if (answer.ok) sockets.push(answer.ws);
      return answer.ok ? 101 : answer.status;
    };
    const a = await createBoard(trusting.http);
    for (let i = 0; i < 3; i++) assert.equal(await open(trusting, a.id, a.viewerToken, "198.51.100.7"), 101);
    assert.equal(await open(trusting, a.id, a.viewerToken, "198.51.100.7"), 429, "the fourth from one phone behind the proxy");
    assert.equal(await open(trusting, a.id, a.viewerToken, "203.0.113.9, 198.51.100.7"), 429, "a forged hop left of the proxy's changes nothing");
    assert.equal(await open(trusting, a.id, a.viewerToken, "198.51.100.8"), 101, "another phone behind the same proxy");

    const b = await createBoard(plain.http);
    for (let i = 0; i < 3; i++) assert.equal(await open(plain, b.id, b.viewerToken, `192.0.2.${i + 1}`), 101);
    assert.equal(await open(plain, b.id, b.viewerToken, "192.0.2.99"), 429, "a forged header from the peer itself counts as the peer");
  });
});
