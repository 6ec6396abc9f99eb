import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, test } from "node:test";
import type { CreateBoardResponse, HeldNoteView, ParticipantListResponse } from "../../lib/api/schemas";
import { notesOf } from "../../lib/schema/board";
import type { Vote } from "../../lib/schema/session";
import { connectClient, createBoard, startServer, waitFor, waitForDoc, whenSynced } from "./helpers";
import { boardWithPhones, call, frameRecorder, myView, noteIn, openEvents, sessionOf, writeNote, type Phone } from "./participation-helpers";
import { expectNoTraces, missingFrom, tracesIn } from "./data-files";

/**
 * Erasing a participant (`DELETE /api/boards/:id/participants/:participantId`, GDPR art. 17):
 * their identity, dots and notes go, or their notes stay without their name; and what was erased
 * is in no file of DATA_DIR afterwards. Every "gone" below is checked against the same search
 * finding it before the erasure, so that a search that finds nothing cannot pass by itself.
 */

type Server = Awaited<ReturnType<typeof startServer>>;
type Client = ReturnType<typeof connectClient>;

/** Unique for this run: no marker can be found in a file by chance or left over from another run. */
const RUN = randomBytes(6).toString("hex");

describe("erasing a participant", () => {
  let server: Server;
  const clients: Client[] = [];
  before(async () => {
    // Compacting often: the notes are in snapshots as well as in updates before the erasure.
    server = await startServer({ compactEvery: 10 });
  });
  after(async () => {
    for (const c of clients) c.destroy();
    await server?.close();
  });

  const fac = (board: CreateBoardResponse, path: string, body?: unknown) =>
    call(server.http, "POST", `/api/boards/${board.id}${path}`, { token: board.facilitatorToken, body });
  const erase = (board: CreateBoardResponse, participantId: string, body?: unknown, token = board.facilitatorToken) =>
    call(server.http, "DELETE", `/api/boards/${board.id}/participants/${participantId}`, { token, body });
  const people = async (board: CreateBoardResponse) => {
    const answer = await call<ParticipantListResponse>(server.http, "GET", `/api/boards/${board.id}/participants`, { token: board.facilitatorToken });
    assert.equal(answer.status, 200);
    return answer.body.participants.map((p) => p.name);
  };
  const held = async (board: CreateBoardResponse) => {
    const answer = await call<{ notes: HeldNoteView[] }>(server.http, "GET", `/api/boards/${board.id}/held`, { token: board.facilitatorToken });
    assert.equal(answer.status, 200);
    return answer.body.notes;
  };
  /** A stock client (board and session documents), synced. */
  const watch = async (board: CreateBoardResponse, token = board.viewerToken) => {
    const client = connectClient(server.ws, board.id, token);
    clients.push(client);
    await whenSynced(client.provider);
    await whenSynced(client.sessionProvider);
    return client;
  };
  /** The participant calls that must all stop once they are erased. */
  async function participantCalls(board: CreateBoardResponse, phone: Phone, anyNote: string) {
    const answers: string[] = [];
    for (const [method, path, body] of [
      ["GET", "/me", undefined],
      ["POST", "/notes", { text: "efteråt", idempotencyKey: `after-erasure-${RUN}` }],
      ["POST", "/vote/dots", { noteId: anyNote, delta: 1 }],
    ] as const) {
      const answer = await call(server.http, method, `/api/boards/${board.id}${path}`, { token: phone.participantToken, body });
      answers.push(`${method} ${path}: ${answer.status} ${answer.body.error ?? ""}`);
    }
    return answers;
  }

  test('"remove": the person, their dots, placed and held notes and name leave the board, the phones and every file; the others stay', async (t) => {
    const board = await createBoard(server.http, `Radering ${RUN}`);
    const watcher = await watch(board);
    const names = ["Ada", "Bo", "Cy"].map((n) => `Namn-${n}-${RUN}`);
    const [ada, bo, cy] = await boardWithPhones(server.http, board, names);
    // Signed notes, without private writing: the writer's name goes into the board document.
    assert.equal((await fac(board, "/private-writing", { on: false, signed: true })).status, 200);

    const text = (who: string, what: string, i: number) => `${who}-${RUN}: ${what} ${i} – åäö`;
    const placedTexts = { ada: [0, 1].map((i) => text("Ada", "lapp", i)), bo: [0, 1].map((i) => text("Bo", "lapp", i)), cy: [0, 1].map((i) => text("Cy", "lapp", i)) };
    const placed = { ada: [] as string[], bo: [] as string[], cy: [] as string[] };
    for (const i of [0, 1]) {
      placed.ada.push(await writeNote(server.http, board.id, ada.participantToken, placedTexts.ada[i]));
      placed.bo.push(await writeNote(server.http, board.id, bo.participantToken, placedTexts.bo[i]));
      placed.cy.push(await writeNote(server.http, board.id, cy.participantToken, placedTexts.cy[i]));
    }
    const everyPlaced = [...placed.ada, ...placed.bo, ...placed.cy];
    await waitForDoc(watcher.doc, () => everyPlaced.every((id) => notesOf(watcher.doc).has(id)), 5_000, "every placed note on the board");
    // Control: the board holds Ada's notes, signed with her name.
    assert.deepEqual(
      placed.ada.map((id) => [noteIn(watcher.doc, id)?.text, noteIn(watcher.doc, id)?.author]),
      placedTexts.ada.map((t) => [t, names[0]]),
    );

    // A vote with live counts: Ada puts a dot on her own note and one on Bo's; Bo one on his own.
    const vote = await call<Vote>(server.http, "POST", `/api/boards/${board.id}/vote`, {
      token: board.facilitatorToken,
      body: { dotsPerPerson: 2, allowMultiplePerNote: true, showLive: true },
    });
    assert.equal(vote.status, 201);
    for (const [phone, noteId] of [
      [ada, placed.ada[0]],
      [ada, placed.bo[0]],
      [bo, placed.bo[0]],
    ] as const) {
      const dot = await call(server.http, "POST", `/api/boards/${board.id}/vote/dots`, { token: phone.participantToken, body: { noteId, delta: 1 } });
      assert.equal(dot.status, 200);
    }
    await waitForDoc(watcher.session, () => sessionOf(watcher.session).voteCounts[placed.bo[0]] === 2, 5_000, "live counts with Ada's dots");
    assert.deepEqual(sessionOf(watcher.session).voteCounts, { [placed.ada[0]]: 1, [placed.bo[0]]: 2 });

    // Private writing, still signed: Ada holds two notes, Bo one.
    assert.equal((await fac(board, "/private-writing", { on: true, signed: true })).status, 200);
    const heldTexts = { ada: [0, 1].map((i) => text("Ada", "hemlig", i)), bo: [text("Bo", "hemlig", 0)] };
    for (const t of heldTexts.ada) await writeNote(server.http, board.id, ada.participantToken, t);
    const bosHeld = await writeNote(server.http, board.id, bo.participantToken, heldTexts.bo[0]);
    await waitForDoc(watcher.session, () => sessionOf(watcher.session).heldCount === 3, 5_000, "three held notes");
    assert.deepEqual(
      (await held(board)).map((n) => [n.text, n.author]),
      [...heldTexts.ada.map((t) => [t, names[0]]), [heldTexts.bo[0], names[1]]],
    );

    const adasTraces = [names[0], ...placedTexts.ada, ...heldTexts.ada];
    const othersTraces = [names[1], names[2], ...placedTexts.bo, ...placedTexts.cy, ...heldTexts.bo];
    // Control: the search finds everything, Ada's included, in the data folder's files.
    await waitFor(async () => (await missingFrom(server.dataDir, [...adasTraces, ada.participantId, ...othersTraces])).length === 0, 5_000, "every text, name and Ada's id written to disk");
    assert.deepEqual(await people(board), names);
    const adasStream = await openEvents(server.http, board.id, ada.participantToken);
    const bosStream = await openEvents(server.http, board.id, bo.participantToken);
    t.after(() => Promise.all([adasStream.close(), bosStream.close()]));
    await adasStream.next((view) => view.notes.length === 4);

    const erased = await erase(board, ada.participantId, { notes: "remove" });
    assert.equal(erased.status, 204, JSON.stringify(erased.body));

    // Her placed notes leave the board, live and for a client that connects now; the others stay as they were.
    await waitForDoc(watcher.doc, () => placed.ada.every((id) => !notesOf(watcher.doc).has(id)), 5_000, "Ada's notes leaving the board");
    const fresh = await watch(board, board.memberToken);
    for (const doc of [watcher.doc, fresh.doc]) {
      assert.deepEqual(
        [...notesOf(doc).keys()].sort(),
        [...placed.bo, ...placed.cy].sort(),
      );
      assert.deepEqual(
        [...placed.bo, ...placed.cy].map((id) => [noteIn(doc, id)?.text, noteIn(doc, id)?.author]),
        [...placedTexts.bo.map((t) => [t, names[1]]), ...placedTexts.cy.map((t) => [t, names[2]])],
      );
    }
    // Not a byte of her in what the server sends a new client (the full sync of the board).
    const recorder = await frameRecorder(`${server.ws}/${board.id}?token=${board.viewerToken}`);
    t.after(() => recorder.close());
    await waitFor(() => recorder.syncStepTwos().length > 0, 5_000, "a full sync of the board");
    assert.deepEqual(
      adasTraces.filter((needle) => recorder.saw(needle)),
      [],
    );
    assert.ok(recorder.saw(placedTexts.bo[0]) && recorder.saw(names[2]), "control: the sync holds the others' texts and names");

    // Her held notes are gone: the board's count follows, the facilitator's list has only Bo's.
    await waitForDoc(watcher.session, () => sessionOf(watcher.session).heldCount === 1, 5_000, "heldCount 3 → 1");
    assert.equal(sessionOf(fresh.session).heldCount, 1);
    assert.deepEqual(
      (await held(board)).map((n) => [n.id, n.text, n.author]),
      [[bosHeld, heldTexts.bo[0], names[1]]],
    );

    // Her token stops, her stream ends, she is off the list.
    await adasStream.ended;
    assert.deepEqual(await participantCalls(board, ada, placed.bo[0]), ["GET /me: 401 not_joined", "POST /notes: 401 not_joined", "POST /vote/dots: 401 not_joined"]);
    assert.deepEqual(await people(board), [names[1], names[2]]);

    // Her dots leave the live counts: on the board, and in Bo's phone.
    await waitForDoc(watcher.session, () => sessionOf(watcher.session).voteCounts[placed.bo[0]] === 1, 5_000, "live counts without Ada's dots");
    assert.deepEqual(sessionOf(watcher.session).voteCounts, { [placed.bo[0]]: 1 });
    await bosStream.next((view) => view.vote?.candidates.find((c) => c.id === placed.bo[0])?.votes === 1);
    const bosView = await myView(server.http, board.id, bo.participantToken);
    assert.deepEqual(
      bosView.notes.map((n) => [n.text, n.state]),
      [...placedTexts.bo.map((t) => [t, "placed"]), [heldTexts.bo[0], "held"]],
    );

    // No file of the data folder holds her name or any of her notes; the others' are all still there.
    await expectNoTraces(server.dataDir, adasTraces, "Ada, erased with her notes");
    await expectNoTraces(server.dataDir, [ada.participantId], "Ada's participant id");
    assert.deepEqual(await missingFrom(server.dataDir, othersTraces), [], "Bo's and Cy's names and notes are still on disk");

    // The board goes on: the vote closes without her, a reveal places Bo's note, and she does not come back.
    const closed = await call<{ counts: Record<string, number> }>(server.http, "POST", `/api/boards/${board.id}/vote/close`, { token: board.facilitatorToken });
    assert.deepEqual(closed.body.counts, { [placed.bo[0]]: 1 });
    assert.equal((await fac(board, "/reveal", {})).status, 200);
    await waitForDoc(watcher.doc, () => notesOf(watcher.doc).has(bosHeld), 5_000, "Bo's held note revealed");
    assert.equal(notesOf(watcher.doc).size, 5, "Bo's and Cy's four placed notes and Bo's revealed one, none of Ada's");
    await expectNoTraces(server.dataDir, adasTraces, "Ada, after the board went on");
  });

  test('"anonymize" (and no body, the default): the notes stay, same text, without author; held ones are revealed as nobody\'s; the name is in no file', async (t) => {
    const board = await createBoard(server.http, `Anonymisering ${RUN}`);
    const watcher = await watch(board);
    const names = ["Bo", "Cy", "Dag"].map((n) => `Namn-${n}-${RUN}-anon`);
    const [bo, cy, dag] = await boardWithPhones(server.http, board, names);
    assert.equal((await fac(board, "/private-writing", { on: false, signed: true })).status, 200);

    const text = (who: string, what: string, i: number) => `${who}-${RUN}-anon: ${what} ${i} – åäö`;
    const placedTexts = { bo: [0, 1].map((i) => text("Bo", "lapp", i)), cy: [text("Cy", "lapp", 0)], dag: [text("Dag", "lapp", 0)] };
    const placed = {
      bo: [await writeNote(server.http, board.id, bo.participantToken, placedTexts.bo[0]), await writeNote(server.http, board.id, bo.participantToken, placedTexts.bo[1])],
      cy: [await writeNote(server.http, board.id, cy.participantToken, placedTexts.cy[0])],
      dag: [await writeNote(server.http, board.id, dag.participantToken, placedTexts.dag[0])],
    };
    // A dot of Bo's in an open vote (without live counts): erasing him withdraws it.
    assert.equal((await call(server.http, "POST", `/api/boards/${board.id}/vote`, { token: board.facilitatorToken, body: { dotsPerPerson: 1 } })).status, 201);
    assert.equal((await call(server.http, "POST", `/api/boards/${board.id}/vote/dots`, { token: bo.participantToken, body: { noteId: placed.cy[0], delta: 1 } })).status, 200);

    assert.equal((await fac(board, "/private-writing", { on: true, signed: true })).status, 200);
    const heldText = text("Bo", "hemlig", 0);
    const bosHeld = await writeNote(server.http, board.id, bo.participantToken, heldText);
    const everyPlaced = [...placed.bo, ...placed.cy, ...placed.dag];
    await waitForDoc(watcher.doc, () => everyPlaced.every((id) => notesOf(watcher.doc).has(id)), 5_000, "every placed note on the board");
    await waitForDoc(watcher.session, () => sessionOf(watcher.session).heldCount === 1, 5_000, "Bo's held note counted");
    // Control: signed on the board and in the held list; every name is on disk.
    assert.deepEqual(
      everyPlaced.map((id) => noteIn(watcher.doc, id)?.author),
      [names[0], names[0], names[1], names[2]],
    );
    assert.deepEqual(
      (await held(board)).map((n) => [n.id, n.text, n.author]),
      [[bosHeld, heldText, names[0]]],
    );
    const allTexts = [...placedTexts.bo, ...placedTexts.cy, ...placedTexts.dag, heldText];
    await waitFor(async () => (await missingFrom(server.dataDir, [...names, ...allTexts])).length === 0, 5_000, "every name and text written to disk");

    // Bo with an explicit "anonymize", Dag without a body.
    const bosErasure = await erase(board, bo.participantId, { notes: "anonymize" });
    assert.equal(bosErasure.status, 204, JSON.stringify(bosErasure.body));
    const dagsErasure = await erase(board, dag.participantId);
    assert.equal(dagsErasure.status, 204, JSON.stringify(dagsErasure.body));

    // Their notes stay on the board with the same text, and no `author` at all; Cy's keeps hers.
    const expected = [
      [placedTexts.bo[0], false, undefined],
      [placedTexts.bo[1], false, undefined],
      [placedTexts.cy[0], true, names[1]],
      [placedTexts.dag[0], false, undefined],
    ];
    const shape = (doc: typeof watcher.doc) => everyPlaced.map((id) => [noteIn(doc, id)?.text, notesOf(doc).get(id)?.has("author"), noteIn(doc, id)?.author]);
    await waitForDoc(watcher.doc, () => JSON.stringify(shape(watcher.doc)) === JSON.stringify(expected), 5_000, "the notes without their authors");
    const fresh = await watch(board, board.memberToken);
    assert.deepEqual(shape(fresh.doc), expected);
    assert.equal(notesOf(fresh.doc).size, 4);

    // Both are off the list, their tokens stop; Bo's dot is withdrawn (the tally at the close).
    assert.deepEqual(await people(board), [names[1]]);
    for (const phone of [bo, dag]) {
      assert.deepEqual(await participantCalls(board, phone, placed.cy[0]), ["GET /me: 401 not_joined", "POST /notes: 401 not_joined", "POST /vote/dots: 401 not_joined"]);
    }

    // Bo's held note is still held, as nobody's.
    assert.equal(sessionOf(watcher.session).heldCount, 1);
    assert.equal(sessionOf(fresh.session).heldCount, 1);
    assert.deepEqual(await held(board), [{ id: bosHeld, text: heldText, color: "#fff176" }]);

    // Their names are in no file; their texts, and Cy's name, are.
    await expectNoTraces(server.dataDir, [names[0], names[2]], "the anonymized names");
    assert.deepEqual(await missingFrom(server.dataDir, [names[1], ...allTexts]), [], "the notes' texts and Cy's name are still on disk");

    // The reveal places it on the board without author; the names do not come back.
    const revealed = await fac(board, "/reveal", {});
    assert.deepEqual([revealed.status, revealed.body], [200, { revealed: 1 }]);
    await waitForDoc(watcher.doc, () => notesOf(watcher.doc).has(bosHeld), 5_000, "Bo's held note revealed");
    assert.deepEqual([noteIn(watcher.doc, bosHeld)?.text, notesOf(watcher.doc).get(bosHeld)?.has("author")], [heldText, false]);
    await waitForDoc(watcher.session, () => sessionOf(watcher.session).heldCount === 0, 5_000, "nothing held after the reveal");
    const closed = await call<{ counts: Record<string, number> }>(server.http, "POST", `/api/boards/${board.id}/vote/close`, { token: board.facilitatorToken });
    assert.deepEqual(closed.body.counts, {}, "Bo's dot was withdrawn");
    // Control for the recorder below: a full sync holds the texts and Cy's name.
    const recorder = await frameRecorder(`${server.ws}/${board.id}?token=${board.viewerToken}`);
    t.after(() => recorder.close());
    await waitFor(() => recorder.syncStepTwos().length > 0, 5_000, "a full sync of the board");
    assert.deepEqual(
      [names[0], names[2]].filter((name) => recorder.saw(name)),
      [],
    );
    assert.ok(recorder.saw(heldText) && recorder.saw(names[1]), "control: the sync holds the revealed text and Cy's name");
    await expectNoTraces(server.dataDir, [names[0], names[2]], "the anonymized names, after the reveal");
  });

  test("erasing twice, someone of another board, or as a member answers an error and erases nothing", async () => {
    const board = await createBoard(server.http, `Fel ${RUN}`);
    const other = await createBoard(server.http, `Annan ${RUN}`);
    const [ada, bo] = await boardWithPhones(server.http, board, [`Namn-Ada-${RUN}-fel`, `Namn-Bo-${RUN}-fel`]);
    const [olle] = await boardWithPhones(server.http, other, [`Namn-Olle-${RUN}-fel`]);
    const refusal = (answer: { status: number; body: { error?: string } }) => `${answer.status} ${answer.body.error ?? ""}`;

    // Another board's participant, through this board (its own facilitator), and this board's through the other.
    assert.equal(refusal(await erase(board, olle.participantId)), "404 not_found");
    assert.equal(refusal(await erase(other, ada.participantId)), "404 not_found");
    // Not the facilitator: refused whatever the body.
    assert.equal(refusal(await erase(board, ada.participantId, { notes: "remove" }, board.memberToken)), "403 forbidden");
    assert.equal(refusal(await erase(board, ada.participantId, undefined, board.viewerToken)), "403 forbidden");
    assert.equal(refusal(await erase(board, ada.participantId, undefined, bo.participantToken)), "401 invalid_token");
    // A body that is neither "remove" nor "anonymize".
    assert.equal(refusal(await erase(board, ada.participantId, { notes: "delete" })), "400 invalid");
    // None of that erased anyone: all three still use their tokens.
    for (const [b, phone] of [
      [board, ada],
      [board, bo],
      [other, olle],
    ] as const) {
      assert.equal((await myView(server.http, b.id, phone.participantToken)).participant.id, phone.participantId);
    }
    assert.deepEqual(await people(board), [`Namn-Ada-${RUN}-fel`, `Namn-Bo-${RUN}-fel`]);

    assert.equal((await erase(board, ada.participantId, { notes: "remove" })).status, 204);
    assert.equal(refusal(await erase(board, ada.participantId, { notes: "remove" })), "404 not_found");
    assert.equal(refusal(await erase(board, ada.participantId)), "404 not_found");
    assert.deepEqual(await people(board), [`Namn-Bo-${RUN}-fel`]);
    assert.equal((await myView(server.http, other.id, olle.participantToken)).participant.name, `Namn-Olle-${RUN}-fel`);
  });

  test("found in review: two erased people whose held notes share an idempotency key; a note in flight as its writer is erased", async () => {
    const board = await createBoard(server.http);
    const [ada, bo, cy] = await boardWithPhones(server.http, board, [`Namn-Ada2-${RUN}`, `Namn-Bo2-${RUN}`, `Namn-Cy2-${RUN}`]);

    // Idempotency keys are unique per participant: two people may use the same one.
    assert.equal((await fac(board, "/private-writing", { on: true })).status, 200);
    await writeNote(server.http, board.id, ada.participantToken, `hållen-ada-${RUN}`, { idempotencyKey: "same-key-1" });
    await writeNote(server.http, board.id, bo.participantToken, `hållen-bo-${RUN}`, { idempotencyKey: "same-key-1" });
    assert.equal((await erase(board, ada.participantId)).status, 204);
    assert.equal((await erase(board, bo.participantId)).status, 204, "the second erasure does not collide with the first");
    assert.deepEqual((await held(board)).map((n) => n.text).sort(), [`hållen-ada-${RUN}`, `hållen-bo-${RUN}`]);
    assert.equal((await fac(board, "/private-writing", { on: false })).status, 200);

    // A note whose request passed its checks before the erasure, and arrives after it, is refused.
    assert.equal((await fac(board, "/private-writing", { on: false, signed: true })).status, 200);
    const body = JSON.stringify({ text: `i-luften-${RUN}`, idempotencyKey: "in-flight-1" });
    const { request } = await import("node:http");
    const inFlight = new Promise<number>((resolve) => {
      const req = request(
        `${server.http}/api/boards/${board.id}/notes`,
        { method: "POST", headers: { Authorization: `Bearer ${cy.participantToken}`, "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) } },
        (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        },
      );
      req.flushHeaders();
      setTimeout(() => void erase(board, cy.participantId, { notes: "remove" }).then(() => req.end(body)), 200);
    });
    assert.equal(await inFlight, 401, "the erased writer's note is refused");
    const watcher = await watch(board);
    assert.equal([...notesOf(watcher.doc).values()].some((note) => String(note.get("text")).includes(`i-luften-${RUN}`)), false);
    await expectNoTraces(server.dataDir, [`Namn-Cy2-${RUN}`], "the erased writer's name");
  });

  test("found in review: dots others gave a removed note go back to them", async () => {
    const board = await createBoard(server.http);
    const [ada, bo] = await boardWithPhones(server.http, board, [`Namn-Ada3-${RUN}`, `Namn-Bo3-${RUN}`]);
    const adaNote = await writeNote(server.http, board.id, ada.participantToken, `adas-${RUN}`);
    const boNote = await writeNote(server.http, board.id, bo.participantToken, `bos-${RUN}`);
    assert.equal((await fac(board, "/vote", { dotsPerPerson: 1 })).status, 201);
    const dot = (noteId: string) => call(server.http, "POST", `/api/boards/${board.id}/vote/dots`, { token: bo.participantToken, body: { noteId, delta: 1 } });
    assert.equal((await dot(adaNote)).status, 200);
    assert.equal((await dot(boNote)).status, 409, "Bo's one dot is spent on Ada's note");
    assert.equal((await erase(board, ada.participantId, { notes: "remove" })).status, 204);
    assert.equal((await myView(server.http, board.id, bo.participantToken)).vote?.dotsLeft, 1, "Bo has the dot back");
    assert.equal((await dot(boNote)).status, 200);
  });


  test("a phone leaves by itself: erased like an anonymized person, its cookie cleared, the audit log says a participant left", async () => {
    const board = await createBoard(server.http);
    const name = `Namn-Lämnar-${RUN}`;
    const [phone] = await boardWithPhones(server.http, board, [name]);
    assert.equal((await fac(board, "/private-writing", { on: false, signed: true })).status, 200);
    const noteId = await writeNote(server.http, board.id, phone.participantToken, `kvar-${RUN}`);
    await waitFor(async () => (await tracesIn(server.dataDir, [name])).length > 0, 5_000, "the name on disk before");

    const left = await call(server.http, "DELETE", `/api/boards/${board.id}/me`, { token: phone.participantToken });
    assert.equal(left.status, 204);
    assert.match(left.headers.get("set-cookie") ?? "", new RegExp(`^samla_p_${board.id}=; .*Max-Age=0`), "the phone's cookie is cleared");
    assert.equal((await call(server.http, "GET", `/api/boards/${board.id}/me`, { token: phone.participantToken })).status, 401);
    assert.deepEqual(await people(board), []);
    const watcher = await watch(board);
    const note = noteIn(watcher.doc, noteId);
    assert.equal(note?.text, `kvar-${RUN}`, "the note stays");
    assert.equal(note?.author, undefined, "without the name");
    await expectNoTraces(server.dataDir, [name], "the name of someone who left");
    const audit = await call<{ entries: Array<{ role: string; action: string }> }>(server.http, "GET", `/api/boards/${board.id}/audit`, { token: board.facilitatorToken });
    assert.deepEqual(audit.body.entries.map((e) => [e.role, e.action]), [["participant", "participant.leave"]]);
  });

});
