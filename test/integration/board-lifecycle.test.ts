import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, test } from "node:test";
import type { BoardInfoResponse, CreateBoardResponse } from "../../lib/api/schemas";
import { createNote, textOfNote } from "../../lib/board/actions";
import { notesOf } from "../../lib/schema/board";
import type { Storage } from "../../server/storage/types";
import { connectClient, createBoard, rawSocket, spawnServer, startServer, tempDir, waitFor, waitForDoc, whenSynced } from "./helpers";
import { boardInfo, boardWithPhones, call, myView, noteIn, openEvents, writeNote, type Phone } from "./participation-helpers";
import { expectNoTraces, missingFrom } from "./data-files";

type Client = ReturnType<typeof connectClient>;
type Server = Awaited<ReturnType<typeof startServer>>;

const DAY_MS = 24 * 60 * 60 * 1000;
/** A fixed starting time for the injected clock, far from the real one. */
const T0 = Date.UTC(2031, 2, 3, 9, 0, 0);

/** Unique for this run: no marker can be found in a file by chance or left over from another test. */
const RUN = randomBytes(6).toString("hex");

/** The stock client's close codes, per channel, as it heard them. */
function closeCodes(client: Client) {
  const codes = { board: [] as number[], session: [] as number[] };
  client.provider.on("connection-close", (event) => event && codes.board.push(event.code));
  client.sessionProvider.on("connection-close", (event) => event && codes.session.push(event.code));
  return codes;
}

function typeNotes(client: Client, texts: readonly string[], prefix: string): string[] {
  return texts.map((text, i) => {
    const id = `${prefix}-${i}`;
    createNote(client.doc, { id, x: i * 220, y: 0, text, now: i + 1 }, "test");
    return id;
  });
}

/** How a websocket upgrade ended: "open", or the error the refusal gave ("HTTP 404"). */
async function upgrade(url: string): Promise<string> {
  try {
    const ws = await rawSocket(url);
    ws.close();
    return "open";
  } catch (error) {
    return (error as Error).message;
  }
}

function settle<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * A board with everything a workshop leaves: a member's typed notes, a prompt, phones with names,
 * their placed notes, a vote with dots, and held notes under private writing. Every text is
 * unique to this board and this run.
 */
async function workshop(server: { http: string; ws: string }, label: string, size: number) {
  const board = await createBoard(server.http, `${label} tavla ${RUN} – rubrik som ingen annan har`);
  const member = connectClient(server.ws, board.id, board.memberToken);
  await whenSynced(member.provider);
  await whenSynced(member.sessionProvider);
  const names = Array.from({ length: size }, (_, i) => `${label} ${RUN} deltagare ${i}`);
  const phones = await boardWithPhones(server.http, board, names);
  const typed = Array.from({ length: size * 2 }, (_, i) => `${label}-${RUN}: skriven lapp nummer ${i}, åäö – förslag om budgeten`);
  const placed = phones.map((_, i) => `${label}-${RUN}: telefonlapp ${i} som hamnade på tavlan`);
  const held = phones.map((_, i) => `${label}-${RUN}: hemlig lapp ${i} som väntar under tyst skrivande`);
  const prompt = `${label}-${RUN}: Vad hindrar oss i vardagen?`;
  return { board, member, phones, names, typed, placed, held, prompt, texts: [board.title, ...names, ...typed, ...placed, ...held, prompt] };
}

type Workshop = Awaited<ReturnType<typeof workshop>>;

