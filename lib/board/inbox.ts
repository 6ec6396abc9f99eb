import { intersects, type Rect } from "../geometry";
import { LIMITS } from "../schema/limits";
import { DEFAULT_NOTE_SIZE } from "../schema/note";

/**
 * The inbox, shown on the board as "Nya lappar": where notes from phones, revealed notes and
 * read-aloud notes land, in a tidy grid right of everything already on the board (worksheets
 * included, title bars and axis labels too), filling the first cells that nothing covers, so an
 * automatic placement never lands on a worksheet or on another note.
 */
export interface Point {
  x: number;
  y: number;
}

export const INBOX_COLUMNS = 6;
const GAP = 24;
const CELL = DEFAULT_NOTE_SIZE + GAP;
/** The band above the cells where the canvas writes "Nya lappar": kept clear of worksheets too. */
export const ARRIVAL_LABEL_HEIGHT = 64;
const MAX = LIMITS.maxCoordinate;
/**
 * The inbox's corner stays where its columns, and rows for as many notes as a board holds, fit
 * inside the board's limits: a note dragged to the far edge must not push new notes off the board.
 */
const MAX_ORIGIN_X = MAX - INBOX_COLUMNS * CELL;
const MAX_ORIGIN_Y = MAX - Math.ceil(LIMITS.maxNotesPerBoard / INBOX_COLUMNS + 1) * CELL;
const MIN_ORIGIN = -MAX + ARRIVAL_LABEL_HEIGHT + GAP;

/**
 * Right of everything on the board (notes and whole worksheets), aligned with its top, the label
 * band above it clear; the origin on an empty board. Near the board's right or bottom edge it moves
 * back inside (and free cells are then found between what is there).
 */
export function inboxOrigin(notes: readonly Rect[], frames: readonly Rect[] = []): Point {
  const content = [...notes, ...frames];
  if (content.length === 0) return { x: 0, y: 0 };
  let right = -Infinity;
  let top = Infinity;
  for (const rect of content) {
    right = Math.max(right, rect.x + rect.width);
    top = Math.min(top, rect.y);
  }
  return {
    x: clamp(Math.round(right + 2 * CELL - DEFAULT_NOTE_SIZE), MAX_ORIGIN_X),
    y: clamp(Math.round(top + ARRIVAL_LABEL_HEIGHT + GAP / 2), MAX_ORIGIN_Y),
  };
}

/**
 * The inbox to use now: the stored one while its label and first row are clear of every worksheet
 * (a worksheet dragged or added over it, or an inbox stored before worksheets counted, moves it).
 */
export function arrivalOrigin(stored: Point | null, notes: readonly Rect[], frames: readonly Rect[]): Point {
  if (stored && stored.x <= MAX_ORIGIN_X && stored.y <= MAX_ORIGIN_Y && stored.y >= MIN_ORIGIN && !frames.some((frame) => intersects(frame, headOf(stored)))) return stored;
  return inboxOrigin(notes, frames);
}

/**
 * The top-left corners of the first `count` inbox cells that no note or worksheet covers, in
 * reading order. Should the rows reach the board's bottom edge, the search goes on in the
 * columns to the left, so a cell is always inside the board.
 */
export function freeInboxCells(inbox: Point, obstacles: readonly Rect[], count: number): Point[] {
  const near = obstacles.filter((rect) => rect.y + rect.height > inbox.y);
  const cells: Point[] = [];
  let left = inbox.x;
  for (let index = 0; cells.length < count; index++) {
    const row = Math.floor(index / INBOX_COLUMNS);
    const cell = { x: left + (index % INBOX_COLUMNS) * CELL, y: inbox.y + row * CELL };
    if (cell.y + DEFAULT_NOTE_SIZE > MAX) {
      left -= INBOX_COLUMNS * CELL;
      if (left < -MAX) break;
      index = -1;
      continue;
    }
    const rect = { ...cell, width: DEFAULT_NOTE_SIZE, height: DEFAULT_NOTE_SIZE };
    if (!near.some((other) => intersects(other, rect))) cells.push(cell);
  }
  return cells;
}

/** The area the inbox's first rows cover, for drawing its outline on the board. */
export function inboxArea(inbox: Point, rows: number): Rect {
  return { x: inbox.x - GAP / 2, y: inbox.y - GAP / 2, width: INBOX_COLUMNS * CELL, height: Math.max(1, rows) * CELL };
}

/** The band above the inbox where its name is written. */
export function arrivalLabelRect(inbox: Point): Rect {
  return { x: inbox.x - GAP / 2, y: inbox.y - GAP / 2 - ARRIVAL_LABEL_HEIGHT, width: INBOX_COLUMNS * CELL, height: ARRIVAL_LABEL_HEIGHT };
}

/** The notes waiting in the inbox: in no worksheet's cell, their centre inside its columns, below its top. */
export function notesInArrival<T extends Rect & { frame?: string }>(inbox: Point, notes: readonly T[]): T[] {
  const area = inboxArea(inbox, Math.ceil(LIMITS.maxNotesPerBoard / INBOX_COLUMNS) + 1);
  return notes.filter((note) => {
    if (note.frame !== undefined) return false;
    const cx = note.x + note.width / 2;
    const cy = note.y + note.height / 2;
    return cx >= area.x && cx < area.x + area.width && cy >= area.y && cy < area.y + area.height;
  });
}

/** How many rows the inbox's outline takes: down to its lowest waiting note, one row at least. */
export function arrivalRows(inbox: Point, waiting: readonly Rect[]): number {
  const bottom = Math.max(inbox.y, ...waiting.map((note) => note.y + note.height));
  return Math.max(1, Math.ceil((bottom - inbox.y + GAP / 2) / CELL));
}

/** The inbox's label and outline together: what kits and views keep clear of, or bring into view. */
export function arrivalRect(inbox: Point, rows: number): Rect {
  const head = arrivalLabelRect(inbox);
  return { ...head, height: head.height + inboxArea(inbox, rows).height };
}

function headOf(inbox: Point): Rect {
  return arrivalRect(inbox, 1);
}

function clamp(value: number, max: number): number {
  return Math.max(MIN_ORIGIN, Math.min(max, value));
}
