import Database from "better-sqlite3";
import { existsSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import type pg from "pg";
import * as Y from "yjs";
import { inTransaction, openPool, rows, type Sql } from "./postgres/pool";
import { openPostgresStorage } from "./postgres/postgres";
import { openSqliteStorage } from "./sqlite";
import type { DocName, StoredDocument } from "./types";

/**
 * Moving a server from SQLite to PostgreSQL (`npm run migrate`, server/storage/migrate-cli.ts):
 * every row of every table, copied as it is, raw (not through the storage calls, so the copy
 * keeps every id, `seq` and column the store itself never reads back), into an empty database in
 * one transaction; then each board's documents loaded from both stores and compared.
 */

/** Parents before children, so every foreign key finds its row. `health` is the server's own and not copied. */
export const MIGRATED_TABLES = [
  "boards",
  "users",
  "updates",
  "document_snapshots",
  "writers",
  "quarantined_updates",
  "join_codes",
  "participants",
  "participant_notes",
  "dots",
  "personal_notes",
  "audit",
  "user_sessions",
  "board_facilitators",
  "series_meetings",
  "homework_notes",
] as const;

export type MigratedTable = (typeof MIGRATED_TABLES)[number];

/**
 * Tables on either side that are not copied: SQLite's own, the health check, the migrations'
 * ledger, and which instance serves which board (running servers' state, not the boards').
 */
const NOT_COPIED = new Set(["health", "schema_migrations", "board_leases", "sqlite_sequence", "sqlite_stat1", "sqlite_stat4"]);

/**
 * Sequence numbers kept elsewhere that a new `updates.seq` must pass too: a snapshot covers
 * updates through its `through_seq` and loading skips anything at or below it, and compaction
 * deletes those updates, so the highest seq ever given may be in no `updates` row any more.
 */
const ALSO_BELOW: Record<string, string[]> = {
  "updates.seq": ["document_snapshots.through_seq", "quarantined_updates.seq"],
};

/** A multi-row INSERT: at most this many rows, parameters (PostgreSQL takes 65,535) and bytes. */
const BATCH_ROWS = 1000;
const BATCH_PARAMETERS = 60_000;
const BATCH_BYTES = 8 * 1024 * 1024;

export interface MigrationResult {
  /** Rows copied, per table. */
  copied: Record<MigratedTable, number>;
  /** Boards whose two documents loaded alike from both stores. */
  boardsVerified: number;
}

type Log = (line: string) => void;

/**
 * Copies the SQLite database `sqliteFile` into the PostgreSQL database `databaseUrl`, which must
 * hold no data yet (it is migrated to the current schema first), then verifies the copy
 * (`verifyMigration`). Rejects, having copied nothing, when the target holds data or a row does
 * not fit; rejects after the copy when verification finds a difference.
 */
export async function migrateSqliteToPostgres({ sqliteFile, databaseUrl, log = () => undefined }: { sqliteFile: string; databaseUrl: string; log?: Log }): Promise<MigrationResult> {
  if (!existsSync(sqliteFile)) throw new Error(`no SQLite database at ${sqliteFile}`);
  // Opening it as the server does gives an older database every column the tables have now.
  await openSqliteStorage(sqliteFile).close();
  // Opening the PostgreSQL store creates (or completes) its schema.
  await (await openPostgresStorage(databaseUrl)).close();

  const source = new Database(sqliteFile, { readonly: true, fileMustExist: true });
  const pool = openPool(databaseUrl);
  let copied: Record<MigratedTable, number>;
  try {
    copied = await copyTables(source, pool, log);
  } finally {
    source.close();
    await pool.end();
  }
  // Verified through the stores themselves, so after the commit: a difference leaves the copy for inspection.
  const { boards } = await verifyMigration({ sqliteFile, databaseUrl, log }).catch((error: unknown) => {
    throw new Error(`the copy does not match: ${(error as Error).message} (the copy is committed; drop that database before migrating again)`);
  });
  return { copied, boardsVerified: boards };
}

interface TablePlan {
  name: MigratedTable;
  /** The columns both sides have, in PostgreSQL's order. */
  columns: string[];
  booleans: Set<string>;
  bytes: Set<string>;
  /** PostgreSQL's `ord`, filled from SQLite's rowid. */
  ord: boolean;
  /** Columns with a sequence behind them (BIGSERIAL), `ord` included. */
  serials: string[];
}

/** What to copy, from both schemas; refuses when a table or column exists on one side only (it would be lost or left empty). */
async function planCopy(source: Database.Database, pool: pg.Pool): Promise<TablePlan[]> {
  const known = new Set<string>(MIGRATED_TABLES);
  const sqliteTables = source.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((t) => t.name);
  const pgColumns = await rows<{ table_name: string; column_name: string; data_type: string; column_default: string | null }>(
    pool,
    "SELECT table_name, column_name, data_type, column_default FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position",
  );
  const pgTables = new Set(pgColumns.map((column) => column.table_name));
  for (const table of sqliteTables) {
    if (!known.has(table) && !NOT_COPIED.has(table)) throw new Error(`SQLite table ${table} has no place in PostgreSQL: this migration does not know it`);
  }
  for (const table of pgTables) {
    if (!known.has(table) && !NOT_COPIED.has(table)) throw new Error(`PostgreSQL table ${table} is not filled by this migration: it does not know it`);
  }
  return MIGRATED_TABLES.map((name) => {
    const target = pgColumns.filter((column) => column.table_name === name);
    if (target.length === 0) throw new Error(`PostgreSQL has no table ${name}`);
    const present = sqliteTables.includes(name)
      ? new Set(source.prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${name}')`).all().map((column) => column.name))
      : null;
    if (!present) throw new Error(`SQLite has no table ${name}`);
    const columns = target.map((column) => column.column_name).filter((column) => column !== "ord");
    for (const column of present) if (!columns.includes(column)) throw new Error(`SQLite column ${name}.${column} has no place in PostgreSQL`);
    for (const column of columns) if (!present.has(column)) throw new Error(`SQLite has no column ${name}.${column}`);
    return {
      name,
      columns,
      booleans: new Set(target.filter((column) => column.data_type === "boolean").map((column) => column.column_name)),
      bytes: new Set(target.filter((column) => column.data_type === "bytea").map((column) => column.column_name)),
      ord: target.some((column) => column.column_name === "ord"),
      serials: target.filter((column) => column.column_default?.startsWith("nextval(")).map((column) => column.column_name),
    };
  });
}

/** The copy, in one PostgreSQL transaction, from one read snapshot of SQLite. */
async function copyTables(source: Database.Database, pool: pg.Pool, log: Log): Promise<Record<MigratedTable, number>> {
  const plan = await planCopy(source, pool);
  // One read transaction: every table as of the same moment.
  source.exec("BEGIN");
  try {
    return await inTransaction(pool, async (sql) => {
      // No server may add a board between the check and the copy; a running one waits, or this gives up.
      await sql.query("SET LOCAL lock_timeout = '10s'");
      await sql.query("LOCK TABLE boards IN EXCLUSIVE MODE");
      await refuseUnlessEmpty(sql);
      const copied = {} as Record<MigratedTable, number>;
      const highest = new Map<string, bigint>();
      for (const table of plan) {
        copied[table.name] = await copyTable(source, sql, table, highest);
        log(`copied ${table.name}: ${copied[table.name]} rows`);
      }
      await advanceSequences(source, sql, plan, highest);
      return copied;
    });
  } finally {
    source.exec("COMMIT");
  }
}

async function refuseUnlessEmpty(sql: Sql): Promise<void> {
  const holding: string[] = [];
  for (const table of MIGRATED_TABLES) {
    const found = await rows<{ any: boolean }>(sql, `SELECT EXISTS (SELECT 1 FROM ${table}) AS any`);
    if (found[0]?.any) holding.push(table);
  }
  if (holding.length > 0) {
    const n = (await rows<{ n: number }>(sql, "SELECT COUNT(*)::int AS n FROM boards"))[0].n;
    throw new Error(
      `the PostgreSQL database already holds data (${n} board${n === 1 ? "" : "s"}; rows in ${holding.join(", ")}): the migration copies into an empty database only, and wrote nothing`,
    );
  }
}

async function copyTable(source: Database.Database, sql: Sql, table: TablePlan, highest: Map<string, bigint>): Promise<number> {
  // Integers as BigInt: every value exactly as stored, whatever its size. Rowid order is the order
  // the rows were written in, which `ord` keeps for the queries that read in that order.
  const select = source.prepare(`SELECT rowid, ${table.columns.join(", ")} FROM ${table.name} ORDER BY rowid`).raw(true).safeIntegers(true);
  const columns = table.ord ? [...table.columns, "ord"] : table.columns;
  const tracked = columns.filter((column) => table.serials.includes(column) || Object.values(ALSO_BELOW).some((also) => also.includes(`${table.name}.${column}`)));
  const perBatch = Math.min(BATCH_ROWS, Math.floor(BATCH_PARAMETERS / columns.length));
  let batch: unknown[][] = [];
  let bytes = 0;
  let count = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const placeholders = batch.map((_, r) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(", ")})`).join(", ");
    try {
      await sql.query(`INSERT INTO ${table.name} (${columns.join(", ")}) VALUES ${placeholders}`, batch.flat());
    } catch (error) {
      throw new Error(`copying ${table.name} failed: ${(error as Error).message}`);
    }
    count += batch.length;
    batch = [];
    bytes = 0;
  };
  for (const raw of select.iterate() as IterableIterator<unknown[]>) {
    const [rowid, ...stored] = raw;
    const values = table.columns.map((column, i) => convert(table, column, stored[i], rowid));
    if (table.ord) values.push(rowid);
    for (const column of tracked) {
      const value = values[columns.indexOf(column)];
      const key = `${table.name}.${column}`;
      if (typeof value === "bigint" && value > (highest.get(key) ?? 0n)) highest.set(key, value);
    }
    batch.push(values);
    bytes += values.reduce<number>((sum, value) => sum + (Buffer.isBuffer(value) ? value.length : typeof value === "string" ? value.length * 3 : 8), 0);
    if (batch.length >= perBatch || bytes >= BATCH_BYTES) await flush();
  }
  await flush();
  return count;
}

/** One SQLite value as PostgreSQL's column takes it: 0/1 as a boolean; a blob stays bytes. */
function convert(table: TablePlan, column: string, value: unknown, rowid: unknown): unknown {
  if (table.booleans.has(column)) {
    if (value === 0n || value === 1n) return value === 1n;
    throw new Error(`${table.name}.${column} of row ${String(rowid)} is ${String(value)}, not 0 or 1`);
  }
  if (table.bytes.has(column) && !Buffer.isBuffer(value)) throw new Error(`${table.name}.${column} of row ${String(rowid)} is not a blob`);
  return value;
}

/**
 * Every BIGSERIAL past the highest value copied (and past SQLite's own counter, which remembers
 * ids whose rows were deleted since): a row written after the migration never takes a copied id,
 * and a new update's seq is above every snapshot's `through_seq`.
 */
async function advanceSequences(source: Database.Database, sql: Sql, plan: TablePlan[], highest: Map<string, bigint>): Promise<void> {
  const hasCounters = source.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'").get()!.n > 0;
  const counters = new Map<string, bigint>(
    hasCounters
      ? source
          .prepare<[], [string, bigint]>("SELECT name, seq FROM sqlite_sequence")
          .raw(true)
          .safeIntegers(true)
          .all()
          .map(([name, seq]) => [name, BigInt(seq)])
      : [],
  );
  for (const table of plan) {
    for (const column of table.serials) {
      const key = `${table.name}.${column}`;
      const floors = [highest.get(key), column === "ord" ? undefined : counters.get(table.name), ...(ALSO_BELOW[key] ?? []).map((also) => highest.get(also))];
      const past = floors.reduce<bigint>((max, value) => (value !== undefined && value > max ? value : max), 0n);
      if (past > 0n) await sql.query("SELECT setval(pg_get_serial_sequence($1, $2), $3)", [table.name, column, past.toString()]);
    }
  }
}

/**
 * Whether PostgreSQL holds what SQLite holds. Row counts, per board where the table names one (a
 * difference names the board); each board's row equal as both stores read it; and for every board
 * and both its documents, `loadDocument` from both stores: the stored snapshot, updates and seqs
 * byte for byte, then each applied into a Y.Doc and compared by `Y.encodeStateVector` and by
 * `Y.encodeStateAsUpdate`, byte for byte. Both documents are built from the same bytes in the same
 * order, so equal content encodes identically and any difference in the encodings is a real one.
 * Rejects with the first difference, naming its board; answers how many boards were compared.
 */
export async function verifyMigration({ sqliteFile, databaseUrl, log = () => undefined }: { sqliteFile: string; databaseUrl: string; log?: Log }): Promise<{ boards: number }> {
  const source = new Database(sqliteFile, { readonly: true, fileMustExist: true });
  const pool = openPool(databaseUrl);
  let ids: string[];
  try {
    await compareCounts(source, pool);
    ids = source.prepare<[], { id: string }>("SELECT id FROM boards ORDER BY rowid").all().map((found) => found.id);
  } finally {
    source.close();
    await pool.end();
  }
  const sqlite = openSqliteStorage(sqliteFile);
  const postgres = await openPostgresStorage(databaseUrl).catch(async (error: unknown) => {
    await sqlite.close();
    throw error;
  });
  try {
    for (const [i, boardId] of ids.entries()) {
      const [before, after] = await Promise.all([sqlite.getBoard(boardId), postgres.getBoard(boardId)]);
      if (!isDeepStrictEqual(before, after)) throw new Error(`board ${boardId}: its row differs in PostgreSQL`);
      for (const doc of ["board", "session"] as const) {
        compareDocuments(boardId, doc, await sqlite.loadDocument(boardId, doc), await postgres.loadDocument(boardId, doc));
      }
      if ((i + 1) % 500 === 0) log(`verified ${i + 1} of ${ids.length} boards`);
    }
    log(`verified ${ids.length} boards: both documents of each load alike from SQLite and PostgreSQL`);
    return { boards: ids.length };
  } finally {
    await sqlite.close();
    await postgres.close();
  }
}

async function compareCounts(source: Database.Database, pool: pg.Pool): Promise<void> {
  const sqliteBoards = new Set(source.prepare<[], { id: string }>("SELECT id FROM boards").all().map((found) => found.id));
  const pgBoards = new Set((await rows<{ id: string }>(pool, "SELECT id FROM boards")).map((found) => found.id));
  for (const id of sqliteBoards) if (!pgBoards.has(id)) throw new Error(`board ${id} is missing in PostgreSQL`);
  for (const id of pgBoards) if (!sqliteBoards.has(id)) throw new Error(`board ${id} is in PostgreSQL but not in SQLite`);
  for (const table of MIGRATED_TABLES) {
    const perBoard = source.prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`).all().some((column) => column.name === "board_id");
    const query = perBoard ? `SELECT board_id AS key, COUNT(*) AS n FROM ${table} GROUP BY board_id` : `SELECT '' AS key, COUNT(*) AS n FROM ${table}`;
    const before = new Map(source.prepare<[], { key: string; n: number }>(query).all().map((found) => [found.key, Number(found.n)]));
    const after = new Map((await rows<{ key: string; n: number }>(pool, query)).map((found) => [found.key, Number(found.n)]));
    for (const key of new Set([...before.keys(), ...after.keys()])) {
      const [a, b] = [before.get(key) ?? 0, after.get(key) ?? 0];
      if (a !== b) throw new Error(`${perBoard ? `board ${key}: ` : ""}${table} has ${a} rows in SQLite and ${b} in PostgreSQL`);
    }
  }
}

