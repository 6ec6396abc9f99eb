import type * as Y from "yjs";
import { notesOf } from "../schema/board";
import { readFrames, type FrameKind, type FrameSnapshot } from "../schema/frame";
import { readNote, type NoteSnapshot, type ParkingStatus, type Significance } from "../schema/note";
import { readSession } from "../schema/session";
import { ownValue } from "../own";
import { definedOnly } from "../defined";

/**
 * What the board says, as the binder needs it: each worksheet with its cells in order and the
 * notes of each cell in reading order, then the notes outside every worksheet. The CSV, the PDF
 * and the tests all read this one model, so they never disagree about where a note is.
 */
export interface ReportNote {
  id: string;
  text: string;
  author?: string;
  votes: number;
  /** The post-it colour's hex value (lib/schema/note-colors.ts). */
  color: string;
  significance?: Significance;
  status?: ParkingStatus;
  owner?: string;
  startDate?: string;
  followUpDate?: string;
}

export interface ReportCell {
  index: number;
  /** The cell's label; a quadrant cell's number with what its row and column mean. May be "". */
  label: string;
  notes: ReportNote[];
}

export interface ReportFrame {
  id: string;
  title: string;
  kind: FrameKind;
  cells: ReportCell[];
}

export interface BoardReport {
  frames: ReportFrame[];
  /** Notes in no worksheet cell; empty when the report is of one frame. */
  outside: ReportNote[];
}

export interface ReportOptions {
  /** Only this worksheet (and no notes outside it). An unknown id gives an empty report. */
  frameId?: string;
}

export function buildReport(doc: Y.Doc, session: Y.Doc, options: ReportOptions = {}): BoardReport {
  const votes = readSession(session).voteCounts;
  const frames = readFrames(doc)
    .filter((frame) => options.frameId === undefined || frame.id === options.frameId)
    .sort((a, b) => a.y - b.y || a.x - b.x || a.createdAt - b.createdAt);
  const cellsByFrame = new Map(frames.map((frame) => [frame.id, emptyCells(frame)]));
  const outside: NoteSnapshot[] = [];
  for (const [id, map] of notesOf(doc).entries()) {
    const note = readNote(id, map);
    const cell = note.frame === undefined ? undefined : cellsByFrame.get(note.frame)?.[note.cell ?? 0];
    if (cell) cell.notes.push(note);
    else if (options.frameId === undefined) outside.push(note);
  }
  const toReport = (note: NoteSnapshot) => reportNote(note, ownValue(votes, note.id) ?? 0);
  return {
    frames: frames.map((frame) => ({
      id: frame.id,
      title: frame.title,
      kind: frame.kind,
      cells: cellsByFrame.get(frame.id)!.map((cell) => ({
        index: cell.index,
        label: cell.label,
        notes: sortNotes(cell.notes, frame.kind).map(toReport),
      })),
    })),
    outside: sortNotes(outside, "flipchart").map(toReport),
  };
}

/**
 * A cell's label in the report. A quadrant cell is only a number on the board, with its meaning on
 * the axes: on paper the meaning goes with it ("1 – Påverkan: Stor, Kan börja nu: Ja").
 */
export function cellLabel(frame: FrameSnapshot, index: number): string {
  const own = frame.cellLabels[index] ?? "";
  if (frame.kind !== "quadrant" || frame.columns === 0) return own;
  const row = Math.floor(index / frame.columns);
  const column = index % frame.columns;
  // "Påverkan: Stor", but a question axis reads as question and answer: "Kan vi börja omedelbart? Ja".
  const part = (axis: string | undefined, value: string | undefined) => (value ? (axis ? `${axis}${/[?:]$/.test(axis.trim()) ? "" : ":"} ${value}` : value) : "");
  const meaning = [part(frame.rowAxis, frame.rowLabels?.[row]), part(frame.columnAxis, frame.columnLabels?.[column])].filter(Boolean).join(", ");
  if (!meaning) return own;
  return own ? `${own} – ${meaning}` : meaning;
}

function emptyCells(frame: FrameSnapshot): Array<{ index: number; label: string; notes: NoteSnapshot[] }> {
  return Array.from({ length: frame.rows * frame.columns }, (_, index) => ({ index, label: cellLabel(frame, index), notes: [] }));
}

/** Reading order: top to bottom, then left to right; a parking lot puts large significance first. */
function sortNotes(notes: NoteSnapshot[], kind: FrameKind): NoteSnapshot[] {
  const rank = (note: NoteSnapshot) => (kind === "parking" && note.significance !== "large" ? 1 : 0);
  return [...notes].sort((a, b) => rank(a) - rank(b) || a.y - b.y || a.x - b.x || a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}

function reportNote(note: NoteSnapshot, votes: number): ReportNote {
  const { id, text, author, color, significance, status, owner, startDate, followUpDate } = note;
  const optional = { author, significance, status, owner, startDate, followUpDate };
  return {
    id,
    text,
    votes,
    color,
    ...definedOnly(optional),
  };
}

/** Every note of the report in order, each with its worksheet and cell: the CSV's rows. */
export function reportRows(report: BoardReport): Array<{ frame: ReportFrame | null; cell: ReportCell | null; note: ReportNote }> {
  const rows: Array<{ frame: ReportFrame | null; cell: ReportCell | null; note: ReportNote }> = [];
  for (const frame of report.frames) for (const cell of frame.cells) for (const note of cell.notes) rows.push({ frame, cell, note });
  for (const note of report.outside) rows.push({ frame: null, cell: null, note });
  return rows;
}
