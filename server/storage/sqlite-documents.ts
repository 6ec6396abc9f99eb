import type Database from "better-sqlite3";
import type { AppendBatch, BoardStorage, DocName, StoredDocument } from "./types";

/**
 * Each board's two Yjs documents (the board and its session, docs/schema.md) as an append-only log
 * of updates plus a compacted snapshot, the Yjs client ids bound to their writers, and updates
 * that could not be applied, kept aside for inspection.
 */
export const DOCUMENT_SCHEMA = `
CREATE TABLE IF NOT EXISTS updates (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  board_id TEXT NOT NULL REFERENCES boards(id),
  doc TEXT NOT NULL DEFAULT 'board',
  data BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS document_snapshots (
  board_id TEXT NOT NULL REFERENCES boards(id),
  doc TEXT NOT NULL,
  data BLOB NOT NULL,
  through_seq INTEGER NOT NULL,
  PRIMARY KEY (board_id, doc)
);
CREATE TABLE IF NOT EXISTS writers (
  board_id TEXT NOT NULL REFERENCES boards(id),
  client_id INTEGER NOT NULL,
  writer TEXT NOT NULL,
  PRIMARY KEY (board_id, client_id)
);
CREATE TABLE IF NOT EXISTS quarantined_updates (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  board_id TEXT NOT NULL,
  doc TEXT NOT NULL,
  seq INTEGER,
  data BLOB NOT NULL,
  reason TEXT NOT NULL,
  quarantined_at INTEGER NOT NULL
);
`;

/**
 * Databases from before the session document: every update and snapshot is the board's. The old
 * `snapshots` table (one per board) moves into `document_snapshots` once.
 */
export function upgradeDocumentTables(db: Database.Database): void {
  const columns = db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('updates')").all();
  if (!columns.some((column) => column.name === "doc")) db.exec("ALTER TABLE updates ADD COLUMN doc TEXT NOT NULL DEFAULT 'board'");
  db.exec("CREATE INDEX IF NOT EXISTS updates_by_document ON updates (board_id, doc, seq)");
  db.exec("DROP INDEX IF EXISTS updates_by_board");
  const legacy = db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'snapshots'").get();
  if (legacy?.n) {
    db.transaction(() => {
      db.exec("INSERT OR IGNORE INTO document_snapshots (board_id, doc, data, through_seq) SELECT board_id, 'board', data, through_seq FROM snapshots");
      db.exec("DROP TABLE snapshots");
    })();
  }
}

type DocumentStorage = Pick<BoardStorage, "loadDocument" | "append" | "compact" | "quarantine" | "dropQuarantined" | "writersOf">;

