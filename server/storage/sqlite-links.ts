import type Database from "better-sqlite3";
import { LINK_KINDS, type LinkKind } from "../../lib/roles";
import type { BoardRecord } from "./types";

/** One nullable column per link kind in `boards`: NULL until the link is first renewed. */
const SALT_COLUMN: Record<LinkKind, string> = {
  facilitator: "facilitator_salt",
  member: "member_salt",
  viewer: "viewer_salt",
  projector: "projector_salt",
};

export const LINK_SALT_COLUMNS = LINK_KINDS.map((kind) => SALT_COLUMN[kind]).join(", ");

export type LinkSaltRow = Partial<Record<string, string | null>>;

/** Adds the salt columns to a `boards` table made before links could be renewed (and to new ones). */
export function upgradeBoardLinkColumns(db: Database.Database): void {
  const columns = new Set(db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('boards')").all().map((c) => c.name));
  for (const kind of LINK_KINDS) if (!columns.has(SALT_COLUMN[kind])) db.exec(`ALTER TABLE boards ADD COLUMN ${SALT_COLUMN[kind]} TEXT`);
}

/** The salts a board row holds; a link without one keeps using the board's `tokenSalt`. */
export function linkSaltsOf(row: LinkSaltRow): Pick<BoardRecord, "linkSalts"> {
  const salts: Partial<Record<LinkKind, string>> = {};
  for (const kind of LINK_KINDS) {
    const salt = row[SALT_COLUMN[kind]];
    if (typeof salt === "string" && salt.length > 0) salts[kind] = salt;
  }
  // Boards that never renewed a link read exactly as before.
  return Object.keys(salts).length > 0 ? { linkSalts: salts } : {};
}

export function sqliteLinks(db: Database.Database) {
  const updates = Object.fromEntries(LINK_KINDS.map((kind) => [kind, db.prepare(`UPDATE boards SET ${SALT_COLUMN[kind]} = ? WHERE id = ?`)])) as Record<
    LinkKind,
    Database.Statement
  >;
  return {
    async setLinkSalt(boardId: string, link: LinkKind, salt: string) {
      updates[link].run(salt, boardId);
    },
  };
}
