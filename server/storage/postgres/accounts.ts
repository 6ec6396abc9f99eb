import type pg from "pg";
import { nanoid } from "nanoid";
import type { AccountStorage, FacilitatorRole, UserRecord } from "../types";
import { inTransaction, row, rows, type Sql } from "./pool";

type UserRow = { id: string; subject: string; name: string; email: string | null; created_at: number; last_seen_at: number };
const USER_COLUMNS = "id, subject, name, email, created_at, last_seen_at";

function toUser(found: UserRow): UserRecord {
  return { id: found.id, subject: found.subject, name: found.name, email: found.email, createdAt: found.created_at, lastSeenAt: found.last_seen_at };
}

function asRole(value: string): FacilitatorRole {
  return value === "owner" ? "owner" : "co";
}

/**
 * Signed-in facilitators (server/accounts), as in SQLite (server/storage/sqlite-accounts.ts): who
 * they are, their sessions (a hash of the cookie only), and the boards they own or co-facilitate.
 * `board_facilitators` is deleted with its board (lifecycle.ts BOARD_TABLES).
 */
export function pgAccounts(pool: pg.Pool): AccountStorage {
  return { ...users(pool), ...sessions(pool), ...facilitators(pool) };
}

// A board whose owner leaves Samla is not left without one while a colleague is on it: the
// longest-standing co-facilitator (`ord` stands in for SQLite's rowid among those added at once).
// Run once the owner's rows are gone, as a board has one owner at any moment.
const OWNED = "SELECT board_id FROM board_facilitators WHERE user_id = $1 AND role = 'owner'";
const PROMOTE_HEIRS = `UPDATE board_facilitators SET role = 'owner' WHERE ord IN (
  SELECT (SELECT heir.ord FROM board_facilitators heir WHERE heir.board_id = owned ORDER BY heir.added_at, heir.ord LIMIT 1)
  FROM unnest($1::text[]) AS owned)`;

/** Everything of the user, their row last: they existed if it was deleted. */
const ERASE = [
  "DELETE FROM board_facilitators WHERE user_id = $1",
  "DELETE FROM user_sessions WHERE user_id = $1",
  "UPDATE audit SET actor_name = NULL, actor_user_id = NULL WHERE actor_user_id = $1",
  "DELETE FROM users WHERE id = $1",
];

async function eraseUser(sql: Sql, id: string): Promise<boolean> {
  const owned = (await rows<{ board_id: string }>(sql, OWNED, [id])).map((board) => board.board_id);
  let changes = 0;
  for (const statement of ERASE) changes = (await sql.query(statement, [id])).rowCount ?? 0;
  await sql.query(PROMOTE_HEIRS, [owned]);
  return changes > 0;
}