export function sqliteDocuments(db: Database.Database): DocumentStorage {
  const selectSnapshot = db.prepare<[string, string], { data: Buffer; through_seq: number }>(
    "SELECT data, through_seq FROM document_snapshots WHERE board_id = ? AND doc = ?",
  );
  const selectUpdates = db.prepare<[string, string, number], { seq: number; data: Buffer }>(
    "SELECT seq, data FROM updates WHERE board_id = ? AND doc = ? AND seq > ? ORDER BY seq",
  );
  const insertUpdate = db.prepare("INSERT INTO updates (board_id, doc, data) VALUES (?, ?, ?)");
  const insertWriter = db.prepare("INSERT OR IGNORE INTO writers (board_id, client_id, writer) VALUES (?, ?, ?)");
  const selectWriters = db.prepare<[string], { client_id: number; writer: string }>("SELECT client_id, writer FROM writers WHERE board_id = ?");
  const upsertSnapshot = db.prepare(
    "INSERT INTO document_snapshots (board_id, doc, data, through_seq) VALUES (?, ?, ?, ?) ON CONFLICT (board_id, doc) DO UPDATE SET data = excluded.data, through_seq = excluded.through_seq",
  );
  const deleteUpdates = db.prepare("DELETE FROM updates WHERE board_id = ? AND doc = ? AND seq <= ?");
  const selectUpdate = db.prepare<[string, string, number], { data: Buffer }>("SELECT data FROM updates WHERE board_id = ? AND doc = ? AND seq = ?");
  const deleteUpdate = db.prepare("DELETE FROM updates WHERE board_id = ? AND doc = ? AND seq = ?");
  const deleteSnapshot = db.prepare("DELETE FROM document_snapshots WHERE board_id = ? AND doc = ?");
  const deleteQuarantinedOf = db.prepare("DELETE FROM quarantined_updates WHERE board_id = ?");
  const deleteQuarantinedBefore = db.prepare("DELETE FROM quarantined_updates WHERE quarantined_at < ?");
  const insertQuarantined = db.prepare("INSERT INTO quarantined_updates (board_id, doc, seq, data, reason, quarantined_at) VALUES (?, ?, ?, ?, ?, ?)");

  const append = db.transaction((boardId: string, batch: AppendBatch) => {
    const seqs: Partial<Record<DocName, number>> = {};
    for (const doc of ["board", "session"] as const) {
      const update = batch[doc];
      if (update) seqs[doc] = Number(insertUpdate.run(boardId, doc, Buffer.from(update)).lastInsertRowid);
    }
    for (const [clientId, writer] of batch.writers ?? []) insertWriter.run(boardId, clientId, writer);
    return seqs;
  });
  const compact = db.transaction((boardId: string, doc: DocName, snapshot: Uint8Array, throughSeq: number) => {
    upsertSnapshot.run(boardId, doc, Buffer.from(snapshot), throughSeq);
    deleteUpdates.run(boardId, doc, throughSeq);
  });
  const quarantine = db.transaction((boardId: string, doc: DocName, which: number | "snapshot", reason: string) => {
    const row = which === "snapshot" ? selectSnapshot.get(boardId, doc) : selectUpdate.get(boardId, doc, which);
    if (!row) return;
    insertQuarantined.run(boardId, doc, which === "snapshot" ? null : which, row.data, reason, Date.now());
    if (which === "snapshot") deleteSnapshot.run(boardId, doc);
    else deleteUpdate.run(boardId, doc, which);
  });

  return {
    async loadDocument(boardId, doc = "board"): Promise<StoredDocument> {
      const snapshot = selectSnapshot.get(boardId, doc);
      const rows = selectUpdates.all(boardId, doc, snapshot?.through_seq ?? 0);
      return {
        snapshot: snapshot ? new Uint8Array(snapshot.data) : null,
        updates: rows.map((row) => new Uint8Array(row.data)),
        seqs: rows.map((row) => row.seq),
        lastSeq: rows.length > 0 ? rows[rows.length - 1].seq : (snapshot?.through_seq ?? 0),
      };
    },
    async append(boardId, batch) {
      // Most changes are one update to one document: a single insert is atomic by itself, and an
      // explicit transaction around it costs a BEGIN and a COMMIT on every keystroke.
      const only = batch.writers?.length ? null : batch.board && !batch.session ? "board" : batch.session && !batch.board ? "session" : null;
      if (only) return { [only]: Number(insertUpdate.run(boardId, only, Buffer.from(batch[only]!)).lastInsertRowid) };
      return append(boardId, batch);
    },
    async compact(boardId, snapshot, throughSeq, doc = "board") {
      compact(boardId, doc, snapshot, throughSeq);
      db.pragma("incremental_vacuum");
    },
    async quarantine(boardId, doc, which, reason) {
      quarantine(boardId, doc, which, reason);
    },
    async dropQuarantined({ boardId, before }) {
      return (boardId === undefined ? deleteQuarantinedBefore.run(before ?? 0) : deleteQuarantinedOf.run(boardId)).changes;
    },
    async writersOf(boardId) {
      return new Map(selectWriters.all(boardId).map((row) => [row.client_id, row.writer]));
    },
  };
}
