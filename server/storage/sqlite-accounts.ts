import type Database from "better-sqlite3";
import { nanoid } from "nanoid";
import type { AccountStorage, FacilitatorRole, UserRecord } from "./types";

/**
 * Signed-in facilitators (server/accounts): who they are, their sessions (a hash of the cookie
 * only), and the boards they own or co-facilitate. Made only when sign-in is used, and empty
 * otherwise. `board_facilitators` is deleted with its board (sqlite-lifecycle.ts BOARD_TABLES).
 */
export const ACCOUNT_SCHEMA = `
CREATE TABLE IF NOT EXISTS users (
  id TEXT PRIMARY KEY,
  subject TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  email TEXT COLLATE NOCASE,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS users_by_email ON users (email);
CREATE TABLE IF NOT EXISTS user_sessions (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL,
  last_used_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS user_sessions_by_user ON user_sessions (user_id);
CREATE TABLE IF NOT EXISTS board_facilitators (
  board_id TEXT NOT NULL REFERENCES boards(id),
  user_id TEXT NOT NULL REFERENCES users(id),
  role TEXT NOT NULL CHECK (role IN ('owner', 'co')),
  added_at INTEGER NOT NULL,
  PRIMARY KEY (board_id, user_id)
);
CREATE INDEX IF NOT EXISTS board_facilitators_by_user ON board_facilitators (user_id);
-- One owner per board. Before this index two owners could be made at once; the first added stays.
UPDATE board_facilitators SET role = 'co' WHERE role = 'owner'
  AND rowid NOT IN (SELECT MIN(rowid) FROM board_facilitators WHERE role = 'owner' GROUP BY board_id);
CREATE UNIQUE INDEX IF NOT EXISTS board_facilitators_one_owner ON board_facilitators (board_id) WHERE role = 'owner';
`;

type UserRow = { id: string; subject: string; name: string; email: string | null; created_at: number; last_seen_at: number };
const USER_COLUMNS = "id, subject, name, email, created_at, last_seen_at";

function toUser(row: UserRow): UserRecord {
  return { id: row.id, subject: row.subject, name: row.name, email: row.email, createdAt: row.created_at, lastSeenAt: row.last_seen_at };
}

function asRole(value: string): FacilitatorRole {
  return value === "owner" ? "owner" : "co";
}

export function sqliteAccounts(db: Database.Database): AccountStorage {
  return { ...users(db), ...sessions(db), ...facilitators(db) };
}

