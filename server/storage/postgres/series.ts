import type pg from "pg";
import type { SeriesStorage } from "../types";
import { inTransaction, row, rows, type Sql } from "./pool";

type PlaceRow = { series_id: string; position: number; welcomes_previous: boolean; continues_board: string | null };

const INSERT = "INSERT INTO series_meetings (board_id, series_id, position, added_at, welcomes_previous, continues_board) VALUES ($1, $2, $3, $4, $5, $6)";

/**
 * The board's place, made (as a series' first meeting) if it has none. Read FOR SHARE: the place
 * stays as read (not deleted with its board) until the row written after it is committed. Made
 * with ON CONFLICT DO NOTHING and read again: of two calls starting the same series, the second
 * waits for the first and joins its series, as SQLite's one writer at a time would have it.
 */
async function placeOf(sql: Sql, boardId: string, newSeriesId: string, at: number): Promise<PlaceRow> {
  const select = "SELECT series_id, position, welcomes_previous, continues_board FROM series_meetings WHERE board_id = $1 FOR SHARE";
  const found = await row<PlaceRow>(sql, select, [boardId]);
  if (found) return found;
  await sql.query(`${INSERT} ON CONFLICT (board_id) DO NOTHING`, [boardId, newSeriesId, 1, at, false, null]);
  return (await row<PlaceRow>(sql, select, [boardId]))!;
}

/**
 * Series of meetings (lib/series), as in SQLite (server/storage/sqlite-series.ts): which board
 * follows which (`continues_board`), at which place (`position`; parallel boards share one). One
 * row per board in a series, deleted with its board (lifecycle.ts BOARD_TABLES): a series ends
 * when its last board is deleted. `ord` orders boards added at the same time, as SQLite's rowid.
 */
export function pgSeries(pool: pg.Pool): SeriesStorage {
  return {
    // Transactions: the place read and the row written are one step.
    async continueSeries(previous, next, newSeriesId, at, welcomesPrevious = false) {
      return inTransaction(pool, async (sql) => {
        const place = await placeOf(sql, previous, newSeriesId, at);
        await sql.query(INSERT, [next, place.series_id, place.position + 1, at, welcomesPrevious, previous]);
        return place.series_id;
      });
    },
    async seriesOf(boardId) {
      const found = await row<PlaceRow>(pool, "SELECT series_id, position, welcomes_previous, continues_board FROM series_meetings WHERE board_id = $1", [boardId]);
      return found ? { seriesId: found.series_id, position: found.position, welcomesPrevious: found.welcomes_previous, continues: found.continues_board } : null;
    },
    async addParallel(sibling, board, newSeriesId, at) {
      return inTransaction(pool, async (sql) => {
        const place = await placeOf(sql, sibling, newSeriesId, at);
        // Another group's board of the same meeting: it continues no one's board (each group's next
        // meeting continues its own), so nothing of the sibling's group is carried into it.
        await sql.query(INSERT, [board, place.series_id, place.position, at, false, null]);
        return place.series_id;
      });
    },
    async nextOf(boardId) {
      const found = await row<{ board_id: string }>(pool, "SELECT board_id FROM series_meetings WHERE continues_board = $1 ORDER BY added_at, ord LIMIT 1", [boardId]);
      return found?.board_id ?? null;
    },
    async meetingsOf(seriesId) {
      const found = await rows<{ board_id: string; position: number; continues_board: string | null }>(
        pool,
        "SELECT board_id, position, continues_board FROM series_meetings WHERE series_id = $1 ORDER BY position, added_at, ord",
        [seriesId],
      );
      return found.map((meeting) => ({ boardId: meeting.board_id, position: meeting.position, continues: meeting.continues_board }));
    },
  };
}
