import type pg from "pg";
import { isParticipantVia, type ParticipantVia } from "../../../lib/roles";
import type { JoinCodeRecord, ParticipantNoteRecord, ParticipationStorage } from "../types";
import type { WriteFence } from "./fence";
import { inTransaction, row, rows, type Sql } from "./pool";

type CodeRow = { board_id: string; code: string; open: boolean; participant_budget: number | null };
type ParticipantRow = { id: string; name: string; created_at: number; via: string };

interface NoteRow {
  board_id: string;
  id: string;
  participant_id: string;
  idempotency_key: string;
  text: string;
  color: string;
  held: boolean;
  author: string | null;
  created_at: number;
  target_frame: string | null;
  target_cell: number | null;
}

const CODE_COLUMNS = "board_id, code, open, participant_budget";
const NOTE_COLUMNS = "board_id, id, participant_id, idempotency_key, text, color, held, author, created_at, target_frame, target_cell";

/** A value this server did not write reads as "code", the identity that no link renewal stops. */
function viaOf(value: string): ParticipantVia {
  return isParticipantVia(value) ? value : "code";
}

function toCode(found: CodeRow | null): JoinCodeRecord | null {
  return found ? { boardId: found.board_id, code: found.code, open: found.open, participantBudget: found.participant_budget } : null;
}

function toNote(found: NoteRow): ParticipantNoteRecord {
  return {
    boardId: found.board_id,
    id: found.id,
    participantId: found.participant_id,
    idempotencyKey: found.idempotency_key,
    text: found.text,
    color: found.color,
    held: found.held,
    author: found.author,
    createdAt: found.created_at,
    target: found.target_frame !== null && found.target_cell !== null ? { frame: found.target_frame, cell: found.target_cell } : null,
  };
}

/**
 * The participation tables, as in SQLite (server/storage/sqlite-participation.ts). What the
 * board's server decides and keeps beside the board's documents (held notes, dots, an erasure) is
 * written through the same fence as the board's history: an instance that lost the board (a
 * stalled holder after a takeover) writes none of it. Joins are not: any instance may add a
 * participant, the board's row lock keeps the budget (addParticipantWithin).
 */
export function pgParticipation(pool: pg.Pool, fence?: WriteFence): ParticipationStorage {
  const write = fencedWrites(pool, fence);
  return { ...pgJoinCodes(pool), ...pgParticipants(pool, write), ...pgParticipantNotes(pool, write), ...pgDots(pool, write) };
}

/** Runs `work` in a transaction, only while the fence lets this server write the board (checked first, held to the commit). */
type FencedWrite = <T>(boardId: string, work: (sql: Sql) => Promise<T>) => Promise<T>;

function fencedWrites(pool: pg.Pool, fence: WriteFence | undefined): FencedWrite {
  return (boardId, work) =>
    inTransaction(pool, async (sql) => {
      await fence?.check(sql, boardId);
      return work(sql);
    });
}

function pgJoinCodes(pool: pg.Pool): Pick<ParticipationStorage, "setJoinCode" | "getJoinCode" | "findJoinCode"> {
  return {
    // Another board's code is kept: the UNIQUE constraint on `code` rejects the insert.
    async setJoinCode({ boardId, code, open, participantBudget }) {
      await pool.query(
        `INSERT INTO join_codes (${CODE_COLUMNS}) VALUES ($1, $2, $3, $4) ON CONFLICT (board_id) DO UPDATE SET code = excluded.code, open = excluded.open, participant_budget = excluded.participant_budget`,
        [boardId, code, open, participantBudget],
      );
    },
    async getJoinCode(boardId) {
      return toCode(await row<CodeRow>(pool, `SELECT ${CODE_COLUMNS} FROM join_codes WHERE board_id = $1`, [boardId]));
    },
    async findJoinCode(code) {
      return toCode(await row<CodeRow>(pool, `SELECT ${CODE_COLUMNS} FROM join_codes WHERE code = $1`, [code]));
    },
  };
}

type ParticipantCalls = "addParticipant" | "addParticipantWithin" | "getParticipant" | "renameParticipant" | "listParticipants" | "countParticipants" | "eraseParticipant" | "countNotesByParticipant";

