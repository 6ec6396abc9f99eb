import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { CreateBoardResponse, HeldNoteView } from "../../lib/api/schemas";
import { createNote, moveNotes } from "../../lib/board/actions";
import { notesOf } from "../../lib/schema/board";
import { DEFAULT_NOTE_COLOR, DEFAULT_NOTE_SIZE, NOTE_COLORS } from "../../lib/schema/note";
import { writeSession } from "../../lib/schema/session";
import { connectClient, createBoard, readStoredBoard, startServer, storedBoard, waitFor, waitForDoc, whenSynced } from "./helpers";
import {
  boardWithPhones,
  call,
  frameRecorder,
  myView,
  newIdempotencyKey,
  noteIn,
  notesIn,
  openEvents,
  postNote,
  sessionOf,
  writeNote,
  type Phone,
} from "./participation-helpers";
import { expectNoTraces, missingFrom } from "./data-files";

type Client = ReturnType<typeof connectClient>;

function overlapping(a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe("notes from phones", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let board: CreateBoardResponse;
  let phones: Phone[];
  let watcher: Client;
  before(async () => {
    server = await startServer();
    board = await createBoard(server.http);
    phones = await boardWithPhones(server.http, board, ["Anna", "Bo", "Cilla"]);
    watcher = connectClient(server.ws, board.id, board.memberToken);
    await whenSynced(watcher.provider);
  });
  after(async () => {
    watcher?.destroy();
    await server?.close();
  });

  test("a note answers 201 placed, and a stock client sees it appear with its text and colour", async () => {
    const answer = await postNote(server.http, board.id, phones[0].participantToken, "  Mer fika på fredagar  ", { color: NOTE_COLORS[1].hex, idempotencyKey: "fika-fredag-1" });
    assert.equal(answer.status, 201);
    assert.equal(answer.body.state, "placed");
    assert.match(answer.body.id, /^[A-Za-z0-9_-]+$/);
    await waitForDoc(watcher.doc, () => notesOf(watcher.doc).has(answer.body.id), 5_000, "the note on the board");
    const note = noteIn(watcher.doc, answer.body.id)!;
    assert.equal(note.text, "Mer fika på fredagar");
    assert.equal(note.color, NOTE_COLORS[1].hex);
    assert.equal(note.author, undefined, "anonymous unless the step asks for signed notes");
    const view = await myView(server.http, board.id, phones[0].participantToken);
    assert.deepEqual(view.notes, [{ id: answer.body.id, idempotencyKey: "fika-fredag-1", text: "Mer fika på fredagar", color: NOTE_COLORS[1].hex, state: "placed" }]);
  });

  test("the same idempotency key twice (or at once) makes one note", async () => {
    const before = notesOf(watcher.doc).size;
    const key = newIdempotencyKey();
    const first = await postNote(server.http, board.id, phones[1].participantToken, "Bara en gång", { idempotencyKey: key });
    const retry = await postNote(server.http, board.id, phones[1].participantToken, "Bara en gång", { idempotencyKey: key });
    assert.equal(first.status, 201);
    assert.equal(retry.status, 201);
    assert.equal(retry.body.id, first.body.id);
    const together = newIdempotencyKey();
    const [a, b] = await Promise.all([1, 2].map(() => postNote(server.http, board.id, phones[1].participantToken, "Två tryck", { idempotencyKey: together })));
    assert.equal(a.body.id, b.body.id);
    await waitForDoc(watcher.doc, () => notesOf(watcher.doc).has(a.body.id), 5_000, "the note on the board");
    assert.equal(notesOf(watcher.doc).size, before + 2);
    assert.equal(notesIn(watcher.doc).filter((n) => n.text === "Bara en gång").length, 1);
    assert.equal((await myView(server.http, board.id, phones[1].participantToken)).notes.length, 2);
    // The key is the writer's own: another phone using the same one makes its own note.
    const other = await postNote(server.http, board.id, phones[2].participantToken, "Samma nyckel", { idempotencyKey: key });
    assert.notEqual(other.body.id, first.body.id);
  });

  test("empty, over 500 characters, control characters, a bad colour or a bad key answer 400", async () => {
    const token = phones[2].participantToken;
    const cases: Array<[string, Record<string, unknown>]> = [
      ["empty", { text: "" }],
      ["only spaces", { text: "   \n " }],
      ["501 characters", { text: "x".repeat(501) }],
      ["a control character", { text: "hej\u0007då" }],
      ["an escape sequence", { text: "\u001b[31mröd" }],
      ["a line separator", { text: "a\u2028b" }],
      ["not a post-it colour", { text: "hej", color: "#000000" }],
      ["no text", {}],
    ];
    for (const [name, body] of cases) {
      const answer = await call(server.http, "POST", `/api/boards/${board.id}/notes`, { token, body: { idempotencyKey: newIdempotencyKey(), ...body } });
      assert.equal(answer.status, 400, name);
      assert.equal(answer.body.error, "invalid", name);
    }
    for (const key of [undefined, "short", "has spaces in it", "x".repeat(65)]) {
      const answer = await call(server.http, "POST", `/api/boards/${board.id}/notes`, { token, body: { text: "hej", idempotencyKey: key } });
      assert.equal(answer.status, 400, `key ${key}`);
    }
    // 500 characters (also counted as characters, not UTF-16 units) and a newline are fine.
    assert.equal((await postNote(server.http, board.id, token, "ö".repeat(500))).status, 201);
    assert.equal((await postNote(server.http, board.id, token, "😀".repeat(500))).status, 201);
    assert.equal((await postNote(server.http, board.id, token, "rad ett\nrad två")).status, 201);
    assert.equal((await myView(server.http, board.id, token)).notes.length, 4, "only the accepted notes exist (one from the last test)");
  });

  test("what looks like an identity number answers 422 identity_number unless the writer confirms it is none", async () => {
    const token = phones[0].participantToken;
    const refused = await postNote(server.http, board.id, token, "Anna 811218-9876");
    assert.equal(refused.status, 422);
    assert.equal(refused.body.error, "identity_number");
    assert.equal(notesIn(watcher.doc).some((n) => n.text.includes("811218")), false);
    const confirmed = await postNote(server.http, board.id, token, "Anna 811218-9876", { allowIdentityNumber: true });
    assert.equal(confirmed.status, 201);
    await waitForDoc(watcher.doc, () => notesOf(watcher.doc).has(confirmed.body.id));
    // Editing into one is caught too.
    const edit = await call(server.http, "PATCH", `/api/boards/${board.id}/notes/${confirmed.body.id}`, { token, body: { text: "Bo 811218-9876" } });
    assert.equal(edit.status, 422);
  });

  test("a writer edits and deletes their own note; another participant gets 404 for it", async () => {
    const [mine, theirs] = [phones[0].participantToken, phones[1].participantToken];
    const id = await writeNote(server.http, board.id, mine, "Första utkast");
    await waitForDoc(watcher.doc, () => notesOf(watcher.doc).has(id));
    const path = `/api/boards/${board.id}/notes/${id}`;
    for (const [method, body] of [
      ["PATCH", { text: "Kapad" }],
      ["DELETE", undefined],
    ] as const) {
      const answer = await call(server.http, method, path, { token: theirs, body });
      assert.equal(answer.status, 404, method);
      assert.equal(answer.body.error, "not_found", method);
    }
    assert.equal((await call(server.http, "PATCH", path, { token: board.facilitatorToken, body: { text: "x" } })).status, 401, "a board token is no participant");
    assert.equal(noteIn(watcher.doc, id)!.text, "Första utkast");

    const edit = await call(server.http, "PATCH", path, { token: mine, body: { text: "Andra utkast", color: NOTE_COLORS[2].hex } });
    assert.equal(edit.status, 200);
    await waitForDoc(watcher.doc, () => noteIn(watcher.doc, id)?.text === "Andra utkast", 5_000, "the edit on the board");
    assert.equal(noteIn(watcher.doc, id)!.color, NOTE_COLORS[2].hex);
    assert.equal((await call(server.http, "DELETE", path, { token: mine })).status, 204);
    await waitForDoc(watcher.doc, () => !notesOf(watcher.doc).has(id), 5_000, "the note gone from the board");
    assert.equal((await call(server.http, "DELETE", path, { token: mine })).status, 404);
    assert.equal((await myView(server.http, board.id, mine)).notes.some((n) => n.id === id), false);
  });

  test("a note the board removed can no longer be edited from the phone", async () => {
    const token = phones[2].participantToken;
    const id = await writeNote(server.http, board.id, token, "Tas bort av gruppen");
    const observer = connectClient(server.ws, board.id, board.viewerToken);
    try {
      await whenSynced(observer.provider);
      await waitForDoc(watcher.doc, () => notesOf(watcher.doc).has(id));
      watcher.doc.transact(() => notesOf(watcher.doc).delete(id), "test");
      await waitForDoc(observer.doc, () => !notesOf(observer.doc).has(id), 5_000, "the deletion to reach the server");
    } finally {
      observer.destroy();
    }
    const answer = await call(server.http, "PATCH", `/api/boards/${board.id}/notes/${id}`, { token, body: { text: "ny" } });
    assert.equal(answer.status, 404);
    assert.equal(answer.body.error, "note_removed");
    assert.equal((await myView(server.http, board.id, token)).notes.some((n) => n.id === id), false);
  });

  test("notes land in a grid right of the board, none on top of another", async () => {
    const fresh = await createBoard(server.http);
    const [phone] = await boardWithPhones(server.http, fresh, ["Dan"]);
    const member = connectClient(server.ws, fresh.id, fresh.memberToken);
    try {
      await whenSynced(member.provider);
      createNote(member.doc, { id: "existing", x: 100, y: 100, text: "redan här", now: 1 }, "test");
      const ids: string[] = [];
      for (let i = 0; i < 8; i++) ids.push(await writeNote(server.http, fresh.id, phone.participantToken, `lapp ${i}`));
      await waitForDoc(member.doc, () => ids.every((id) => notesOf(member.doc).has(id)), 5_000, "the notes on the board");
      const placed = ids.map((id) => noteIn(member.doc, id)!);
      const all = notesIn(member.doc);
      for (const note of placed) {
        assert.ok(note.x >= 100 + DEFAULT_NOTE_SIZE, `right of the existing note: ${note.x}`);
        assert.equal(note.width, DEFAULT_NOTE_SIZE);
        assert.equal(note.color, DEFAULT_NOTE_COLOR);
        for (const other of all) if (other.id !== note.id) assert.equal(overlapping(note, other), false, `${note.text} on ${other.text}`);
      }
      assert.equal(new Set(placed.map((n) => n.y)).size, 2, "eight notes fill a row of six and start a second");
      assert.deepEqual(sessionOf(member.session).inbox, { x: placed[0].x, y: placed[0].y });
    } finally {
      member.destroy();
    }
  });

  test("a phone's note still lands on the board when a note sits at the board's far edge", async () => {
    const fresh = await createBoard(server.http);
    const [phone] = await boardWithPhones(server.http, fresh, ["Eva"]);
    const member = connectClient(server.ws, fresh.id, fresh.memberToken);
    const observer = connectClient(server.ws, fresh.id, fresh.viewerToken);
    try {
      await Promise.all([whenSynced(member.provider), whenSynced(observer.provider)]);
      // Allowed: notes live within ±1,000,000 board units.
      createNote(member.doc, { id: "far", x: 0, y: 0, text: "långt bort", now: 1 }, "test");
      moveNotes(member.doc, [{ id: "far", x: 999_700, y: 999_700 }], "test");
      await waitForDoc(observer.doc, () => noteIn(observer.doc, "far")?.x === 999_700, 5_000, "the far note on the server");
      const answer = await postNote(server.http, fresh.id, phone.participantToken, "ny lapp");
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      await waitForDoc(member.doc, () => notesOf(member.doc).has(answer.body.id), 5_000, "the note on the board");
      const note = noteIn(member.doc, answer.body.id)!;
      assert.ok(Math.abs(note.x) + note.width <= 1_000_000 && Math.abs(note.y) + note.height <= 1_000_000, `inside the board: ${note.x}, ${note.y}`);
      assert.equal(overlapping(note, noteIn(member.doc, "far")!), false);
    } finally {
      member.destroy();
      observer.destroy();
    }
  });

  test("the 31st note within a minute answers 429 with Retry-After; a retry of an earlier one still answers", async () => {
    const fresh = await createBoard(server.http);
    const [phone] = await boardWithPhones(server.http, fresh, ["Snabb"]);
    const firstKey = newIdempotencyKey();
    const first = await postNote(server.http, fresh.id, phone.participantToken, "lapp 1", { idempotencyKey: firstKey });
    assert.equal(first.status, 201);
    for (let i = 2; i <= 30; i++) assert.equal((await postNote(server.http, fresh.id, phone.participantToken, `lapp ${i}`)).status, 201, `note ${i}`);
    const over = await postNote(server.http, fresh.id, phone.participantToken, "lapp 31");
    assert.equal(over.status, 429);
    assert.equal(over.body.error, "too_many_attempts");
    assert.ok(Number(over.headers.get("retry-after")) >= 1);
    const retry = await postNote(server.http, fresh.id, phone.participantToken, "lapp 1", { idempotencyKey: firstKey });
    assert.equal(retry.status, 201, "a retry makes no note, so it is not counted");
    assert.equal(retry.body.id, first.body.id);
    assert.equal((await myView(server.http, fresh.id, phone.participantToken)).notes.length, 30);
    // The limit is per participant.
    const [other] = await boardWithPhones(server.http, fresh, ["Lugn"]);
    assert.equal((await postNote(server.http, fresh.id, other.participantToken, "min första")).status, 201);
  });

  test("signed notes carry the writer's name on the board", async () => {
    const fresh = await createBoard(server.http);
    const [named, nameless] = await boardWithPhones(server.http, fresh, ["Greta", ""]);
    const member = connectClient(server.ws, fresh.id, fresh.memberToken);
    try {
      await whenSynced(member.provider);
      const signed = await call(server.http, "POST", `/api/boards/${fresh.id}/private-writing`, { token: fresh.facilitatorToken, body: { on: false, signed: true } });
      assert.equal(signed.status, 200);
      const a = await writeNote(server.http, fresh.id, named.participantToken, "signerad");
      const b = await writeNote(server.http, fresh.id, nameless.participantToken, "utan namn");
      await waitForDoc(member.doc, () => notesOf(member.doc).has(a) && notesOf(member.doc).has(b));
      assert.equal(noteIn(member.doc, a)!.author, "Greta");
      assert.equal(noteIn(member.doc, b)!.author, undefined);
      assert.equal(sessionOf(member.session).signedNotes, true);
      assert.equal((await myView(server.http, fresh.id, named.participantToken)).signedNotes, true);
      // A note the phone wrote while it said "anonymous", sent only now (it waited offline), names nobody.
      const waited = await writeNote(server.http, fresh.id, named.participantToken, "skriven anonymt", { signed: false });
      const shown = await writeNote(server.http, fresh.id, named.participantToken, "skriven signerad", { signed: true });
      await waitForDoc(member.doc, () => notesOf(member.doc).has(waited) && notesOf(member.doc).has(shown));
      assert.equal(noteIn(member.doc, waited)!.author, undefined);
      assert.equal(noteIn(member.doc, shown)!.author, "Greta");
      // And one the phone showed as signed, arriving after signing ended, names nobody either.
      await call(server.http, "POST", `/api/boards/${fresh.id}/private-writing`, { token: fresh.facilitatorToken, body: { on: false, signed: false } });
      const late = await writeNote(server.http, fresh.id, named.participantToken, "signerad men sen", { signed: true });
      await waitForDoc(member.doc, () => notesOf(member.doc).has(late));
      assert.equal(noteIn(member.doc, late)!.author, undefined);
    } finally {
      member.destroy();
    }
  });
});

