import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import * as encoding from "lib0/encoding";
import { connect } from "node:net";
import type WebSocket from "ws";
import * as Y from "yjs";
import type { CreateBoardResponse, SessionResponse } from "../../lib/api/schemas";
import { createNote } from "../../lib/board/actions";
import { notesOf } from "../../lib/schema/board";
import { SCHEMA_VERSION } from "../../lib/schema/migrations";
import { connectClient, createBoard, notesJson, rawSocket, startServer, storedBoard, waitForDoc, whenSynced } from "./helpers";
import { seededRandom } from "../../lib/testing/seeded-random";

type Client = ReturnType<typeof connectClient>;

/** Sends raw bytes as an HTTP request and returns what the server answers (or "" if it hangs up). */
function rawHttp(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(request));
    let answer = "";
    socket.on("data", (chunk) => {
      answer += chunk.toString("latin1");
      if (answer.includes("\r\n")) socket.destroy();
    });
    socket.on("close", () => resolve(answer));
    socket.on("error", reject);
    socket.setTimeout(5_000, () => socket.destroy());
  });
}


function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

/** A well-formed sync message (type 0) of `syncType` around `payload`. */
function syncFrame(syncType: number, payload: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, syncType);
    encoding.writeVarUint8Array(e, payload);
  });
}

/** A well-formed sync update message (type 0, sync type 2) around `payload`. */
function syncUpdateFrame(payload: Uint8Array): Uint8Array {
  return syncFrame(2, payload);
}

/** A well-formed awareness message (type 1) around `payload`. */
function awarenessFrame(payload: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint8Array(e, payload);
  });
}

/** An awareness update of one client whose state is not JSON. */
function notJsonAwareness(): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, 42);
    encoding.writeVarUint(e, 1);
    encoding.writeVarString(e, "{not json");
  });
}

/** A real Yjs update that creates one note, as a stock client would send it. */
function realUpdate(): Uint8Array {
  const doc = new Y.Doc();
  createNote(doc, { id: "from-raw", x: 0, y: 0, text: "en lapp med lite text i", now: 1 }, "test");
  return Y.encodeStateAsUpdate(doc);
}

function closeOf(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => ws.once("close", (code, reason) => resolve({ code, reason: reason.toString() })));
}