function pgParticipants(pool: pg.Pool, write: FencedWrite): Pick<ParticipationStorage, ParticipantCalls> {
  return {
    async addParticipant({ boardId, id, name, createdAt, via }) {
      await pool.query("INSERT INTO participants (board_id, id, name, created_at, via) VALUES ($1, $2, $3, $4, $5)", [boardId, id, name, createdAt, via]);
    },
    async addParticipantWithin({ boardId, id, name, createdAt, via }, budget) {
      return inTransaction(pool, async (sql) => {
        // The board's row, locked until this join commits, is what makes joins wait in turn:
        // counting alone would let two joins (on any instance) both see room for one more.
        // NO KEY UPDATE: the board's own writes (appends, whose foreign key takes KEY SHARE) go on
        // meanwhile; only other joins and a deletion wait.
        await sql.query("SELECT 1 FROM boards WHERE id = $1 FOR NO KEY UPDATE", [boardId]);
        const count = (await row<{ n: number }>(sql, "SELECT COUNT(*)::int AS n FROM participants WHERE board_id = $1", [boardId]))?.n ?? 0;
        if (count >= budget) return false;
        await sql.query("INSERT INTO participants (board_id, id, name, created_at, via) VALUES ($1, $2, $3, $4, $5)", [boardId, id, name, createdAt, via]);
        return true;
      });
    },
    async getParticipant(boardId, id) {
      const found = await row<ParticipantRow>(pool, "SELECT id, name, created_at, via FROM participants WHERE board_id = $1 AND id = $2", [boardId, id]);
      return found ? { boardId, id, name: found.name, createdAt: found.created_at, via: viaOf(found.via) } : null;
    },
    async renameParticipant(boardId, id, name) {
      await pool.query("UPDATE participants SET name = $1 WHERE board_id = $2 AND id = $3", [name, boardId, id]);
    },
    async listParticipants(boardId) {
      const found = await rows<ParticipantRow>(pool, "SELECT id, name, created_at, via FROM participants WHERE board_id = $1 ORDER BY created_at, ord", [boardId]);
      return found.map((participant) => ({ boardId, id: participant.id, name: participant.name, createdAt: participant.created_at, via: viaOf(participant.via) }));
    },
    async countParticipants(boardId) {
      return (await row<{ n: number }>(pool, "SELECT COUNT(*)::int AS n FROM participants WHERE board_id = $1", [boardId]))?.n ?? 0;
    },
    async eraseParticipant(boardId, id, notes) {
      return write(boardId, (sql) => erase(sql, boardId, id, notes));
    },
    async countNotesByParticipant(boardId) {
      const found = await rows<{ participant_id: string; n: number }>(
        pool,
        "SELECT participant_id, COUNT(*)::int AS n FROM participant_notes WHERE board_id = $1 GROUP BY participant_id",
        [boardId],
      );
      return new Map(found.map((counted) => [counted.participant_id, counted.n]));
    },
  };
}

/** The person, their dots in every vote, and their notes' rows (ParticipationStorage.eraseParticipant). */
async function erase(sql: Sql, boardId: string, id: string, notes: "remove" | "anonymize"): Promise<{ placedNoteIds: string[] } | null> {
  const removed = await sql.query("DELETE FROM participants WHERE board_id = $1 AND id = $2", [boardId, id]);
  if (!removed.rowCount) return null;
  await sql.query("DELETE FROM dots WHERE board_id = $1 AND participant_id = $2", [boardId, id]);
  // Their notes are locked until the end: one placed meanwhile (markPlaced) waits for the erasure,
  // as SQLite's single writer makes it, rather than slipping between the statements below.
  await sql.query("SELECT id FROM participant_notes WHERE board_id = $1 AND participant_id = $2 FOR UPDATE", [boardId, id]);
  return { placedNoteIds: notes === "remove" ? await removeNotes(sql, boardId, id) : await anonymizeNotes(sql, boardId, id) };
}

/** Deletes every note row of the person; answers the placed ones. */
async function removeNotes(sql: Sql, boardId: string, id: string): Promise<string[]> {
  const placed = await rows<{ id: string }>(
    sql,
    "WITH gone AS (DELETE FROM participant_notes WHERE board_id = $1 AND participant_id = $2 RETURNING id, held, created_at, ord) SELECT id FROM gone WHERE NOT held ORDER BY created_at, ord",
    [boardId, id],
  );
  const placedNoteIds = placed.map((note) => note.id);
  // Dots others gave a note that is removed go back to them.
  await sql.query("DELETE FROM dots WHERE board_id = $1 AND note_id = ANY($2::text[])", [boardId, placedNoteIds]);
  return placedNoteIds;
}

/** Deletes the rows of the person's placed notes and leaves their held ones as nobody's; answers the placed ones. */
async function anonymizeNotes(sql: Sql, boardId: string, id: string): Promise<string[]> {
  const placed = await rows<{ id: string }>(
    sql,
    "WITH gone AS (DELETE FROM participant_notes WHERE board_id = $1 AND participant_id = $2 AND NOT held RETURNING id, created_at, ord) SELECT id FROM gone ORDER BY created_at, ord",
    [boardId, id],
  );
  // Held notes of an erased person wait for the reveal as nobody's: no participant, no name. Each
  // gets a placeholder of its own (idempotency keys are unique per participant, not per board).
  await sql.query("UPDATE participant_notes SET participant_id = 'erased:' || id, author = NULL WHERE board_id = $1 AND participant_id = $2 AND held", [boardId, id]);
  return placed.map((note) => note.id);
}

