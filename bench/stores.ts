/**
 * The two stores side by side on the calls a server makes most: a room's appends one after another
 * (each waits for its commit before the update is relayed), many rooms appending at once, loading
 * a board, and a room of phones joining at once. SQLite in a temp file; PostgreSQL on the
 * machine's own (127.0.0.1:5432, a database made for the run and dropped after).
 */
import { join } from "node:path";
import * as Y from "yjs";
import { createNote } from "../lib/board/actions";
import { migrateToCurrent } from "../lib/schema/migrations";
import { openPostgresStorage } from "../server/storage/postgres/postgres";
import { claimSoleServer } from "../server/storage/postgres/sole-server";
import { createTestDatabase } from "../server/storage/postgres/test-database";
import { openSqliteStorage } from "../server/storage/sqlite";
import type { Storage } from "../server/storage/types";
import { ms, noteTextFor, removeTempDir, summarize, tempDir, type PartResult, type Row } from "./common";

const SEQUENTIAL_APPENDS = 2_000;
const PARALLEL_BOARDS = 20;
const APPENDS_PER_BOARD = 200;
const LOAD_UPDATES = 10_000;
const LOAD_REPEATS = 5;
const PHONES = 300;

/** Real note updates, as a facilitator's page sends them: one note created with its text each. */
function noteUpdates(count: number, seed: string): Uint8Array[] {
  const doc = new Y.Doc();
  migrateToCurrent(doc);
  const updates: Uint8Array[] = [Y.encodeStateAsUpdate(doc)];
  doc.on("update", (update: Uint8Array) => updates.push(update));
  for (let i = 0; updates.length < count; i++) createNote(doc, { id: `${seed}-${i}`, x: i % 100, y: Math.floor(i / 100), text: noteTextFor(i), now: i }, "bench");
  return updates.slice(0, count);
}

const board = (id: string) => ({ id, title: id, createdAt: Date.now(), tokenSalt: "bench" });

async function sequentialAppends(storage: Storage): Promise<number[]> {
  await storage.createBoard(board("sequential"));
  const latencies: number[] = [];
  for (const update of noteUpdates(SEQUENTIAL_APPENDS, "s")) {
    const t0 = performance.now();
    await storage.append("sequential", { board: update });
    latencies.push(performance.now() - t0);
  }
  return latencies;
}

/** Appends per second with PARALLEL_BOARDS rooms each appending one after another. */
async function parallelAppends(storage: Storage): Promise<number> {
  const ids = Array.from({ length: PARALLEL_BOARDS }, (_, i) => `parallel-${i}`);
  for (const id of ids) await storage.createBoard(board(id));
  const updates = ids.map((id) => noteUpdates(APPENDS_PER_BOARD, id));
  const t0 = performance.now();
  await Promise.all(
    ids.map(async (id, i) => {
      for (const update of updates[i]) await storage.append(id, { board: update });
    }),
  );
  return (PARALLEL_BOARDS * APPENDS_PER_BOARD) / ((performance.now() - t0) / 1000);
}

async function loads(storage: Storage): Promise<number[]> {
  await storage.createBoard(board("loaded"));
  for (const update of noteUpdates(LOAD_UPDATES, "l")) await storage.append("loaded", { board: update });
  const times: number[] = [];
  for (let i = 0; i < LOAD_REPEATS + 1; i++) {
    const t0 = performance.now();
    const stored = await storage.loadDocument("loaded");
    if (stored.updates.length !== LOAD_UPDATES) throw new Error(`loaded ${stored.updates.length} updates`);
    if (i > 0) times.push(performance.now() - t0);
  }
  return times;
}

async function joins(storage: Storage): Promise<number> {
  await storage.createBoard(board("kickoff"));
  const t0 = performance.now();
  const added = await Promise.all(
    Array.from({ length: PHONES }, (_, i) => storage.addParticipantWithin({ boardId: "kickoff", id: `p${i}`, name: `P${i}`, createdAt: i, via: "code" }, 1_000)),
  );
  if (added.filter(Boolean).length !== PHONES) throw new Error("a phone was not added");
  return performance.now() - t0;
}

async function measure(name: string, storage: Storage): Promise<{ rows: Row[]; data: Record<string, unknown> }> {
  try {
    const sequential = summarize(await sequentialAppends(storage));
    const parallel = await parallelAppends(storage);
    const load = summarize(await loads(storage));
    const joined = await joins(storage);
    const row = (metric: string, value: string): Row => ({ part: "stores", scenario: name, metric, value });
    return {
      rows: [
        row(`append, one room (${SEQUENTIAL_APPENDS.toLocaleString("en")} in turn) p50 / p99`, `${ms(sequential.p50, 2)} / ${ms(sequential.p99, 2)}`),
        row(`appends per second, ${PARALLEL_BOARDS} rooms at once`, `${Math.round(parallel).toLocaleString("en")}`),
        row(`load a board of ${LOAD_UPDATES.toLocaleString("en")} updates (median of ${LOAD_REPEATS})`, ms(load.p50)),
        row(`${PHONES} phones join one board at once`, ms(joined)),
      ],
      data: { sequential, parallel, load, joined },
    };
  } finally {
    await storage.close();
  }
}

export async function run(): Promise<PartResult> {
  const dir = tempDir("stores");
  const database = await createTestDatabase();
  try {
    const sqlite = await measure("SQLite", openSqliteStorage(join(dir, "samla.sqlite")));
    const postgres = await measure("PostgreSQL", await openPostgresStorage(database.url));
    // As a server runs it: every write to a board's history checked against the server's claim (fence.ts).
    const fencedDatabase = await createTestDatabase();
    const claim = await claimSoleServer(fencedDatabase.url, { onTaken: () => undefined });
    const fenced = await measure("PostgreSQL, fenced", await openPostgresStorage(fencedDatabase.url, { claim: () => claim.token() })).finally(async () => {
      await claim.release();
      await fencedDatabase.drop();
    });
    return {
      part: "stores",
      rows: [...sqlite.rows, ...postgres.rows, ...fenced.rows],
      warnings: [],
      notes: [
        "stores: the same calls on both stores, in one process; PostgreSQL on this machine over TCP (127.0.0.1), default settings (synchronous_commit on), a pool of 10 connections ('fenced': as a server runs it, each write to a board's history checked against the server's claim on the database in the same statement); SQLite in WAL mode with synchronous=NORMAL. Updates are real note creations (about 150 bytes each). PostgreSQL's own server counts as 'other processes' in the load check: a warning about it during this part is the work measured.",
      ],
      data: { sqlite: sqlite.data, postgres: postgres.data, fenced: fenced.data },
    };
  } finally {
    await database.drop();
    removeTempDir(dir);
  }
}
