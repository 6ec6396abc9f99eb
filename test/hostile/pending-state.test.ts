import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import * as Y from "yjs";
import { createNote } from "../../lib/board/actions";
import { createFrame, moveFrame } from "../../lib/board/frames";
import { notesOf } from "../../lib/schema/board";
import { framesOf, readFrame } from "../../lib/schema/frame";
import { readSession } from "../../lib/schema/session";
import { startServer, waitForDoc } from "../integration/helpers";
import { myView, writeNote } from "../integration/participation-helpers";
import { updateAlone } from "./support/attack";
import { anchoredToFuture, futureDeletes, knownOf, type Anchor } from "./support/hostile-updates";
import { api, assertBoardWhole, openWorkshop, recordersCaughtUp, untrustedSaw, type Workshop } from "./support/workshop";

/**
 * Issue, attack 1: an update that refers to clocks nobody has written yet is not refused by Yjs but
 * kept pending, and it strikes when that clock is written: a delete over the server's next clocks
 * removed private writing as it was switched on, an item anchored to a future server clock forged
 * vote counts, a delete of the facilitator's next clock removed a lock as it was set. Here a
 * member link aims every such update at every client id it has been shown, on both channels, and
 * then the workshop goes on: what the server writes next must stand.
 */
describe("pending state: nothing a member sends waits inside Yjs for someone's next write", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let w: Workshop;
  const path = () => `/api/boards/${w.board.id}`;
  let attackerIds = 5_000_000;

  /** Everything the member link has been shown, on the board and the session channel. */
  function attackerView() {
    const [board, session] = w.recorders;
    const known = new Map([...knownOf(board.shadow), ...knownOf(session.shadow)]);
    const seen = new Set([...board.seenClients(), ...session.seenClients()]);
    return { known, seen: [...seen] };
  }

  /** Sends `update` on the board channel (must be refused with 4400) and on the session channel (dropped, the socket stays). */
  async function refusedEverywhere(update: Uint8Array, what: string): Promise<void> {
    assert.equal(await updateAlone(server.ws, w.board.id, w.board.memberToken, "board", update), 4400, `${what}: board channel`);
    assert.equal(await updateAlone(server.ws, w.board.id, w.board.memberToken, "session", update), "kept", `${what}: session channel drops it unread`);
  }

  before(async () => {
    server = await startServer();
    w = await openWorkshop(server);
    // The server writes both documents before the attacks, so its own client ids are among those seen.
    await api(server, "PATCH", path(), w.board.facilitatorToken, { prompt: "Vad fungerar bra hos oss?" });
    await writeNote(server.http, w.board.id, w.phones[0].participantToken, "Fika på fredagar");
    createFrame(w.facilitator.doc, { id: "prio", kind: "quadrant", title: "Prioritering", x: 0, y: 0, now: 1 }, "page");
    createNote(w.facilitator.doc, { id: "in-prio", x: 300, y: 300, text: "Mer tid för samtal", now: 2 }, "page");
    await waitForDoc(w.member.doc, () => framesOf(w.member.doc).has("prio") && notesOf(w.member.doc).has("in-prio"));
    await recordersCaughtUp(w);
    const { seen } = attackerView();
    const serverIds = [...knownOf(w.recorders[0].shadow).keys(), ...knownOf(w.recorders[1].shadow).keys()].filter(
      (id) => id !== w.facilitator.doc.clientID && id !== w.member.doc.clientID,
    );
    assert.equal(serverIds.length, 2, "the attacker has seen the server's client id in each document");
    for (const id of [...serverIds, w.facilitator.doc.clientID, w.member.doc.clientID]) assert.ok(seen.includes(id), `the attacker has seen ${id}`);
  });
  after(async () => {
    w?.close();
    await server?.close();
  });

  test("deletes over the future clocks of every client id seen are refused; private writing then holds a phone's note", async () => {
    const { known, seen } = attackerView();
    for (const straddle of [false, true]) await refusedEverywhere(futureDeletes(known, seen, { straddle }), `one delete set over all ids (straddle ${straddle})`);
    for (const client of seen) await refusedEverywhere(futureDeletes(known, [client]), `a delete over the future of ${client}`);

    await api(server, "POST", `${path()}/private-writing`, w.board.facilitatorToken, { on: true });
    const secret = `hemlig-${Date.now()}-tyst skrivning`;
    const phone = w.phones[1];
    const noteId = await writeNote(server.http, w.board.id, phone.participantToken, secret);
    const view = await myView(server.http, w.board.id, phone.participantToken);
    assert.equal(view.privateWriting, true, "GET /me: private writing is on");
    assert.equal(view.notes.find((n) => n.id === noteId)?.state, "held", "GET /me: the note is held");
    await waitForDoc(w.member.session, () => readSession(w.member.session).privateWriting && readSession(w.member.session).heldCount === 1, 5_000, "the board to say private writing, one held");
    await recordersCaughtUp(w);
    assert.deepEqual(untrustedSaw(w, secret), [], "no frame to a member or viewer carries the held note's text");
    assert.equal([...notesOf(w.member.doc).values()].some((n) => String(n.get("text")).includes(secret)), false);

    // The server's next write to the board (the reveal) stands too.
    await api(server, "POST", `${path()}/private-writing`, w.board.facilitatorToken, { on: false });
    await waitForDoc(w.member.doc, () => notesOf(w.member.doc).get(noteId)?.get("text")?.toString() === secret, 5_000, "the revealed note on the board");
    assert.equal((await myView(server.http, w.board.id, phone.participantToken)).notes.find((n) => n.id === noteId)?.state, "placed");
  });

  test("inserts anchored to future clocks of every client id seen are refused; the close answer, the phones and the board agree on the real counts", async () => {
    const [a, b] = w.phones;
    const n1 = await writeNote(server.http, w.board.id, a.participantToken, "Tydligare rutiner");
    const n2 = await writeNote(server.http, w.board.id, a.participantToken, "Fler händer");
    const n3 = await writeNote(server.http, w.board.id, b.participantToken, "Gemensam lunch");
    await recordersCaughtUp(w);
    const { known, seen } = attackerView();
    const anchors: Anchor[] = ["origin", "rightOrigin", "parent"];
    for (const client of seen) {
      for (const ahead of [0, 3]) {
        for (const anchor of anchors) {
          const target = { client, clock: (known.get(client) ?? 0) + ahead };
          const forged = anchoredToFuture(++attackerIds, 0, target, anchor, { any: [{ [n1]: 99, [n2]: 99, [n3]: 99 }] });
          await refusedEverywhere(forged, `an item whose ${anchor} is ${client}:${target.clock}`);
        }
      }
    }

    await api(server, "POST", `${path()}/vote`, w.board.facilitatorToken, { noteIds: [n1, n2, n3], dotsPerPerson: 3, allowMultiplePerNote: true });
    const dots: Array<[typeof a, string]> = [[a, n1], [a, n1], [a, n2], [b, n1], [b, n3], [b, n3]];
    for (const [phone, noteId] of dots) await api(server, "POST", `${path()}/vote/dots`, phone.participantToken, { noteId, delta: 1 });
    const expected = { [n1]: 3, [n2]: 1, [n3]: 2 };
    const closed = (await api(server, "POST", `${path()}/vote/close`, w.board.facilitatorToken)) as { counts: Record<string, number> };
    assert.deepEqual(closed.counts, expected, "the close answer counts the dots that were put");
    await waitForDoc(w.member.session, () => readSession(w.member.session).vote?.status === "closed", 5_000, "the closed vote on the board");
    assert.deepEqual(readSession(w.member.session).voteCounts, expected, "the board shows the same counts");
    assert.deepEqual(readSession(w.facilitator.session).voteCounts, expected);
    for (const phone of [a, b]) {
      const votes = Object.fromEntries((await myView(server.http, w.board.id, phone.participantToken)).vote!.candidates.map((c) => [c.id, c.votes]));
      assert.deepEqual(votes, expected, "each phone shows the same counts");
    }
  });

  test("deletes over the facilitator's next clocks are refused; a lock set afterwards holds when a member drags the worksheet", async () => {
    const { known, seen } = attackerView();
    const facilitatorId = w.facilitator.doc.clientID;
    assert.ok(seen.includes(facilitatorId), "the attacker has seen the facilitator's client id");
    await refusedEverywhere(futureDeletes(known, [facilitatorId]), "a delete over the facilitator's next clocks");
    await refusedEverywhere(futureDeletes(known, [facilitatorId], { straddle: true }), "a delete from the facilitator's last clock on");
    for (const client of seen) {
      const unlock = anchoredToFuture(++attackerIds, 0, { client, clock: known.get(client) ?? 0 }, "parent", { any: [{}] }, "locks");
      await refusedEverywhere(unlock, `an empty lock map anchored at ${client}'s next clock`);
    }

    await api(server, "POST", `${path()}/frames/prio/lock`, w.board.facilitatorToken, { locked: true });
    await waitForDoc(w.member.session, () => readSession(w.member.session).locks.prio === true, 5_000, "the lock on the board");
    // The facilitator's next write, which a pending delete would have removed, arrives.
    createNote(w.facilitator.doc, { id: "after-lock", x: 3000, y: 0, text: "Låst och klart", now: 3 }, "page");
    await waitForDoc(w.member.doc, () => notesOf(w.member.doc).get("after-lock")?.get("text")?.toString() === "Låst och klart", 5_000, "the facilitator's note");

    const before = readFrame("prio", framesOf(w.member.doc).get("prio")!);
    moveFrame(w.member.doc, "prio", before.x + 500, before.y + 400, "page");
    const where = (doc: Y.Doc) => readFrame("prio", framesOf(doc).get("prio")!);
    await waitForDoc(w.member.doc, () => where(w.member.doc).x === before.x && where(w.member.doc).y === before.y, 5_000, "the worksheet back where the lock keeps it");
    assert.equal(notesOf(w.member.doc).get("in-prio")?.get("x"), 300, "its note went back too");
    await waitForDoc(w.facilitator.doc, () => where(w.facilitator.doc).x === before.x);
    assert.equal(readSession(w.member.session).locks.prio, true, "the lock still holds");
  });

  test("afterwards the board is whole: a newcomer, both browsers and storage agree, nothing pending", async () => {
    await assertBoardWhole(server, w.board, w.browsers());
  });
});
