import type Database from "better-sqlite3";
import type { BoardLifecycleStorage } from "./types";
import { dayOf } from "../lifecycle/keep-until";

/** Every table that holds something of a board, by the column that names it; `boards` last. */
const BOARD_TABLES: ReadonlyArray<readonly [table: string, column: string]> = [
  ["updates", "board_id"],
  ["document_snapshots", "board_id"],
  ["writers", "board_id"],
  ["quarantined_updates", "board_id"],
  ["dots", "board_id"],
  ["participant_notes", "board_id"],
  ["personal_notes", "board_id"],
  ["participants", "board_id"],
  ["join_codes", "board_id"],
  ["audit", "board_id"],
  ["board_facilitators", "board_id"],
  ["series_meetings", "board_id"],
  ["homework_notes", "board_id"],
  ["boards", "id"],
];

const DAY_MS = 24 * 60 * 60 * 1000;

/** When each board was last in use, and how long its facilitator wants it kept: days without use, or to a date. */
export function upgradeBoardLifecycleColumns(db: Database.Database): void {
  const columns = new Set(db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('boards')").all().map((c) => c.name));
  // Boards from before retention count as used when the server that knows retention first starts.
  if (!columns.has("last_active_at")) db.exec(`ALTER TABLE boards ADD COLUMN last_active_at INTEGER NOT NULL DEFAULT 0`);
  if (!columns.has("retention_days")) db.exec("ALTER TABLE boards ADD COLUMN retention_days INTEGER");
  // `YYYY-MM-DD`: compared as text with the day the sweep runs on, which orders like the dates.
  if (!columns.has("keep_until")) db.exec("ALTER TABLE boards ADD COLUMN keep_until TEXT");
  db.prepare("UPDATE boards SET last_active_at = ? WHERE last_active_at = 0").run(Date.now());
}

/**
 * Deleting a board for real: `secure_delete` (set when the database is opened) overwrites what is
 * deleted, and a truncating checkpoint empties the write-ahead log, which still holds every page
 * as it was written before.
 */
export function sqliteBoardLifecycle(db: Database.Database): BoardLifecycleStorage {
  // Free pages were overwritten with zeros by secure_delete; the log still holds them as they were.
  // A checkpoint cannot truncate the log while another connection reads (a backup, an operator's
  // sqlite3): then the purge stays pending, and the next one (the hourly sweep) tries again.
  let pending = false;
  const truncateLog = () => (db.pragma("wal_checkpoint(TRUNCATE)") as Array<{ busy: number }>)[0]?.busy === 0;
  const purge = (): boolean => {
    const first = truncateLog();
    db.pragma("incremental_vacuum");
    pending = !(truncateLog() && first);
    return !pending;
  };
  const deletes = BOARD_TABLES.map(([table, column]) => db.prepare(`DELETE FROM ${table} WHERE ${column} = ?`));
  const deleteAll = db.transaction((boardId: string) => deletes.reduce((changes, statement) => changes + statement.run(boardId).changes, 0));
  const touch = db.prepare("UPDATE boards SET last_active_at = MAX(last_active_at, ?) WHERE id = ?");
  // Days and a date replace each other: a board has one rule for its end.
  const setRetention = db.prepare("UPDATE boards SET retention_days = ?, keep_until = NULL WHERE id = ?");
  const setKeepUntil = db.prepare("UPDATE boards SET keep_until = ?, retention_days = NULL WHERE id = ?");
  const expired = db.prepare<[number, number, number, number, string], { id: string }>(
    `SELECT id FROM boards WHERE CASE WHEN keep_until IS NULL
       THEN last_active_at + MIN(COALESCE(retention_days, ?), ?) * ? <= ?
       ELSE keep_until <= ? END`,
  );
  return {
    async deleteBoard(boardId) {
      const removed = deleteAll(boardId) > 0;
      purge();
      return removed;
    },
    async purgeDeleted() {
      return purge();
    },
    purgePending() {
      return pending;
    },
    async touchBoard(boardId, at) {
      touch.run(at, boardId);
    },
    async setRetentionDays(boardId, days) {
      setRetention.run(days, boardId);
    },
    async setKeepUntil(boardId, date) {
      setKeepUntil.run(date, boardId);
    },
    async boardsExpiredAt(now, maxDays) {
      return expired.all(maxDays, maxDays, DAY_MS, now, dayOf(now)).map((row) => row.id);
    },
  };
}