/** Fills two boards at once, so that their rows share the database's pages. */
async function fillTogether(http: string, boards: Workshop[]) {
  const placedIds = new Map<Workshop, string[]>(boards.map((w) => [w, []]));
  const heldIds = new Map<Workshop, string[]>(boards.map((w) => [w, []]));
  const typedIds = new Map<Workshop, string[]>();
  for (const w of boards) typedIds.set(w, typeNotes(w.member, w.typed, `typed-${w.board.id}`));
  for (let i = 0; i < Math.max(...boards.map((w) => w.phones.length)); i++) {
    for (const w of boards) if (w.phones[i]) placedIds.get(w)!.push(await writeNote(http, w.board.id, w.phones[i].participantToken, w.placed[i]));
  }
  for (const w of boards) {
    const fac = w.board.facilitatorToken;
    assert.equal((await call(http, "PATCH", `/api/boards/${w.board.id}`, { token: fac, body: { prompt: w.prompt } })).status, 200);
    const vote = await call(http, "POST", `/api/boards/${w.board.id}/vote`, { token: fac, body: { dotsPerPerson: 2 } });
    assert.equal(vote.status, 201);
    for (const [i, phone] of w.phones.entries()) {
      const noteId = placedIds.get(w)![i % placedIds.get(w)!.length];
      const dot = await call(http, "POST", `/api/boards/${w.board.id}/vote/dots`, { token: phone.participantToken, body: { noteId, delta: 1 } });
      assert.equal(dot.status, 200);
    }
    assert.equal((await call(http, "POST", `/api/boards/${w.board.id}/private-writing`, { token: fac, body: { on: true } })).status, 200);
  }
  for (let i = 0; i < Math.max(...boards.map((w) => w.phones.length)); i++) {
    for (const w of boards) if (w.phones[i]) heldIds.get(w)!.push(await writeNote(http, w.board.id, w.phones[i].participantToken, w.held[i]));
  }
  for (const w of boards) {
    // The member sees the phones' placed notes: the board has them all.
    await waitForDoc(w.member.doc, () => [...typedIds.get(w)!, ...placedIds.get(w)!].every((id) => notesOf(w.member.doc).has(id)), 5_000, "every note on the board");
  }
  return { typedIds, placedIds, heldIds };
}

/** Every way of asking about a board, with every kind of token: each must answer 404 board_not_found. */
async function everyAnswerFor(http: string, board: CreateBoardResponse, phone: Phone) {
  const id = board.id;
  const tokens = { facilitator: board.facilitatorToken, member: board.memberToken, viewer: board.viewerToken, projector: board.projectorToken, phone: phone.participantToken, none: undefined };
  const asks: Array<[string, string, string | undefined, unknown?]> = [];
  for (const [who, token] of Object.entries(tokens)) {
    const ask = (request: string, body?: unknown) => asks.push([`${request} as ${who}`, request, token, body]);
    ask(`GET /api/boards/${id}`);
    ask(`PATCH /api/boards/${id}`, { prompt: "efteråt" });
    ask(`DELETE /api/boards/${id}`);
    ask(`GET /api/boards/${id}/session`);
    ask(`GET /api/boards/${id}/export.json`);
    ask(`GET /api/boards/${id}/export.csv`);
    ask(`GET /api/boards/${id}/export.pdf`);
    ask(`POST /api/boards/${id}/join-code`);
    ask(`POST /api/boards/${id}/participants`, { name: "Sen" });
    ask(`GET /api/boards/${id}/participants`);
    ask(`DELETE /api/boards/${id}/participants/${phone.participantId}`);
    ask(`POST /api/boards/${id}/links/member/renew`);
    ask(`GET /api/boards/${id}/me`);
    ask(`GET /api/boards/${id}/me/events`);
    ask(`POST /api/boards/${id}/notes`, { text: "efteråt", idempotencyKey: `late-${who}` });
    ask(`PATCH /api/boards/${id}/notes/some-note`, { text: "efteråt" });
    ask(`DELETE /api/boards/${id}/notes/some-note`);
    ask(`POST /api/boards/${id}/private-writing`, { on: false });
    ask(`GET /api/boards/${id}/held`);
    ask(`POST /api/boards/${id}/reveal`, {});
    ask(`POST /api/boards/${id}/vote`, {});
    ask(`DELETE /api/boards/${id}/vote`);
    ask(`POST /api/boards/${id}/vote/close`);
    ask(`POST /api/boards/${id}/vote/dots`, { noteId: "some-note", delta: 1 });
    ask(`POST /api/boards/${id}/groups`, { size: 3 });
    ask(`GET /api/boards/${id}/groups`);
    ask(`POST /api/boards/${id}/groups/merge`, {});
    ask(`POST /api/boards/${id}/scale`, { scaleId: "s", value: 1 });
    ask(`POST /api/boards/${id}/timer`, { durationMs: 60_000 });
    ask(`POST /api/boards/${id}/agenda`, { index: 0 });
    ask(`PUT /api/boards/${id}/agenda`, { steps: [] });
    ask(`POST /api/boards/${id}/kit`, { kit: "arbetsmote-1" });
    ask(`POST /api/boards/${id}/frames/some-frame/lock`, { locked: true });
  }
  const answers: string[] = [];
  for (const [what, request, token, body] of asks) {
    const [method, path] = request.split(" ");
    const answer = await call(http, method, path, { token, body });
    answers.push(`${what}: ${answer.status} ${answer.body.error ?? ""}`);
  }
  return { answers, expected: asks.map(([what]) => `${what}: 404 board_not_found`) };
}

