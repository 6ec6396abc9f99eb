/**
 * Loading a big board from SQLite: 5,000 notes written by 50,000 updates, loaded the way
 * Room.load does it (openSqliteStorage → loadDocument → each update checked for what it needs and
 * applied, in one transaction → migration check), before and after compaction
 * (Y.encodeStateAsUpdate stored with storage.compact).
 */
import Database from "better-sqlite3";
import { copyFileSync, existsSync, statSync } from "node:fs";
import { join } from "node:path";
import * as Y from "yjs";
import { createNote, moveNotes, recolorNotes } from "../lib/board/actions";
import { notesOf } from "../lib/schema/board";
import { migrateToCurrent } from "../lib/schema/migrations";
import { NOTE_COLORS } from "../lib/schema/note";
import { applyStored } from "../server/realtime/room";
import { openSqliteStorage } from "../server/storage/sqlite";
import { mib, ms, noteTextFor, removeTempDir, tempDir, type PartResult, type Row } from "./common";

const NOTES = 5_000;
const UPDATES = 50_000;
const PEOPLE = 10;
const TYPING_CHUNKS = 5; // each note's text arrives in 5 updates, as a person types in bursts
const LOAD_REPEATS = 5;
/** The server compacts after this many appended updates (createSamlaServer's default). */
const COMPACT_EVERY = 500;
const BOARD_ID = "bench-storage-board";

/** A small deterministic random generator, so every run writes the same history. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

interface LoadTiming {
  readMs: number;
  applyMs: number;
  totalMs: number;
  notes: number;
  updates: number;
  snapshotBytes: number;
}

/** One cold open of the database and one load of the board into a fresh Y.Doc, as Room.load. */
async function loadOnce(file: string): Promise<LoadTiming> {
  const t0 = performance.now();
  const storage = openSqliteStorage(file);
  try {
    const stored = await storage.loadDocument(BOARD_ID);
    const t1 = performance.now();
    const doc = new Y.Doc();
    doc.transact(() => {
      if (stored.snapshot) applyStored(doc, stored.snapshot, false);
      for (const update of stored.updates) if (applyStored(doc, update, true)) throw new Error("a stored update did not apply");
    }, "storage");
    const migration = migrateToCurrent(doc);
    const t2 = performance.now();
    if (migration.status !== "current") throw new Error(`unexpected migration on load: ${migration.status}`);
    const notes = notesOf(doc).size;
    doc.destroy();
    return { readMs: t1 - t0, applyMs: t2 - t1, totalMs: t2 - t0, notes, updates: stored.updates.length, snapshotBytes: stored.snapshot?.byteLength ?? 0 };
  } finally {
    await storage.close();
  }
}

/**
 * Loads every file LOAD_REPEATS times, round-robin after one warm-up load each, so that JIT
 * warm-up and the order of measuring favour none of them. Returns the median load per file.
 */
async function loadMedians(files: string[]): Promise<Array<LoadTiming & { runsMs: number[] }>> {
  for (const file of files) await loadOnce(file);
  const runs: LoadTiming[][] = files.map(() => []);
  for (let i = 0; i < LOAD_REPEATS; i++) for (const [k, file] of files.entries()) runs[k].push(await loadOnce(file));
  return runs.map((list) => {
    const pick = [...list].sort((a, b) => a.totalMs - b.totalMs)[Math.floor(list.length / 2)];
    return { ...pick, runsMs: list.map((r) => Number(r.totalMs.toFixed(1))) };
  });
}

/** Bytes on disk (database + WAL) and bytes in pages that hold data, after a clean close. */
function fileSizes(file: string) {
  const onDisk = [file, `${file}-wal`, `${file}-shm`].filter(existsSync).reduce((sum, f) => sum + statSync(f).size, 0);
  const db = new Database(file, { readonly: true });
  try {
    const pageSize = db.pragma("page_size", { simple: true }) as number;
    const pages = db.pragma("page_count", { simple: true }) as number;
    const free = db.pragma("freelist_count", { simple: true }) as number;
    return { onDisk, inUse: (pages - free) * pageSize, free: free * pageSize };
  } finally {
    db.close();
  }
}

/**
 * Writes the history the way the server would have stored it: every update appended on its own.
 * Ten people write 500 notes each (create, then the text in five bursts), then the facilitator
 * moves notes around 15,000 times and recolours 5,000 of them.
 */
