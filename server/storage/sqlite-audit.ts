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

/**
 * Who did it, when a signed-in person did (server/accounts): their name as it was, and their id so
 * that deleting their account can take the name out again. NULL for links, phones and the server.
 */
export function upgradeAuditColumns(db: Database.Database): void {
  const columns = new Set(db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('audit')").all().map((c) => c.name));
  if (!columns.has("actor_name")) db.exec("ALTER TABLE audit ADD COLUMN actor_name TEXT");
  if (!columns.has("actor_user_id")) db.exec("ALTER TABLE audit ADD COLUMN actor_user_id TEXT");
  db.exec("CREATE INDEX IF NOT EXISTS audit_by_actor ON audit (actor_user_id) WHERE actor_user_id IS NOT NULL");
}

export function sqliteAudit(db: Database.Database): AuditStorage {
  const insert = db.prepare("INSERT INTO audit (board_id, at, role, action, detail, actor_name, actor_user_id) VALUES (?, ?, ?, ?, ?, ?, ?)");
  const newest = db.prepare<[string, number], { at: number; role: string; action: string; detail: string; actor_name: string | null }>(
    "SELECT at, role, action, detail, actor_name FROM audit WHERE board_id = ? ORDER BY id DESC LIMIT ?",
  );
  return {
    async addAudit(boardId, { at, role, action, detail, actor }) {
      insert.run(boardId, at, role, action, detail, actor?.name ?? null, actor?.userId ?? null);
    },
    async listAudit(boardId, limit) {
      return newest.all(boardId, limit).map(({ actor_name, ...row }) => ({ ...row, actorName: actor_name }));
    },
  };
}