function users(pool: pg.Pool): Pick<AccountStorage, "upsertUser" | "getUser" | "findUserByEmail" | "deleteUser" | "usersNotSeenSince"> {
  return {
    // One statement: it answers the row as stored, whichever of two sign-ins at once made it.
    async upsertUser({ subject, name, email, at }) {
      const stored = await row<UserRow>(
        pool,
        `INSERT INTO users (id, subject, name, email, created_at, last_seen_at) VALUES ($1, $2, $3, $4, $5, $5)
         ON CONFLICT (subject) DO UPDATE SET name = excluded.name, email = excluded.email, last_seen_at = excluded.last_seen_at
         RETURNING ${USER_COLUMNS}`,
        [nanoid(16), subject, name, email, at],
      );
      return toUser(stored!);
    },
    async getUser(id) {
      const found = await row<UserRow>(pool, `SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id]);
      return found ? toUser(found) : null;
    },
    async findUserByEmail(email) {
      // Any case (the index is on lower(email)); beyond ASCII in a database with a UTF-8 character
      // type, as docs/storage.md asks for (under LC_CTYPE=C lower() folds A to Z only). Of
      // several seen at the same moment, the one made first, as SQLite's rowid order answers.
      const found = await row<UserRow>(pool, `SELECT ${USER_COLUMNS} FROM users WHERE lower(email) = lower($1) ORDER BY last_seen_at DESC, created_at, id LIMIT 1`, [
        email.trim(),
      ]);
      return found ? toUser(found) : null;
    },
    async deleteUser(id) {
      return inTransaction(pool, (sql) => eraseUser(sql, id));
    },
    async usersNotSeenSince(before) {
      return (await rows<{ id: string }>(pool, "SELECT id FROM users WHERE last_seen_at < $1", [before])).map((found) => found.id);
    },
  };
}

function sessions(pool: pg.Pool): Pick<AccountStorage, "addUserSession" | "getUserSession" | "touchUserSession" | "deleteUserSession" | "deleteExpiredUserSessions"> {
  return {
    async addUserSession(tokenHash, userId, at) {
      await pool.query("INSERT INTO user_sessions (token_hash, user_id, created_at, last_used_at) VALUES ($1, $2, $3, $3)", [tokenHash, userId, at]);
    },
    async getUserSession(tokenHash) {
      const found = await row<{ user_id: string; created_at: number; last_used_at: number }>(
        pool,
        "SELECT user_id, created_at, last_used_at FROM user_sessions WHERE token_hash = $1",
        [tokenHash],
      );
      return found ? { userId: found.user_id, createdAt: found.created_at, lastUsedAt: found.last_used_at } : null;
    },
    async touchUserSession(tokenHash, at) {
      await pool.query("UPDATE user_sessions SET last_used_at = GREATEST(last_used_at, $1) WHERE token_hash = $2", [at, tokenHash]);
    },
    async deleteUserSession(tokenHash) {
      await pool.query("DELETE FROM user_sessions WHERE token_hash = $1", [tokenHash]);
    },
    async deleteExpiredUserSessions(idleBefore, createdBefore) {
      return (await pool.query("DELETE FROM user_sessions WHERE last_used_at < $1 OR created_at < $2", [idleBefore, createdBefore])).rowCount ?? 0;
    },
  };
}


type FacilitatorRow = UserRow & { role: string; added_at: number };

function facilitators(pool: pg.Pool): Pick<AccountStorage, "addFacilitator" | "removeFacilitator" | "facilitatorRole" | "facilitatorsOf" | "boardsOf" | "handOver"> {
  return {
    async addFacilitator(boardId, userId, role, at) {
      // Conflicts are the user on the board already, or a second owner (board_facilitators_one_owner):
      // of two owners added at once, the second waits for the first and then adds nothing.
      const added = await pool.query(
        "INSERT INTO board_facilitators (board_id, user_id, role, added_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
        [boardId, userId, role, at],
      );
      return (added.rowCount ?? 0) > 0;
    },
    async removeFacilitator(boardId, userId) {
      return ((await pool.query("DELETE FROM board_facilitators WHERE board_id = $1 AND user_id = $2 AND role = 'co'", [boardId, userId])).rowCount ?? 0) > 0;
    },
    async facilitatorRole(boardId, userId) {
      const found = await row<{ role: string }>(pool, "SELECT role FROM board_facilitators WHERE board_id = $1 AND user_id = $2", [boardId, userId]);
      return found ? asRole(found.role) : null;
    },
    async facilitatorsOf(boardId) {
      const found = await rows<FacilitatorRow>(
        pool,
        `SELECT u.id, u.subject, u.name, u.email, u.created_at, u.last_seen_at, f.role, f.added_at
         FROM board_facilitators f JOIN users u ON u.id = f.user_id
         WHERE f.board_id = $1 ORDER BY f.role = 'owner' DESC, f.added_at, f.ord`,
        [boardId],
      );
      return found.map((facilitator) => ({ user: toUser(facilitator), role: asRole(facilitator.role), addedAt: facilitator.added_at }));
    },
    async boardsOf(userId) {
      const found = await rows<{ board_id: string; role: string }>(pool, "SELECT board_id, role FROM board_facilitators WHERE user_id = $1 ORDER BY added_at DESC, ord", [userId]);
      return found.map((board) => ({ boardId: board.board_id, role: asRole(board.role) }));
    },
    async handOver(boardId, from, to, at) {
      return inTransaction(pool, async (sql) => {
        // A second hand-over at once waits here for the first, then finds `from` is no owner now.
        const steppedDown = await sql.query("UPDATE board_facilitators SET role = 'co' WHERE board_id = $1 AND user_id = $2 AND role = 'owner'", [boardId, from]);
        if (steppedDown.rowCount === 0) return false;
        await sql.query(
          `INSERT INTO board_facilitators (board_id, user_id, role, added_at) VALUES ($1, $2, 'owner', $3)
           ON CONFLICT (board_id, user_id) DO UPDATE SET role = 'owner'`,
          [boardId, to, at],
        );
        return true;
      });
    },
  };
}
