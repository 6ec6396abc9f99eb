import type pg from "pg";
import type { HomeworkNoteRecord, HomeworkStorage } from "../types";
import { row, rows } from "./pool";

type Row = { board_id: string; id: string; participant_id: string; idempotency_key: string; text: string; color: string; created_at: number };

const COLUMNS = "board_id, id, participant_id, idempotency_key, text, color, created_at";
/** Oldest first, then by id byte by byte as SQLite compares text, whatever the database's collation. */
const ORDER = `ORDER BY created_at, id COLLATE "C"`;

function toRecord(found: Row): HomeworkNoteRecord {
  return {
    boardId: found.board_id,
    id: found.id,
    participantId: found.participant_id,
    idempotencyKey: found.idempotency_key,
    text: found.text,
    color: found.color,
    createdAt: found.created_at,
  };
}

/**
 * Homework between meetings, as in SQLite (server/storage/sqlite-homework.ts): a note a phone
 * writes for the series' next meeting while that meeting has no board yet. Kept under the meeting
 * it was written from, and moved onto the next board (then deleted here) as soon as that board is made.
 */
export function pgHomework(pool: pg.Pool): HomeworkStorage {
  return {
    async addHomework(note) {
      await pool.query(`INSERT INTO homework_notes (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
        note.boardId,
        note.id,
        note.participantId,
        note.idempotencyKey,
        note.text,
        note.color,
        note.createdAt,
      ]);
    },
    async findHomeworkByKey(boardId, participantId, key) {
      const found = await row<Row>(pool, `SELECT ${COLUMNS} FROM homework_notes WHERE board_id = $1 AND participant_id = $2 AND idempotency_key = $3`, [boardId, participantId, key]);
      return found ? toRecord(found) : null;
    },
    async listHomeworkOf(boardId, participantId) {
      return (await rows<Row>(pool, `SELECT ${COLUMNS} FROM homework_notes WHERE board_id = $1 AND participant_id = $2 ${ORDER}`, [boardId, participantId])).map(toRecord);
    },
    async listHomework(boardId) {
      return (await rows<Row>(pool, `SELECT ${COLUMNS} FROM homework_notes WHERE board_id = $1 ${ORDER}`, [boardId])).map(toRecord);
    },
    // One statement: all of them or none, as SQLite's transaction.
    async deleteHomework(boardId, ids) {
      await pool.query("DELETE FROM homework_notes WHERE board_id = $1 AND id = ANY($2::text[])", [boardId, ids]);
    },
    async deleteHomeworkOf(boardId, participantId) {
      await pool.query("DELETE FROM homework_notes WHERE board_id = $1 AND participant_id = $2", [boardId, participantId]);
    },
  };
}
