import type pg from "pg";
import { LINK_KINDS, type LinkKind } from "../../../lib/roles";
import { linkSaltsOf, type LinkSaltRow } from "../sqlite-links";
import type { BoardRecord, BoardStorage } from "../types";
import { row } from "./pool";

/** One nullable column per link kind, as in SQLite (server/storage/sqlite-links.ts). */
const SALT_COLUMN: Record<LinkKind, string> = {
  facilitator: "facilitator_salt",
  member: "member_salt",
  viewer: "viewer_salt",
  projector: "projector_salt",
};

type BoardRow = { id: string; title: string; created_at: number; token_salt: string; last_active_at: number; retention_days: number | null; keep_until: string | null; kit: string | null } & LinkSaltRow;

const BOARD_COLUMNS = `id, title, created_at, token_salt, last_active_at, retention_days, keep_until, kit, ${LINK_KINDS.map((kind) => SALT_COLUMN[kind]).join(", ")}`;

/** The board rows themselves, their links' salts, and the health check. */
export function pgBoards(pool: pg.Pool): Pick<BoardStorage, "createBoard" | "getBoard" | "setLinkSalt" | "checkHealth"> {
  return {
    async createBoard(board: BoardRecord) {
      await pool.query("INSERT INTO boards (id, title, created_at, token_salt, last_active_at, kit) VALUES ($1, $2, $3, $4, $5, $6)", [
        board.id,
        board.title,
        board.createdAt,
        board.tokenSalt,
        board.lastActiveAt ?? board.createdAt,
        board.kit ?? null,
      ]);
    },
    async getBoard(id) {
      const found = await row<BoardRow>(pool, `SELECT ${BOARD_COLUMNS} FROM boards WHERE id = $1`, [id]);
      return found
        ? {
            id: found.id,
            title: found.title,
            createdAt: found.created_at,
            tokenSalt: found.token_salt,
            lastActiveAt: found.last_active_at,
            retentionDays: found.retention_days,
            keepUntil: found.keep_until,
            kit: found.kit,
            ...linkSaltsOf(found),
          }
        : null;
    },
    async setLinkSalt(boardId, link, salt) {
      await pool.query(`UPDATE boards SET ${SALT_COLUMN[link]} = $1 WHERE id = $2`, [salt, boardId]);
    },
    async checkHealth() {
      const now = Date.now();
      const read = await row<{ checked_at: number }>(
        pool,
        "INSERT INTO health (id, checked_at) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at RETURNING checked_at",
        [now],
      );
      if (read?.checked_at !== now) throw new Error("storage did not read back what it wrote");
    },
  };
}
