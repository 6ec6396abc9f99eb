import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  NoteQueue,
  cleanNoteText,
  isEditableInQueue,
  noteTextProblem,
  outboxStorageKey,
  type FetchLike,
  type QueueStorage,
  type ResponseLike,
} from "./noteQueue";

const BOARD = "board_12345";
const YELLOW = "#fff176";

class MemoryStorage implements QueueStorage {
  readonly data = new Map<string, string>();
  getItem(key: string) {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.data.set(key, value);
  }
  removeItem(key: string) {
    this.data.delete(key);
  }
  stored(): Array<{ key: string; status: string; text: string }> {
    const raw = this.data.get(outboxStorageKey(BOARD));
    return raw ? (JSON.parse(raw) as { items: Array<{ key: string; status: string; text: string }> }).items : [];
  }
}

function reply(status: number, body: unknown = {}, headers: Record<string, string> = {}): ResponseLike {
  return { status, headers: { get: (name) => headers[name] ?? null }, json: async () => body };
}

interface Call {
  url: string;
  method: string;
  body: Record<string, unknown> | null;
}

/** A fake server: one note per idempotency key, like the real one; `plan` decides each answer. */
function fakeServer(plan: (call: Call, index: number) => "ok" | "network" | "lost-answer" | ResponseLike = () => "ok") {
  const notes = new Map<string, { id: string; text: string }>();
  const calls: Call[] = [];
  const fetch: FetchLike = async (url, init) => {
    const call: Call = { url, method: init.method ?? "GET", body: init.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : null };
    const index = calls.push(call) - 1;
    const decision = plan(call, index);
    if (decision === "network") throw new TypeError("Failed to fetch");
    if (typeof decision !== "string") return decision;
    if (call.method === "DELETE") {
      for (const [key, note] of notes) if (url.endsWith(`/${note.id}`)) notes.delete(key);
      return reply(204);
    }
    const key = String(call.body?.idempotencyKey);
    const note = notes.get(key) ?? { id: `n${notes.size + 1}`, text: String(call.body?.text) };
    notes.set(key, note);
    // The request reached the server, but the answer never came back.
    if (decision === "lost-answer") throw new TypeError("network connection was lost");
    return reply(201, { id: note.id, state: "placed" });
  };
  return { fetch, calls, notes };
}

function makeQueue(fetch: FetchLike, extra: Partial<ConstructorParameters<typeof NoteQueue>[0]> = {}) {
  let n = 0;
  let clock = 1_000_000;
  const storage = new MemoryStorage();
  const queue = new NoteQueue({
    boardId: BOARD,
    storage,
    fetch,
    newKey: () => `key${String(++n).padStart(6, "0")}`,
    now: () => clock,
    ...extra,
  });
  return { queue, storage, tick: (ms: number) => (clock += ms) };
}

describe("note text", () => {
  it("cleans what the server would refuse and trims", () => {
    assert.equal(cleanNoteText("  a\tb\r\nc\u0007\u2028d  "), "a b\nc\nd");
  });
  it("counts code points against the 500 limit", () => {
    assert.equal(noteTextProblem("   "), "empty");
    assert.equal(noteTextProblem("😀".repeat(500)), null);
    assert.equal(noteTextProblem("x".repeat(501)), "too_long");
  });
});

