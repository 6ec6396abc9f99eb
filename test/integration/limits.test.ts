import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { CreateBoardResponse } from "../../lib/api/schemas";
import { JOIN_CODE_ALPHABET } from "../../lib/join/join-code";
import { createBoard, startServer } from "./helpers";
import { boardInfo, call, type Answer } from "./participation-helpers";

type Server = Awaited<ReturnType<typeof startServer>>;

/** A code of the right shape that no board holds (different from `code` in every place). */
function otherCode(code: string): string {
  return [...code].map((c) => JOIN_CODE_ALPHABET[(JOIN_CODE_ALPHABET.indexOf(c) + 1) % JOIN_CODE_ALPHABET.length]).join("");
}

/** A join as a phone behind a proxy sends it: the proxy adds `X-Forwarded-For`. */
const joinFrom = (server: Server, forwardedFor: string | null, code: string) =>
  call(server.http, "POST", "/api/join", { body: { code }, headers: forwardedFor ? { "X-Forwarded-For": forwardedFor } : {} });

const newBoardFrom = (server: Server, forwardedFor: string | null, body: unknown = { title: "Kick-off" }) =>
  call<CreateBoardResponse>(server.http, "POST", "/api/boards", { body, headers: forwardedFor ? { "X-Forwarded-For": forwardedFor } : {} });

function assertRetryAfter(answer: Pick<Answer, "headers">, most: number): void {
  const seconds = Number(answer.headers.get("retry-after"));
  assert.ok(Number.isInteger(seconds) && seconds >= 1 && seconds <= most, `Retry-After: ${answer.headers.get("retry-after")}`);
}