function compareDocuments(boardId: string, doc: DocName, sqlite: StoredDocument, postgres: StoredDocument): void {
  const differs = (what: string) => new Error(`board ${boardId}, ${doc} document: ${what} differs in PostgreSQL`);
  if (!sameBytes(sqlite.snapshot, postgres.snapshot)) throw differs("the snapshot");
  if (sqlite.updates.length !== postgres.updates.length) throw differs(`the number of updates (${sqlite.updates.length} in SQLite, ${postgres.updates.length})`);
  sqlite.updates.forEach((update, i) => {
    if (sqlite.seqs[i] !== postgres.seqs[i] || !sameBytes(update, postgres.updates[i])) throw differs(`update seq ${sqlite.seqs[i]}`);
  });
  if (sqlite.lastSeq !== postgres.lastSeq) throw differs("the last seq");
  const [a, b] = [built(sqlite), built(postgres)];
  try {
    if (!isDeepStrictEqual(a.failed, b.failed)) throw differs("which updates apply");
    if (!sameBytes(Y.encodeStateVector(a.doc), Y.encodeStateVector(b.doc))) throw differs("the state vector");
    if (!sameBytes(Y.encodeStateAsUpdate(a.doc), Y.encodeStateAsUpdate(b.doc))) throw differs("the content");
  } finally {
    a.doc.destroy();
    b.doc.destroy();
  }
}

/** The document as loaded: snapshot then updates. One that does not apply (a room would quarantine it) is noted, not fatal. */
function built(stored: StoredDocument): { doc: Y.Doc; failed: number[] } {
  const doc = new Y.Doc();
  const failed: number[] = [];
  [...(stored.snapshot ? [stored.snapshot] : []), ...stored.updates].forEach((update, i) => {
    try {
      Y.applyUpdate(doc, update);
    } catch {
      failed.push(i);
    }
  });
  return { doc, failed };
}

function sameBytes(a: Uint8Array | null, b: Uint8Array | null): boolean {
  return a === null || b === null ? a === b : Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength)) === 0;
}

/** The URL as it may be printed: its password replaced. */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    for (const key of [...parsed.searchParams.keys()]) if (/pass/i.test(key)) parsed.searchParams.set(key, "***");
    return parsed.toString();
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@]*@/, "//$1:***@");
  }
}
