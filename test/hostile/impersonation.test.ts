import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import * as Y from "yjs";
import { createNote } from "../../lib/board/actions";
import { createFrame, moveFrame } from "../../lib/board/frames";
import { notesOf } from "../../lib/schema/board";
import { framesOf, readFrame } from "../../lib/schema/frame";
import { readSession, sessionMapOf } from "../../lib/schema/session";
import { encodeHandUpdate } from "../../lib/testing/hand-made-updates";
import { startServer, waitFor, waitForDoc } from "../integration/helpers";
import { writeNote } from "../integration/participation-helpers";
import { updateAlone } from "./support/attack";
import { openBrowser } from "./support/browser";
import { knownOf, noteAt } from "./support/hostile-updates";
import { RawPeer } from "./support/raw-peer";
import { api, assertBoardWhole, openWorkshop, recordersCaughtUp, type Workshop } from "./support/workshop";

/**
 * Writing as someone else. Yjs keeps the first struct it sees for a (client, clock): whoever
 * writes at a colleague's next clocks first makes the colleague's own next writes vanish as
 * "already known". The server binds each Yjs client id to the writer that first wrote it; the
 * attacker here holds the member link (as a script, so its writer is the link) and the victims
 * are browsers with device cookies, as our pages are.
 */
describe("writing as someone else's Yjs client id", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let w: Workshop;
  let fresh = 7_000_000;

  const asMember = (update: Uint8Array) => updateAlone(server.ws, w.board.id, w.board.memberToken, "board", update);

  before(async () => {
    server = await startServer();
    w = await openWorkshop(server);
    createFrame(w.facilitator.doc, { id: "plan", kind: "columns", title: "Planering", x: 0, y: 0, now: 1 }, "page");
    createNote(w.member.doc, { id: "by-colleague", x: 2000, y: 0, text: "Kollegans lapp", now: 2 }, "page");
    await waitForDoc(w.facilitator.doc, () => notesOf(w.facilitator.doc).has("by-colleague"));
    await waitForDoc(w.member.doc, () => framesOf(w.member.doc).has("plan"));
  });
  after(async () => {
    w?.close();
    await server?.close();
  });

  test("new items at a colleague's next clock are refused with 4403, and the colleague's later notes arrive", async () => {
    const colleague = w.member.doc.clientID;
    const next = knownOf(w.facilitator.doc).get(colleague)!;
    assert.equal(await asMember(noteAt(colleague, next, "forged")), 4403, "as the colleague alone");
    const mixed = encodeHandUpdate({
      blocks: [
        { client: ++fresh, clock: 0, structs: [{ item: { parent: "notes", parentSub: "cover", content: { type: "map" } } }] },
        { client: colleague, clock: next, structs: [{ item: { parent: "notes", parentSub: "forged-2", content: { type: "map" } } }] },
      ],
    });
    assert.equal(await asMember(mixed), 4403, "hidden behind a fresh id of its own");
    createNote(w.member.doc, { id: "colleague-later", x: 2200, y: 0, text: "Skrivet efteråt", now: 3 }, "page");
    await waitForDoc(w.facilitator.doc, () => notesOf(w.facilitator.doc).get("colleague-later")?.get("text")?.toString() === "Skrivet efteråt", 5_000, "the colleague's later note");
    assert.equal(notesOf(w.facilitator.doc).has("forged") || notesOf(w.facilitator.doc).has("cover"), false);
  });

  test("every client id the attacker has been shown, the server's included, is refused with 4403, also after the server put a locked worksheet back", async () => {
    await api(server, "POST", `/api/boards/${w.board.id}/frames/plan/lock`, w.board.facilitatorToken, { locked: true });
    await waitForDoc(w.member.session, () => readSession(w.member.session).locks.plan === true);
    const before = readFrame("plan", framesOf(w.member.doc).get("plan")!);
    moveFrame(w.member.doc, "plan", before.x + 300, before.y, "page");
    await waitForDoc(w.member.doc, () => readFrame("plan", framesOf(w.member.doc).get("plan")!).x === before.x, 5_000, "the put-back");
    // The server writes the board again after the put-back (a phone's note), so every id it writes with is on show.
    await api(server, "POST", `/api/boards/${w.board.id}/frames/plan/lock`, w.board.facilitatorToken, { locked: false });
    await writeNote(server.http, w.board.id, w.phones[0].participantToken, "Från mobilen efteråt");
    createNote(w.member.doc, { id: "after-put-back", x: 2400, y: 0, text: "x", now: 4 }, "page");
    await recordersCaughtUp(w);
    // Every id that has written the board: the server's (one: the put-back runs in a transaction of
    // its own, so Yjs never gives the server's document a new id), the two browsers'; the phones'
    // notes are the server's.
    const known = knownOf(w.recorders[0].shadow);
    assert.ok(known.size >= 3, `ids on show: ${[...known.keys()]}`);
    for (const [client, next] of known) {
      assert.equal(await asMember(noteAt(client, next, `as-${client}`)), 4403, `writing as ${client} at its next clock ${next}`);
    }
  });

  test("a colleague who has not written yet keeps their client id: a member cannot claim it from their presence", async () => {
    const late = await openBrowser(server.http, server.ws, w.board.id, w.board.memberToken, "late colleague");
    try {
      late.provider.awareness.setLocalStateField("user", { name: "Eva", color: "#15803d" });
      const id = late.provider.awareness.clientID;
      const watcher = w.recorders[0];
      await watcher.until(() => watcher.presence.has(id), 5_000, "the newcomer's presence");
      assert.equal(await asMember(noteAt(id, 0, "claimed")), 4403, "writing as an id someone else announced");
      late.provider.awareness.setLocalStateField("cursor", { x: 10, y: 20 });
      await waitFor(() => JSON.stringify(w.facilitator.provider.awareness.getStates().get(id)?.cursor) === '{"x":10,"y":20}', 5_000, "the newcomer's cursor at the facilitator");
      createNote(late.doc, { id: "from-late", x: 2600, y: 0, text: "Eva skriver", now: 5 }, "page");
      await waitForDoc(w.facilitator.doc, () => notesOf(w.facilitator.doc).has("from-late"), 5_000, "the newcomer's note");
      assert.deepEqual(late.closeCodes, []);
    } finally {
      late.destroy();
    }
  });

  test("a colleague whose connection drops for a moment keeps their client id: a member cannot claim it in the gap", async () => {
    const blip = await openBrowser(server.http, server.ws, w.board.id, w.board.memberToken, "colleague on flaky wifi");
    try {
      blip.provider.awareness.setLocalStateField("user", { name: "Fia", color: "#7c3aed" });
      const id = blip.provider.awareness.clientID;
      const watcher = w.recorders[0];
      await watcher.until(() => watcher.presence.get(id)?.state != null, 5_000, "the colleague's presence");
      blip.provider.disconnect();
      // The server tells everyone the colleague left: that is the attacker's cue.
      await watcher.until(() => watcher.presence.get(id)?.state === null, 5_000, "the colleague leaving");
      assert.equal(await asMember(noteAt(id, 0, "claimed-in-gap")), 4403, "writing as the id of a colleague who just dropped off");
      blip.provider.connect();
      await waitFor(() => blip.provider.synced, 5_000, "the colleague back");
      blip.provider.awareness.setLocalStateField("cursor", { x: 30, y: 40 });
      await waitFor(() => JSON.stringify(w.facilitator.provider.awareness.getStates().get(id)?.cursor) === '{"x":30,"y":40}', 5_000, "the colleague's cursor after the reconnect");
    } finally {
      blip.destroy();
    }
  });

  test("a facilitator who presents before ever writing keeps presenting when a member writes as their presence id", async () => {
    const presenter = await openBrowser(server.http, server.ws, w.board.id, w.board.facilitatorToken, "presenter");
    try {
      const rect = (x: number) => ({ x, y: 0, width: 1280, height: 720 });
      presenter.provider.awareness.setLocalState({ user: { name: "Anna", color: "#b91c1c" }, cursor: null, editing: null, presenting: rect(0) });
      const id = presenter.provider.awareness.clientID;
      const followed = () => (w.member.provider.awareness.getStates().get(id) as { presenting?: { x: number } } | undefined)?.presenting?.x;
      await waitFor(() => followed() === 0, 5_000, "the presenter's area at a follower");
      assert.equal(await asMember(noteAt(id, 0, "claimed-presenter")), 4403, "writing as the presenter's id");
      presenter.provider.awareness.setLocalStateField("presenting", rect(640));
      await waitFor(() => followed() === 640, 5_000, "the presenter's next area at the follower");
    } finally {
      presenter.destroy();
    }
  });

  test("a viewer's document updates, and anyone's on the session channel, are dropped and change nothing", async () => {
    const viewer = await RawPeer.open(server.ws, w.board.id, w.board.viewerToken);
    const board = new Y.Doc();
    Y.applyUpdate(board, Y.encodeStateAsUpdate(w.facilitator.doc));
    const sv = Y.encodeStateVector(board);
    createNote(board, { id: "by-viewer", x: 0, y: 900, text: "Tittare skriver", now: 6 }, "x");
    assert.equal(await updateAlone(server.ws, w.board.id, w.board.viewerToken, "board", Y.encodeStateAsUpdate(board, sv)), "kept");
    viewer.close();

    const session = new Y.Doc();
    Y.applyUpdate(session, Y.encodeStateAsUpdate(w.member.session));
    const ssv = Y.encodeStateVector(session);
    sessionMapOf(session).set("privateWriting", true);
    sessionMapOf(session).set("voteCounts", { "by-colleague": 50 });
    sessionMapOf(session).set("locks", {});
    const forged = Y.encodeStateAsUpdate(session, ssv);
    for (const token of [w.board.facilitatorToken, w.board.memberToken, w.board.viewerToken]) {
      assert.equal(await updateAlone(server.ws, w.board.id, token, "session", forged), "kept");
    }
    const whole = await assertBoardWhole(server, w.board, w.browsers());
    assert.equal(notesOf(whole).has("by-viewer"), false, "the viewer's note is nowhere");
    assert.deepEqual(readSession(w.member.session).voteCounts, {}, "the session is as the server wrote it");
    assert.equal(readSession(w.member.session).privateWriting, false);
  });

  test("a member may not write meta, the old session map, or as more than 64 new client ids at once (4403)", async () => {
    const meta = encodeHandUpdate({ blocks: [{ client: ++fresh, clock: 0, structs: [{ item: { parent: "meta", parentSub: "schemaVersion", content: { any: [0] } } }] }] });
    assert.equal(await asMember(meta), 4403, "meta");
    const oldSession = encodeHandUpdate({ blocks: [{ client: ++fresh, clock: 0, structs: [{ item: { parent: "session", parentSub: "privateWriting", content: { any: [false] } } }] }] });
    assert.equal(await asMember(oldSession), 4403, "the board's old session map");
    const many = encodeHandUpdate({
      blocks: Array.from({ length: 65 }, (_, i) => ({ client: ++fresh, clock: 0, structs: [{ item: { parent: "notes", parentSub: `many-${i}`, content: { type: "map" as const } } }] })),
    });
    assert.equal(await asMember(many), 4403, "65 new client ids");
    await assertBoardWhole(server, w.board, w.browsers());
  });
});