function users(db: Database.Database): Pick<AccountStorage, "upsertUser" | "getUser" | "findUserByEmail" | "deleteUser" | "usersNotSeenSince"> {
  const upsert = db.prepare(
    `INSERT INTO users (id, subject, name, email, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (subject) DO UPDATE SET name = excluded.name, email = excluded.email, last_seen_at = excluded.last_seen_at`,
  );
  const bySubject = db.prepare<[string], UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE subject = ?`);
  const byId = db.prepare<[string], UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = ?`);
  // Any case, also beyond ASCII ("Åsa.Öberg@" is "åsa.öberg@"), as PostgreSQL's lower() compares:
  // SQLite's NOCASE folds A to Z only. The users table is small; a scan is fine.
  db.function("fold_case", { deterministic: true }, (text: unknown) => (typeof text === "string" ? text.toLowerCase() : text));
  const byEmail = db.prepare<[string], UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE fold_case(email) = fold_case(?) ORDER BY last_seen_at DESC LIMIT 1`);
  const unseen = db.prepare<[number], { id: string }>("SELECT id FROM users WHERE last_seen_at < ?");
  // A board whose owner leaves Samla is not left without one while a colleague is on it. Run once
  // the owner's rows are gone, as a board has one owner at any moment.
  const owned = db.prepare<[string], { board_id: string }>("SELECT board_id FROM board_facilitators WHERE user_id = ? AND role = 'owner'");
  const promoteHeir = db.prepare(
    `UPDATE board_facilitators SET role = 'owner' WHERE rowid =
       (SELECT heir.rowid FROM board_facilitators heir WHERE heir.board_id = ? ORDER BY heir.added_at, heir.rowid LIMIT 1)`,
  );
  const erase = [
    "DELETE FROM board_facilitators WHERE user_id = ?",
    "DELETE FROM user_sessions WHERE user_id = ?",
    "UPDATE audit SET actor_name = NULL, actor_user_id = NULL WHERE actor_user_id = ?",
    "DELETE FROM users WHERE id = ?",
  ].map((sql) => db.prepare(sql));
  const deleteAll = db.transaction((id: string) => {
    const boards = owned.all(id);
    const existed = erase.map((statement) => statement.run(id).changes).at(-1)! > 0;
    for (const board of boards) promoteHeir.run(board.board_id);
    return existed;
  });
  return {
    async upsertUser({ subject, name, email, at }) {
      upsert.run(nanoid(16), subject, name, email, at, at);
      return toUser(bySubject.get(subject)!);
    },
    async getUser(id) {
      const row = byId.get(id);
      return row ? toUser(row) : null;
    },
    async findUserByEmail(email) {
      const row = byEmail.get(email.trim());
      return row ? toUser(row) : null;
    },
    async deleteUser(id) {
      return deleteAll(id);
    },
    async usersNotSeenSince(before) {
      return unseen.all(before).map((row) => row.id);
    },
  };
}

function sessions(db: Database.Database): Pick<AccountStorage, "addUserSession" | "getUserSession" | "touchUserSession" | "deleteUserSession" | "deleteExpiredUserSessions"> {
  const insert = db.prepare("INSERT INTO user_sessions (token_hash, user_id, created_at, last_used_at) VALUES (?, ?, ?, ?)");
  const select = db.prepare<[string], { user_id: string; created_at: number; last_used_at: number }>(
    "SELECT user_id, created_at, last_used_at FROM user_sessions WHERE token_hash = ?",
  );
  const touch = db.prepare("UPDATE user_sessions SET last_used_at = MAX(last_used_at, ?) WHERE token_hash = ?");
  const remove = db.prepare("DELETE FROM user_sessions WHERE token_hash = ?");
  const expired = db.prepare("DELETE FROM user_sessions WHERE last_used_at < ? OR created_at < ?");
  return {
    async addUserSession(tokenHash, userId, at) {
      insert.run(tokenHash, userId, at, at);
    },
    async getUserSession(tokenHash) {
      const row = select.get(tokenHash);
      return row ? { userId: row.user_id, createdAt: row.created_at, lastUsedAt: row.last_used_at } : null;
    },
    async touchUserSession(tokenHash, at) {
      touch.run(at, tokenHash);
    },
    async deleteUserSession(tokenHash) {
      remove.run(tokenHash);
    },
    async deleteExpiredUserSessions(idleBefore, createdBefore) {
      return expired.run(idleBefore, createdBefore).changes;
    },
  };
}

function facilitators(
  db: Database.Database,
): Pick<AccountStorage, "addFacilitator" | "removeFacilitator" | "facilitatorRole" | "facilitatorsOf" | "boardsOf" | "handOver"> {
  // Conflicts are the user on the board already, or a second owner (board_facilitators_one_owner).
  const add = db.prepare("INSERT INTO board_facilitators (board_id, user_id, role, added_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING");
  const makeOwner = db.prepare(
    `INSERT INTO board_facilitators (board_id, user_id, role, added_at) VALUES (?, ?, 'owner', ?)
     ON CONFLICT (board_id, user_id) DO UPDATE SET role = 'owner'`,
  );
  const stepDown = db.prepare("UPDATE board_facilitators SET role = 'co' WHERE board_id = ? AND user_id = ? AND role = 'owner'");
  const remove = db.prepare("DELETE FROM board_facilitators WHERE board_id = ? AND user_id = ? AND role = 'co'");
  const roleOf = db.prepare<[string, string], { role: string }>("SELECT role FROM board_facilitators WHERE board_id = ? AND user_id = ?");
  const ofBoard = db.prepare<[string], UserRow & { role: string; added_at: number }>(
    `SELECT u.id, u.subject, u.name, u.email, u.created_at, u.last_seen_at, f.role, f.added_at
     FROM board_facilitators f JOIN users u ON u.id = f.user_id
     WHERE f.board_id = ? ORDER BY f.role = 'owner' DESC, f.added_at, f.rowid`,
  );
  const ofUser = db.prepare<[string], { board_id: string; role: string }>("SELECT board_id, role FROM board_facilitators WHERE user_id = ? ORDER BY added_at DESC");
  const handOver = db.transaction((boardId: string, from: string, to: string, at: number) => {
    if (stepDown.run(boardId, from).changes === 0) return false;
    makeOwner.run(boardId, to, at);
    return true;
  });
  return {
    async addFacilitator(boardId, userId, role, at) {
      return add.run(boardId, userId, role, at).changes > 0;
    },
    async removeFacilitator(boardId, userId) {
      return remove.run(boardId, userId).changes > 0;
    },
    async facilitatorRole(boardId, userId) {
      const row = roleOf.get(boardId, userId);
      return row ? asRole(row.role) : null;
    },
    async facilitatorsOf(boardId) {
      return ofBoard.all(boardId).map((row) => ({ user: toUser(row), role: asRole(row.role), addedAt: row.added_at }));
    },
    async boardsOf(userId) {
      return ofUser.all(userId).map((row) => ({ boardId: row.board_id, role: asRole(row.role) }));
    },
    async handOver(boardId, from, to, at) {
      return handOver(boardId, from, to, at);
    },
  };
}
