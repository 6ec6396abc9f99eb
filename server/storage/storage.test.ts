import Database from "better-sqlite3";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import pg from "pg";
import * as Y from "yjs";
import { createNote, moveNotes, textOfNote } from "../../lib/board/actions";
import { notesOf } from "../../lib/schema/board";
import { migrateToCurrent } from "../../lib/schema/migrations";
import { openPostgresStorage } from "./postgres/postgres";
import { createTestDatabase } from "./postgres/test-database";
import { openSqliteStorage } from "./sqlite";
import type { BoardRecord, BoardStorage, ParticipantRecord, Storage, StoredDocument } from "./types";

const dir = mkdtempSync(join(tmpdir(), "samla-sqlite-test-"));
after(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Both stores answer the same to the same calls: each test runs on SQLite and on PostgreSQL (the
 * machine's, 127.0.0.1:5432; these tests fail, not skip, when it is unreachable).
 */
interface TestStore {
  name: string;
  /** Where a new, empty store lives: a file, or a database of its own. */
  fresh(): Promise<string>;
  open(at: string): Promise<Storage>;
  /** The update rows as stored, past loadDocument's own filtering. */
  storedSeqs(at: string, boardId: string): Promise<number[]>;
}

let files = 0;
const databases: Array<{ drop(): Promise<void> }> = [];
after(async () => {
  for (const database of databases) await database.drop();
});

const STORES: TestStore[] = [
  {
    name: "SQLite",
    fresh: async () => join(dir, `board-${++files}`, "samla.db"),
    open: async (file) => openSqliteStorage(file),
    async storedSeqs(file, boardId) {
      const db = new Database(file, { readonly: true });
      try {
        return db.prepare<[string], { seq: number }>("SELECT seq FROM updates WHERE board_id = ? ORDER BY seq").all(boardId).map((r) => r.seq);
      } finally {
        db.close();
      }
    },
  },
  {
    name: "PostgreSQL",
    async fresh() {
      const database = await createTestDatabase();
      databases.push(database);
      return database.url;
    },
    open: (url) => openPostgresStorage(url),
    async storedSeqs(url, boardId) {
      const client = new pg.Client(url);
      await client.connect();
      try {
        return (await client.query<{ seq: string }>("SELECT seq FROM updates WHERE board_id = $1 ORDER BY seq", [boardId])).rows.map((r) => Number(r.seq));
      } finally {
        await client.end();
      }
    },
  },
];

function board(id: string, extra: Partial<BoardRecord> = {}): BoardRecord {
  return { id, title: `Tavla ${id}`, createdAt: 1700000000000, lastActiveAt: 1700000000000, retentionDays: null, keepUntil: null, kit: null, tokenSalt: `salt-${id}`, ...extra };
}

/** Appends one update to a board's document, as a room's commit does; answers its seq. */
async function appendBoard(storage: BoardStorage, boardId: string, update: Uint8Array): Promise<number> {
  return (await storage.append(boardId, { board: update })).board!;
}

/** Builds the document a room would load from storage. */
function loaded(stored: StoredDocument): Y.Doc {
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const update of stored.updates) Y.applyUpdate(doc, update);
  return doc;
}

/** A doc whose every update is appended to storage, as a room does; returns the seqs. */
function recording(storage: BoardStorage, boardId: string): { doc: Y.Doc; seqs: Promise<number>[] } {
  const doc = new Y.Doc();
  const seqs: Promise<number>[] = [];
  doc.on("update", (update: Uint8Array) => seqs.push(appendBoard(storage, boardId, update)));
  return { doc, seqs };
}

function sameDoc(actual: Y.Doc, expected: Y.Doc): void {
  assert.deepEqual(notesOf(actual).toJSON(), notesOf(expected).toJSON());
  assert.deepEqual(actual.getMap("meta").toJSON(), expected.getMap("meta").toJSON());
  assert.deepEqual(Y.encodeStateVector(actual), Y.encodeStateVector(expected));
  assert.deepEqual(Y.decodeStateVector(Y.encodeStateVector(actual)), Y.decodeStateVector(Y.encodeStateVector(expected)));
}

for (const store of STORES) describe(`${store.name} storage`, () => {
  const fresh = async () => store.open(await store.fresh());

  test("stores and reads back boards", async () => {
    const storage = await fresh();
    try {
      await storage.createBoard(board("abcdefgh"));
      await storage.createBoard(board("ijklmnop", { title: "Åäö – workshop" }));
      assert.deepEqual(await storage.getBoard("abcdefgh"), board("abcdefgh"));
      assert.deepEqual(await storage.getBoard("ijklmnop"), board("ijklmnop", { title: "Åäö – workshop" }));
      assert.equal(await storage.getBoard("missing1"), null);
    } finally {
      await storage.close();
    }
  });

  test("a board id can only be created once", async () => {
    const storage = await fresh();
    try {
      await storage.createBoard(board("abcdefgh"));
      await assert.rejects(storage.createBoard(board("abcdefgh", { title: "again" })));
      assert.equal((await storage.getBoard("abcdefgh"))?.title, "Tavla abcdefgh");
    } finally {
      await storage.close();
    }
  });

  test("an unknown board has an empty document; updates need a board", async () => {
    const storage = await fresh();
    try {
      assert.deepEqual(await storage.loadDocument("nothere1"), { snapshot: null, updates: [], seqs: [], lastSeq: 0 });
      await assert.rejects(appendBoard(storage, "nothere1", new Uint8Array([0, 0])));
    } finally {
      await storage.close();
    }
  });

  test("appended updates load in order, per board, with increasing seqs", async () => {
    const storage = await fresh();
    try {
      await storage.createBoard(board("board-aa"));
      await storage.createBoard(board("board-bb"));
      const a = [new Uint8Array([1]), new Uint8Array([2, 2]), new Uint8Array([3, 3, 3])];
      const b = [new Uint8Array([9, 9])];
      const seqs: number[] = [];
      seqs.push(await appendBoard(storage, "board-aa", a[0]));
      seqs.push(await appendBoard(storage, "board-bb", b[0]));
      seqs.push(await appendBoard(storage, "board-aa", a[1]));
      seqs.push(await appendBoard(storage, "board-aa", a[2]));
      assert.deepEqual(seqs, [...seqs].sort((x, y) => x - y));
      assert.equal(new Set(seqs).size, 4);

      const loadedA = await storage.loadDocument("board-aa");
      assert.equal(loadedA.snapshot, null);
      assert.deepEqual(loadedA.updates, a);
      assert.ok(loadedA.updates.every((u) => u instanceof Uint8Array));
      assert.equal(loadedA.lastSeq, seqs[3]);
      const loadedB = await storage.loadDocument("board-bb");
      assert.deepEqual(loadedB.updates, b);
      assert.equal(loadedB.lastSeq, seqs[1]);
    } finally {
      await storage.close();
    }
  });

  test("real Yjs updates rebuild the document", async () => {
    const storage = await fresh();
    try {
      await storage.createBoard(board("yjsboard"));
      const { doc, seqs } = recording(storage, "yjsboard");
      migrateToCurrent(doc);
      createNote(doc, { id: "a", x: 1, y: 2, text: "Hej", now: 1 }, "me");
      createNote(doc, { id: "b", x: 3, y: 4, now: 2 }, "me");
      textOfNote(doc, "b")!.insert(0, "då");
      moveNotes(doc, [{ id: "a", x: 100, y: 200 }], "me");
      await Promise.all(seqs);
      sameDoc(loaded(await storage.loadDocument("yjsboard")), doc);
    } finally {
      await storage.close();
    }
  });

  test("compaction keeps the document, drops the covered updates and keeps later ones", async () => {
    const file = await store.fresh();
    const storage = await store.open(file);
    try {
      await storage.createBoard(board("compacts"));
      await storage.createBoard(board("neighbor"));
      const neighbourUpdate = new Uint8Array([4, 2]);
      await appendBoard(storage, "neighbor", neighbourUpdate);

      const { doc, seqs } = recording(storage, "compacts");
      migrateToCurrent(doc);
      for (let i = 0; i < 20; i++) createNote(doc, { id: `n${i}`, x: i, y: i, text: `lapp ${i}`, now: i }, "me");
      textOfNote(doc, "n3")!.insert(0, "redigerad ");
      notesOf(doc).delete("n7");
      const throughSeq = await seqs[seqs.length - 1];
      const before = await storage.loadDocument("compacts");
      assert.equal(before.updates.length, seqs.length);
      assert.equal(before.lastSeq, throughSeq);

      await storage.compact("compacts", Y.encodeStateAsUpdate(doc), throughSeq);
      const compacted = await storage.loadDocument("compacts");
      assert.ok(compacted.snapshot);
      assert.deepEqual(compacted.updates, []);
      assert.deepEqual(await store.storedSeqs(file, "compacts"), [], "the covered updates are deleted from the file");
      assert.equal((await store.storedSeqs(file, "neighbor")).length, 1);
      assert.equal(compacted.lastSeq, throughSeq, "lastSeq survives an empty update list");
      sameDoc(loaded(compacted), doc);

      // Updates after compaction are kept and loaded on top of the snapshot.
      const laterStart = seqs.length;
      createNote(doc, { id: "later", x: 0, y: 0, text: "efter", now: 99 }, "me");
      moveNotes(doc, [{ id: "n1", x: 500, y: 500 }], "me");
      const laterSeqs = await Promise.all(seqs.slice(laterStart));
      assert.ok(laterSeqs.every((seq) => seq > throughSeq));
      const afterMore = await storage.loadDocument("compacts");
      assert.equal(afterMore.updates.length, laterSeqs.length);
      assert.deepEqual(await store.storedSeqs(file, "compacts"), laterSeqs);
      assert.equal(afterMore.lastSeq, laterSeqs[laterSeqs.length - 1]);
      sameDoc(loaded(afterMore), doc);

      // The other board is untouched.
      assert.deepEqual((await storage.loadDocument("neighbor")).updates, [neighbourUpdate]);
    } finally {
      await storage.close();
    }
  });

  test("compacting through an older seq keeps the updates after it", async () => {
    const file = await store.fresh();
    const storage = await store.open(file);
    try {
      await storage.createBoard(board("partials"));
      const { doc, seqs } = recording(storage, "partials");
      createNote(doc, { id: "a", x: 0, y: 0, now: 1 }, "me");
      createNote(doc, { id: "b", x: 0, y: 0, now: 2 }, "me");
      const snapshotThroughB = Y.encodeStateAsUpdate(doc);
      const throughSeq = await seqs[seqs.length - 1];
      // Written while the snapshot was being made: must survive the compaction.
      createNote(doc, { id: "c", x: 0, y: 0, now: 3 }, "me");
      const cSeq = await seqs[seqs.length - 1];

      await storage.compact("partials", snapshotThroughB, throughSeq);
      const stored = await storage.loadDocument("partials");
      assert.equal(stored.updates.length, 1);
      assert.deepEqual(await store.storedSeqs(file, "partials"), [cSeq]);
      assert.equal(stored.lastSeq, cSeq);
      sameDoc(loaded(stored), doc);

      // A second compaction replaces the first snapshot.
      await storage.compact("partials", Y.encodeStateAsUpdate(doc), cSeq);
      const again = await storage.loadDocument("partials");
      assert.deepEqual(again.updates, []);
      assert.equal(again.lastSeq, cSeq);
      sameDoc(loaded(again), doc);
    } finally {
      await storage.close();
    }
  });

  test("reopening the file keeps boards, snapshot and updates", async () => {
    const file = await store.fresh();
    const first = await store.open(file);
    const doc = new Y.Doc();
    let throughSeq = 0;
    try {
      await first.createBoard(board("persists"));
      const recorded = recording(first, "persists");
      migrateToCurrent(recorded.doc);
      createNote(recorded.doc, { id: "a", x: 1, y: 1, text: "före", now: 1 }, "me");
      throughSeq = await recorded.seqs[recorded.seqs.length - 1];
      await first.compact("persists", Y.encodeStateAsUpdate(recorded.doc), throughSeq);
      createNote(recorded.doc, { id: "b", x: 2, y: 2, text: "efter", now: 2 }, "me");
      await Promise.all(recorded.seqs);
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(recorded.doc));
    } finally {
      await first.close();
    }

    const second = await store.open(file);
    try {
      assert.deepEqual(await second.getBoard("persists"), board("persists"));
      const stored = await second.loadDocument("persists");
      assert.ok(stored.snapshot);
      assert.equal(stored.updates.length, 1);
      assert.ok(stored.lastSeq > throughSeq);
      sameDoc(loaded(stored), doc);
      // Sequence numbers keep growing after a reopen.
      assert.ok((await appendBoard(second, "persists", new Uint8Array([0, 0]))) > stored.lastSeq);
    } finally {
      await second.close();
    }
  });

  test("checkHealth resolves, also repeatedly", async () => {
    const storage = await fresh();
    try {
      await storage.checkHealth();
      await storage.checkHealth();
    } finally {
      await storage.close();
    }
  });

  test("checkHealth rejects once the database is closed", async () => {
    const storage = await fresh();
    await storage.close();
    await assert.rejects(storage.checkHealth());
  });

  test("joins that arrive together, through two servers on one store, never take the board past its budget", async () => {
    const at = await store.fresh();
    const storage = await store.open(at);
    const other = await store.open(at);
    try {
      await storage.createBoard(board("budgeted"));
      const person = (i: number): ParticipantRecord => ({ boardId: "budgeted", id: `p${i}`, name: `P${i}`, createdAt: i, via: "code" });
      const joins = Array.from({ length: 40 }, (_, i) => (i % 2 ? other : storage).addParticipantWithin(person(i), 5));
      const added = await Promise.all(joins);
      assert.equal(added.filter(Boolean).length, 5);
      assert.equal(await storage.countParticipants("budgeted"), 5);
      assert.equal(await storage.addParticipantWithin(person(99), 6), true, "a larger budget takes one more");
    } finally {
      await other.close();
      await storage.close();
    }
  });

  test("a colleague is found by e-mail in any case, Å and Ö included", async () => {
    const storage = await fresh();
    try {
      const asa = await storage.upsertUser({ subject: "sub-asa", name: "Åsa Öberg", email: "Åsa.Öberg@Kommun.se", at: 1 });
      assert.equal((await storage.findUserByEmail("åsa.öberg@kommun.se"))?.id, asa.id);
      assert.equal((await storage.findUserByEmail(" ÅSA.ÖBERG@KOMMUN.SE "))?.id, asa.id);
      assert.equal(await storage.findUserByEmail("asa.oberg@kommun.se"), null);
    } finally {
      await storage.close();
    }
  });

  test("a board has one owner: two adoptions or two hand-overs at once leave one, and the owner is never removed", async () => {
    const at = await store.fresh();
    const storage = await store.open(at);
    const other = await store.open(at);
    try {
      await storage.createBoard(board("owned"));
      const [anna, bo, cia] = await Promise.all(
        ["anna", "bo", "cia"].map((name) => storage.upsertUser({ subject: `sub-${name}`, name, email: `${name}@kommun.se`, at: 1 })),
      );
      const adopted = await Promise.all([storage.addFacilitator("owned", anna.id, "owner", 2), other.addFacilitator("owned", bo.id, "owner", 2)]);
      assert.deepEqual(adopted.filter(Boolean).length, 1, "one of two adoptions at once makes an owner");
      const owner = adopted[0] ? anna : bo;
      const colleague = adopted[0] ? bo : anna;
      assert.equal(await storage.addFacilitator("owned", colleague.id, "co", 3), true);
      assert.equal(await storage.addFacilitator("owned", owner.id, "co", 3), false, "the owner stays owner");
      assert.equal(await storage.addFacilitator("owned", cia.id, "co", 3), true);

      assert.equal(await storage.removeFacilitator("owned", owner.id), false);
      const handed = await Promise.all([storage.handOver("owned", owner.id, colleague.id, 4), other.handOver("owned", owner.id, cia.id, 4)]);
      assert.deepEqual(handed.filter(Boolean).length, 1, "one of two hand-overs at once goes through");
      const roles = (await storage.facilitatorsOf("owned")).map((entry) => entry.role);
      assert.deepEqual(roles.sort(), ["co", "co", "owner"]);

      // The new owner leaves Samla: the longest-standing colleague (the first owner, added at 2) owns the board again.
      const [{ user: leaving }] = await storage.facilitatorsOf("owned");
      assert.equal(await storage.deleteUser(leaving.id), true);
      const left = await storage.facilitatorsOf("owned");
      assert.deepEqual(left.map((entry) => [entry.user.id, entry.role]), [[owner.id, "owner"], [leaving.id === cia.id ? colleague.id : cia.id, "co"]]);
    } finally {
      await other.close();
      await storage.close();
    }
  });

  test("a board deleted while its room and phones still write is gone whole; writes after it fail, the deletion does not", async () => {
    const at = await store.fresh();
    const storage = await store.open(at);
    const other = await store.open(at);
    try {
      for (let round = 0; round < 10; round++) {
        const id = `busy-${round}`;
        await storage.createBoard(board(id));
        const doc = new Y.Doc();
        const writes: Promise<unknown>[] = [];
        let deletion: Promise<boolean> | null = null;
        doc.on("update", (update: Uint8Array) => writes.push(appendBoard(other, id, update)));
        for (let i = 0; i < 20; i++) {
          createNote(doc, { id: `n${i}`, x: i, y: 0, text: `Lapp ${i}`, now: 1 }, "test");
          writes.push(other.addParticipantWithin({ boardId: id, id: `p${i}`, name: `P${i}`, createdAt: i, via: "code" }, 100));
          if (i === 10) deletion = storage.deleteBoard(id);
        }
        await Promise.allSettled(writes);
        assert.equal(await deletion, true, `the deletion of ${id} went through`);
        assert.equal(await storage.getBoard(id), null);
        assert.equal(await storage.countParticipants(id), 0);
        assert.equal((await storage.loadDocument(id)).updates.length, 0);
      }
    } finally {
      await other.close();
      await storage.close();
    }
  });
});

describe("SQLite storage's file", () => {
  test("is made with its directory, and an in-memory store is healthy too", async () => {
    const file = join(dir, "own", "samla.db");
    const storage = openSqliteStorage(file);
    const memory = openSqliteStorage(":memory:");
    try {
      assert.ok(existsSync(file));
      await memory.checkHealth();
    } finally {
      await storage.close();
      await memory.close();
    }
  });
});