describe("bad input", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let board: CreateBoardResponse;
  let a: Client;
  let b: Client;
  let written = 0;
  const rawUrl = () => `${server.ws}/${board.id}?token=${board.memberToken}`;

  /** A note written by one stock client arrives at the other: the room still works. */
  async function roomStillSyncs(): Promise<void> {
    const id = `after-${++written}`;
    createNote(a.doc, { id, x: written * 200, y: 0, text: `skriven efter ${written}`, now: written }, "test");
    await waitForDoc(b.doc, () => notesOf(b.doc).has(id), 5_000, `note ${id} to reach the other client`);
    assert.equal(notesOf(b.doc).get(id)!.get("text")!.toString(), `skriven efter ${written}`);
  }

  before(async () => {
    server = await startServer();
    board = await createBoard(server.http);
    a = connectClient(server.ws, board.id, board.memberToken);
    b = connectClient(server.ws, board.id, board.facilitatorToken);
    await Promise.all([whenSynced(a.provider), whenSynced(b.provider)]);
    await roomStillSyncs();
  });
  after(async () => {
    a?.destroy();
    b?.destroy();
    await server?.close();
  });

  test("garbage frames close only the sender's socket, with 4400", async () => {
    const rand = seededRandom(20240611);
    const randomBytes = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(rand() * 256));
    const update = realUpdate();
    const garbage: Array<[string, Uint8Array | string]> = [];
    for (let i = 0; i < 6; i++) {
      // A message type the protocol does not have (4..127), then random bytes.
      garbage.push([`random frame ${i}`, Uint8Array.from([4 + Math.floor(rand() * 124), ...randomBytes(1 + Math.floor(rand() * 200))])]);
    }
    garbage.push(
      ["empty binary frame", new Uint8Array(0)],
      ["text frame", "hello, is this the board?"],
      ["sync message of an unknown sync type", syncFrame(7, randomBytes(10))],
      ["sync update frame cut short", syncUpdateFrame(update).slice(0, Math.floor(update.length / 2))],
      ["sync update whose Yjs update is cut short", syncUpdateFrame(update.slice(0, Math.floor(update.length / 2)))],
      ["sync update of random bytes", syncUpdateFrame(Uint8Array.from([0x83, ...randomBytes(40)]))],
      ["sync step 1 with a broken state vector", syncFrame(0, Uint8Array.from([200, 1, 7]))],
      ["awareness update that is not JSON", awarenessFrame(notJsonAwareness())],
      ["awareness update cut short", awarenessFrame(Uint8Array.from([3, 42]))],
      ["query awareness with trailing bytes", Uint8Array.from([3, 0, 0])],
    );

    for (const [name, data] of garbage) {
      const ws = await rawSocket(rawUrl());
      const closed = closeOf(ws);
      ws.send(data);
      const { code } = await closed;
      assert.equal(code, 4400, `${name}: close code`);
      // The rest of the room does not notice.
      assert.equal(a.provider.wsconnected && b.provider.wsconnected, true, `${name}: the stock clients stay connected`);
      await roomStillSyncs();
    }
    assert.equal(notesOf(b.doc).has("from-raw"), false, "no part of a refused update reached the board");
    const health = await fetch(`${server.http}/healthz`);
    assert.equal(health.status, 200);
  });

  test("requests with URLs that do not parse get an error answer and the server stays up", async () => {
    const answers: string[] = [];
    for (const request of [
      `GET /yjs/%E0%A4%A HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`,
      `GET http://[ HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`,
      `GET http://[ HTTP/1.1\r\nHost: x\r\n\r\n`,
      `GET /api/boards/%E0%A4%A/session HTTP/1.1\r\nHost: x\r\n\r\n`,
    ]) {
      answers.push((await rawHttp(server.port, request)).split("\r\n")[0]);
    }
    assert.deepEqual(answers, ["HTTP/1.1 404 Not Found", "HTTP/1.1 400 Bad Request", "HTTP/1.1 400 Bad Request", "HTTP/1.1 404 Not Found"]);
    assert.equal((await fetch(`${server.http}/healthz`)).status, 200);
    await roomStillSyncs();
  });

  test("an update naming a type with a long non-ASCII name is refused with 4403, not a crash", async () => {
    const intruder = new Y.Doc();
    intruder.getMap("Å".repeat(70)).set("x", 1);
    const ws = await rawSocket(rawUrl());
    const closed = new Promise<number>((resolve) => ws.once("close", (code) => resolve(code)));
    ws.send(syncUpdateFrame(Y.encodeStateAsUpdate(intruder)));
    assert.equal(await closed, 4403);
    assert.equal((await fetch(`${server.http}/healthz`)).status, 200);
    await roomStillSyncs();
  });

  test("a 5 MB message closes the sender's socket with 1009; the server and the room carry on", async () => {
    const ws = await rawSocket(rawUrl());
    const closed = closeOf(ws);
    ws.send(syncUpdateFrame(new Uint8Array(5 * 1024 * 1024).fill(7)));
    assert.equal((await closed).code, 1009);
    const health = await fetch(`${server.http}/healthz`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { ok: true });
    assert.equal(a.provider.wsconnected && b.provider.wsconnected, true, "the stock clients stay connected");
    await roomStillSyncs();
    // New connections are served too.
    const late = connectClient(server.ws, board.id, board.viewerToken);
    try {
      await whenSynced(late.provider);
      assert.deepEqual(notesJson(late.doc), notesJson(a.doc));
    } finally {
      late.destroy();
    }
  });

  describe("HTTP", () => {
    const post = (path: string, body: string, headers: Record<string, string> = {}) =>
      fetch(`${server.http}${path}`, { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body });

    async function assertApiError(res: Response, status: number, error?: string): Promise<void> {
      assert.equal(res.status, status);
      assert.match(res.headers.get("content-type") ?? "", /^application\/json/);
      const body = (await res.json()) as Record<string, unknown>;
      assert.equal(typeof body.error, "string", "error code");
      assert.equal(typeof body.message, "string", "message");
      if (error) assert.equal(body.error, error);
    }

    test("malformed JSON answers 400 with {error, message}", async () => {
      await assertApiError(await post("/api/boards", '{"title": "Retro'), 400, "bad_json");
      await assertApiError(await post("/api/boards", "title=Retro"), 400, "bad_json");
      await assertApiError(await post("/api/boards", JSON.stringify({ title: 42 })), 400, "invalid");
    });

    test("a body over 64 KB answers 413", async () => {
      // Several sizes and several times each: the answer must arrive, not a reset connection.
      for (const size of [64 * 1024 + 1, 256 * 1024, 2 * 1024 * 1024]) {
        for (let i = 0; i < 4; i++) {
          const res = await post("/api/boards", JSON.stringify({ title: "x".repeat(size) }));
          await assertApiError(res, 413, "too_large");
        }
      }
      // The server still creates boards afterwards.
      assert.equal((await post("/api/boards", JSON.stringify({ title: "Efteråt" }))).status, 201);
    });

    test("a session with a wrong token answers 401", async () => {
      await assertApiError(await post(`/api/boards/${board.id}/session`, JSON.stringify({ token: "x".repeat(43) })), 401, "invalid_token");
      const other = await createBoard(server.http);
      await assertApiError(await post(`/api/boards/${board.id}/session`, JSON.stringify({ token: other.facilitatorToken })), 401, "invalid_token");
      await assertApiError(await post(`/api/boards/${board.id}/session`, "{"), 400, "bad_json");
    });

    test("GET session tells the role; only a facilitator gets the links", async () => {
      const session = (token?: string) =>
        fetch(`${server.http}/api/boards/${board.id}/session`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });

      const facilitator = await session(board.facilitatorToken);
      assert.equal(facilitator.status, 200);
      const f = (await facilitator.json()) as SessionResponse;
      assert.equal(f.boardId, board.id);
      assert.equal(f.role, "facilitator");
      assert.deepEqual(f.links, board.links);
      const { projector, ...boardPages } = f.links!;
      for (const link of Object.values(boardPages)) assert.match(link, new RegExp(`^/b/${board.id}#token=`));
      assert.equal(Object.keys(boardPages).length, 3);
      assert.match(projector, new RegExp(`^/b/${board.id}/screen#token=`), "the projector's link opens the projector page");

      const member = await session(board.memberToken);
      assert.equal(member.status, 200);
      const m = (await member.json()) as Record<string, unknown>;
      assert.equal(m.role, "member");
      assert.equal("links" in m, false, "a member gets no links");
      assert.equal(JSON.stringify(m).includes(board.facilitatorToken), false, "a member never sees the facilitator token");

      await assertApiError(await session(), 401, "invalid_token");
      await assertApiError(await session("y".repeat(43)), 401, "invalid_token");
    });

    test("POST session sets an HttpOnly, SameSite=Strict cookie that then authenticates", async () => {
      const res = await post(`/api/boards/${board.id}/session`, JSON.stringify({ token: board.memberToken }));
      assert.equal(res.status, 200);
      assert.equal(((await res.json()) as { role: string }).role, "member");
      const cookie = res.headers.get("set-cookie") ?? "";
      const [pair, ...attributes] = cookie.split(";").map((part) => part.trim());
      assert.equal(pair, `samla_${board.id}=${encodeURIComponent(board.memberToken)}`);
      assert.ok(attributes.includes("HttpOnly"), cookie);
      assert.ok(attributes.includes("SameSite=Strict"), cookie);
      assert.ok(attributes.includes("Path=/"), cookie);

      const withCookie = await fetch(`${server.http}/api/boards/${board.id}/session`, { headers: { Cookie: pair } });
      assert.equal(withCookie.status, 200);
      assert.equal(((await withCookie.json()) as { role: string }).role, "member");
    });
  });

  test("after all of that the board is intact: a fresh client gets every note that was written", async () => {
    await roomStillSyncs();
    const fresh = connectClient(server.ws, board.id, board.viewerToken, new Y.Doc());
    try {
      await whenSynced(fresh.provider);
      const expected = notesJson(a.doc) as Record<string, unknown>;
      assert.equal(Object.keys(expected).length, written);
      for (let i = 1; i <= written; i++) assert.ok(`after-${i}` in expected);
      assert.deepEqual(notesJson(fresh.doc), expected);
      assert.equal(fresh.doc.getMap("meta").get("schemaVersion"), SCHEMA_VERSION);
      // What storage would load the board from holds the same.
      const stored = await storedBoard(server.storage, board.id);
      assert.deepEqual(notesJson(stored.doc), expected);
    } finally {
      fresh.destroy();
    }
  });
});
