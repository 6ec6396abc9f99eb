import type Database from "better-sqlite3";
import type { PersonalNoteRecord, PersonalNoteStorage } from "./types";

/**
 * Personal notes (a personal worksheet such as Arbetsmöte 3's action plan): only their writer is
 * ever sent them. They are in neither of the board's documents, so no frame, export or snapshot
 * can carry them; they go with their writer's erasure and with the board.
 */
export const PERSONAL_SCHEMA = `
CREATE TABLE IF NOT EXISTS personal_notes (
  board_id TEXT NOT NULL REFERENCES boards(id),
  id TEXT NOT NULL,
  participant_id TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  area TEXT NOT NULL,
  text TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (board_id, id),
  UNIQUE (board_id, participant_id, idempotency_key)
);
`;

interface PersonalRow {
  id: string;
  participant_id: string;
  idempotency_key: string;
  area: string;
  text: string;
  created_at: number;
}

const COLUMNS = "id, participant_id, idempotency_key, area, text, created_at";

export function sqlitePersonalNotes(db: Database.Database): PersonalNoteStorage {
  const toRecord = (boardId: string, row: PersonalRow): PersonalNoteRecord => ({
    boardId,
    id: row.id,
    participantId: row.participant_id,
    idempotencyKey: row.idempotency_key,
    area: row.area,
    text: row.text,
    createdAt: row.created_at,
  });
  const insert = db.prepare("INSERT INTO personal_notes (board_id, id, participant_id, idempotency_key, area, text, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
  const byKey = db.prepare<[string, string, string], PersonalRow>(`SELECT ${COLUMNS} FROM personal_notes WHERE board_id = ? AND participant_id = ? AND idempotency_key = ?`);
  const ofParticipant = db.prepare<[string, string], PersonalRow>(`SELECT ${COLUMNS} FROM personal_notes WHERE board_id = ? AND participant_id = ? ORDER BY created_at, rowid`);
  const update = db.prepare("UPDATE personal_notes SET text = COALESCE(?, text), area = COALESCE(?, area) WHERE board_id = ? AND participant_id = ? AND id = ?");
  const remove = db.prepare("DELETE FROM personal_notes WHERE board_id = ? AND participant_id = ? AND id = ?");
  const removeAllOf = db.prepare("DELETE FROM personal_notes WHERE board_id = ? AND participant_id = ?");
  const writers = db.prepare<[string], { n: number }>("SELECT COUNT(DISTINCT participant_id) AS n FROM personal_notes WHERE board_id = ?");
  return {
    async addPersonalNote(note) {
      insert.run(note.boardId, note.id, note.participantId, note.idempotencyKey, note.area, note.text, note.createdAt);
    },
    async findPersonalNoteByKey(boardId, participantId, key) {
      const row = byKey.get(boardId, participantId, key);
      return row ? toRecord(boardId, row) : null;
    },
    async listPersonalNotes(boardId, participantId) {
      return ofParticipant.all(boardId, participantId).map((row) => toRecord(boardId, row));
    },
    async updatePersonalNote(boardId, participantId, noteId, { text, area }) {
      return update.run(text ?? null, area ?? null, boardId, participantId, noteId).changes > 0;
    },
    async deletePersonalNote(boardId, participantId, noteId) {
      return remove.run(boardId, participantId, noteId).changes > 0;
    },
    async deletePersonalNotesOf(boardId, participantId) {
      removeAllOf.run(boardId, participantId);
    },
    async countPersonalWriters(boardId) {
      return writers.get(boardId)?.n ?? 0;
    },
  };
}