async function writeHistory(file: string): Promise<{ appended: number; lastSeq: number; writeMs: number }> {
  const storage = openSqliteStorage(file);
  const rand = random(42);
  const t0 = performance.now();
  let appended = 0;
  let lastSeq = 0;
  const append = async (update: Uint8Array) => {
    lastSeq = (await storage.append(BOARD_ID, { board: update })).board!;
    appended++;
  };
  try {
    await storage.createBoard({ id: BOARD_ID, title: "Storage bench", createdAt: Date.now(), tokenSalt: "bench" });
    const facilitator = new Y.Doc();
    const people = Array.from({ length: PEOPLE }, () => new Y.Doc());
    // What the server writes when it first loads an empty board.
    const initial = new Y.Doc();
    migrateToCurrent(initial);
    const first = Y.encodeStateAsUpdate(initial);
    for (const doc of [facilitator, ...people]) Y.applyUpdate(doc, first);
    await append(first);

    const capture = (doc: Y.Doc, change: () => void): Uint8Array => {
      let captured: Uint8Array | null = null;
      const onUpdate = (update: Uint8Array) => (captured = update);
      doc.on("update", onUpdate);
      change();
      doc.off("update", onUpdate);
      if (!captured) throw new Error("the change produced no update");
      return captured;
    };

    const cols = Math.ceil(Math.sqrt(NOTES));
    for (let k = 0; k < NOTES; k++) {
      const person = people[k % PEOPLE];
      const id = `note-${k}`;
      const x = (k % cols) * 220;
      const y = Math.floor(k / cols) * 220;
      const created = capture(person, () => createNote(person, { id, x, y, now: 1_700_000_000_000 + k }, "bench"));
      Y.applyUpdate(facilitator, created);
      await append(created);
      const text = noteTextFor(k);
      const chunk = Math.ceil(text.length / TYPING_CHUNKS);
      for (let c = 0; c < TYPING_CHUNKS; c++) {
        const ytext = notesOf(person).get(id)!.get("text") as Y.Text;
        const typed = capture(person, () => ytext.insert(ytext.length, text.slice(c * chunk, (c + 1) * chunk)));
        Y.applyUpdate(facilitator, typed);
        await append(typed);
      }
    }
    // Every fourth change a recolour (always to a different colour), the rest moves.
    for (let i = 0; appended < UPDATES; i++) {
      const id = `note-${Math.floor(rand() * NOTES)}`;
      const note = notesOf(facilitator).get(id)!;
      const current = NOTE_COLORS.findIndex((c) => c.hex === note.get("color"));
      const color = NOTE_COLORS[(current + 1 + Math.floor(rand() * (NOTE_COLORS.length - 1))) % NOTE_COLORS.length].hex;
      const update =
        i % 4 === 3
          ? capture(facilitator, () => recolorNotes(facilitator, [id], color, "bench"))
          : capture(facilitator, () => moveNotes(facilitator, [{ id, x: 1 + Math.round(rand() * 20_000), y: 1 + Math.round(rand() * 12_000) }], "bench"));
      await append(update);
    }
    for (const doc of [facilitator, ...people, initial]) doc.destroy();
    return { appended, lastSeq, writeMs: performance.now() - t0 };
  } finally {
    await storage.close();
  }
}

/** Compacts as Room.compact does: the whole state as one snapshot through `throughSeq`. */
async function compactBoard(file: string, throughSeq: number): Promise<{ compactMs: number; snapshotBytes: number }> {
  const storage = openSqliteStorage(file);
  try {
    const stored = await storage.loadDocument(BOARD_ID);
    const doc = new Y.Doc();
    doc.transact(() => {
      if (stored.snapshot) applyStored(doc, stored.snapshot, false);
      for (const update of stored.updates) if (applyStored(doc, update, true)) throw new Error("a stored update did not apply");
    }, "storage");
    const t0 = performance.now();
    const snapshot = Y.encodeStateAsUpdate(doc);
    await storage.compact(BOARD_ID, snapshot, throughSeq);
    const compactMs = performance.now() - t0;
    doc.destroy();
    return { compactMs, snapshotBytes: snapshot.byteLength };
  } finally {
    await storage.close();
  }
}