describe("deleting a board", () => {
  test("a deleted board is gone for everyone and from every file on disk; another board is untouched", async (t) => {
    // Compacting often: the board is in snapshots as well as in updates.
    const server = await startServer({ compactEvery: 10 });
    const clients: Client[] = [];
    t.after(async () => {
      for (const c of clients) c.destroy();
      await server.close();
    });

    const doomed = await workshop(server, "Raderas", 3);
    const kept = await workshop(server, "Behålls", 2);
    clients.push(doomed.member, kept.member);
    const { typedIds, placedIds, heldIds } = await fillTogether(server.http, [doomed, kept]);

    const doomedNeedles = [...doomed.texts, doomed.board.id];
    const keptNeedles = [...kept.texts, kept.board.id];
    // The search works: before the delete, every text of both boards is in the files (the WAL, at least).
    await waitFor(async () => (await missingFrom(server.dataDir, [...doomedNeedles, ...keptNeedles])).length === 0, 5_000, "every text written to disk");
    for (const doc of ["board", "session"] as const) assert.ok((await server.storage.loadDocument(doomed.board.id, doc)).snapshot, `a snapshot of the ${doc} document`);

    // Someone is on the board (a stock client, both channels) and a phone listens for its view.
    const codes = closeCodes(doomed.member);
    const stream = await openEvents(server.http, doomed.board.id, doomed.phones[0].participantToken);
    await stream.next((view) => view.notes.length === 2);
    const keptStream = await openEvents(server.http, kept.board.id, kept.phones[0].participantToken);
    await keptStream.next((view) => view.notes.length === 2);
    t.after(() => keptStream.close());

    // Only the facilitator deletes.
    const refusals: string[] = [];
    for (const token of [doomed.board.memberToken, doomed.board.viewerToken, doomed.phones[1].participantToken]) {
      const refused = await call(server.http, "DELETE", `/api/boards/${doomed.board.id}`, { token });
      refusals.push(`${refused.status} ${refused.body.error}`);
    }
    assert.deepEqual(refusals, ["403 forbidden", "403 forbidden", "401 invalid_token"]);
    const { title, joinCode } = await boardInfo(server.http, doomed.board.id, doomed.board.facilitatorToken);
    assert.equal(title, doomed.board.title, "the board is still there");

    const deleted = await call(server.http, "DELETE", `/api/boards/${doomed.board.id}`, { token: doomed.board.facilitatorToken });
    assert.equal(deleted.status, 204);

    // Everyone on it is told: both websockets close with 4410, the phone's stream ends.
    await waitFor(() => codes.board.includes(4410) && codes.session.includes(4410), 5_000, "4410 on both channels");
    assert.deepEqual(codes, { board: [4410], session: [4410] });
    await settle(stream.ended, 5_000, "the phone's event stream to end");
    assert.equal(doomed.member.provider.wsconnected, false);

    // Every endpoint, with every token the board had (and none), says the board does not exist.
    const { answers, expected } = await everyAnswerFor(server.http, doomed.board, doomed.phones[0]);
    assert.deepEqual(answers, expected);
    // Its join code opens nothing, for a new phone or one that had joined (its cookie).
    for (const cookie of [undefined, doomed.phones[2].cookie]) {
      const join = await call(server.http, "POST", "/api/join", { body: { code: joinCode, name: "Sen" }, headers: cookie ? { Cookie: cookie, Origin: server.http } : {} });
      assert.deepEqual([join.status, join.body.error], [404, "wrong_code"]);
    }
    for (const token of [doomed.board.facilitatorToken, doomed.board.memberToken, doomed.board.viewerToken]) {
      for (const target of [doomed.board.id, `${doomed.board.id}/session`]) {
        assert.match(await upgrade(`${server.ws}/${target}?token=${encodeURIComponent(token)}`), /^HTTP 40[14]$/, `websocket to ${target} refused`);
      }
    }

    // Not a byte of it is left in any file of the data folder: texts, names, its id.
    await expectNoTraces(server.dataDir, doomedNeedles, "the deleted board");

    // The other board: all there, through the API and the websocket.
    assert.deepEqual(await missingFrom(server.dataDir, keptNeedles), [], "the kept board's texts are still on disk");
    assert.equal((await boardInfo(server.http, kept.board.id, kept.board.facilitatorToken)).title, kept.board.title);
    for (const [i, phone] of kept.phones.entries()) {
      const view = await myView(server.http, kept.board.id, phone.participantToken);
      assert.equal(view.participant.name, kept.names[i]);
      assert.equal(view.prompt, kept.prompt);
      assert.deepEqual(
        view.notes.map((n) => [n.text, n.state]),
        [
          [kept.placed[i], "placed"],
          [kept.held[i], "held"],
        ],
      );
      assert.equal(view.vote?.dotsLeft, 1);
    }
    const held = await call<{ notes: Array<{ id: string; text: string }> }>(server.http, "GET", `/api/boards/${kept.board.id}/held`, { token: kept.board.facilitatorToken });
    assert.deepEqual(held.body.notes.map((n) => n.text).sort(), [...kept.held].sort());
    assert.deepEqual(held.body.notes.map((n) => n.id).sort(), [...heldIds.get(kept)!].sort());
    const exported = await fetch(`${server.http}/api/boards/${kept.board.id}/export.csv`, { headers: { Authorization: `Bearer ${kept.board.memberToken}` } });
    assert.equal(exported.status, 200);
    const csv = await exported.text();
    for (const text of [...kept.typed, ...kept.placed]) assert.ok(csv.includes(text), `the kept board's export has "${text}"`);
    assert.ok(kept.member.provider.wsconnected, "the kept board's client stays connected");
    // It is still written on: a member's typing reaches a client that connects now.
    const edited = typedIds.get(kept)![0];
    const addition = ` – Behålls-${RUN}: tillagt efter raderingen`;
    kept.member.doc.transact(() => textOfNote(kept.member.doc, edited)!.insert(kept.typed[0].length, addition), "test");
    const fresh = connectClient(server.ws, kept.board.id, kept.board.viewerToken);
    clients.push(fresh);
    await whenSynced(fresh.provider);
    const keptIds = [...typedIds.get(kept)!, ...placedIds.get(kept)!];
    await waitForDoc(
      fresh.doc,
      () => keptIds.every((id) => notesOf(fresh.doc).has(id)) && noteIn(fresh.doc, edited)?.text === kept.typed[0] + addition,
      5_000,
      "the kept board, edited after the delete, synced to a new client",
    );
    assert.deepEqual(
      typedIds.get(kept)!.map((id) => noteIn(fresh.doc, id)?.text),
      [kept.typed[0] + addition, ...kept.typed.slice(1)],
    );
    assert.deepEqual(
      placedIds.get(kept)!.map((id) => noteIn(fresh.doc, id)?.text),
      kept.placed,
    );
    // The phone on the kept board still hears its board: a reveal reaches it.
    assert.equal((await call(server.http, "POST", `/api/boards/${kept.board.id}/reveal`, { token: kept.board.facilitatorToken, body: {} })).status, 200);
    await keptStream.next((view) => view.notes.every((n) => n.state === "placed"));
  });

  // The page opened from a link trades its token here first: a deleted board must say so (404), not "invalid link" (401).
  test("opening a deleted board's link (POST /session with its token) answers 404 board_not_found; a wrong token on a live board 401", async (t) => {
    const server = await startServer();
    t.after(() => server.close());
    const board = await createBoard(server.http);
    const other = await createBoard(server.http);
    assert.equal((await call(server.http, "POST", `/api/boards/${board.id}/session`, { body: { token: board.memberToken } })).status, 200);
    assert.equal((await call(server.http, "DELETE", `/api/boards/${board.id}`, { token: board.facilitatorToken })).status, 204);
    for (const token of [board.facilitatorToken, board.memberToken, board.viewerToken, other.memberToken]) {
      const opened = await call(server.http, "POST", `/api/boards/${board.id}/session`, { body: { token } });
      assert.deepEqual([opened.status, opened.body.error], [404, "board_not_found"]);
    }
    const wrong = await call(server.http, "POST", `/api/boards/${other.id}/session`, { body: { token: board.memberToken } });
    assert.deepEqual([wrong.status, wrong.body.error], [401, "invalid_token"]);
  });

  test("a deleted board stays deleted after the server is killed and restarted, and no file holds it", async (t) => {
    const dataDir = tempDir();
    let server = await spawnServer(dataDir, 0, { COMPACT_EVERY: "10" });
    const clients: Client[] = [];
    t.after(async () => {
      for (const c of clients) c.destroy();
      await server.kill();
    });
    const doomed = await workshop(server, "Raderas", 2);
    const kept = await workshop(server, "Behålls", 2);
    clients.push(doomed.member, kept.member);
    const { typedIds } = await fillTogether(server.http, [doomed, kept]);
    await waitFor(async () => (await missingFrom(dataDir, [...doomed.texts, ...kept.texts])).length === 0, 5_000, "every text written to disk");

    assert.equal((await call(server.http, "DELETE", `/api/boards/${doomed.board.id}`, { token: doomed.board.facilitatorToken })).status, 204);
    await server.kill();
    await expectNoTraces(dataDir, [...doomed.texts, doomed.board.id], "the deleted board, after SIGKILL");

    server = await spawnServer(dataDir, 0);
    const gone = await call(server.http, "GET", `/api/boards/${doomed.board.id}`, { token: doomed.board.facilitatorToken });
    assert.deepEqual([gone.status, gone.body.error], [404, "board_not_found"]);
    assert.equal((await boardInfo(server.http, kept.board.id, kept.board.facilitatorToken)).title, kept.board.title);
    const client = connectClient(server.ws, kept.board.id, kept.board.memberToken);
    clients.push(client);
    await whenSynced(client.provider);
    assert.deepEqual(
      typedIds.get(kept)!.map((id) => noteIn(client.doc, id)?.text),
      kept.typed,
    );
    // Opening the database again (recovery, the server's own writes) brings none of it back.
    await expectNoTraces(dataDir, [...doomed.texts, doomed.board.id], "the deleted board, after a restart");
  });
});

