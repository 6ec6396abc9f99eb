import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { CreateBoardResponse, HeldNoteView, ParticipantListResponse } from "../../lib/api/schemas";
import { notesOf } from "../../lib/schema/board";
import type { Vote } from "../../lib/schema/session";
import { connectClient, createBoard, startServer, waitForDoc, whenSynced } from "./helpers";
import { boardInfo, boardWithPhones, call, joinWithCode, myView, openEvents, sessionOf, writeNote } from "./participation-helpers";

type Server = Awaited<ReturnType<typeof startServer>>;

describe("the facilitator's list of participants, and removing one", () => {
  let server: Server;
  before(async () => {
    server = await startServer();
  });
  after(() => server?.close());

  const list = (board: CreateBoardResponse, token = board.facilitatorToken) =>
    call<ParticipantListResponse>(server.http, "GET", `/api/boards/${board.id}/participants`, { token });
  const remove = (board: CreateBoardResponse, participantId: string, token = board.facilitatorToken) =>
    call(server.http, "DELETE", `/api/boards/${board.id}/participants/${participantId}`, { token });
  const dot = (board: CreateBoardResponse, token: string, noteId: string) =>
    call(server.http, "POST", `/api/boards/${board.id}/vote/dots`, { token, body: { noteId, delta: 1 } });

  /** A board with a watching client, phones Anna and Bo and one without a name, notes and an open vote with dots. */
  async function workshop(t: { after: (fn: () => void) => void }, showLive: boolean) {
    const board = await createBoard(server.http);
    const watcher = connectClient(server.ws, board.id, board.viewerToken);
    t.after(() => watcher.destroy());
    await whenSynced(watcher.provider);
    const [anna, bo, anonymous] = await boardWithPhones(server.http, board, ["Anna", "Bo", ""]);
    const annasNote = await writeNote(server.http, board.id, anna.participantToken, "Mer fika");
    const bosNote = await writeNote(server.http, board.id, bo.participantToken, "Kortare möten");
    await waitForDoc(watcher.doc, () => notesOf(watcher.doc).has(annasNote) && notesOf(watcher.doc).has(bosNote), 5_000, "the notes on the board");
    const vote = await call<Vote>(server.http, "POST", `/api/boards/${board.id}/vote`, {
      token: board.facilitatorToken,
      body: { dotsPerPerson: 2, allowMultiplePerNote: true, showLive },
    });
    assert.equal(vote.status, 201);
    for (const [who, note] of [
      [anna, annasNote],
      [anna, bosNote],
      [bo, bosNote],
    ] as const)
      assert.equal((await dot(board, who.participantToken, note)).status, 200);
    return { board, watcher, anna, bo, anonymous, annasNote, bosNote };
  }

  test("the list says who joined, how, and how many notes each sent; only the facilitator sees it", async (t) => {
    const { board, anna, bo, anonymous } = await workshop(t, false);
    const member = await call<{ participantId: string }>(server.http, "POST", `/api/boards/${board.id}/participants`, { token: board.memberToken, body: { name: "Kollega" } });
    const answer = await list(board);
    assert.equal(answer.status, 200);
    const people = answer.body.participants;
    assert.deepEqual(
      people.map(({ id, name, via, notes }) => ({ id, name, via, notes })),
      [
        { id: anna.participantId, name: "Anna", via: "code", notes: 1 },
        { id: bo.participantId, name: "Bo", via: "code", notes: 1 },
        { id: anonymous.participantId, name: "", via: "code", notes: 0 },
        { id: member.body.participantId, name: "Kollega", via: "member", notes: 0 },
      ],
    );
    for (const person of people) assert.ok(person.joinedAt > 0 && person.joinedAt <= Date.now());
    assert.equal((await list(board, board.memberToken)).status, 403);
    assert.equal((await list(board, board.viewerToken)).status, 403);
    assert.equal((await list(board, anna.participantToken)).status, 401);
    assert.equal((await remove(board, bo.participantId, board.memberToken)).status, 403);
  });

  test("a removed participant's token stops, their stream ends, their dots leave the live counts, their notes stay", async (t) => {
    const { board, watcher, anna, bo, annasNote, bosNote } = await workshop(t, true);
    await waitForDoc(watcher.session, () => sessionOf(watcher.session).voteCounts[bosNote] === 2, 5_000, "live counts with Anna's dots");
    const stream = await openEvents(server.http, board.id, anna.participantToken);
    const bosStream = await openEvents(server.http, board.id, bo.participantToken);
    t.after(() => Promise.all([stream.close(), bosStream.close()]));
    await stream.next(() => true);

    const removed = await remove(board, anna.participantId);
    assert.equal(removed.status, 204);
    await stream.ended;

    for (const [method, path, body] of [
      ["GET", "/me", undefined],
      ["POST", "/notes", { text: "Efteråt", idempotencyKey: "after-removal-1" }],
      ["POST", "/vote/dots", { noteId: bosNote, delta: 1 }],
    ] as const) {
      const refused = await call(server.http, method, `/api/boards/${board.id}${path}`, { token: anna.participantToken, body });
      assert.equal(refused.status, 401, path);
      assert.equal(refused.body.error, "not_joined", path);
    }

    // Live counts without Anna's dots, for the board and for the phones.
    await waitForDoc(watcher.session, () => sessionOf(watcher.session).voteCounts[bosNote] === 1, 5_000, "live counts without Anna's dots");
    assert.equal(sessionOf(watcher.session).voteCounts[annasNote] ?? 0, 0);
    await bosStream.next((view) => view.vote?.candidates.find((c) => c.id === bosNote)?.votes === 1);
    const closed = await call<{ counts: Record<string, number> }>(server.http, "POST", `/api/boards/${board.id}/vote/close`, { token: board.facilitatorToken });
    assert.deepEqual(closed.body.counts, { [bosNote]: 1 });

    // Her note is still on the board; Bo is untouched; she is off the list.
    assert.ok(notesOf(watcher.doc).has(annasNote));
    assert.equal((await myView(server.http, board.id, bo.participantToken)).participant.name, "Bo");
    assert.deepEqual(
      (await list(board)).body.participants.map((p) => p.name),
      ["Bo", ""],
    );
    assert.equal((await remove(board, anna.participantId)).status, 404, "removed once");
  });

  test("without live counts, the tally at the close leaves the removed participant's dots out", async (t) => {
    const { board, anna, bosNote } = await workshop(t, false);
    assert.equal((await remove(board, anna.participantId)).status, 204);
    const closed = await call<{ counts: Record<string, number> }>(server.http, "POST", `/api/boards/${board.id}/vote/close`, { token: board.facilitatorToken });
    assert.deepEqual(closed.body.counts, { [bosNote]: 1 });
  });

  test("held notes of a removed participant stay held and are revealed with the rest", async () => {
    const board = await createBoard(server.http);
    const [anna, bo] = await boardWithPhones(server.http, board, ["Anna", "Bo"]);
    assert.equal((await call(server.http, "POST", `/api/boards/${board.id}/private-writing`, { token: board.facilitatorToken, body: { on: true } })).status, 200);
    const annas = await writeNote(server.http, board.id, anna.participantToken, "Hålls kvar");
    await writeNote(server.http, board.id, bo.participantToken, "Också");
    assert.equal((await remove(board, anna.participantId)).status, 204);
    const held = await call<{ notes: HeldNoteView[] }>(server.http, "GET", `/api/boards/${board.id}/held`, { token: board.facilitatorToken });
    assert.deepEqual(
      held.body.notes.map((n) => n.text),
      ["Hålls kvar", "Också"],
    );
    const watcher = connectClient(server.ws, board.id, board.viewerToken);
    try {
      await whenSynced(watcher.provider);
      assert.equal((await call(server.http, "POST", `/api/boards/${board.id}/private-writing`, { token: board.facilitatorToken, body: { on: false } })).status, 200);
      await waitForDoc(watcher.doc, () => notesOf(watcher.doc).has(annas), 5_000, "Anna's note revealed");
    } finally {
      watcher.destroy();
    }
  });

  test("a removed phone that joins again with the code is a new participant", async () => {
    const board = await createBoard(server.http);
    const [anna] = await boardWithPhones(server.http, board, ["Anna"]);
    assert.equal((await remove(board, anna.participantId)).status, 204);
    const { joinCode } = await boardInfo(server.http, board.id, board.facilitatorToken);
    // The phone still sends its old cookie: it no longer names anyone.
    const again = await joinWithCode(server.http, joinCode!, "", anna.cookie);
    assert.notEqual(again.participantId, anna.participantId);
    assert.equal((await myView(server.http, board.id, again.participantToken)).participant.id, again.participantId);
  });

  test("unknown or malformed participant ids answer 404", async () => {
    const board = await createBoard(server.http);
    assert.equal((await remove(board, "nobody-here-1234")).status, 404);
    assert.equal((await remove(board, "x")).status, 404);
  });
});
