import { LIMITS } from "../schema/limits";
import { DEFAULT_NOTE_SIZE, type NoteSnapshot } from "../schema/note";

/**
 * The inbox: where notes from phones and revealed notes land, in a tidy grid to the right of what
 * is already on the board, filling the first free cells so notes never land on top of each other.
 */
export interface Point {
  x: number;
  y: number;
}

export const INBOX_COLUMNS = 6;
const GAP = 24;
const CELL = DEFAULT_NOTE_SIZE + GAP;
/**
 * The inbox's corner stays where its columns, and rows for as many notes as a board holds, fit
 * inside the board's limits: a note dragged to the far edge must not push new notes off the board.
 */
const MAX_ORIGIN_X = LIMITS.maxCoordinate - INBOX_COLUMNS * CELL;
const MAX_ORIGIN_Y = LIMITS.maxCoordinate - Math.ceil(LIMITS.maxNotesPerBoard / INBOX_COLUMNS + 1) * CELL;

/**
 * Right of everything on the board, aligned with its top; the origin on an empty board. Near the
 * board's right or bottom edge it moves back inside (and free cells are then found among the notes).
 */
export function inboxOrigin(notes: ReadonlyArray<Pick<NoteSnapshot, "x" | "y" | "width">>): Point {
  if (notes.length === 0) return { x: 0, y: 0 };
  let right = -Infinity;
  let top = Infinity;
  for (const note of notes) {
    right = Math.max(right, note.x + note.width);
    top = Math.min(top, note.y);
  }
  return { x: Math.min(MAX_ORIGIN_X, Math.round(right + 2 * CELL - DEFAULT_NOTE_SIZE)), y: Math.min(MAX_ORIGIN_Y, Math.round(top)) };
}

/** The top-left corners of the first `count` inbox cells that no note covers, in reading order. */
export function freeInboxCells(inbox: Point, notes: readonly NoteSnapshot[], count: number): Point[] {
  const inArea = notes.filter((note) => note.x + note.width > inbox.x && note.y + note.height > inbox.y);
  const cells: Point[] = [];
  for (let index = 0; cells.length < count; index++) {
    const cell = { x: inbox.x + (index % INBOX_COLUMNS) * CELL, y: inbox.y + Math.floor(index / INBOX_COLUMNS) * CELL };
    if (!inArea.some((note) => overlaps(note, cell))) cells.push(cell);
  }
  return cells;
}

/** The area the inbox's first rows cover, for drawing its outline on the board. */
export function inboxArea(inbox: Point, rows: number): { x: number; y: number; width: number; height: number } {
  return { x: inbox.x - GAP / 2, y: inbox.y - GAP / 2, width: INBOX_COLUMNS * CELL, height: Math.max(1, rows) * CELL };
}

function overlaps(note: NoteSnapshot, cell: Point): boolean {
  return note.x < cell.x + DEFAULT_NOTE_SIZE && note.x + note.width > cell.x && note.y < cell.y + DEFAULT_NOTE_SIZE && note.y + note.height > cell.y;
}
