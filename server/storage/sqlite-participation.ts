import type Database from "better-sqlite3";
import { isParticipantVia, type ParticipantVia } from "../../lib/roles";
import type { JoinCodeRecord, ParticipantNoteRecord, ParticipantRecord, ParticipationStorage } from "./types";

export const PARTICIPATION_SCHEMA = `
CREATE TABLE IF NOT EXISTS join_codes (
  board_id TEXT PRIMARY KEY REFERENCES boards(id),
  code TEXT NOT NULL UNIQUE,
  open INTEGER NOT NULL,
  participant_budget INTEGER
);
CREATE TABLE IF NOT EXISTS participants (
  board_id TEXT NOT NULL REFERENCES boards(id),
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  via TEXT NOT NULL DEFAULT 'code',
  PRIMARY KEY (board_id, id)
);
CREATE TABLE IF NOT EXISTS participant_notes (
  board_id TEXT NOT NULL REFERENCES boards(id),
  id TEXT NOT NULL,
  participant_id TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  text TEXT NOT NULL,
  color TEXT NOT NULL,
  held INTEGER NOT NULL,
  author TEXT,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (board_id, id),
  UNIQUE (board_id, participant_id, idempotency_key)
);
CREATE INDEX IF NOT EXISTS held_notes ON participant_notes (board_id, held, created_at);
CREATE TABLE IF NOT EXISTS dots (
  board_id TEXT NOT NULL REFERENCES boards(id),
  vote_id TEXT NOT NULL,
  participant_id TEXT NOT NULL,
  note_id TEXT NOT NULL,
  dots INTEGER NOT NULL,
  PRIMARY KEY (board_id, vote_id, participant_id, note_id)
);
`;

interface NoteRow {
  board_id: string;
  id: string;
  participant_id: string;
  idempotency_key: string;
  text: string;
  color: string;
  held: number;
  author: string | null;
  created_at: number;
  target_frame: string | null;
  target_cell: number | null;
}

const NOTE_COLUMNS = "board_id, id, participant_id, idempotency_key, text, color, held, author, created_at, target_frame, target_cell";

/** Columns added after a table first shipped, for databases made before them. */
export function upgradeParticipationTables(db: Database.Database): void {
  const columns = db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('participant_notes')").all();
  if (!columns.some((column) => column.name === "author")) db.exec("ALTER TABLE participant_notes ADD COLUMN author TEXT");
  // The category a held note was written in (lib/board/categories.ts): where the reveal puts it.
  if (!columns.some((column) => column.name === "target_frame")) db.exec("ALTER TABLE participant_notes ADD COLUMN target_frame TEXT");
  if (!columns.some((column) => column.name === "target_cell")) db.exec("ALTER TABLE participant_notes ADD COLUMN target_cell INTEGER");
  // Identities made before links could be renewed count as joined with the code: they keep working.
  const participantColumns = db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('participants')").all();
  if (!participantColumns.some((column) => column.name === "via")) db.exec("ALTER TABLE participants ADD COLUMN via TEXT NOT NULL DEFAULT 'code'");
  const codeColumns = db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('join_codes')").all();
  if (!codeColumns.some((column) => column.name === "participant_budget")) db.exec("ALTER TABLE join_codes ADD COLUMN participant_budget INTEGER");
  // Placed notes stored before their rows kept no text: the board document has it (and deletes it).
  db.exec("UPDATE participant_notes SET text = '' WHERE held = 0 AND text <> ''");
}

/** A value this server did not write reads as "code", the identity that no link renewal stops. */
function viaOf(value: string): ParticipantVia {
  return isParticipantVia(value) ? value : "code";
}

function toNote(row: NoteRow): ParticipantNoteRecord {
  return {
    boardId: row.board_id,
    id: row.id,
    participantId: row.participant_id,
    idempotencyKey: row.idempotency_key,
    text: row.text,
    color: row.color,
    held: row.held === 1,
    author: row.author,
    createdAt: row.created_at,
    target: row.target_frame !== null && row.target_cell !== null ? { frame: row.target_frame, cell: row.target_cell } : null,
  };
}

