/**
 * What the rest of the server knows about storage: a handful of async calls. SQLite is the
 * embedded default; a PostgreSQL implementation only has to provide the same calls.
 */
export interface BoardRecord {
  id: string;
  title: string;
  createdAt: number;
  /** Mixed into the HMAC that derives the board's tokens; changing it revokes every link. */
  tokenSalt: string;
}

export interface StoredDocument {
  /** The compacted state, if the board has been compacted. */
  snapshot: Uint8Array | null;
  /** Updates appended since the snapshot, oldest first. */
  updates: Uint8Array[];
  /** Sequence number of the newest update returned (0 when none). */
  lastSeq: number;
}

export interface BoardStorage {
  createBoard(board: BoardRecord): Promise<void>;
  getBoard(id: string): Promise<BoardRecord | null>;
  loadDocument(boardId: string): Promise<StoredDocument>;
  /** Durable when the promise resolves. Returns the update's sequence number. */
  appendUpdate(boardId: string, update: Uint8Array): Promise<number>;
  /** Replaces the snapshot and every update up to `throughSeq` with `snapshot`, atomically. */
  compact(boardId: string, snapshot: Uint8Array, throughSeq: number): Promise<void>;
  /** Resolves when storage can be written and read back; rejects otherwise. */
  checkHealth(): Promise<void>;
  close(): Promise<void>;
}

/** A board's join code: phones trade it for a participant identity while `open`. */
export interface JoinCodeRecord {
  boardId: string;
  code: string;
  open: boolean;
  /** New participants the board takes, as its facilitator set it; null: the server's default. */
  participantBudget: number | null;
}

/** Someone who joined from a phone (or a board user acting as a writer or voter). No account. */
export interface ParticipantRecord {
  boardId: string;
  id: string;
  name: string;
  createdAt: number;
}

/**
 * A note a participant sent through the API. While `held` (private writing) its text lives only
 * here; once placed, the board document is the truth and this row only records who wrote it.
 */
export interface ParticipantNoteRecord {
  boardId: string;
  id: string;
  participantId: string;
  idempotencyKey: string;
  text: string;
  color: string;
  held: boolean;
  /** The writer's name when the step asked for signed notes as it was written; otherwise null. */
  author: string | null;
  createdAt: number;
}

/** What phones, private writing and voting need stored, beside the documents. */
export interface ParticipationStorage {
  /** Creates or replaces the board's code; rejects if another board holds the same code. */
  setJoinCode(record: JoinCodeRecord): Promise<void>;
  getJoinCode(boardId: string): Promise<JoinCodeRecord | null>;
  findJoinCode(code: string): Promise<JoinCodeRecord | null>;

  addParticipant(participant: ParticipantRecord): Promise<void>;
  getParticipant(boardId: string, id: string): Promise<ParticipantRecord | null>;
  renameParticipant(boardId: string, id: string, name: string): Promise<void>;
  /** Everyone who joined the board, in joining order (small groups are made from them). */
  listParticipants(boardId: string): Promise<ParticipantRecord[]>;

  addParticipantNote(note: ParticipantNoteRecord): Promise<void>;
  findNoteByIdempotencyKey(boardId: string, participantId: string, key: string): Promise<ParticipantNoteRecord | null>;
  getParticipantNote(boardId: string, noteId: string): Promise<ParticipantNoteRecord | null>;
  listParticipantNotes(boardId: string, participantId: string): Promise<ParticipantNoteRecord[]>;
  listHeldNotes(boardId: string): Promise<ParticipantNoteRecord[]>;
  countParticipants(boardId: string): Promise<number>;
  updateParticipantNote(boardId: string, noteId: string, changes: { text?: string; color?: string }): Promise<void>;
  markPlaced(boardId: string, noteIds: readonly string[]): Promise<void>;
  deleteParticipantNote(boardId: string, noteId: string): Promise<void>;

  /** One participant's dots on one note in one vote; 0 removes the row. */
  setDots(boardId: string, voteId: string, participantId: string, noteId: string, dots: number): Promise<void>;
  dotsOf(boardId: string, voteId: string, participantId: string): Promise<Map<string, number>>;
  tally(boardId: string, voteId: string): Promise<Record<string, number>>;
}

export type Storage = BoardStorage & ParticipationStorage;