describe("a server change that fails half-way", () => {
  test("what it did before failing is stored and sent like any change, never kept in memory only", async (t) => {
    const server = await startServer();
    const board = await createBoard(server.http);
    const member = connectClient(server.ws, board.id, board.memberToken);
    t.after(async () => {
      member.destroy();
      await server.close();
    });
    await whenSynced(member.provider);
    const room = await server.realtime.rooms.acquire(board.id);
    try {
      const failing = room.run(() =>
        room.applyServerChange((_doc, session) => {
          writeSession(session, { prompt: "halvvägs" });
          throw new Error("boom");
        }),
      );
      await assert.rejects(failing, /boom/);
    } finally {
      await server.realtime.rooms.release(room);
    }
    await waitForDoc(member.session, () => sessionOf(member.session).prompt === "halvvägs", 5_000, "the change at the client");
    assert.equal(sessionOf((await storedBoard(server.storage, board.id)).session).prompt, "halvvägs", "in storage");
  });
});

describe("private writing", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  before(async () => {
    server = await startServer();
  });
  after(() => server?.close());

  const privateWriting = (board: CreateBoardResponse, on: boolean, token = board.facilitatorToken) =>
    call(server.http, "POST", `/api/boards/${board.id}/private-writing`, { token, body: { on } });
  const held = (board: CreateBoardResponse, token = board.facilitatorToken) => call<{ notes: HeldNoteView[] }>(server.http, "GET", `/api/boards/${board.id}/held`, { token });

  test("a held note's text never reaches a board client; the board shows only how many wait", async (t) => {
    const board = await createBoard(server.http);
    const [anna, bo] = await boardWithPhones(server.http, board, ["Anna", "Bo"]);
    const member = connectClient(server.ws, board.id, board.memberToken);
    const recorder = await frameRecorder(`${server.ws}/${board.id}?token=${board.memberToken}`);
    const sessionRecorder = await frameRecorder(`${server.ws}/${board.id}/session?token=${board.memberToken}`);
    t.after(() => {
      member.destroy();
      recorder.close();
      sessionRecorder.close();
    });
    await whenSynced(member.provider);

    const on = await privateWriting(board, true);
    assert.equal(on.status, 200);
    assert.deepEqual(on.body, { privateWriting: true });
    await waitForDoc(member.session, () => sessionOf(member.session).privateWriting, 5_000, "private writing on the board");
    assert.equal((await myView(server.http, board.id, anna.participantToken)).privateWriting, true);

    const secret = "HEMLIG-åsikt-7f3a: chefen lyssnar inte";
    const answer = await postNote(server.http, board.id, anna.participantToken, secret, { idempotencyKey: "hemlig-anna-1" });
    assert.equal(answer.status, 201);
    assert.equal(answer.body.state, "held");
    await waitForDoc(member.session, () => sessionOf(member.session).heldCount === 1, 5_000, "heldCount 1 on the board");
    await waitFor(() => recorder.frames.length >= 1 && sessionRecorder.frames.length >= 3, 5_000, "the recorders to receive the board, its session and the changes");
    assert.equal(notesOf(member.doc).size, 0);

    // A fresh full sync carries no more than the live updates did.
    const late = await frameRecorder(`${server.ws}/${board.id}?token=${board.viewerToken}`);
    t.after(() => late.close());
    await waitFor(() => late.syncStepTwos().length > 0, 5_000, "the late recorder's full sync");
    for (const [name, rec] of [["live", recorder], ["live session", sessionRecorder], ["late", late]] as const) {
      assert.equal(rec.saw(secret), false, `${name}: a frame held the note's text`);
      assert.equal(rec.saw("HEMLIG"), false, `${name}: a frame held part of the note's text`);
    }

    // The writer sees it as held; nobody else does.
    const mine = await myView(server.http, board.id, anna.participantToken);
    assert.deepEqual(mine.notes, [{ id: answer.body.id, idempotencyKey: "hemlig-anna-1", text: secret, color: DEFAULT_NOTE_COLOR, state: "held" }]);
    assert.deepEqual((await myView(server.http, board.id, bo.participantToken)).notes, []);

    // The facilitator lists it for reading aloud; a member or a participant may not.
    const list = await held(board);
    assert.equal(list.status, 200);
    assert.deepEqual(list.body.notes, [{ id: answer.body.id, text: secret, color: DEFAULT_NOTE_COLOR }]);
    for (const token of [board.memberToken, board.viewerToken]) assert.equal((await held(board, token)).status, 403);
    assert.equal((await held(board, anna.participantToken)).status, 401);
    assert.equal((await privateWriting(board, false, board.memberToken)).status, 403, "only the facilitator switches it");

    // Editing a held note keeps it held and private.
    const edited = await call(server.http, "PATCH", `/api/boards/${board.id}/notes/${answer.body.id}`, { token: anna.participantToken, body: { text: `${secret} (ändrad)` } });
    assert.equal(edited.status, 200);
    assert.equal((await held(board)).body.notes[0].text, `${secret} (ändrad)`);

    // The reveal places it: now, and only now, the board clients have its words.
    const revealed = await call(server.http, "POST", `/api/boards/${board.id}/reveal`, { token: board.facilitatorToken, body: {} });
    assert.equal(revealed.status, 200);
    assert.deepEqual(revealed.body, { revealed: 1 });
    await waitForDoc(member.doc, () => notesOf(member.doc).has(answer.body.id), 5_000, "the revealed note on the board");
    assert.equal(noteIn(member.doc, answer.body.id)!.text, `${secret} (ändrad)`);
    assert.equal(sessionOf(member.session).heldCount, 0);
    await waitFor(() => recorder.saw(secret), 5_000, "the recorder to see the revealed text (the check above can see text)");
    assert.deepEqual((await myView(server.http, board.id, anna.participantToken)).notes.map((n) => n.state), ["placed"]);
    assert.deepEqual((await held(board)).body.notes, []);
  });

  test("a note a stock board client writes while private writing is on is neither relayed nor stored, and its connection stays open", async (t) => {
    const first = await startServer();
    let second: Awaited<ReturnType<typeof startServer>> | null = null;
    const clients: Client[] = [];
    let closeFirst: Promise<void> | null = null;
    t.after(async () => {
      for (const c of clients) c.destroy();
      await (closeFirst ??= first.close());
      await second?.close();
    });
    const board = await createBoard(first.http);
    const writer = connectClient(first.ws, board.id, board.memberToken);
    const other = connectClient(first.ws, board.id, board.memberToken);
    clients.push(writer, other);
    await Promise.all([whenSynced(writer.provider), whenSynced(other.provider)]);
    createNote(writer.doc, { id: "before", x: 0, y: 0, text: "skriven före", now: 1 }, "test");
    await waitForDoc(other.doc, () => notesOf(other.doc).has("before"));

    assert.equal((await call(first.http, "POST", `/api/boards/${board.id}/private-writing`, { token: board.facilitatorToken, body: { on: true } })).status, 200);
    await waitForDoc(writer.session, () => sessionOf(writer.session).privateWriting, 5_000, "private writing reaching the writer");
    const recorder = await frameRecorder(`${first.ws}/${board.id}?token=${board.viewerToken}`);
    t.after(() => recorder.close());

    createNote(writer.doc, { id: "sneaky", x: 300, y: 0, text: "SMYGLAPP-91c2 från en gammal klient", now: 2 }, "test");
    // Something that does pass afterwards (a move of a note everyone has) shows the held one had its chance to travel.
    moveNotes(writer.doc, [{ id: "before", x: 50, y: 60 }], "test");
    const [phone] = await boardWithPhones(first.http, board, ["Fia"]);
    await writeNote(first.http, board.id, phone.participantToken, "via telefonen");
    await waitForDoc(other.session, () => sessionOf(other.session).heldCount === 1, 5_000, "the held count after the phone's note");
    assert.equal(notesOf(other.doc).has("sneaky"), false, "relayed to another client");
    assert.equal(recorder.saw("SMYGLAPP"), false, "relayed to a raw client");
    assert.equal(writer.provider.wsconnected, true, "the writer's connection stays open");
    assert.equal(notesOf(writer.doc).has("sneaky"), true, "the writer keeps its note");

    // Stored? Stop the server (clients first, so nobody can send it again) and look.
    writer.destroy();
    other.destroy();
    await (closeFirst = first.close());
    const onDisk = await readStoredBoard(first.dataDir, board.id);
    assert.equal(notesOf(onDisk.doc).has("sneaky"), false, "stored");
    assert.equal(notesOf(onDisk.doc).has("before"), true);
    second = await startServer({ dataDir: first.dataDir });
    const fresh = connectClient(second.ws, board.id, board.viewerToken);
    clients.push(fresh);
    await whenSynced(fresh.provider);
    await whenSynced(fresh.sessionProvider);
    assert.equal(notesOf(fresh.doc).has("sneaky"), false, "served after a restart");
    assert.equal(sessionOf(fresh.session).privateWriting, true, "private writing survives the restart");
    assert.equal(sessionOf(fresh.session).heldCount, 1);
    assert.equal((await call<{ notes: HeldNoteView[] }>(second.http, "GET", `/api/boards/${board.id}/held`, { token: board.facilitatorToken })).body.notes[0].text, "via telefonen");
  });

  test("a stock client that wrote during private writing is in step with the board again once it ends", async (t) => {
    const board = await createBoard(server.http);
    const writer = connectClient(server.ws, board.id, board.memberToken);
    const other = connectClient(server.ws, board.id, board.memberToken);
    t.after(() => {
      writer.destroy();
      other.destroy();
    });
    await Promise.all([whenSynced(writer.provider), whenSynced(other.provider)]);
    createNote(writer.doc, { id: "shared", x: 0, y: 0, text: "alla har den", now: 1 }, "test");
    await waitForDoc(other.doc, () => notesOf(other.doc).has("shared"));
    await call(server.http, "POST", `/api/boards/${board.id}/private-writing`, { token: board.facilitatorToken, body: { on: true } });
    await waitForDoc(writer.session, () => sessionOf(writer.session).privateWriting);
    createNote(writer.doc, { id: "during", x: 300, y: 0, text: "under tyst skrivning", now: 2 }, "test");
    await call(server.http, "POST", `/api/boards/${board.id}/private-writing`, { token: board.facilitatorToken, body: { on: false } });
    await waitForDoc(writer.session, () => !sessionOf(writer.session).privateWriting);
    // The same client, still connected, moves a note everybody has.
    moveNotes(writer.doc, [{ id: "shared", x: 777, y: 888 }], "test");
    await waitForDoc(other.doc, () => noteIn(other.doc, "shared")?.x === 777, 5_000, "the writer's later move to reach the other client");
    await waitForDoc(other.doc, () => notesOf(other.doc).has("during"), 5_000, "the note written during private writing, after it ended");
  });

  test("the reveal places every held note in a grid, in writing order, and the writers' views follow", async (t) => {
    const board = await createBoard(server.http);
    const phones = await boardWithPhones(server.http, board, ["A", "B", "C"]);
    const member = connectClient(server.ws, board.id, board.memberToken);
    t.after(() => member.destroy());
    await whenSynced(member.provider);
    await privateWriting(board, true);
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push(await writeNote(server.http, board.id, phones[i % 3].participantToken, `tanke ${i}`));
    await waitForDoc(member.session, () => sessionOf(member.session).heldCount === 7, 5_000, "seven held");
    assert.equal(notesOf(member.doc).size, 0);
    assert.deepEqual((await held(board)).body.notes.map((n) => n.id), ids, "oldest first");
    for (const phone of phones) {
      const view = await myView(server.http, board.id, phone.participantToken);
      assert.ok(view.notes.length >= 2 && view.notes.every((n) => n.state === "held"));
    }

    // Turning private writing off reveals whatever still waits.
    const off = await privateWriting(board, false);
    assert.deepEqual(off.body, { privateWriting: false });
    await waitForDoc(member.doc, () => ids.every((id) => notesOf(member.doc).has(id)), 5_000, "every note on the board");
    const placed = ids.map((id) => noteIn(member.doc, id)!);
    assert.equal(new Set(placed.map((n) => `${n.x},${n.y}`)).size, 7, "distinct positions");
    for (let i = 0; i < placed.length; i++) for (let j = i + 1; j < placed.length; j++) assert.equal(overlapping(placed[i], placed[j]), false);
    assert.deepEqual(
      placed.map((n) => n.text),
      ids.map((_, i) => `tanke ${i}`),
    );
    // Reading order: left to right, then the next row.
    const order = [...placed].sort((a, b) => a.y - b.y || a.x - b.x).map((n) => n.text);
    assert.deepEqual(order, placed.map((n) => n.text));
    assert.equal(sessionOf(member.session).heldCount, 0);
    assert.equal(sessionOf(member.session).privateWriting, false);
    for (const phone of phones) {
      const view = await myView(server.http, board.id, phone.participantToken);
      assert.ok(view.notes.every((n) => n.state === "placed"), phone.name);
    }
    // After private writing, notes are placed at once again.
    assert.equal((await postNote(server.http, board.id, phones[0].participantToken, "efteråt")).body.state, "placed");
  });

  test("read aloud: revealing one note places exactly that one; the others stay held", async (t) => {
    const board = await createBoard(server.http);
    const [phone] = await boardWithPhones(server.http, board, ["Läsare"]);
    const member = connectClient(server.ws, board.id, board.memberToken);
    t.after(() => member.destroy());
    await whenSynced(member.provider);
    await privateWriting(board, true);
    const ids: string[] = [];
    for (const text of ["ett", "två", "tre"]) ids.push(await writeNote(server.http, board.id, phone.participantToken, text));
    const one = await call(server.http, "POST", `/api/boards/${board.id}/reveal`, { token: board.facilitatorToken, body: { noteIds: [ids[1]] } });
    assert.deepEqual(one.body, { revealed: 1 });
    await waitForDoc(member.doc, () => notesOf(member.doc).has(ids[1]) && sessionOf(member.session).heldCount === 2, 5_000, "one note revealed");
    assert.deepEqual([...notesOf(member.doc).keys()], [ids[1]]);
    assert.equal(noteIn(member.doc, ids[1])!.text, "två");
    assert.deepEqual((await held(board)).body.notes.map((n) => n.text), ["ett", "tre"]);
    assert.deepEqual(
      (await myView(server.http, board.id, phone.participantToken)).notes.map((n) => [n.text, n.state]),
      [
        ["ett", "held"],
        ["två", "placed"],
        ["tre", "held"],
      ],
    );
    // Revealing it again, or an id that is no held note, places nothing.
    const again = await call(server.http, "POST", `/api/boards/${board.id}/reveal`, { token: board.facilitatorToken, body: { noteIds: [ids[1], "no-such-note"] } });
    assert.deepEqual(again.body, { revealed: 0 });
    assert.equal((await call(server.http, "POST", `/api/boards/${board.id}/reveal`, { token: board.memberToken, body: {} })).status, 403);
    // A held note deleted by its writer is gone for good.
    assert.equal((await call(server.http, "DELETE", `/api/boards/${board.id}/notes/${ids[0]}`, { token: phone.participantToken })).status, 204);
    await waitForDoc(member.session, () => sessionOf(member.session).heldCount === 1, 5_000, "held count after the delete");
    const rest = await call(server.http, "POST", `/api/boards/${board.id}/reveal`, { token: board.facilitatorToken, body: {} });
    assert.deepEqual(rest.body, { revealed: 1 });
    await waitForDoc(member.doc, () => notesOf(member.doc).has(ids[2]), 5_000, "the last note revealed");
    assert.equal(notesOf(member.doc).has(ids[0]), false);
    assert.equal(notesOf(member.doc).size, 2);
  });

  test("signed private notes show their author to the facilitator and on the board after the reveal", async (t) => {
    const board = await createBoard(server.http);
    const [phone] = await boardWithPhones(server.http, board, ["Hanna"]);
    const member = connectClient(server.ws, board.id, board.memberToken);
    t.after(() => member.destroy());
    await whenSynced(member.provider);
    await call(server.http, "POST", `/api/boards/${board.id}/private-writing`, { token: board.facilitatorToken, body: { on: true, signed: true } });
    const id = await writeNote(server.http, board.id, phone.participantToken, "med namn");
    assert.deepEqual((await held(board)).body.notes, [{ id, text: "med namn", color: DEFAULT_NOTE_COLOR, author: "Hanna" }]);
    await privateWriting(board, false);
    await waitForDoc(member.doc, () => notesOf(member.doc).has(id));
    assert.equal(noteIn(member.doc, id)!.author, "Hanna");
  });

  test("a note written anonymously stays anonymous when signing is switched on before the reveal", async (t) => {
    const board = await createBoard(server.http);
    const [phone] = await boardWithPhones(server.http, board, ["Ines"]);
    const member = connectClient(server.ws, board.id, board.memberToken);
    t.after(() => member.destroy());
    await whenSynced(member.provider);
    await call(server.http, "POST", `/api/boards/${board.id}/private-writing`, { token: board.facilitatorToken, body: { on: true, signed: false } });
    const id = await writeNote(server.http, board.id, phone.participantToken, "utan namn");
    await call(server.http, "POST", `/api/boards/${board.id}/private-writing`, { token: board.facilitatorToken, body: { on: true, signed: true } });
    assert.deepEqual((await held(board)).body.notes, [{ id, text: "utan namn", color: DEFAULT_NOTE_COLOR }]);
    await privateWriting(board, false);
    await waitForDoc(member.doc, () => notesOf(member.doc).has(id));
    assert.equal(noteIn(member.doc, id)!.author, undefined);
  });
});

