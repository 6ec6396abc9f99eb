import type pg from "pg";
import type { AuditStorage } from "../types";
import { rows } from "./pool";

type AuditRow = { at: number; role: string; action: string; detail: string; actor_name: string | null };

/**
 * The board's audit log, as in SQLite (server/storage/sqlite-audit.ts). Who did it, when a
 * signed-in person did (server/accounts): their name as it was, and their id so that deleting
 * their account can take the name out again (accounts.ts). NULL for links, phones and the server.
 */
export function pgAudit(pool: pg.Pool): AuditStorage {
  return {
    async addAudit(boardId, { at, role, action, detail, actor }) {
      await pool.query("INSERT INTO audit (board_id, at, role, action, detail, actor_name, actor_user_id) VALUES ($1, $2, $3, $4, $5, $6, $7)", [
        boardId,
        at,
        role,
        action,
        detail,
        actor?.name ?? null,
        actor?.userId ?? null,
      ]);
    },
    async listAudit(boardId, limit) {
      const newest = await rows<AuditRow>(pool, "SELECT at, role, action, detail, actor_name FROM audit WHERE board_id = $1 ORDER BY id DESC LIMIT $2", [boardId, limit]);
      return newest.map(({ actor_name, ...entry }) => ({ ...entry, actorName: actor_name }));
    },
  };
}
