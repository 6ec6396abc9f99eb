import type pg from "pg";
import { dayOf } from "../../lifecycle/keep-until";
import type { BoardLifecycleStorage } from "../types";
import { inTransaction, rows, withoutTimeout } from "./pool";
import type { WriteFence } from "./fence";

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
  ["board_leases", "board_id"],
  ["boards", "id"],
];

/** Where a deleted account leaves dead rows (accounts.ts eraseUser); vacuumed with the board tables. */
const PERSON_TABLES = ["users", "user_sessions"];

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How long boards live, and their end. A deleted row is gone for every query at once, but its
 * bytes stay in PostgreSQL's pages until a vacuum frees the space and a later write reuses it;
 * the purge vacuums the tables that held people's words so that happens soon. PostgreSQL does not
 * zero freed space as SQLite's secure_delete does: docs/privacy.md says what an operator adds
 * (encrypted storage; its write-ahead log, archives and backups are theirs to expire).
 */
export function pgLifecycle(pool: pg.Pool, fence?: WriteFence): BoardLifecycleStorage {
  let pending = false;
  const purge = async (): Promise<boolean> => {
    try {
      await withoutTimeout(pool, async (client) => {
        for (const table of [...BOARD_TABLES.map(([name]) => name), ...PERSON_TABLES]) await client.query(`VACUUM ${table}`);
      });
      pending = false;
    } catch {
      pending = true;
    }
    return !pending;
  };
  return {
    async deleteBoard(boardId) {
      const removed = await inTransaction(pool, async (sql) => {
        // Held first, the board's row makes a write that comes meanwhile (a room's append, a phone
        // joining) wait for the deletion and then fail on the missing board, instead of adding a
        // row under a board this deletion has emptied already and failing the deletion.
        await sql.query("SELECT 1 FROM boards WHERE id = $1 FOR UPDATE", [boardId]);
        // A server whose claim or lease has ended must not empty a board another server now serves.
        if (fence) await fence.check(sql, boardId);
        let changes = 0;
        for (const [table, column] of BOARD_TABLES) changes += (await sql.query(`DELETE FROM ${table} WHERE ${column} = $1`, [boardId])).rowCount ?? 0;
        return changes > 0;
      });
      await purge();
      return removed;
    },
    purgeDeleted: purge,
    purgePending() {
      return pending;
    },
    async touchBoard(boardId, at) {
      await pool.query("UPDATE boards SET last_active_at = GREATEST(last_active_at, $1) WHERE id = $2", [at, boardId]);
    },
    // Days and a date replace each other: a board has one rule for its end.
    async setRetentionDays(boardId, days) {
      await pool.query("UPDATE boards SET retention_days = $1, keep_until = NULL WHERE id = $2", [days, boardId]);
    },
    async setKeepUntil(boardId, date) {
      await pool.query("UPDATE boards SET keep_until = $1, retention_days = NULL WHERE id = $2", [date, boardId]);
    },
    async boardsExpiredAt(now, maxDays) {
      const expired = await rows<{ id: string }>(
        pool,
        `SELECT id FROM boards WHERE CASE WHEN keep_until IS NULL
           THEN last_active_at + LEAST(COALESCE(retention_days, $1), $1)::bigint * $2 <= $3
           ELSE keep_until <= $4 END`,
        [maxDays, DAY_MS, now, dayOf(now)],
      );
      return expired.map((board) => board.id);
    },
  };
}