describe("live updates for phones (server-sent events)", () => {
  test("a view arrives at once, and again when the prompt changes or a held note is revealed", async (t) => {
    const server = await startServer();
    const board = await createBoard(server.http);
    const [phone, other] = await boardWithPhones(server.http, board, ["Ida", "Jon"]);
    const events = await openEvents(server.http, board.id, phone.participantToken);
    t.after(async () => {
      await events.close();
      await server.close();
    });
    assert.match(events.contentType ?? "", /^text\/event-stream/);
    const first = await events.next(() => true, 0, 2_000);
    assert.equal(first.view.participant.id, phone.participantId);
    assert.equal(first.view.prompt, "");
    assert.deepEqual(first.view.notes, []);

    const patched = await call(server.http, "PATCH", `/api/boards/${board.id}`, { token: board.facilitatorToken, body: { prompt: "Vad ska vi sluta med?" } });
    assert.equal(patched.status, 200);
    const prompted = await events.next((view) => view.prompt === "Vad ska vi sluta med?", first.index + 1);

    await call(server.http, "POST", `/api/boards/${board.id}/private-writing`, { token: board.facilitatorToken, body: { on: true } });
    const privately = await events.next((view) => view.privateWriting, prompted.index + 1);
    const id = await writeNote(server.http, board.id, phone.participantToken, "min hemliga", { idempotencyKey: "min-hemliga-1" });
    const heldView = await events.next((view) => view.notes.some((n) => n.id === id && n.state === "held"), privately.index + 1);
    await writeNote(server.http, board.id, other.participantToken, "någon annans");
    await call(server.http, "POST", `/api/boards/${board.id}/reveal`, { token: board.facilitatorToken, body: { noteIds: [id] } });
    const revealed = await events.next((view) => view.notes.some((n) => n.id === id && n.state === "placed"), heldView.index + 1);
    assert.deepEqual(revealed.view.notes, [{ id, idempotencyKey: "min-hemliga-1", text: "min hemliga", color: DEFAULT_NOTE_COLOR, state: "placed" }]);
    // Never anyone else's note, held or not.
    assert.equal(events.events.some((e) => JSON.stringify(e.data).includes("någon annans")), false);
    // An unchanged view is not sent again.
    const count = events.events.length;
    await call(server.http, "PATCH", `/api/boards/${board.id}`, { token: board.facilitatorToken, body: { prompt: "Vad ska vi sluta med?" } });
    await new Promise((r) => setTimeout(r, 400));
    assert.equal(events.events.length, count);
  });

  test("without a participant token the stream answers 401", async (t) => {
    const server = await startServer();
    t.after(() => server.close());
    const board = await createBoard(server.http);
    assert.equal((await fetch(`${server.http}/api/boards/${board.id}/me/events`)).status, 401);
    assert.equal((await fetch(`${server.http}/api/boards/${board.id}/me/events`, { headers: { Authorization: `Bearer ${board.memberToken}` } })).status, 401);
  });
});