describe("NoteQueue", () => {
  it("stores a note before the request goes out, then marks it sent", async () => {
    const { fetch, calls } = fakeServer();
    let storedAtSend: string[] = [];
    const { queue, storage } = makeQueue(async (url, init) => {
      storedAtSend = storage.stored().map((n) => n.text);
      return fetch(url, init);
    });
    const result = queue.add("  Mer tid med de boende  ", YELLOW);
    assert.ok(result.ok);
    await queue.flush();
    assert.deepEqual(storedAtSend, ["Mer tid med de boende"]);
    assert.equal(calls.length, 1);
    assert.equal(calls[0].url, `/api/boards/${BOARD}/notes`);
    assert.deepEqual(calls[0].body, { text: "Mer tid med de boende", color: YELLOW, idempotencyKey: "key000001" });
    const [note] = queue.items;
    assert.equal(note.status, "sent");
    assert.equal(note.noteId, "n1");
    assert.equal(storage.stored()[0].status, "sent");
  });

  it("refuses empty and too long text without queueing", () => {
    const { queue } = makeQueue(fakeServer().fetch);
    assert.deepEqual(queue.add(" \n ", YELLOW), { ok: false, reason: "empty" });
    assert.deepEqual(queue.add("x".repeat(501), YELLOW), { ok: false, reason: "too_long" });
    assert.equal(queue.items.length, 0);
  });

  it("keeps a note waiting while offline and sends nothing", async () => {
    let online = false;
    const server = fakeServer();
    const { queue } = makeQueue(server.fetch, { isOnline: () => online });
    queue.add("Offline lapp", YELLOW);
    await queue.flush();
    assert.equal(server.calls.length, 0);
    assert.equal(queue.items[0].status, "waiting");
    assert.equal(queue.pending, 1);
    assert.ok(isEditableInQueue(queue.items[0]), "never tried, so it can still be changed in place");
    online = true;
    await queue.flush();
    assert.equal(queue.items[0].status, "sent");
    assert.equal(queue.pending, 0);
  });

  it("retries after a network error and a 5xx with the same key", async () => {
    const server = fakeServer((_call, i) => (i === 0 ? "network" : i === 1 ? reply(503) : "ok"));
    const { queue } = makeQueue(server.fetch);
    queue.add("A", YELLOW);
    await queue.flush();
    assert.equal(queue.items[0].status, "waiting");
    assert.equal(queue.serverReachable, false);
    await queue.flush();
    assert.equal(queue.items[0].status, "waiting");
    assert.equal(queue.serverReachable, true);
    await queue.flush();
    assert.equal(queue.items[0].status, "sent");
    assert.deepEqual(
      server.calls.map((c) => c.body?.idempotencyKey),
      ["key000001", "key000001", "key000001"],
    );
  });

  it("makes exactly one note even when answers are lost on the way back", async () => {
    const server = fakeServer((_call, i) => (i % 3 === 0 ? "lost-answer" : i % 3 === 1 ? "network" : "ok"));
    const { queue } = makeQueue(server.fetch);
    for (const text of ["ett", "två", "tre", "fyra"]) queue.add(text, YELLOW);
    for (let round = 0; round < 20 && queue.pending > 0; round++) await queue.flush();
    assert.equal(queue.pending, 0);
    assert.deepEqual([...server.notes.values()].map((n) => n.text).sort(), ["ett", "fyra", "tre", "två"]);
    assert.equal(server.notes.size, 4);
  });

  it("waits out a 429 for its Retry-After", async () => {
    const server = fakeServer((_call, i) => (i === 0 ? reply(429, { error: "too_many_attempts" }, { "Retry-After": "5" }) : "ok"));
    const { queue, tick } = makeQueue(server.fetch);
    queue.add("A", YELLOW);
    await queue.flush();
    await queue.flush();
    assert.equal(server.calls.length, 1, "paused: no second try yet");
    assert.equal(queue.items[0].status, "waiting");
    tick(5_000);
    await queue.flush();
    assert.equal(queue.items[0].status, "sent");
  });

  it("keeps a refused note with its reason and sends it again after a change", async () => {
    const server = fakeServer((call) =>
      call.body?.allowIdentityNumber ? "ok" : reply(422, { error: "identity_number", message: "…" }),
    );
    const { queue } = makeQueue(server.fetch);
    queue.add("Pnr 121212-1212", YELLOW);
    queue.add("Nästa lapp", YELLOW);
    await queue.flush();
    const [first, second] = queue.items;
    assert.equal(first.status, "failed");
    assert.equal(first.error, "identity_number");
    assert.equal(second.status, "failed", "a refusal does not stop the notes behind it from being tried");
    assert.ok(isEditableInQueue(first));
    assert.ok(queue.update(first.key, { allowIdentityNumber: true }));
    await queue.flush();
    assert.equal(queue.items[0].status, "sent");
    assert.equal(server.calls.at(-1)?.body?.idempotencyKey, first.key);
  });

  it("does not change a note in place once a request for it has gone out", async () => {
    const server = fakeServer(() => "network");
    const { queue } = makeQueue(server.fetch);
    queue.add("A", YELLOW);
    await queue.flush();
    assert.equal(queue.items[0].attempts, 1);
    assert.equal(queue.update(queue.items[0].key, { text: "B" }), false);
  });

  it("tells the page when the device is no longer joined, and keeps the note", async () => {
    let told = 0;
    const server = fakeServer(() => reply(401, { error: "not_joined" }));
    const { queue } = makeQueue(server.fetch, { onNotJoined: () => told++ });
    queue.add("A", YELLOW);
    await queue.flush();
    assert.equal(told, 1);
    assert.equal(queue.items[0].status, "waiting");
    await queue.flush();
    assert.equal(server.calls.length, 1, "no asking again every few seconds while the writer joins");
    await queue.retryNow();
    assert.equal(server.calls.length, 2, "the page joined (or the writer acted): try at once");
  });

  it("sends whether the page said the note is signed as it was written, also after waiting offline", async () => {
    const server = fakeServer();
    const { queue } = makeQueue(server.fetch);
    queue.add("Anonym", YELLOW, { signed: false });
    queue.add("Okänt", YELLOW);
    await queue.flush();
    assert.deepEqual(server.calls.map((c) => c.body?.signed), [false, undefined]);
  });

  it("a deleted board empties the outbox for good: nothing of it stays on the phone", async () => {
    const server = fakeServer(() => reply(404, { error: "board_not_found" }));
    const { queue, storage } = makeQueue(server.fetch);
    queue.add("Om Elsa i rum 4", YELLOW);
    queue.add("Andra lappen", YELLOW);
    await queue.flush();
    assert.deepEqual(queue.items, []);
    assert.equal(storage.data.has(outboxStorageKey(BOARD)), false, "nothing stored");
    queue.add("Efteråt", YELLOW);
    await queue.flush();
    assert.equal(server.calls.length, 1, "nothing is sent to a board that is gone");
    assert.equal(storage.data.has(outboxStorageKey(BOARD)), false);
  });

  it("survives a reload: a new queue on the same storage picks up unsent notes", async () => {
    const server = fakeServer(() => "network");
    const { queue, storage } = makeQueue(server.fetch);
    queue.add("Sparad", YELLOW);
    await queue.flush();
    // Simulate a note that was on its way when the page closed.
    const key = outboxStorageKey(BOARD);
    const raw = JSON.parse(storage.getItem(key)!) as { items: Array<{ status: string }> };
    raw.items[0].status = "sending";
    storage.setItem(key, JSON.stringify(raw));

    const after = fakeServer();
    const reloaded = new NoteQueue({ boardId: BOARD, storage, fetch: after.fetch, newKey: () => "unused0" });
    reloaded.load();
    assert.equal(reloaded.items.length, 1);
    assert.equal(reloaded.items[0].status, "waiting");
    await reloaded.flush();
    assert.equal(reloaded.items[0].status, "sent");
    assert.equal(after.calls[0].body?.idempotencyKey, "key000001");
  });

  it("merges notes another tab queued instead of overwriting them", () => {
    const server = fakeServer(() => "network");
    const { queue, storage } = makeQueue(server.fetch, { isOnline: () => false });
    const other = new NoteQueue({ boardId: BOARD, storage, fetch: server.fetch, newKey: () => "otherkey1", isOnline: () => false });
    queue.add("Från flik 1", YELLOW);
    other.add("Från flik 2", YELLOW);
    queue.add("Flik 1 igen", YELLOW);
    assert.deepEqual(storage.stored().map((n) => n.text).sort(), ["Flik 1 igen", "Från flik 1", "Från flik 2"]);
    queue.load();
    assert.equal(queue.items.length, 3);
  });

  it("deletes a discarded note that reached the server anyway", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const server = fakeServer();
    const { queue } = makeQueue(async (url, init) => {
      if (init.method === "POST") await gate;
      return server.fetch(url, init);
    });
    queue.add("Ångrad", YELLOW);
    const flushing = queue.flush();
    queue.discard(queue.items[0].key);
    assert.equal(queue.items.length, 0);
    release();
    await flushing;
    await new Promise((resolve) => setTimeout(resolve, 0));
    assert.equal(server.calls.at(-1)?.method, "DELETE");
    assert.equal(server.notes.size, 0);
  });

  it("forgets sent notes once the server's view lists them", async () => {
    const server = fakeServer();
    const { queue, storage, tick } = makeQueue(server.fetch);
    queue.add("A", YELLOW);
    queue.add("B", YELLOW);
    await queue.flush();
    queue.reconcile(["n1"]);
    assert.deepEqual(queue.items.map((n) => n.text), ["B"]);
    tick(61_000);
    queue.reconcile([]);
    assert.equal(queue.items.length, 0, "removed on the board long ago: not shown as sent forever");
    assert.equal(storage.stored().length, 0);
  });

  it("still sends when storage refuses to write", async () => {
    const server = fakeServer();
    const broken: QueueStorage = {
      getItem: () => null,
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
      removeItem: () => undefined,
    };
    const queue = new NoteQueue({ boardId: BOARD, storage: broken, fetch: server.fetch, newKey: () => "abcdefgh1" });
    queue.add("A", YELLOW);
    await queue.flush();
    assert.equal(queue.items[0].status, "sent");
  });

  it("notifies subscribers with a new array on every change", async () => {
    const { queue } = makeQueue(fakeServer().fetch);
    const seen: unknown[] = [];
    const stop = queue.subscribe(() => seen.push(queue.items));
    queue.add("A", YELLOW);
    await queue.flush();
    stop();
    assert.ok(seen.length >= 3);
    assert.equal(new Set(seen).size, seen.length);
  });
});
