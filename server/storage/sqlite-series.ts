import type Database from "better-sqlite3";
import type { SeriesStorage } from "./types";

/**
 * Series of meetings (lib/series): which board follows which (`continues_board`), at which place
 * (`position`; parallel boards, such as one per group of a programme, share one). One row per board in a series, so
 * deleting a board takes its place in the series with it (BOARD_TABLES), and a series is nothing
 * but its boards: it ends when its last board is deleted.
 */
export const SERIES_SCHEMA = `
CREATE TABLE IF NOT EXISTS series_meetings (
  board_id TEXT PRIMARY KEY REFERENCES boards(id),
  series_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  added_at INTEGER NOT NULL,
  welcomes_previous INTEGER NOT NULL DEFAULT 0,
  continues_board TEXT
);
CREATE INDEX IF NOT EXISTS series_meetings_by_series ON series_meetings (series_id, position);
`;

/** The kit a board was made from (its next meeting is offered the kit that follows it), and columns added since the table first shipped. */
export function upgradeSeriesColumns(db: Database.Database): void {
  const columnsOf = (table: string) => new Set(db.prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`).all().map((c) => c.name));
  if (!columnsOf("boards").has("kit")) db.exec("ALTER TABLE boards ADD COLUMN kit TEXT");
  if (!columnsOf("series_meetings").has("welcomes_previous")) db.exec("ALTER TABLE series_meetings ADD COLUMN welcomes_previous INTEGER NOT NULL DEFAULT 0");
  if (!columnsOf("series_meetings").has("continues_board")) db.exec("ALTER TABLE series_meetings ADD COLUMN continues_board TEXT");
}

export function sqliteSeries(db: Database.Database): SeriesStorage {
  const select = db.prepare<[string], { series_id: string; position: number; welcomes_previous: number; continues_board: string | null }>(
    "SELECT series_id, position, welcomes_previous, continues_board FROM series_meetings WHERE board_id = ?",
  );
  const insert = db.prepare("INSERT INTO series_meetings (board_id, series_id, position, added_at, welcomes_previous, continues_board) VALUES (?, ?, ?, ?, ?, ?)");
  const meetings = db.prepare<[string], { board_id: string; position: number; continues_board: string | null }>(
    "SELECT board_id, position, continues_board FROM series_meetings WHERE series_id = ? ORDER BY position, added_at, rowid",
  );
  const following = db.prepare<[string], { board_id: string }>("SELECT board_id FROM series_meetings WHERE continues_board = ? ORDER BY added_at, rowid LIMIT 1");
  /** The board's place, made (as a series' first meeting) if it has none. */
  const placeOf = (boardId: string, newSeriesId: string, at: number) => {
    const found = select.get(boardId);
    if (found) return found;
    insert.run(boardId, newSeriesId, 1, at, 0, null);
    return select.get(boardId)!;
  };
  // Transactions: the place read and the row written are one step.
  const join = db.transaction((previous: string, next: string, newSeriesId: string, at: number, welcomesPrevious: boolean): string => {
    const place = placeOf(previous, newSeriesId, at);
    insert.run(next, place.series_id, place.position + 1, at, welcomesPrevious ? 1 : 0, previous);
    return place.series_id;
  });
  const besides = db.transaction((sibling: string, board: string, newSeriesId: string, at: number): string => {
    const place = placeOf(sibling, newSeriesId, at);
    // Another group's board of the same meeting: it continues no one's board (each group's next
    // meeting continues its own), so nothing of the sibling's group is carried into it.
    insert.run(board, place.series_id, place.position, at, 0, null);
    return place.series_id;
  });
  return {
    async continueSeries(previous, next, newSeriesId, at, welcomesPrevious = false) {
      return join(previous, next, newSeriesId, at, welcomesPrevious);
    },
    async seriesOf(boardId) {
      const row = select.get(boardId);
      return row ? { seriesId: row.series_id, position: row.position, welcomesPrevious: row.welcomes_previous === 1, continues: row.continues_board } : null;
    },
    async addParallel(sibling, board, newSeriesId, at) {
      return besides(sibling, board, newSeriesId, at);
    },
    async nextOf(boardId) {
      return following.get(boardId)?.board_id ?? null;
    },
    async meetingsOf(seriesId) {
      return meetings.all(seriesId).map((row) => ({ boardId: row.board_id, position: row.position, continues: row.continues_board }));
    },
  };
}