describe("a placed note's text lives in the board alone", () => {
  test("a phone's note deleted from the board leaves no copy of its text in any file of DATA_DIR, held or revealed", async (t) => {
    const server = await startServer();
    t.after(() => server.close());
    const board = await createBoard(server.http);
    const [phone] = await boardWithPhones(server.http, board, ["Anna"]);
    const texts = [`Placerad ${process.pid}-${Date.now()}`, `Visad ${process.pid}-${Date.now()}`];
    const placedId = await writeNote(server.http, board.id, phone.participantToken, texts[0]);
    assert.equal((await call(server.http, "POST", `/api/boards/${board.id}/private-writing`, { token: board.facilitatorToken, body: { on: true } })).status, 200);
    const revealedId = await writeNote(server.http, board.id, phone.participantToken, texts[1]);
    assert.equal((await call(server.http, "POST", `/api/boards/${board.id}/private-writing`, { token: board.facilitatorToken, body: { on: false } })).status, 200);
    const facilitator = connectClient(server.ws, board.id, board.facilitatorToken);
    t.after(() => facilitator.destroy());
    await whenSynced(facilitator.provider);
    await waitForDoc(facilitator.doc, () => notesOf(facilitator.doc).has(placedId) && notesOf(facilitator.doc).has(revealedId), 5_000, "both notes on the board");
    assert.deepEqual(await missingFrom(server.dataDir, texts), [], "the search finds them while they are on the board");

    // The facilitator deletes both from the board; the stored history is compacted, the log emptied.
    facilitator.doc.transact(() => {
      notesOf(facilitator.doc).delete(placedId);
      notesOf(facilitator.doc).delete(revealedId);
    });
    const room = await server.realtime.rooms.acquire(board.id);
    await waitFor(() => !notesOf(room.doc).has(placedId) && !notesOf(room.doc).has(revealedId), 5_000, "the server has the deletions");
    await room.compact();
    await server.realtime.rooms.release(room);
    assert.ok(await server.storage.purgeDeleted());
    await expectNoTraces(server.dataDir, texts, "notes deleted from the board");
    // The phone still knows it wrote them, and that they are gone from the board.
    assert.deepEqual((await myView(server.http, board.id, phone.participantToken)).notes, []);
  });
});
