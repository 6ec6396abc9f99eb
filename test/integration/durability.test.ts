import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { isDeepStrictEqual } from "node:util";
import * as Y from "yjs";
import { createNote, deleteNotes, moveNotes, recolorNotes, textOfNote } from "../../lib/board/actions";
import { notesOf } from "../../lib/schema/board";
import { SCHEMA_VERSION } from "../../lib/schema/migrations";
import { NOTE_COLORS } from "../../lib/schema/note";
import type { Storage } from "../../server/storage/types";
import {
  connectClient,
  createBoard,
  delay,
  missingHistory,
  notesJson,
  readStoredBoard,
  sameStateVector,
  spawnServer,
  startServer,
  storedBoard,
  tempDir,
  waitFor,
  waitForDoc,
  whenSynced,
} from "./helpers";

type Client = ReturnType<typeof connectClient>;

function typeInto(doc: Y.Doc, id: string, index: number, text: string): void {
  doc.transact(() => textOfNote(doc, id)!.insert(index, text), "test");
}

/** True when every client's document holds the same history and the same notes. */
function converged(clients: Client[]): boolean {
  const [first, ...rest] = clients;
  return rest.every((c) => sameStateVector(first.doc, c.doc)) && rest.every((c) => isDeepStrictEqual(notesJson(first.doc), notesJson(c.doc)));
}

/** Runs `fn` once, however often it is called: for servers a test closes itself unless it failed first. */
function once(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  return () => (running ??= fn());
}

/** A storage that takes `ms` longer to load a board: the real SQLite storage, decorated. */
function slowLoading(inner: Storage, ms: number, events: { loadStarted: number; loadDone: number }): Storage {
  return {
    ...inner,
    createBoard: (board) => inner.createBoard(board),
    getBoard: (id) => inner.getBoard(id),
    async loadDocument(boardId, doc) {
      events.loadStarted = Date.now();
      await delay(ms);
      const stored = await inner.loadDocument(boardId, doc);
      events.loadDone = Date.now();
      return stored;
    },
    append: (boardId, batch) => inner.append(boardId, batch),
    compact: (boardId, snapshot, throughSeq, doc) => inner.compact(boardId, snapshot, throughSeq, doc),
    quarantine: (boardId, doc, which, reason) => inner.quarantine(boardId, doc, which, reason),
    writersOf: (boardId) => inner.writersOf(boardId),
    checkHealth: () => inner.checkHealth(),
    close: () => inner.close(),
  };
}

