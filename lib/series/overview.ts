import type { BoardReport } from "../export/report";

/**
 * A programme lead's view of one board (seeds/002: many groups in parallel): each worksheet with
 * how many notes it holds and its most-voted few. Read from the board's report, so it says what
 * the exports say.
 */
export interface WorksheetOverview {
  title: string;
  kind: BoardReport["frames"][number]["kind"];
  notes: number;
  top: Array<{ text: string; votes: number }>;
}

export const OVERVIEW_TOP = 3;

export function worksheetOverview(report: BoardReport): WorksheetOverview[] {
  return report.frames.map((frame) => {
    const notes = frame.cells.flatMap((cell) => cell.notes);
    const top = [...notes]
      .sort((a, b) => b.votes - a.votes) // stable: reading order among equals
      .slice(0, OVERVIEW_TOP)
      .map(({ text, votes }) => ({ text, votes }));
    return { title: frame.title, kind: frame.kind, notes: notes.length, top };
  });
}
