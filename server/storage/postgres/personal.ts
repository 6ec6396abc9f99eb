import type pg from "pg";
import type { PersonalNoteRecord, PersonalNoteStorage } from "../types";
import { row, rows } from "./pool";

type PersonalRow = { id: string; participant_id: string; idempotency_key: string; area: string; text: string; created_at: number };

const COLUMNS = "id, participant_id, idempotency_key, area, text, created_at";

function toRecord(boardId: string, found: PersonalRow): PersonalNoteRecord {
  return {
    boardId,
    id: found.id,
    participantId: found.participant_id,
    idempotencyKey: found.idempotency_key,
    area: found.area,
    text: found.text,
    createdAt: found.created_at,
  };
}

/**
 * Personal notes, as in SQLite (server/storage/sqlite-personal.ts): only their writer is ever sent
 * them. They are in neither of the board's documents, so no frame, export or snapshot can carry
 * them; they go with their writer's erasure and with the board.
 */
export function pgPersonalNotes(pool: pg.Pool): PersonalNoteStorage {
  return {
    async addPersonalNote(note) {
      await pool.query("INSERT INTO personal_notes (board_id, id, participant_id, idempotency_key, area, text, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)", [
        note.boardId,
        note.id,
        note.participantId,
        note.idempotencyKey,
        note.area,
        note.text,
        note.createdAt,
      ]);
    },
    async findPersonalNoteByKey(boardId, participantId, key) {
      const found = await row<PersonalRow>(pool, `SELECT ${COLUMNS} FROM personal_notes WHERE board_id = $1 AND participant_id = $2 AND idempotency_key = $3`, [
        boardId,
        participantId,
        key,
      ]);
      return found ? toRecord(boardId, found) : null;
    },
    async listPersonalNotes(boardId, participantId) {
      const found = await rows<PersonalRow>(pool, `SELECT ${COLUMNS} FROM personal_notes WHERE board_id = $1 AND participant_id = $2 ORDER BY created_at, ord`, [
        boardId,
        participantId,
      ]);
      return found.map((note) => toRecord(boardId, note));
    },
    async updatePersonalNote(boardId, participantId, noteId, { text, area }) {
      const updated = await pool.query(
        "UPDATE personal_notes SET text = COALESCE($1, text), area = COALESCE($2, area) WHERE board_id = $3 AND participant_id = $4 AND id = $5",
        [text ?? null, area ?? null, boardId, participantId, noteId],
      );
      return (updated.rowCount ?? 0) > 0;
    },
    async deletePersonalNote(boardId, participantId, noteId) {
      const deleted = await pool.query("DELETE FROM personal_notes WHERE board_id = $1 AND participant_id = $2 AND id = $3", [boardId, participantId, noteId]);
      return (deleted.rowCount ?? 0) > 0;
    },
    async deletePersonalNotesOf(boardId, participantId) {
      await pool.query("DELETE FROM personal_notes WHERE board_id = $1 AND participant_id = $2", [boardId, participantId]);
    },
    async countPersonalWriters(boardId) {
      return (await row<{ n: number }>(pool, "SELECT COUNT(DISTINCT participant_id)::int AS n FROM personal_notes WHERE board_id = $1", [boardId]))?.n ?? 0;
    },
  };
}