/** After compaction the server keeps appending: at most COMPACT_EVERY - 1 updates trail the snapshot. */
async function appendTrailing(file: string, count: number): Promise<void> {
  const storage = openSqliteStorage(file);
  try {
    const stored = await storage.loadDocument(BOARD_ID);
    const doc = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    const rand = random(7);
    const updates: Uint8Array[] = [];
    doc.on("update", (update: Uint8Array) => updates.push(update));
    for (let i = 0; i < count; i++) {
      moveNotes(doc, [{ id: `note-${Math.floor(rand() * NOTES)}`, x: Math.round(rand() * 20_000), y: Math.round(rand() * 12_000) }], "bench");
    }
    for (const update of updates) await storage.append(BOARD_ID, { board: update });
    doc.destroy();
  } finally {
    await storage.close();
  }
}

export async function run(): Promise<PartResult> {
  const dir = tempDir("storage");
  try {
    // The same board in three states, each in its own (closed, checkpointed) copy of the file.
    const file = join(dir, "samla.sqlite");
    const beforeFile = join(dir, "before.sqlite");
    const afterFile = join(dir, "after.sqlite");
    const steadyFile = join(dir, "steady.sqlite");
    const history = await writeHistory(file);
    const sizeBefore = fileSizes(file);
    copyFileSync(file, beforeFile);
    const compaction = await compactBoard(file, history.lastSeq);
    const sizeAfter = fileSizes(file);
    copyFileSync(file, afterFile);
    await appendTrailing(file, COMPACT_EVERY - 1);
    copyFileSync(file, steadyFile);

    const [before, after, steady] = await loadMedians([beforeFile, afterFile, steadyFile]);
    if (before.notes !== NOTES || before.updates !== UPDATES) throw new Error(`expected ${NOTES} notes / ${UPDATES} updates, loaded ${before.notes} / ${before.updates}`);
    if (after.notes !== NOTES || after.updates !== 0) throw new Error(`after compaction expected ${NOTES} notes / 0 updates, loaded ${after.notes} / ${after.updates}`);
    if (steady.updates !== COMPACT_EVERY - 1) throw new Error(`expected ${COMPACT_EVERY - 1} trailing updates, loaded ${steady.updates}`);

    const scenario = `${NOTES.toLocaleString("en")} notes`;
    const loadValue = (t: LoadTiming) => `${ms(t.totalMs)} (SQL ${ms(t.readMs)}, apply ${ms(t.applyMs)})`;
    const rows: Row[] = [
      { part: "storage", scenario, metric: `load, ${UPDATES.toLocaleString("en")} updates, no snapshot`, value: loadValue(before) },
      { part: "storage", scenario, metric: "load, after compaction (snapshot only)", value: loadValue(after) },
      { part: "storage", scenario, metric: `load, snapshot + ${COMPACT_EVERY - 1} updates (server's worst)`, value: loadValue(steady) },
      { part: "storage", scenario, metric: "compaction (encode + write snapshot)", value: `${ms(compaction.compactMs)}, snapshot ${mib(compaction.snapshotBytes)}` },
      { part: "storage", scenario, metric: "SQLite file before / after compaction", value: `${mib(sizeBefore.onDisk)} / ${mib(sizeAfter.onDisk)}` },
      { part: "storage", scenario, metric: "SQLite pages in use before / after", value: `${mib(sizeBefore.inUse)} / ${mib(sizeAfter.inUse)}` },
    ];
    const notes: string[] = [];
    if (sizeAfter.onDisk >= sizeBefore.onDisk * 0.9) {
      notes.push(
        `storage: compaction left ${mib(sizeAfter.free)} of free pages inside the SQLite file and the file did not shrink (${mib(sizeBefore.onDisk)} → ${mib(sizeAfter.onDisk)}): ` +
          "the snapshot is written before the old updates are deleted, and nothing runs VACUUM (auto_vacuum is off), so freed pages are only reused by later writes.",
      );
    }
    return {
      part: "storage",
      rows,
      warnings: [],
      notes: [
        ...notes,
        `storage: median of ${LOAD_REPEATS} loads per state, round-robin after a warm-up, each opening the database afresh (OS file cache warm), timed from openSqliteStorage to the applied Y.Doc; history = ${NOTES} creates + ${NOTES * TYPING_CHUNKS} typing bursts by ${PEOPLE} people + moves and recolours by one facilitator, one update per row as the server appends them.`,
      ],
      data: { history, sizeBefore, sizeAfter, before, after, steady, compaction, compactEvery: COMPACT_EVERY },
    };
  } finally {
    removeTempDir(dir);
  }
}