describe("durability", () => {
  test("a graceful restart mid-session keeps every note a client saw", async (t) => {
    const first = await startServer();
    const closeFirst = once(() => first.close());
    let closeSecond = async () => {};
    const clients: Client[] = [];
    t.after(async () => {
      for (const c of clients) c.destroy();
      await closeFirst();
      await closeSecond();
    });

    const board = await createBoard(first.http);
    const writer = connectClient(first.ws, board.id, board.memberToken);
    const reader = connectClient(first.ws, board.id, board.facilitatorToken);
    clients.push(writer, reader);
    await Promise.all([whenSynced(writer.provider), whenSynced(reader.provider)]);

    for (let i = 0; i < 12; i++) createNote(writer.doc, { id: `n${i}`, x: i * 200, y: 0, text: `lapp ${i}`, now: i + 1 }, "test");
    typeInto(writer.doc, "n3", 4, " med mer text");
    moveNotes(writer.doc, [{ id: "n5", x: -400, y: 900 }], "test");
    recolorNotes(writer.doc, ["n7"], NOTE_COLORS[3].hex, "test");
    deleteNotes(writer.doc, ["n11"], "test");
    await waitFor(() => converged(clients), 10_000, "the reader to see the writer's notes");
    const seen = notesJson(reader.doc) as Record<string, unknown>;
    assert.equal(Object.keys(seen).length, 11);

    await closeFirst();
    // With the server down, nobody can resend anything: what is on disk is what survived.
    const onDisk = await readStoredBoard(first.dataDir, board.id);
    assert.deepEqual(notesJson(onDisk.doc), seen, "the stored board after a graceful shutdown");
    assert.deepEqual(missingHistory(onDisk.doc, reader.doc), [], "history the reader saw but storage lacks");

    // Written while the server is away: the writer keeps it and sends it on reconnect.
    createNote(writer.doc, { id: "offline", x: 0, y: 400, text: "skriven offline", now: 99 }, "test");

    const second = await startServer({ dataDir: first.dataDir, port: first.port });
    closeSecond = once(() => second.close());
    await waitFor(
      () => writer.provider.synced && reader.provider.synced && notesOf(reader.doc).has("offline") && converged(clients),
      15_000,
      "both clients to reconnect on their own and converge",
    );
    for (const c of clients) {
      for (const [id, note] of Object.entries(seen)) assert.deepEqual(notesOf(c.doc).get(id)?.toJSON(), note, `note ${id}`);
    }

    const fresh = connectClient(second.ws, board.id, board.viewerToken);
    clients.push(fresh);
    await whenSynced(fresh.provider);
    assert.deepEqual(notesJson(fresh.doc), notesJson(writer.doc));
    assert.equal(notesOf(fresh.doc).size, 12);
    assert.equal(fresh.doc.getMap("meta").get("schemaVersion"), SCHEMA_VERSION);
  });

  test("SIGKILL loses no update that another client had already seen", async (t) => {
    const dataDir = tempDir();
    let server = await spawnServer(dataDir);
    const port = server.port;
    const clients: Client[] = [];
    t.after(async () => {
      for (const c of clients) c.destroy();
      await server.kill();
    });

    const board = await createBoard(server.http);
    const writer = connectClient(server.ws, board.id, board.memberToken);
    const observer = connectClient(server.ws, board.id, board.memberToken);
    clients.push(writer, observer);
    await Promise.all([whenSynced(writer.provider), whenSynced(observer.provider)]);

    for (let i = 0; i < 10; i++) createNote(writer.doc, { id: `a${i}`, x: i * 10, y: 0, text: "före", now: i + 1 }, "test");
    typeInto(writer.doc, "a2", 0, "ännu mer ");
    moveNotes(writer.doc, [{ id: "a4", x: 777, y: 888 }], "test");
    await waitFor(() => converged(clients), 10_000, "the observer to see the first notes");

    // A burst, one update per note, still on its way when the server dies.
    for (let i = 0; i < 200; i++) createNote(writer.doc, { id: `b${i}`, x: i, y: 500, text: `skur ${i}`, now: 100 + i }, "test");
    await waitFor(() => notesOf(observer.doc).has("b5"), 10_000, "the observer to see part of the burst");
    await server.kill();
    await waitFor(() => !observer.provider.wsconnected && !writer.provider.wsconnected, 10_000, "clients to notice the kill");

    const observed = notesJson(observer.doc) as Record<string, unknown>;
    assert.ok(Object.keys(observed).length >= 16, "the observer had seen updates from the writer before the kill");
    const onDisk = await readStoredBoard(dataDir, board.id);
    // Everything the observer has came from the writer through the server: all of it must be on disk.
    assert.deepEqual(missingHistory(onDisk.doc, observer.doc), [], "history the observer saw but storage lacks");
    for (const [id, note] of Object.entries(observed)) {
      assert.deepEqual(notesOf(onDisk.doc).get(id)?.toJSON(), note, `note ${id} the observer saw, on disk`);
    }

    server = await spawnServer(dataDir, port);
    await waitFor(
      () => writer.provider.synced && observer.provider.synced && converged(clients),
      15_000,
      "both clients to reconnect on their own and converge",
    );
    for (const c of clients) {
      for (const [id, note] of Object.entries(observed)) assert.deepEqual(notesOf(c.doc).get(id)?.toJSON(), note, `note ${id} after restart`);
      // The writer still had the rest of the burst and sent it again on reconnect.
      assert.equal(notesOf(c.doc).size, 210);
    }
    const fresh = connectClient(server.ws, board.id, board.viewerToken);
    clients.push(fresh);
    await whenSynced(fresh.provider);
    assert.deepEqual(notesJson(fresh.doc), notesJson(writer.doc));
  });

  test("a client that connects while the board loads never receives an empty board", async (t) => {
    const dataDir = tempDir();
    const filler = await startServer({ dataDir });
    const closeFiller = once(() => filler.close());
    const board = await createBoard(filler.http);
    const writer = connectClient(filler.ws, board.id, board.memberToken);
    const check = connectClient(filler.ws, board.id, board.memberToken);
    let expected: unknown;
    try {
      await whenSynced(writer.provider);
      for (let i = 0; i < 25; i++) createNote(writer.doc, { id: `n${i}`, x: i * 170, y: 0, text: `lapp ${i}`, now: i + 1 }, "test");
      await waitFor(() => check.provider.synced && notesOf(check.doc).size === 25, 10_000, "the notes to be stored");
      expected = notesJson(writer.doc);
    } finally {
      writer.destroy();
      check.destroy();
      await closeFiller();
    }

    const events = { loadStarted: 0, loadDone: 0 };
    const server = await startServer({ dataDir, wrapStorage: (sqlite) => slowLoading(sqlite, 500, events) });
    const clients: Client[] = [];
    t.after(async () => {
      for (const c of clients) c.destroy();
      await server.close();
    });

    const watch = (c: Client) => {
      const seen = { atSync: -1, connectedAt: 0, max: 0, emptiedAfterNotes: false, sizes: [] as number[] };
      c.provider.on("status", ({ status }: { status: string }) => {
        if (status === "connected" && !seen.connectedAt) seen.connectedAt = Date.now();
      });
      c.provider.on("sync", (synced: boolean) => {
        if (synced && seen.atSync < 0) seen.atSync = notesOf(c.doc).size;
      });
      notesOf(c.doc).observe(() => {
        const size = notesOf(c.doc).size;
        seen.sizes.push(size);
        if (size === 0 && seen.max > 0) seen.emptiedAfterNotes = true;
        seen.max = Math.max(seen.max, size);
      });
      return seen;
    };

    const early = connectClient(server.ws, board.id, board.memberToken, new Y.Doc());
    clients.push(early);
    const earlySeen = watch(early);
    await waitFor(() => events.loadStarted > 0, 5_000, "the board to start loading");
    const second = connectClient(server.ws, board.id, board.viewerToken, new Y.Doc());
    clients.push(second);
    const secondSeen = watch(second);
    await Promise.all([whenSynced(early.provider), whenSynced(second.provider)]);

    for (const [name, seen] of [["first", earlySeen], ["second", secondSeen]] as const) {
      assert.ok(seen.connectedAt > 0 && seen.connectedAt < events.loadDone, `the ${name} client connected while the board was loading`);
      assert.equal(seen.atSync, 25, `notes the ${name} client held when its provider reported synced`);
      assert.equal(seen.emptiedAfterNotes, false, `the ${name} client saw the board empty after it had notes (${seen.sizes})`);
    }
    assert.deepEqual(notesJson(early.doc), expected);
    assert.deepEqual(notesJson(second.doc), expected);
  });

  test("compaction keeps the stored board equal to what clients see, with a short log", async (t) => {
    const compactEvery = 20;
    const server = await startServer({ compactEvery });
    const closeServer = once(() => server.close());
    const clients: Client[] = [];
    t.after(async () => {
      for (const c of clients) c.destroy();
      await closeServer();
    });
    const board = await createBoard(server.http);
    const a = connectClient(server.ws, board.id, board.memberToken);
    const b = connectClient(server.ws, board.id, board.memberToken);
    clients.push(a, b);
    await Promise.all([whenSynced(a.provider), whenSynced(b.provider)]);

    // 200 edits, each its own update, each relayed before the next one is made.
    const edits: Array<(doc: Y.Doc) => void> = [];
    for (let i = 0; i < 30; i++) edits.push((doc) => createNote(doc, { id: `n${i}`, x: i * 170, y: 0, text: "", now: i + 1 }, "test"));
    for (let i = 0; i < 110; i++) edits.push((doc) => typeInto(doc, `n${i % 30}`, 0, String.fromCharCode(97 + (i % 26))));
    for (let i = 0; i < 30; i++) edits.push((doc) => moveNotes(doc, [{ id: `n${i}`, x: i * 170, y: 300 + i }], "test"));
    for (let i = 0; i < 20; i++) edits.push((doc) => recolorNotes(doc, [`n${i}`], NOTE_COLORS[i % NOTE_COLORS.length].hex, "test"));
    for (let i = 0; i < 10; i++) edits.push((doc) => deleteNotes(doc, [`n${i * 3}`], "test"));
    assert.equal(edits.length, 200);
    for (const [i, edit] of edits.entries()) {
      const editor = i % 5 === 4 ? b : a;
      const other = editor === a ? b : a;
      edit(editor.doc);
      await waitForDoc(other.doc, () => sameStateVector(editor.doc, other.doc) && isDeepStrictEqual(notesJson(editor.doc), notesJson(other.doc)), 5_000, `edit ${i} to reach the other client`);
    }
    assert.equal(notesOf(a.doc).size, 20);
    assert.deepEqual(notesJson(a.doc), notesJson(b.doc));

    const stored = await storedBoard(server.storage, board.id);
    assert.ok(stored.snapshot, "the board was compacted into a snapshot");
    assert.ok(stored.updates.length < 200, `updates after the snapshot: ${stored.updates.length}`);
    assert.ok(stored.updates.length <= compactEvery, `updates after the snapshot: ${stored.updates.length}`);
    assert.deepEqual(notesJson(stored.doc), notesJson(a.doc));
    assert.ok(sameStateVector(stored.doc, a.doc), "the stored board holds exactly the clients' history");

    // And after the last compaction on shutdown, a fresh load gives the same board.
    for (const c of clients) c.destroy();
    clients.length = 0;
    await closeServer();
    const reloaded = await readStoredBoard(server.dataDir, board.id);
    assert.equal(reloaded.updates.length, 0, "shutdown compacts the rest of the log");
    assert.deepEqual(notesJson(reloaded.doc), notesJson(a.doc));
    assert.ok(sameStateVector(reloaded.doc, a.doc));
  });
});