/** The participation tables in the same SQLite file as the documents (PARTICIPATION_SCHEMA). */
export function sqliteParticipation(db: Database.Database): ParticipationStorage {
  type CodeRow = { board_id: string; code: string; open: number; participant_budget: number | null };
  const codeRow = (row: CodeRow | undefined): JoinCodeRecord | null =>
    row ? { boardId: row.board_id, code: row.code, open: row.open === 1, participantBudget: row.participant_budget } : null;
  const upsertCode = db.prepare(
    "INSERT INTO join_codes (board_id, code, open, participant_budget) VALUES (?, ?, ?, ?) ON CONFLICT (board_id) DO UPDATE SET code = excluded.code, open = excluded.open, participant_budget = excluded.participant_budget",
  );
  const codeOfBoard = db.prepare<[string], CodeRow>("SELECT board_id, code, open, participant_budget FROM join_codes WHERE board_id = ?");
  const boardOfCode = db.prepare<[string], CodeRow>("SELECT board_id, code, open, participant_budget FROM join_codes WHERE code = ?");
  const insertParticipant = db.prepare("INSERT INTO participants (board_id, id, name, created_at, via) VALUES (?, ?, ?, ?, ?)");
  const selectParticipant = db.prepare<[string, string], { name: string; created_at: number; via: string }>(
    "SELECT name, created_at, via FROM participants WHERE board_id = ? AND id = ?",
  );
  const participantsOfBoard = db.prepare<[string], { id: string; name: string; created_at: number; via: string }>(
    "SELECT id, name, created_at, via FROM participants WHERE board_id = ? ORDER BY created_at, rowid",
  );
  const deleteParticipant = db.prepare("DELETE FROM participants WHERE board_id = ? AND id = ?");
  const notesPerParticipant = db.prepare<[string], { participant_id: string; n: number }>(
    "SELECT participant_id, COUNT(*) AS n FROM participant_notes WHERE board_id = ? GROUP BY participant_id",
  );
  const participantCount = db.prepare<[string], { n: number }>("SELECT COUNT(*) AS n FROM participants WHERE board_id = ?");
  const updateName = db.prepare("UPDATE participants SET name = ? WHERE board_id = ? AND id = ?");
  const insertNote = db.prepare(`INSERT INTO participant_notes (${NOTE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const noteByKey = db.prepare<[string, string, string], NoteRow>(
    `SELECT ${NOTE_COLUMNS} FROM participant_notes WHERE board_id = ? AND participant_id = ? AND idempotency_key = ?`,
  );
  const noteById = db.prepare<[string, string], NoteRow>(`SELECT ${NOTE_COLUMNS} FROM participant_notes WHERE board_id = ? AND id = ?`);
  const notesOfParticipant = db.prepare<[string, string], NoteRow>(
    `SELECT ${NOTE_COLUMNS} FROM participant_notes WHERE board_id = ? AND participant_id = ? ORDER BY created_at, rowid`,
  );
  const heldNotes = db.prepare<[string], NoteRow>(
    `SELECT ${NOTE_COLUMNS} FROM participant_notes WHERE board_id = ? AND held = 1 ORDER BY created_at, rowid`,
  );
  const updateText = db.prepare("UPDATE participant_notes SET text = ? WHERE board_id = ? AND id = ?");
  const updateColor = db.prepare("UPDATE participant_notes SET color = ? WHERE board_id = ? AND id = ?");
  // Once placed, the board document holds the note: its row keeps who wrote it, not what.
  const placeNote = db.prepare("UPDATE participant_notes SET held = 0, text = '' WHERE board_id = ? AND id = ?");
  const deleteNote = db.prepare("DELETE FROM participant_notes WHERE board_id = ? AND id = ?");
  const upsertDots = db.prepare(
    "INSERT INTO dots (board_id, vote_id, participant_id, note_id, dots) VALUES (?, ?, ?, ?, ?) ON CONFLICT (board_id, vote_id, participant_id, note_id) DO UPDATE SET dots = excluded.dots",
  );
  const deleteDots = db.prepare("DELETE FROM dots WHERE board_id = ? AND vote_id = ? AND participant_id = ? AND note_id = ?");
  const dotsOfParticipant = db.prepare<[string, string, string], { note_id: string; dots: number }>(
    "SELECT note_id, dots FROM dots WHERE board_id = ? AND vote_id = ? AND participant_id = ?",
  );
  const dotsPerNote = db.prepare<[string, string], { note_id: string; total: number }>(
    "SELECT note_id, SUM(dots) AS total FROM dots WHERE board_id = ? AND vote_id = ? GROUP BY note_id",
  );
  const votersOf = db.prepare<[string, string], { voters: number }>(
    "SELECT COUNT(DISTINCT participant_id) AS voters FROM dots WHERE board_id = ? AND vote_id = ? AND dots > 0",
  );
  const deleteEveryDotOf = db.prepare("DELETE FROM dots WHERE board_id = ? AND participant_id = ?");
  const placedNotesOf = db.prepare<[string, string], { id: string }>("SELECT id FROM participant_notes WHERE board_id = ? AND participant_id = ? AND held = 0");
  const deleteNotesOf = db.prepare("DELETE FROM participant_notes WHERE board_id = ? AND participant_id = ?");
  const deletePlacedNotesOf = db.prepare("DELETE FROM participant_notes WHERE board_id = ? AND participant_id = ? AND held = 0");
  // Held notes of an erased person wait for the reveal as nobody's: no participant, no name. Each
  // gets a placeholder of its own (idempotency keys are unique per participant, not per board).
  const orphanHeldNotesOf = db.prepare("UPDATE participant_notes SET participant_id = 'erased:' || id, author = NULL WHERE board_id = ? AND participant_id = ? AND held = 1");
  // Dots others gave a note that is removed go back to them.
  const deleteDotsOnNote = db.prepare("DELETE FROM dots WHERE board_id = ? AND note_id = ?");
  const erase = db.transaction((boardId: string, id: string, notes: "remove" | "anonymize") => {
    if (deleteParticipant.run(boardId, id).changes === 0) return null;
    deleteEveryDotOf.run(boardId, id);
    const placedNoteIds = placedNotesOf.all(boardId, id).map((row) => row.id);
    if (notes === "remove") {
      for (const noteId of placedNoteIds) deleteDotsOnNote.run(boardId, noteId);
      deleteNotesOf.run(boardId, id);
    } else {
      deletePlacedNotesOf.run(boardId, id);
      orphanHeldNotesOf.run(boardId, id);
    }
    return { placedNoteIds };
  });
  const addWithin = db.transaction((participant: ParticipantRecord, budget: number) => {
    if ((participantCount.get(participant.boardId)?.n ?? 0) >= budget) return false;
    insertParticipant.run(participant.boardId, participant.id, participant.name, participant.createdAt, participant.via);
    return true;
  });
  const markPlaced = db.transaction((boardId: string, noteIds: readonly string[]) => {
    for (const id of noteIds) placeNote.run(boardId, id);
  });

  return {
    async setJoinCode({ boardId, code, open, participantBudget }) {
      upsertCode.run(boardId, code, open ? 1 : 0, participantBudget);
    },
    async getJoinCode(boardId) {
      return codeRow(codeOfBoard.get(boardId));
    },
    async findJoinCode(code) {
      return codeRow(boardOfCode.get(code));
    },
    async addParticipant({ boardId, id, name, createdAt, via }) {
      insertParticipant.run(boardId, id, name, createdAt, via);
    },
    async addParticipantWithin(participant, budget) {
      return addWithin(participant, budget);
    },
    async getParticipant(boardId, id) {
      const row = selectParticipant.get(boardId, id);
      return row ? { boardId, id, name: row.name, createdAt: row.created_at, via: viaOf(row.via) } : null;
    },
    async listParticipants(boardId) {
      return participantsOfBoard.all(boardId).map((row) => ({ boardId, id: row.id, name: row.name, createdAt: row.created_at, via: viaOf(row.via) }));
    },
    async eraseParticipant(boardId, id, notes) {
      return erase(boardId, id, notes);
    },
    async countNotesByParticipant(boardId) {
      return new Map(notesPerParticipant.all(boardId).map((row) => [row.participant_id, row.n]));
    },
    async countParticipants(boardId) {
      return participantCount.get(boardId)?.n ?? 0;
    },
    async renameParticipant(boardId, id, name) {
      updateName.run(name, boardId, id);
    },
    async addParticipantNote(note) {
      insertNote.run(note.boardId, note.id, note.participantId, note.idempotencyKey, note.held ? note.text : "", note.color, note.held ? 1 : 0, note.author, note.createdAt, note.target?.frame ?? null, note.target?.cell ?? null);
    },
    async findNoteByIdempotencyKey(boardId, participantId, key) {
      const row = noteByKey.get(boardId, participantId, key);
      return row ? toNote(row) : null;
    },
    async getParticipantNote(boardId, noteId) {
      const row = noteById.get(boardId, noteId);
      return row ? toNote(row) : null;
    },
    async listParticipantNotes(boardId, participantId) {
      return notesOfParticipant.all(boardId, participantId).map(toNote);
    },
    async listHeldNotes(boardId) {
      return heldNotes.all(boardId).map(toNote);
    },
    async updateParticipantNote(boardId, noteId, { text, color }) {
      if (text !== undefined) updateText.run(text, boardId, noteId);
      if (color !== undefined) updateColor.run(color, boardId, noteId);
    },
    async markPlaced(boardId, noteIds) {
      markPlaced(boardId, noteIds);
    },
    async deleteParticipantNote(boardId, noteId) {
      deleteNote.run(boardId, noteId);
    },
    async setDots(boardId, voteId, participantId, noteId, dots) {
      if (dots > 0) upsertDots.run(boardId, voteId, participantId, noteId, dots);
      else deleteDots.run(boardId, voteId, participantId, noteId);
    },
    async dotsOf(boardId, voteId, participantId) {
      return new Map(dotsOfParticipant.all(boardId, voteId, participantId).map((row) => [row.note_id, row.dots]));
    },
    async tally(boardId, voteId) {
      return Object.fromEntries(dotsPerNote.all(boardId, voteId).map((row) => [row.note_id, row.total]));
    },
    async countVoters(boardId, voteId) {
      return votersOf.get(boardId, voteId)?.voters ?? 0;
    },
  };
}