type NoteCalls =
  | "addParticipantNote"
  | "findNoteByIdempotencyKey"
  | "getParticipantNote"
  | "listParticipantNotes"
  | "listHeldNotes"
  | "updateParticipantNote"
  | "markPlaced"
  | "deleteParticipantNote";

function pgParticipantNotes(pool: pg.Pool, write: FencedWrite): Pick<ParticipationStorage, NoteCalls> {
  const notes = async (where: string, values: unknown[]) => (await rows<NoteRow>(pool, `SELECT ${NOTE_COLUMNS} FROM participant_notes WHERE ${where}`, values)).map(toNote);
  return {
    // While held, the text lives only here; a note added placed keeps none (ParticipantNoteRecord).
    async addParticipantNote(note) {
      await write(note.boardId, (sql) => sql.query(`INSERT INTO participant_notes (${NOTE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`, [
        note.boardId,
        note.id,
        note.participantId,
        note.idempotencyKey,
        note.held ? note.text : "",
        note.color,
        note.held,
        note.author,
        note.createdAt,
        note.target?.frame ?? null,
        note.target?.cell ?? null,
      ]));
    },
    async findNoteByIdempotencyKey(boardId, participantId, key) {
      return (await notes("board_id = $1 AND participant_id = $2 AND idempotency_key = $3", [boardId, participantId, key]))[0] ?? null;
    },
    async getParticipantNote(boardId, noteId) {
      return (await notes("board_id = $1 AND id = $2", [boardId, noteId]))[0] ?? null;
    },
    async listParticipantNotes(boardId, participantId) {
      return notes("board_id = $1 AND participant_id = $2 ORDER BY created_at, ord", [boardId, participantId]);
    },
    async listHeldNotes(boardId) {
      return notes("board_id = $1 AND held ORDER BY created_at, ord", [boardId]);
    },
    async updateParticipantNote(boardId, noteId, { text, color }) {
      if (text === undefined && color === undefined) return;
      await write(boardId, (sql) =>
        sql.query("UPDATE participant_notes SET text = COALESCE($1, text), color = COALESCE($2, color) WHERE board_id = $3 AND id = $4", [text ?? null, color ?? null, boardId, noteId]),
      );
    },
    // Once placed, the board document holds the note: its row keeps who wrote it, not what. One
    // statement, so all of them or none.
    async markPlaced(boardId, noteIds) {
      await write(boardId, (sql) => sql.query("UPDATE participant_notes SET held = FALSE, text = '' WHERE board_id = $1 AND id = ANY($2::text[])", [boardId, noteIds]));
    },
    async deleteParticipantNote(boardId, noteId) {
      await write(boardId, (sql) => sql.query("DELETE FROM participant_notes WHERE board_id = $1 AND id = $2", [boardId, noteId]));
    },
  };
}

function pgDots(pool: pg.Pool, write: FencedWrite): Pick<ParticipationStorage, "setDots" | "dotsOf" | "tally" | "countVoters"> {
  return {
    async setDots(boardId, voteId, participantId, noteId, dots) {
      await write(boardId, (sql) =>
        dots > 0
          ? sql.query(
              "INSERT INTO dots (board_id, vote_id, participant_id, note_id, dots) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (board_id, vote_id, participant_id, note_id) DO UPDATE SET dots = excluded.dots",
              [boardId, voteId, participantId, noteId, dots],
            )
          : sql.query("DELETE FROM dots WHERE board_id = $1 AND vote_id = $2 AND participant_id = $3 AND note_id = $4", [boardId, voteId, participantId, noteId]),
      );
    },
    async dotsOf(boardId, voteId, participantId) {
      const found = await rows<{ note_id: string; dots: number }>(pool, "SELECT note_id, dots FROM dots WHERE board_id = $1 AND vote_id = $2 AND participant_id = $3", [
        boardId,
        voteId,
        participantId,
      ]);
      return new Map(found.map((given) => [given.note_id, given.dots]));
    },
    // SUM of INTEGER is a BIGINT, which the pool reads as a number (pool.ts). Ordered by note id
    // byte by byte, as SQLite's GROUP BY leaves them, so the answer's keys come in the same order.
    async tally(boardId, voteId) {
      const found = await rows<{ note_id: string; total: number }>(
        pool,
        `SELECT note_id, SUM(dots) AS total FROM dots WHERE board_id = $1 AND vote_id = $2 GROUP BY note_id ORDER BY note_id COLLATE "C"`,
        [boardId, voteId],
      );
      return Object.fromEntries(found.map((note) => [note.note_id, note.total]));
    },
    async countVoters(boardId, voteId) {
      const found = await row<{ voters: number }>(pool, "SELECT COUNT(DISTINCT participant_id)::int AS voters FROM dots WHERE board_id = $1 AND vote_id = $2 AND dots > 0", [
        boardId,
        voteId,
      ]);
      return found?.voters ?? 0;
    },
  };
}
