import type Database from "better-sqlite3";
import type { HomeworkNoteRecord, HomeworkStorage } from "./types";

/**
 * Homework between meetings (server/series/homework.ts): a note a phone writes for the series'
 * next meeting while that meeting has no board yet. Kept under the meeting it was written from,
 * and moved onto the next board (then deleted here) as soon as that board is made.
 */
export const HOMEWORK_SCHEMA = `
CREATE TABLE IF NOT EXISTS homework_notes (
  board_id TEXT NOT NULL REFERENCES boards(id),
  id TEXT NOT NULL,
  participant_id TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  text TEXT NOT NULL,
  color TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (board_id, id),
  UNIQUE (board_id, participant_id, idempotency_key)
);
`;

type Row = { board_id: string; id: string; participant_id: string; idempotency_key: string; text: string; color: string; created_at: number };
const COLUMNS = "board_id, id, participant_id, idempotency_key, text, color, created_at";

function toRecord(row: Row): HomeworkNoteRecord {
  return { boardId: row.board_id, id: row.id, participantId: row.participant_id, idempotencyKey: row.idempotency_key, text: row.text, color: row.color, createdAt: row.created_at };
}

export function sqliteHomework(db: Database.Database): HomeworkStorage {
  const insert = db.prepare(`INSERT INTO homework_notes (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const byKey = db.prepare<[string, string, string], Row>(`SELECT ${COLUMNS} FROM homework_notes WHERE board_id = ? AND participant_id = ? AND idempotency_key = ?`);
  const ofParticipant = db.prepare<[string, string], Row>(`SELECT ${COLUMNS} FROM homework_notes WHERE board_id = ? AND participant_id = ? ORDER BY created_at, id`);
  const ofBoard = db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM homework_notes WHERE board_id = ? ORDER BY created_at, id`);
  const deleteOne = db.prepare("DELETE FROM homework_notes WHERE board_id = ? AND id = ?");
  const deleteOf = db.prepare("DELETE FROM homework_notes WHERE board_id = ? AND participant_id = ?");
  return {
    async addHomework(note) {
      insert.run(note.boardId, note.id, note.participantId, note.idempotencyKey, note.text, note.color, note.createdAt);
    },
    async findHomeworkByKey(boardId, participantId, key) {
      const row = byKey.get(boardId, participantId, key);
      return row ? toRecord(row) : null;
    },
    async listHomeworkOf(boardId, participantId) {
      return ofParticipant.all(boardId, participantId).map(toRecord);
    },
    async listHomework(boardId) {
      return ofBoard.all(boardId).map(toRecord);
    },
    async deleteHomework(boardId, ids) {
      db.transaction(() => ids.forEach((id) => deleteOne.run(boardId, id)))();
    },
    async deleteHomeworkOf(boardId, participantId) {
      deleteOf.run(boardId, participantId);
    },
  };
}
