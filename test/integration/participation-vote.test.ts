import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { CreateBoardResponse, HeldNoteView } from "../../lib/api/schemas";
import type { Vote } from "../../lib/schema/session";
import { notesOf } from "../../lib/schema/board";
import { connectClient, createBoard, spawnServer, startServer, tempDir, waitFor, waitForDoc, whenSynced } from "./helpers";
import { boardWithPhones, call, joinWithCode, myView, noteIn, sessionOf, writeNote, type Phone } from "./participation-helpers";

type Client = ReturnType<typeof connectClient>;
type DotAnswer = { myDots: Record<string, number>; dotsLeft: number };

function dot(http: string, boardId: string, token: string, noteId: string, delta: 1 | -1 = 1) {
  return call<DotAnswer>(http, "POST", `/api/boards/${boardId}/vote/dots`, { token, body: { noteId, delta } });
}

function startVote(http: string, board: CreateBoardResponse, settings: Record<string, unknown>) {
  return call<Vote>(http, "POST", `/api/boards/${board.id}/vote`, { token: board.facilitatorToken, body: settings });
}

describe("dot voting", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  before(async () => {
    server = await startServer();
  });
  after(() => server?.close());

  /** A board with three phones and four notes on it, and a board client watching. */
  async function votingBoard(t: { after: (fn: () => void) => void }) {
    const board = await createBoard(server.http);
    const phones = await boardWithPhones(server.http, board, ["Anna", "Bo", "Cilla"]);
    const notes: string[] = [];
    for (const text of ["Fler pauser", "Kortare möten", "Bättre kaffe", "Ny whiteboard"]) notes.push(await writeNote(server.http, board.id, phones[notes.length % 3].participantToken, text));
    const watcher: Client = connectClient(server.ws, board.id, board.viewerToken);
    t.after(() => watcher.destroy());
    await whenSynced(watcher.provider);
    await waitForDoc(watcher.doc, () => notes.every((id) => notesOf(watcher.doc).has(id)), 5_000, "the notes on the board");
    return { board, phones, notes, watcher };
  }

  test("each participant spends their dots, a 4th is refused, and the counts are public only after the close", async (t) => {
    const { board, phones, notes, watcher } = await votingBoard(t);
    const started = await startVote(server.http, board, { dotsPerPerson: 3 });
    assert.equal(started.status, 201);
    assert.deepEqual(started.body.noteIds, notes, "every note on the board, oldest first");
    assert.equal(started.body.status, "open");
    assert.equal(started.body.allowMultiplePerNote, false);
    await waitForDoc(watcher.session, () => sessionOf(watcher.session).vote?.id === started.body.id, 5_000, "the vote on the board");

    const [anna, bo, cilla] = phones.map((p) => p.participantToken);
    const spend: Array<[string, number[]]> = [
      [anna, [0, 1, 2]],
      [bo, [0, 1, 3]],
      [cilla, [0, 2, 3]],
    ];
    for (const [token, picks] of spend) {
      for (const [i, pick] of picks.entries()) {
        const answer = await dot(server.http, board.id, token, notes[pick]);
        assert.equal(answer.status, 200);
        assert.equal(answer.body.dotsLeft, 2 - i);
      }
      const fourth = await dot(server.http, board.id, token, notes[3]);
      assert.equal(fourth.status, 409);
      assert.equal(fourth.body.error, "no_dots_left");
    }

    // While open, nobody sees the counts: not the phones, not the board.
    const during = await myView(server.http, board.id, anna);
    assert.equal(during.vote?.status, "open");
    assert.equal(during.vote?.dotsLeft, 0);
    assert.deepEqual(
      during.vote?.candidates.map((c) => [c.text, c.myDots, c.votes]),
      [
        ["Fler pauser", 1, null],
        ["Kortare möten", 1, null],
        ["Bättre kaffe", 1, null],
        ["Ny whiteboard", 0, null],
      ],
    );
    assert.deepEqual(sessionOf(watcher.session).voteCounts, {});

    const closed = await call<{ counts: Record<string, number> }>(server.http, "POST", `/api/boards/${board.id}/vote/close`, { token: board.facilitatorToken });
    assert.equal(closed.status, 200);
    const expected = { [notes[0]]: 3, [notes[1]]: 2, [notes[2]]: 2, [notes[3]]: 2 };
    assert.deepEqual(closed.body.counts, expected);
    await waitForDoc(watcher.session, () => sessionOf(watcher.session).vote?.status === "closed", 5_000, "the closed vote on the board");
    assert.deepEqual(sessionOf(watcher.session).voteCounts, expected);
    const result = await myView(server.http, board.id, bo);
    assert.deepEqual(
      result.vote?.candidates.map((c) => [c.id, c.myDots, c.votes]),
      notes.map((id, i) => [id, [0, 1, 3].includes(i) ? 1 : 0, expected[id]]),
    );
    // No dots after the close.
    const late = await dot(server.http, board.id, bo, notes[1], -1);
    assert.equal(late.status, 409);
    assert.equal(late.body.error, "vote_closed");
  });

  test("one dot per note unless the vote allows more; a dot taken back may be spent elsewhere", async (t) => {
    const { board, phones, notes } = await votingBoard(t);
    await startVote(server.http, board, { dotsPerPerson: 3, allowMultiplePerNote: false });
    const token = phones[0].participantToken;
    assert.equal((await dot(server.http, board.id, token, notes[0])).status, 200);
    const second = await dot(server.http, board.id, token, notes[0]);
    assert.equal(second.status, 409);
    assert.equal(second.body.error, "one_per_note");
    const back = await dot(server.http, board.id, token, notes[0], -1);
    assert.deepEqual(back.body, { myDots: {}, dotsLeft: 3 });
    const none = await dot(server.http, board.id, token, notes[0], -1);
    assert.equal(none.body.error, "nothing_to_remove");
    const outside = await dot(server.http, board.id, token, "not-in-the-vote");
    assert.equal(outside.body.error, "not_a_candidate");

    // A new vote replaces the last, with fresh dots.
    const stacking = await startVote(server.http, board, { dotsPerPerson: 3, allowMultiplePerNote: true, noteIds: [notes[1], notes[2], "gone-note"] });
    assert.deepEqual(stacking.body.noteIds, [notes[1], notes[2]], "only notes on the board");
    for (let i = 0; i < 3; i++) assert.equal((await dot(server.http, board.id, token, notes[1])).status, 200);
    assert.equal((await myView(server.http, board.id, token)).vote?.candidates[0].myDots, 3);
    assert.equal((await dot(server.http, board.id, token, notes[0])).body.error, "not_a_candidate");
  });

  test("a participant who rejoins has the dots they had left, not more", async (t) => {
    const { board, notes } = await votingBoard(t);
    const { joinCode } = (await call(server.http, "GET", `/api/boards/${board.id}`, { token: board.facilitatorToken })).body as { joinCode: string };
    const phone: Phone = await joinWithCode(server.http, joinCode, "Återkommer");
    await startVote(server.http, board, { dotsPerPerson: 3 });
    await dot(server.http, board.id, phone.participantToken, notes[0]);
    await dot(server.http, board.id, phone.participantToken, notes[1]);
    const again = await joinWithCode(server.http, joinCode, "Återkommer", phone.cookie);
    assert.equal(again.participantId, phone.participantId);
    const view = await myView(server.http, board.id, again.participantToken);
    assert.equal(view.vote?.dotsLeft, 1);
    assert.equal((await dot(server.http, board.id, again.participantToken, notes[2])).body.dotsLeft, 0);
    assert.equal((await dot(server.http, board.id, again.participantToken, notes[3])).body.error, "no_dots_left");
    // A phone that lost its cookie is a new participant with its own three dots: the limit is per identity.
    const fresh = await joinWithCode(server.http, joinCode, "Återkommer");
    assert.notEqual(fresh.participantId, phone.participantId);
    assert.equal((await myView(server.http, board.id, fresh.participantToken)).vote?.dotsLeft, 3);
  });

  test("quick taps at once cannot spend more than the dots there are", async (t) => {
    const { board, phones, notes } = await votingBoard(t);
    await startVote(server.http, board, { dotsPerPerson: 2, allowMultiplePerNote: true });
    const token = phones[1].participantToken;
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => dot(server.http, board.id, token, notes[i % 4])));
    assert.equal(answers.filter((a) => a.status === 200).length, 2);
    assert.equal(answers.filter((a) => a.body.error === "no_dots_left").length, 6);
    const closed = await call<{ counts: Record<string, number> }>(server.http, "POST", `/api/boards/${board.id}/vote/close`, { token: board.facilitatorToken });
    assert.equal(Object.values(closed.body.counts).reduce((a, b) => a + b, 0), 2);
  });

  test("with showLive the counts appear on the board and the phones as the dots come in", async (t) => {
    const { board, phones, notes, watcher } = await votingBoard(t);
    await startVote(server.http, board, { dotsPerPerson: 3, showLive: true });
    await dot(server.http, board.id, phones[0].participantToken, notes[2]);
    await waitForDoc(watcher.session, () => sessionOf(watcher.session).voteCounts[notes[2]] === 1, 5_000, "the first dot counted on the board");
    await dot(server.http, board.id, phones[1].participantToken, notes[2]);
    await dot(server.http, board.id, phones[1].participantToken, notes[0]);
    await waitForDoc(watcher.session, () => sessionOf(watcher.session).voteCounts[notes[2]] === 2 && sessionOf(watcher.session).voteCounts[notes[0]] === 1, 5_000, "the live counts");
    const view = await myView(server.http, board.id, phones[2].participantToken);
    assert.deepEqual(view.vote?.candidates.map((c) => c.votes), [1, 0, 2, 0]);
    await dot(server.http, board.id, phones[1].participantToken, notes[2], -1);
    await waitForDoc(watcher.session, () => sessionOf(watcher.session).voteCounts[notes[2]] === 1, 5_000, "a dot taken back, counted");
  });

  test("GET /me shows no vote before one starts and votes: null while it runs; only the facilitator runs it", async (t) => {
    const { board, phones, notes, watcher } = await votingBoard(t);
    assert.equal((await myView(server.http, board.id, phones[0].participantToken)).vote, null);
    for (const token of [board.memberToken, board.viewerToken]) assert.equal((await startVote(server.http, { ...board, facilitatorToken: token }, {})).status, 403);
    assert.equal((await startVote(server.http, board, { dotsPerPerson: 0 })).status, 400);
    assert.equal((await startVote(server.http, board, { dotsPerPerson: 21 })).status, 400);
    assert.equal((await call(server.http, "POST", `/api/boards/${board.id}/vote/close`, { token: board.facilitatorToken })).body.error, "no_vote");
    await startVote(server.http, board, {});
    const view = await myView(server.http, board.id, phones[0].participantToken);
    assert.equal(view.vote?.dotsPerPerson, 3, "three dots by default");
    assert.ok(view.vote?.candidates.every((c) => c.votes === null && c.myDots === 0));
    assert.equal(view.vote?.candidates.length, notes.length);
    // The facilitator takes the vote off the board.
    assert.equal((await call(server.http, "DELETE", `/api/boards/${board.id}/vote`, { token: board.facilitatorToken })).status, 204);
    await waitForDoc(watcher.session, () => sessionOf(watcher.session).vote === null, 5_000, "the vote gone from the board");
    assert.equal((await myView(server.http, board.id, phones[0].participantToken)).vote, null);
    assert.equal((await dot(server.http, board.id, phones[0].participantToken, notes[0])).body.error, "vote_closed");
  });

  test("a board with no notes has nothing to vote on", async () => {
    const board = await createBoard(server.http);
    const answer = await startVote(server.http, board, {});
    assert.equal(answer.status, 409);
    assert.equal(answer.body.error, "nothing_to_vote_on");
  });
});

