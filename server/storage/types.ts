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
