import type pg from "pg";
import { perKeyInTurn } from "../../../lib/in-turn";
import type { AppendBatch, BoardStorage, DocName, StoredDocument } from "../types";
import { ClaimLostError, type WriteFence } from "./fence";
import { inTransaction, row, rows, type Sql } from "./pool";

type DocumentStorage = Pick<BoardStorage, "loadDocument" | "append" | "compact" | "quarantine" | "dropQuarantined" | "writersOf">;

/** Each board's two Yjs documents as a log of updates plus a snapshot, as in SQLite (sqlite-documents.ts). */
export function pgDocuments(pool: pg.Pool, fence?: WriteFence): DocumentStorage {
  const inCallOrder = perKeyInTurn();
  const fenced = fence ? (sql: Sql, boardId: string | null) => fence.check(sql, boardId) : async () => undefined;
  return {
    async loadDocument(boardId, doc = "board"): Promise<StoredDocument> {
      // One snapshot of the database for both reads: a compaction between them would lose updates.
      return inTransaction(pool, async (sql) => {
        await sql.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
        const snapshot = await row<{ data: Buffer; through_seq: number }>(sql, "SELECT data, through_seq FROM document_snapshots WHERE board_id = $1 AND doc = $2", [boardId, doc]);
        const updates = await rows<{ seq: number; data: Buffer }>(sql, "SELECT seq, data FROM updates WHERE board_id = $1 AND doc = $2 AND seq > $3 ORDER BY seq", [
          boardId,
          doc,
          snapshot?.through_seq ?? 0,
        ]);
        return {
          snapshot: snapshot ? new Uint8Array(snapshot.data) : null,
          updates: updates.map((update) => new Uint8Array(update.data)),
          seqs: updates.map((update) => update.seq),
          lastSeq: updates.length > 0 ? updates[updates.length - 1].seq : (snapshot?.through_seq ?? 0),
        };
      });
    },
    // A board's updates get their seqs in the order they were appended, as in SQLite: a pool of
    // connections would otherwise let a later append commit first, and a compaction through the
    // later one's seq would drop the earlier one before it was in any snapshot.
    append: (boardId, batch) => inCallOrder(boardId, () => appendNow(pool, boardId, batch, fence)),
    async compact(boardId, snapshot, throughSeq, doc = "board") {
      await inTransaction(pool, async (sql) => {
        await fenced(sql, boardId);
        await sql.query(
          "INSERT INTO document_snapshots (board_id, doc, data, through_seq) VALUES ($1, $2, $3, $4) ON CONFLICT (board_id, doc) DO UPDATE SET data = excluded.data, through_seq = excluded.through_seq",
          [boardId, doc, Buffer.from(snapshot), throughSeq],
        );
        await sql.query("DELETE FROM updates WHERE board_id = $1 AND doc = $2 AND seq <= $3", [boardId, doc, throughSeq]);
      });
    },
    async quarantine(boardId, doc, which, reason) {
      await inTransaction(pool, async (sql) => {
        await fenced(sql, boardId);
        const moved =
          which === "snapshot"
            ? await row<{ data: Buffer }>(sql, "DELETE FROM document_snapshots WHERE board_id = $1 AND doc = $2 RETURNING data", [boardId, doc])
            : await row<{ data: Buffer }>(sql, "DELETE FROM updates WHERE board_id = $1 AND doc = $2 AND seq = $3 RETURNING data", [boardId, doc, which]);
        if (!moved) return;
        await sql.query("INSERT INTO quarantined_updates (board_id, doc, seq, data, reason, quarantined_at) VALUES ($1, $2, $3, $4, $5, $6)", [
          boardId,
          doc,
          which === "snapshot" ? null : which,
          moved.data,
          reason,
          Date.now(),
        ]);
      });
    },
    async dropQuarantined({ boardId, before }) {
      const result = await inTransaction(pool, async (sql) => {
        await fenced(sql, boardId ?? null);
        return boardId === undefined
          ? sql.query("DELETE FROM quarantined_updates WHERE quarantined_at < $1", [before ?? 0])
          : sql.query("DELETE FROM quarantined_updates WHERE board_id = $1", [boardId]);
      });
      return result.rowCount ?? 0;
    },
    async writersOf(boardId) {
      const found = await rows<{ client_id: number; writer: string }>(pool, "SELECT client_id, writer FROM writers WHERE board_id = $1", [boardId]);
      return new Map(found.map((writer) => [writer.client_id, writer.writer]));
    },
  };
}

async function insertUpdate(sql: Sql, boardId: string, doc: DocName, update: Uint8Array): Promise<number> {
  const inserted = await row<{ seq: number }>(sql, "INSERT INTO updates (board_id, doc, data) VALUES ($1, $2, $3) RETURNING seq", [boardId, doc, Buffer.from(update)]);
  return inserted!.seq;
}

/** The same insert, in the one statement the hot path makes, made only while the fence lets this server write. */
async function insertFencedUpdate(sql: Sql, boardId: string, doc: DocName, update: Uint8Array, fence: WriteFence): Promise<number> {
  const condition = fence.condition(boardId, "$1", 4);
  const inserted = await row<{ seq: number }>(sql, `INSERT INTO updates (board_id, doc, data) SELECT $1, $2, $3 WHERE ${condition.sql} RETURNING seq`, [
    boardId,
    doc,
    Buffer.from(update),
    ...condition.values,
  ]);
  if (!inserted) throw new ClaimLostError();
  return inserted.seq;
}

async function appendNow(pool: pg.Pool, boardId: string, batch: AppendBatch, fence: WriteFence | undefined): Promise<Partial<Record<DocName, number>>> {
  const docs = (["board", "session"] as const).filter((doc) => batch[doc]);
  // Most changes are one update to one document: one statement is atomic by itself.
  if (docs.length === 1 && !batch.writers?.length) {
    const update = batch[docs[0]]!;
    return { [docs[0]]: fence ? await insertFencedUpdate(pool, boardId, docs[0], update, fence) : await insertUpdate(pool, boardId, docs[0], update) };
  }
  return inTransaction(pool, async (sql) => {
    if (fence) await fence.check(sql, boardId);
    const seqs: Partial<Record<DocName, number>> = {};
    for (const doc of docs) seqs[doc] = await insertUpdate(sql, boardId, doc, batch[doc]!);
    for (const [clientId, writer] of batch.writers ?? []) {
      await sql.query("INSERT INTO writers (board_id, client_id, writer) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", [boardId, clientId, writer]);
    }
    return seqs;
  });
}
