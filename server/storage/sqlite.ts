import Database from "better-sqlite3";
import { chmodSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DOCUMENT_SCHEMA, sqliteDocuments, upgradeDocumentTables } from "./sqlite-documents";
import { PARTICIPATION_SCHEMA, sqliteParticipation, upgradeParticipationTables } from "./sqlite-participation";
import { LINK_SALT_COLUMNS, linkSaltsOf, sqliteLinks, upgradeBoardLinkColumns, type LinkSaltRow } from "./sqlite-links";
import { sqliteBoardLifecycle, upgradeBoardLifecycleColumns } from "./sqlite-lifecycle";
import { AUDIT_SCHEMA, sqliteAudit, upgradeAuditColumns } from "./sqlite-audit";
import { PERSONAL_SCHEMA, sqlitePersonalNotes } from "./sqlite-personal";
import { ACCOUNT_SCHEMA, sqliteAccounts } from "./sqlite-accounts";
import { SERIES_SCHEMA, sqliteSeries, upgradeSeriesColumns } from "./sqlite-series";
import { HOMEWORK_SCHEMA, sqliteHomework } from "./sqlite-homework";
import type { BoardRecord, Storage } from "./types";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS boards (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  token_salt TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS health (id INTEGER PRIMARY KEY CHECK (id = 1), checked_at INTEGER NOT NULL);
`;

type BoardRow = { id: string; title: string; created_at: number; token_salt: string; last_active_at: number; retention_days: number | null; keep_until: string | null; kit: string | null } & LinkSaltRow;

/**
 * Embedded storage in one SQLite file. WAL with synchronous=NORMAL: a committed update survives
 * the process being killed (kill -9); only a power loss may lose the last transactions.
 */
export function openSqliteStorage(file: string): Storage {
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const db = new Database(file);
  // What people wrote is for the server's user only; set before anything writes, since SQLite
  // gives the -wal and -shm files it makes the database's mode (server/main.ts makes DATA_DIR 0700).
  if (file !== ":memory:") chmodSync(file, 0o600);
  // Deleted content is overwritten, not left in free pages: deleting a board or a note removes its text.
  db.pragma("secure_delete = ON");
  // First, before anything writes the file's header (it has no effect later): lets compaction
  // return the pages of the updates it folded into a snapshot, so the file shrinks, not only grows.
  db.pragma("auto_vacuum = INCREMENTAL");
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("busy_timeout = 5000");
  db.pragma("foreign_keys = ON");
  db.exec(SCHEMA);
  db.exec(DOCUMENT_SCHEMA);
  upgradeDocumentTables(db);
  db.exec(PARTICIPATION_SCHEMA);
  upgradeParticipationTables(db);
  upgradeBoardLinkColumns(db);
  upgradeBoardLifecycleColumns(db);
  db.exec(AUDIT_SCHEMA);
  db.exec(PERSONAL_SCHEMA);
  upgradeAuditColumns(db);
  db.exec(ACCOUNT_SCHEMA);
  db.exec(SERIES_SCHEMA);
  upgradeSeriesColumns(db);
  db.exec(HOMEWORK_SCHEMA);

  const insertBoard = db.prepare("INSERT INTO boards (id, title, created_at, token_salt, last_active_at, kit) VALUES (?, ?, ?, ?, ?, ?)");
  const selectBoard = db.prepare<[string], BoardRow>(`SELECT id, title, created_at, token_salt, last_active_at, retention_days, keep_until, kit, ${LINK_SALT_COLUMNS} FROM boards WHERE id = ?`);
  const touchHealth = db.prepare("INSERT INTO health (id, checked_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at");
  const readHealth = db.prepare<[], { checked_at: number }>("SELECT checked_at FROM health WHERE id = 1");

  return {
    ...sqliteDocuments(db),
    ...sqliteParticipation(db),
    ...sqliteLinks(db),
    ...sqliteBoardLifecycle(db),
    ...sqliteAudit(db),
    ...sqlitePersonalNotes(db),
    ...sqliteAccounts(db),
    ...sqliteSeries(db),
    ...sqliteHomework(db),
    async createBoard(board: BoardRecord) {
      insertBoard.run(board.id, board.title, board.createdAt, board.tokenSalt, board.lastActiveAt ?? board.createdAt, board.kit ?? null);
    },
    async getBoard(id) {
      const row = selectBoard.get(id);
      return row
        ? {
            id: row.id,
            title: row.title,
            createdAt: row.created_at,
            tokenSalt: row.token_salt,
            lastActiveAt: row.last_active_at,
            retentionDays: row.retention_days,
            keepUntil: row.keep_until,
            kit: row.kit,
            ...linkSaltsOf(row),
          }
        : null;
    },
    async checkHealth() {
      const now = Date.now();
      touchHealth.run(now);
      if (readHealth.get()?.checked_at !== now) throw new Error("storage did not read back what it wrote");
    },
    async close() {
      db.close();
    },
  };
}