describe("JSON endpoints take only application/json", () => {
  let server: Server;
  let board: CreateBoardResponse;
  let code: string;
  before(async () => {
    server = await startServer();
    board = await createBoard(server.http);
    code = (await boardInfo(server.http, board.id, board.facilitatorToken)).joinCode!;
  });
  after(() => server?.close());

  const post = (path: string, body: string, headers: Record<string, string>) => fetch(`${server.http}${path}`, { method: "POST", headers, body });
  const participants = async () => (await boardInfo(server.http, board.id, board.facilitatorToken)).participantCount;

  test("a cross-site form or text/plain post (no preflight needed) answers 415 and does nothing", async () => {
    const json = JSON.stringify({ code, name: "Från en annan sajt" });
    for (const contentType of ["text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const res = await post("/api/join", json, { "Content-Type": contentType, Origin: "https://evil.example" });
      assert.equal(res.status, 415, contentType);
      assert.equal(((await res.json()) as { error: string }).error, "unsupported_media_type");
      assert.equal(res.headers.get("set-cookie"), null);
    }
    assert.equal(await participants(), 0, "nobody joined");
    const boardRes = await post("/api/boards", "title=Skr%C3%A4p", { "Content-Type": "application/x-www-form-urlencoded" });
    assert.equal(boardRes.status, 415);
  });

  test("a body without a Content-Type answers 415 too", async () => {
    const res = await fetch(`${server.http}/api/boards`, { method: "POST", body: new Blob([JSON.stringify({ title: "x" })]) });
    assert.equal(res.headers.get("content-type")?.startsWith("application/json"), true);
    assert.equal(res.status, 415);
  });

  test("application/json with a charset, in any case, is JSON; a request without a body needs no type", async () => {
    assert.equal((await post("/api/boards", JSON.stringify({ title: "Med charset" }), { "Content-Type": "Application/JSON; charset=utf-8" })).status, 201);
    const rotated = await fetch(`${server.http}/api/boards/${board.id}/join-code`, { method: "POST", headers: { Authorization: `Bearer ${board.facilitatorToken}` } });
    assert.equal(rotated.status, 200);
    const joined = await post("/api/join", JSON.stringify({ code: ((await rotated.json()) as { joinCode: string }).joinCode }), { "Content-Type": "application/json" });
    assert.equal(joined.status, 201);
  });
});

describe("board and import quotas per address", () => {
  test("past boardsPerAddressPerHour a new board answers 429 too_many_boards with Retry-After", async (t) => {
    const server = await startServer({ limits: { boardsPerAddressPerHour: 3 } });
    t.after(() => server.close());
    for (let i = 1; i <= 3; i++) assert.equal((await newBoardFrom(server, null)).status, 201, `board ${i}`);
    const refused = await newBoardFrom(server, null);
    assert.equal(refused.status, 429);
    assert.equal(refused.body.error, "too_many_boards");
    assertRetryAfter(refused, 3600);
  });

  test("past importsPerAddressPerHour an import answers 429 too_many_imports; a blank board still works", async (t) => {
    const server = await startServer({ limits: { boardsPerAddressPerHour: 4, importsPerAddressPerHour: 1 } });
    t.after(() => server.close());
    const source = await createBoard(server.http, "Sparad");
    const file = await (await fetch(`${server.http}/api/boards/${source.id}/export.json`, { headers: { Authorization: `Bearer ${source.facilitatorToken}` } })).json();
    assert.equal((await newBoardFrom(server, null, { import: file })).status, 201, "the first import");
    const refused = await newBoardFrom(server, null, { import: file });
    assert.equal(refused.status, 429);
    assert.equal(refused.body.error, "too_many_imports");
    assertRetryAfter(refused, 3600);
    // The refused import made no board, so it cost no board: two more blank ones fit (4 in all).
    assert.equal((await newBoardFrom(server, null)).status, 201);
    assert.equal((await newBoardFrom(server, null)).status, 201);
    // Spent: even a 1 MB import is answered, not read and not reset.
    const big = { import: { ...file, padding: "x".repeat(1024 * 1024) } };
    const bigRefused = await newBoardFrom(server, null, big);
    assert.equal(bigRefused.status, 429);
    assert.equal(bigRefused.body.error, "too_many_boards");
  });
});

describe("which address a limit counts", () => {
  test("without trusted proxies a forged X-Forwarded-For is ignored: the peer's 20 wrong codes lock it out", async (t) => {
    const server = await startServer();
    t.after(() => server.close());
    const board = await createBoard(server.http);
    const { joinCode } = await boardInfo(server.http, board.id, board.facilitatorToken);
    for (let i = 1; i <= 20; i++) assert.equal((await joinFrom(server, `198.51.100.${i}`, otherCode(joinCode!))).status, 404, `guess ${i}`);
    const refused = await joinFrom(server, "198.51.100.200", joinCode!);
    assert.equal(refused.status, 429);
    assert.equal(refused.body.error, "too_many_attempts");
  });

  test("a peer that is not a trusted proxy cannot forward for others either", async (t) => {
    const server = await startServer({ trustedProxies: ["10.0.0.0/8"] });
    t.after(() => server.close());
    const board = await createBoard(server.http);
    const { joinCode } = await boardInfo(server.http, board.id, board.facilitatorToken);
    for (let i = 1; i <= 20; i++) await joinFrom(server, `198.51.100.${i}`, otherCode(joinCode!));
    assert.equal((await joinFrom(server, "198.51.100.200", joinCode!)).status, 429);
  });

  describe("behind a trusted proxy", () => {
    let server: Server;
    let joinCode: string;
    before(async () => {
      server = await startServer({ trustedProxies: ["127.0.0.1/32"], limits: { boardsPerAddressPerHour: 1 } });
      const board = await createBoard(server.http);
      joinCode = (await boardInfo(server.http, board.id, board.facilitatorToken)).joinCode!;
    });
    after(() => server?.close());

    test("20 wrong codes from one client lock that client out, not the other phones behind the proxy", async () => {
      for (let i = 1; i <= 20; i++) assert.equal((await joinFrom(server, "198.51.100.7", otherCode(joinCode))).status, 404, `guess ${i}`);
      const guesser = await joinFrom(server, "198.51.100.7", joinCode);
      assert.equal(guesser.status, 429);
      assert.equal(guesser.body.error, "too_many_attempts");
      assert.equal((await joinFrom(server, "198.51.100.8", joinCode)).status, 201, "a colleague behind the same proxy joins");
    });

    test("what a client writes into X-Forwarded-For itself does not make it someone else", async () => {
      // The client sends "X-Forwarded-For: <made up>"; the proxy appends the address it saw.
      for (let i = 1; i <= 20; i++) await joinFrom(server, `192.0.2.${i}, 198.51.100.9`, otherCode(joinCode));
      const refused = await joinFrom(server, "192.0.2.250, 198.51.100.9", joinCode);
      assert.equal(refused.status, 429, "still counted as 198.51.100.9");
    });

    test("board quotas count the client behind the proxy too", async () => {
      assert.equal((await newBoardFrom(server, "203.0.113.1")).status, 201);
      assert.equal((await newBoardFrom(server, "203.0.113.1")).body.error, "too_many_boards");
      assert.equal((await newBoardFrom(server, "203.0.113.2")).status, 201, "another client's first board");
    });
  });
});
