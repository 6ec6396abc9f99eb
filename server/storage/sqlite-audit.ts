import type Database from "better-sqlite3";
import type { AuditStorage } from "./types";

export const AUDIT_SCHEMA = `
CREATE TABLE IF NOT EXISTS audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  board_id TEXT NOT NULL REFERENCES boards(id),
  at INTEGER NOT NULL,
  role TEXT NOT NULL,
  action TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_by_board ON audit (board_id, id);
`;

export function sqliteAudit(db: Database.Database): AuditStorage {
  const insert = db.prepare("INSERT INTO audit (board_id, at, role, action, detail) VALUES (?, ?, ?, ?, ?)");
  const newest = db.prepare<[string, number], { at: number; role: string; action: string; detail: string }>(
    "SELECT at, role, action, detail FROM audit WHERE board_id = ? ORDER BY id DESC LIMIT ?",
  );
  return {
    async addAudit(boardId, { at, role, action, detail }) {
      insert.run(boardId, at, role, action, detail);
    },
    async listAudit(boardId, limit) {
      return newest.all(boardId, limit);
    },
  };
}