describe("participation durability", () => {
  test("a server SIGKILLed mid-vote and restarted keeps every dot, every placed note and every held note", async (t) => {
    const dataDir = tempDir();
    let server = await spawnServer(dataDir);
    const port = server.port;
    const clients: Client[] = [];
    t.after(async () => {
      for (const c of clients) c.destroy();
      await server.kill();
    });

    const board = await createBoard(server.http);
    const phones = await boardWithPhones(server.http, board, ["Anna", "Bo", "Cilla"]);
    const placed: string[] = [];
    for (const text of ["ett", "två", "tre"]) placed.push(await writeNote(server.http, board.id, phones[placed.length].participantToken, text));
    const vote = await startVote(server.http, board, { dotsPerPerson: 3, allowMultiplePerNote: true });
    assert.equal(vote.status, 201);
    await call(server.http, "POST", `/api/boards/${board.id}/private-writing`, { token: board.facilitatorToken, body: { on: true } });
    const heldId = await writeNote(server.http, board.id, phones[2].participantToken, "väntar på att visas");
    const spent: Array<[number, number]> = [
      [0, 0],
      [0, 0],
      [0, 2],
      [1, 1],
      [2, 0],
    ];
    for (const [phone, note] of spent) assert.equal((await dot(server.http, board.id, phones[phone].participantToken, placed[note])).status, 200);
    const before = await Promise.all(phones.map((p) => myView(server.http, board.id, p.participantToken)));

    await server.kill();
    server = await spawnServer(dataDir, port);

    const after = await Promise.all(phones.map((p) => myView(server.http, board.id, p.participantToken)));
    assert.deepEqual(after, before, "every phone's view: its notes, held or placed, and its dots");
    assert.deepEqual(
      after.map((v) => v.vote?.dotsLeft),
      [0, 2, 2],
    );
    assert.deepEqual(after[2].notes.map((n) => [n.text, n.state]), [
      ["tre", "placed"],
      ["väntar på att visas", "held"],
    ]);
    const held = await call<{ notes: HeldNoteView[] }>(server.http, "GET", `/api/boards/${board.id}/held`, { token: board.facilitatorToken });
    assert.deepEqual(held.body.notes.map((n) => n.id), [heldId]);

    const client = connectClient(server.ws, board.id, board.memberToken);
    clients.push(client);
    await whenSynced(client.provider);
    await whenSynced(client.sessionProvider);
    assert.deepEqual([...notesOf(client.doc).keys()].sort(), [...placed].sort());
    assert.equal(noteIn(client.doc, placed[1])!.text, "två");
    const session = sessionOf(client.session);
    assert.equal(session.vote?.id, vote.body.id);
    assert.equal(session.vote?.status, "open");
    assert.equal(session.privateWriting, true);
    assert.equal(session.heldCount, 1);

    // The vote goes on where it was: the limits hold across the restart.
    assert.equal((await dot(server.http, board.id, phones[0].participantToken, placed[1])).body.error, "no_dots_left");
    assert.equal((await dot(server.http, board.id, phones[1].participantToken, placed[1])).body.dotsLeft, 1);
    const closed = await call<{ counts: Record<string, number> }>(server.http, "POST", `/api/boards/${board.id}/vote/close`, { token: board.facilitatorToken });
    assert.deepEqual(closed.body.counts, { [placed[0]]: 3, [placed[1]]: 2, [placed[2]]: 1 });
    await waitForDoc(client.session, () => sessionOf(client.session).vote?.status === "closed", 5_000, "the close on the board");
    // And the held note is still there to reveal.
    await call(server.http, "POST", `/api/boards/${board.id}/reveal`, { token: board.facilitatorToken, body: {} });
    await waitForDoc(client.doc, () => notesOf(client.doc).has(heldId), 5_000, "the held note revealed after the restart");
    await waitFor(() => sessionOf(client.session).heldCount === 0, 5_000);
  });
});