describe("retention", () => {
  async function clockedServer(
    t: { after: (fn: () => Promise<void>) => void },
    options: { retentionDays?: number; linger?: number; wrapStorage?: (s: Storage) => Storage } = {},
  ) {
    const clock = { now: T0 };
    const server = await startServer({ now: () => clock.now, retentionDays: options.retentionDays, limits: { roomLingerMs: options.linger ?? 0 }, wrapStorage: options.wrapStorage });
    const clients: Client[] = [];
    t.after(async () => {
      for (const c of clients) c.destroy();
      await server.close();
    });
    return { server, clock, clients };
  }

  /** A stock client opens the board and leaves: the board was in use at the clock's time. */
  async function useBoard(server: Server, clients: Client[], board: CreateBoardResponse): Promise<void> {
    const client = connectClient(server.ws, board.id, board.memberToken);
    clients.push(client);
    await whenSynced(client.provider);
    await whenSynced(client.sessionProvider);
    client.destroy();
    await waitFor(() => !server.realtime.rooms.isLoaded(board.id), 5_000, "the board let go");
  }

  async function exists(server: Server, board: CreateBoardResponse): Promise<boolean> {
    const answer = await call(server.http, "GET", `/api/boards/${board.id}`, { token: board.facilitatorToken });
    if (answer.status === 404) {
      assert.equal(answer.body.error, "board_not_found");
      return false;
    }
    assert.equal(answer.status, 200);
    return true;
  }

  test("a board whose deletion fails (its database connection cut) does not stop the sweep: the others go now, it goes next time", async (t) => {
    let failNext = true;
    const { server, clock } = await clockedServer(t, {
      wrapStorage: (storage) => ({
        ...storage,
        async deleteBoard(boardId) {
          if (!failNext) return storage.deleteBoard(boardId);
          failNext = false;
          throw new Error("Connection terminated unexpectedly");
        },
      }),
    });
    const boards = [await createBoard(server.http, "ett"), await createBoard(server.http, "två"), await createBoard(server.http, "tre")];
    clock.now = T0 + 90 * DAY_MS + 1;
    assert.equal(await server.sweepRetention(), 2, "the two boards after the failed one are deleted in the same sweep");
    assert.equal((await Promise.all(boards.map((board) => exists(server, board)))).filter(Boolean).length, 1);
    assert.equal(await server.sweepRetention(), 1, "the failed one, in the next sweep");
    assert.deepEqual(await Promise.all(boards.map((board) => exists(server, board))), [false, false, false]);
  });

  test("a board unused past the server's retention is deleted; one used since is kept until its own time", async (t) => {
    const { server, clock, clients } = await clockedServer(t);
    const idle = await createBoard(server.http, "oanvänd");
    const used = await createBoard(server.http, "använd");
    clock.now = T0 + 50 * DAY_MS;
    await useBoard(server, clients, used);

    clock.now = T0 + 89 * DAY_MS;
    assert.equal(await server.sweepRetention(), 0, "nothing is past 90 days yet");
    assert.deepEqual([await exists(server, idle), await exists(server, used)], [true, true]);

    clock.now = T0 + 90 * DAY_MS + 1;
    assert.equal(await server.sweepRetention(), 1);
    assert.deepEqual([await exists(server, idle), await exists(server, used)], [false, true]);

    clock.now = T0 + 139 * DAY_MS;
    assert.equal(await server.sweepRetention(), 0);
    clock.now = T0 + 140 * DAY_MS + 1;
    assert.equal(await server.sweepRetention(), 1, "the used board, 90 days after its use");
    assert.equal(await exists(server, used), false);
  });

  test("a facilitator's shorter retention: deleted after 8 idle days at 7, not after 6; more than the server's maximum is refused", async (t) => {
    const { server, clock } = await clockedServer(t, { retentionDays: 30 });
    const short = await createBoard(server.http, "kort");
    const other = await createBoard(server.http, "vanlig");
    const patch = (body: unknown, token = short.facilitatorToken) => call<BoardInfoResponse>(server.http, "PATCH", `/api/boards/${short.id}`, { token, body });

    const tooLong = await patch({ retentionDays: 31 });
    assert.deepEqual([tooLong.status, tooLong.body.error], [400, "retention_too_long"]);
    assert.equal((await patch({ retentionDays: 3651 })).status, 400);
    assert.equal((await patch({ retentionDays: 0 })).status, 400);
    assert.equal((await patch({ retentionDays: 7 }, short.memberToken)).status, 403);
    const before = await boardInfo(server.http, short.id, short.facilitatorToken);
    assert.deepEqual([before.retentionDays, before.retentionDaysMax], [null, 30], "a refused change changes nothing");

    const set = await patch({ retentionDays: 7 });
    assert.equal(set.status, 200);
    assert.deepEqual([set.body.retentionDays, set.body.retentionDaysMax], [7, 30]);

    clock.now = T0 + 6 * DAY_MS;
    assert.equal(await server.sweepRetention(), 0);
    assert.equal(await exists(server, short), true);
    clock.now = T0 + 8 * DAY_MS;
    assert.equal(await server.sweepRetention(), 1);
    assert.deepEqual([await exists(server, short), await exists(server, other)], [false, true]);
  });

  test("a board in use past its time is not deleted under its users; its time starts again when they leave", async (t) => {
    const { server, clock, clients } = await clockedServer(t);
    const board = await createBoard(server.http, "i bruk");
    const client = connectClient(server.ws, board.id, board.memberToken);
    clients.push(client);
    await whenSynced(client.provider);
    const codes = closeCodes(client);

    clock.now = T0 + 200 * DAY_MS;
    assert.equal(await server.sweepRetention(), 0);
    assert.equal(await exists(server, board), true);
    assert.ok(client.provider.wsconnected, "the client is still connected");
    assert.deepEqual(codes, { board: [], session: [] });

    client.destroy();
    await waitFor(() => !server.realtime.rooms.isLoaded(board.id), 5_000, "the board let go");
    clock.now = T0 + 289 * DAY_MS;
    assert.equal(await server.sweepRetention(), 0, "90 days from when it was let go, not from its creation");
    clock.now = T0 + 290 * DAY_MS + 1;
    assert.equal(await server.sweepRetention(), 1);
    assert.equal(await exists(server, board), false);
  });

  test("a board kept loaded a while after a phone's read is not deleted while it lingers", async (t) => {
    const { server, clock } = await clockedServer(t, { linger: 60_000 });
    const board = await createBoard(server.http, "läst nyss");
    const [phone] = await boardWithPhones(server.http, board, ["Läsare"]);
    await myView(server.http, board.id, phone.participantToken);
    assert.ok(server.realtime.rooms.isLoaded(board.id), "the phone's read loaded the board");
    clock.now = T0 + 100 * DAY_MS;
    assert.equal(await server.sweepRetention(), 0);
    assert.equal((await myView(server.http, board.id, phone.participantToken)).boardId, board.id);
  });

  test("GET /api/boards/:id answers deleteAfter: last use + retention, for every role; the facilitator also sees the days", async (t) => {
    const { server, clock, clients } = await clockedServer(t);
    const board = await createBoard(server.http, "datum");
    const iso = (ms: number) => new Date(ms).toISOString();
    const infoAs = (token: string) => boardInfo(server.http, board.id, token);

    const facilitator = await infoAs(board.facilitatorToken);
    assert.equal(facilitator.deleteAfter, iso(T0 + 90 * DAY_MS));
    assert.deepEqual([facilitator.retentionDays, facilitator.retentionDaysMax], [null, 90]);
    for (const token of [board.memberToken, board.viewerToken]) {
      const info = await infoAs(token);
      assert.equal(info.deleteAfter, iso(T0 + 90 * DAY_MS));
      assert.equal(info.retentionDays, undefined, "only the facilitator sees the days");
      assert.equal(info.retentionDaysMax, undefined);
    }

    // Reading the board's info is not a use; opening it is.
    clock.now = T0 + 10 * DAY_MS;
    assert.equal((await infoAs(board.memberToken)).deleteAfter, iso(T0 + 90 * DAY_MS));
    await useBoard(server, clients, board);
    assert.equal((await infoAs(board.viewerToken)).deleteAfter, iso(T0 + 100 * DAY_MS));

    const shorter = await call<BoardInfoResponse>(server.http, "PATCH", `/api/boards/${board.id}`, { token: board.facilitatorToken, body: { retentionDays: 7 } });
    assert.equal(shorter.body.deleteAfter, iso(T0 + 17 * DAY_MS));
    assert.equal((await infoAs(board.memberToken)).deleteAfter, iso(T0 + 17 * DAY_MS));

    // The clock moving on alone moves nothing; a later use does.
    clock.now = T0 + 12 * DAY_MS;
    assert.equal((await infoAs(board.memberToken)).deleteAfter, iso(T0 + 17 * DAY_MS));
    await useBoard(server, clients, board);
    assert.equal((await infoAs(board.memberToken)).deleteAfter, iso(T0 + 19 * DAY_MS));

    const back = await call<BoardInfoResponse>(server.http, "PATCH", `/api/boards/${board.id}`, { token: board.facilitatorToken, body: { retentionDays: null } });
    assert.deepEqual([back.body.retentionDays, back.body.deleteAfter], [null, iso(T0 + 102 * DAY_MS)]);
  });
});
