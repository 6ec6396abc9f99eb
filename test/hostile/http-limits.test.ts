import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { JOIN_CODE_ALPHABET } from "../../lib/join/join-code";
import { SERVER_LIMITS } from "../../lib/schema/limits";
import { MAX_BOARD_FILE_BYTES } from "../../lib/export/board-file";
import { createBoard, startServer } from "../integration/helpers";
import { boardInfo, call, joinWithCode, myView, writeNote, type Answer } from "../integration/participation-helpers";
import { countingLoads } from "./support/stored";

/**
 * Issue, attack 5, over HTTP: 887 boards in 3 s from one address, 5 MB imports without limit,
 * cross-site text/plain POSTs read as JSON, every GET /me reloading the whole board, and the join
 * throttle counting the proxy instead of the phones behind it.
 */
type Server = Awaited<ReturnType<typeof startServer>>;

function assertRetryAfter(answer: Answer, most: number): void {
  const seconds = Number(answer.headers.get("retry-after"));
  assert.ok(Number.isInteger(seconds) && seconds >= 1 && seconds <= most, `Retry-After: ${answer.headers.get("retry-after")}`);
}

const newBoard = (server: Server, headers: Record<string, string> = {}, body: unknown = { title: "Flod" }) => call(server.http, "POST", "/api/boards", { body, headers });

/** Tallies answers by status and error code: "201", "429 too_many_boards". */
function tally(answers: Answer[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const a of answers) {
    const key = a.body.error ? `${a.status} ${a.body.error}` : String(a.status);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

describe("board and import floods from one address", () => {
  test(`200 boards at once: ${SERVER_LIMITS.boardsPerAddressPerHour} are made, the rest answer 429 too_many_boards with Retry-After`, async (t) => {
    const server = await startServer();
    t.after(() => server.close());
    const answers = await Promise.all(Array.from({ length: 200 }, () => newBoard(server)));
    assert.deepEqual(tally(answers), { "201": SERVER_LIMITS.boardsPerAddressPerHour, "429 too_many_boards": 200 - SERVER_LIMITS.boardsPerAddressPerHour });
    for (const refused of answers.filter((a) => a.status === 429)) assertRetryAfter(refused, 3600);
  });

  test(`imports: ${SERVER_LIMITS.importsPerAddressPerHour} an hour, a file over 5 MB never read whole, a large body only for an import`, async (t) => {
    const server = await startServer();
    t.after(() => server.close());
    // A megabyte of import that does not pass: read and checked, it still spends an import.
    const junk = { import: { format: "samla-board", version: 1, notes: Array.from({ length: 4000 }, (_, i) => ({ id: `n${i}`, text: "x".repeat(240), color: "#000000" })) } };
    const answers: Answer[] = [];
    for (let i = 0; i < SERVER_LIMITS.importsPerAddressPerHour + 5; i++) answers.push(await newBoard(server, {}, junk));
    assert.deepEqual(tally(answers), { "400 invalid_board_file": SERVER_LIMITS.importsPerAddressPerHour, "429 too_many_imports": 5 });
    assertRetryAfter(answers.at(-1)!, 3600);
    const huge = await fetch(`${server.http}/api/boards`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Forwarded-For": "192.0.2.1" },
      body: JSON.stringify({ import: { pad: "x".repeat(MAX_BOARD_FILE_BYTES) } }),
    });
    assert.equal(huge.status, 413, "an import over 5 MB");
    const big = await newBoard(server, {}, { title: "x", pad: "y".repeat(200 * 1024) });
    assert.equal(big.status, 413, "200 KB that is no import");
    assert.equal((await newBoard(server)).status, 201, "a plain board from the same address still works");
  });
});

describe("cross-site posts", () => {
  test("text/plain and form bodies answer 415 and do nothing, with either cookie", async (t) => {
    const server = await startServer();
    t.after(() => server.close());
    const board = await createBoard(server.http);
    const phone = await joinWithCode(server.http, (await boardInfo(server.http, board.id, board.facilitatorToken)).joinCode!);
    const boardCookie = `samla_${board.id}=${encodeURIComponent(board.facilitatorToken)}`;
    const evil = { Origin: "https://evil.example" };
    const post = (path: string, body: string, contentType: string, cookie: string) =>
      fetch(`${server.http}${path}`, { method: "POST", headers: { "Content-Type": contentType, Cookie: cookie, ...evil }, body });
    for (const contentType of ["text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      assert.equal((await post(`/api/boards/${board.id}/private-writing`, '{"on":true}', contentType, boardCookie)).status, 415, `private writing, ${contentType}`);
      assert.equal((await post(`/api/boards/${board.id}/notes`, JSON.stringify({ text: "Från en annan sajt", idempotencyKey: "cross-site-1" }), contentType, phone.cookie)).status, 415, `a note, ${contentType}`);
      assert.equal((await post("/api/boards", '{"title":"Skräp"}', contentType, "")).status, 415, `a board, ${contentType}`);
      assert.equal((await post("/api/join", JSON.stringify({ code: "ABCDEF" }), contentType, "")).status, 415, `a join, ${contentType}`);
    }
    const view = await myView(server.http, board.id, phone.participantToken);
    assert.equal(view.privateWriting, false, "private writing was not switched on");
    assert.deepEqual(view.notes, [], "no note was written");
  });
});

describe("which address counts", () => {
  /** A code of the right shape that is not `code`. */
  const wrong = (code: string, n: number) => [...code].map((ch, i) => JOIN_CODE_ALPHABET[(JOIN_CODE_ALPHABET.indexOf(ch) + 1 + ((n >> i) & 1)) % JOIN_CODE_ALPHABET.length]).join("");
  const join = (server: Server, code: string, forwardedFor: string) => call(server.http, "POST", "/api/join", { body: { code }, headers: { "X-Forwarded-For": forwardedFor } });

  test("behind a trusted proxy one phone's wrong codes lock out that phone only", async (t) => {
    const server = await startServer({ trustedProxies: ["127.0.0.1"] });
    t.after(() => server.close());
    const board = await createBoard(server.http);
    const code = (await boardInfo(server.http, board.id, board.facilitatorToken)).joinCode!;
    for (let i = 0; i < SERVER_LIMITS.wrongJoinCodesPerAddress; i++) assert.equal((await join(server, wrong(code, i), "198.51.100.20")).status, 404);
    const locked = await join(server, code, "198.51.100.20");
    assert.equal(locked.status, 429, "the guesser, even with the right code");
    assert.equal(locked.body.error, "too_many_attempts");
    assertRetryAfter(locked, 15 * 60);
    assert.equal((await join(server, code, "198.51.100.21")).status, 201, "the phone beside it, behind the same proxy");
    assert.equal((await join(server, code, "198.51.100.20, 198.51.100.22")).status, 201, "a phone that the proxy names (what the client wrote before it is ignored)");
  });

  test("without trusted proxies X-Forwarded-For is ignored: a guesser cannot spread its guesses over made-up addresses", async (t) => {
    const server = await startServer();
    t.after(() => server.close());
    const board = await createBoard(server.http);
    const code = (await boardInfo(server.http, board.id, board.facilitatorToken)).joinCode!;
    for (let i = 0; i < SERVER_LIMITS.wrongJoinCodesPerAddress; i++) assert.equal((await join(server, wrong(code, i), `203.0.113.${i}`)).status, 404);
    const next = await join(server, code, "203.0.113.250");
    assert.equal(next.status, 429);
    assert.equal(next.body.error, "too_many_attempts");
  });

  test("board quotas count the phone behind a trusted proxy, and the peer without one", async (t) => {
    const limits = { boardsPerAddressPerHour: 3 };
    const trusting = await startServer({ limits, trustedProxies: ["127.0.0.0/8"] });
    const plain = await startServer({ limits });
    t.after(async () => {
      await trusting.close();
      await plain.close();
    });
    for (let i = 0; i < 3; i++) assert.equal((await newBoard(trusting, { "X-Forwarded-For": "198.51.100.30" })).status, 201);
    assert.equal((await newBoard(trusting, { "X-Forwarded-For": "198.51.100.30" })).status, 429);
    assert.equal((await newBoard(trusting, { "X-Forwarded-For": "198.51.100.31" })).status, 201, "another address behind the proxy");
    for (let i = 0; i < 3; i++) assert.equal((await newBoard(plain, { "X-Forwarded-For": `192.0.2.${i}` })).status, 201);
    assert.equal((await newBoard(plain, { "X-Forwarded-For": "192.0.2.200" })).status, 429, "forged headers change nothing");
  });
});

describe("reading one's view does not reload the board", () => {
  test("100 GET /me in a row load the board once", async (t) => {
    const loads = new Map<string, number>();
    const server = await startServer({ wrapStorage: (storage) => countingLoads(storage, loads) });
    t.after(() => server.close());
    const board = await createBoard(server.http);
    const phone = await joinWithCode(server.http, (await boardInfo(server.http, board.id, board.facilitatorToken)).joinCode!);
    await writeNote(server.http, board.id, phone.participantToken, "En lapp");
    const before = loads.get(board.id) ?? 0;
    assert.ok(before >= 2, "the board was loaded (both documents) before");
    for (let i = 0; i < 100; i++) assert.equal((await myView(server.http, board.id, phone.participantToken)).notes.length, 1);
    assert.equal(loads.get(board.id), before, "no GET /me loaded the board again");
  });
});
