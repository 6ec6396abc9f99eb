import * as Y from "yjs";
import { readSession, writeSession } from "../schema/session";
import type { Rect } from "../geometry";
import { notesOf } from "../schema/board";
import { MAX_FRAME_SIZE, defaultShape, frameFieldsSchema, framesOf, readFrame, readFrames, type FrameFields, type FrameKind, type FrameSnapshot } from "../schema/frame";
import { LIMITS } from "../schema/limits";
import { readNote, type NoteSnapshot } from "../schema/note";
import { cellAt, cellContentRect, cellRects, centreOf } from "./frame-layout";

/**
 * Frame actions as plain functions on a Y.Doc, like ./actions.ts for notes: the canvas, the kits
 * and imports all go through these, so a note's cell is decided the same way everywhere.
 */
export interface NewFrame extends Partial<Omit<FrameFields, "kind" | "title" | "x" | "y">> {
  id: string;
  kind: FrameKind;
  title: string;
  x: number;
  y: number;
  now: number;
}

export const DEFAULT_FRAME_SIZE: Record<FrameKind, { width: number; height: number }> = {
  quadrant: { width: 1400, height: 1100 },
  columns: { width: 1500, height: 900 },
  flipchart: { width: 700, height: 1000 },
  parking: { width: 1200, height: 1000 },
  scale: { width: 1400, height: 420 },
};

const NOTE_GAP = 20;

/** Validates and writes a frame; throws (zod) on fields no frame may have. */
export function createFrame(doc: Y.Doc, input: NewFrame, origin: unknown): void {
  const shape = defaultShape(input.kind);
  const size = DEFAULT_FRAME_SIZE[input.kind];
  const rows = input.rows ?? shape.rows;
  const columns = input.columns ?? shape.columns;
  const { id, now, ...rest } = input;
  const fields = frameFieldsSchema.parse({
    width: size.width,
    height: size.height,
    rows,
    columns,
    cellLabels: input.cellLabels ?? Array.from({ length: rows * columns }, () => ""),
    z: topFrameZ(doc) + 1,
    createdAt: now,
    ...rest,
  });
  doc.transact(() => {
    const frame = new Y.Map<unknown>();
    for (const [key, value] of Object.entries(fields)) if (value !== undefined) frame.set(key, value);
    framesOf(doc).set(id, frame);
  }, origin);
}

export function topFrameZ(doc: Y.Doc): number {
  let top = 0;
  for (const [id, frame] of framesOf(doc).entries()) top = Math.max(top, readFrame(id, frame).z);
  return top;
}

/** The notes that belong to a frame (any cell). */
export function notesInFrame(doc: Y.Doc, frameId: string): NoteSnapshot[] {
  const found: NoteSnapshot[] = [];
  for (const [id, note] of notesOf(doc).entries()) if (note.get("frame") === frameId) found.push(readNote(id, note));
  return found;
}

/** Moves a frame and every note in it by the same distance, in one step for undo and for peers. */
export function moveFrame(doc: Y.Doc, frameId: string, x: number, y: number, origin: unknown): void {
  const map = framesOf(doc).get(frameId);
  if (!map) return;
  const frame = readFrame(frameId, map);
  const dx = clampCoordinate(x) - frame.x;
  const dy = clampCoordinate(y) - frame.y;
  if (dx === 0 && dy === 0) return;
  doc.transact(() => {
    map.set("x", frame.x + dx);
    map.set("y", frame.y + dy);
    for (const note of notesInFrame(doc, frameId)) {
      const noteMap = notesOf(doc).get(note.id)!;
      noteMap.set("x", clampCoordinate(note.x + dx));
      noteMap.set("y", clampCoordinate(note.y + dy));
    }
  }, origin);
}

export type FrameChanges = Partial<Pick<FrameFields, "title" | "cellLabels" | "rowAxis" | "columnAxis" | "rowLabels" | "columnLabels" | "lowLabel" | "highLabel" | "width" | "height">>;

/** Relabels or resizes a frame; the result must still be a valid frame, or nothing changes. */
export function updateFrame(doc: Y.Doc, frameId: string, changes: FrameChanges, origin: unknown): boolean {
  const map = framesOf(doc).get(frameId);
  if (!map) return false;
  const { id: _id, ...current } = readFrame(frameId, map);
  const checked = frameFieldsSchema.safeParse({ ...current, ...changes });
  if (!checked.success) return false;
  doc.transact(() => {
    for (const [key, value] of Object.entries(changes)) {
      if (JSON.stringify(map.get(key)) !== JSON.stringify(value)) map.set(key, value);
    }
  }, origin);
  return true;
}

/**
 * Locks or unlocks a worksheet: in the session document, which only the server writes (the
 * facilitator asks through `POST /api/boards/:id/frames/:frameId/lock`).
 */
export function setFrameLocked(session: Y.Doc, frameId: string, locked: boolean): void {
  const { [frameId]: _was, ...others } = readSession(session).locks;
  writeSession(session, { locks: locked ? { ...others, [frameId]: true } : others });
}

/** Removes a frame; its notes stay where they are, in no cell. */
export function deleteFrame(doc: Y.Doc, frameId: string, origin: unknown): void {
  doc.transact(() => {
    for (const note of notesInFrame(doc, frameId)) clearCell(notesOf(doc).get(note.id)!);
    framesOf(doc).delete(frameId);
  }, origin);
}

/**
 * Decides the cell of each given note from where its centre is now. Call it inside the
 * transaction that moved the notes (moveNotes does), so peers never see a note in one place and
 * another cell.
 */
export function assignCells(doc: Y.Doc, noteIds: Iterable<string>, frames: readonly FrameSnapshot[] = readFrames(doc)): void {
  for (const id of noteIds) {
    const map = notesOf(doc).get(id);
    if (!map) continue;
    const where = cellAt(frames, centreOf(readNote(id, map)));
    if (!where) {
      clearCell(map);
      continue;
    }
    if (map.get("frame") !== where.frame) map.set("frame", where.frame);
    if (map.get("cell") !== where.cell) map.set("cell", where.cell);
  }
}

function clearCell(note: Y.Map<unknown>): void {
  if (note.has("frame")) note.delete("frame");
  if (note.has("cell")) note.delete("cell");
}

/** The notes of one cell in reading order: top to bottom, then left to right. */
export function notesInCell(doc: Y.Doc, frameId: string, cell: number): NoteSnapshot[] {
  return notesInFrame(doc, frameId)
    .filter((note) => (note.cell ?? 0) === cell)
    .sort((a, b) => a.y - b.y || a.x - b.x || a.createdAt - b.createdAt);
}

/**
 * Lays a cell's notes out in rows inside the cell, in reading order, or in the order of `rank`
 * (sort by votes). A parking lot is a list: one note per row, large significance first. A flipchart stacks under its goal. Where the notes do
 * not fit, the frame grows downwards, so nothing hides behind the next frame.
 */
export function tidyCell(doc: Y.Doc, frameId: string, cell: number, origin: unknown, rank?: ReadonlyMap<string, number>): void {
  const map = framesOf(doc).get(frameId);
  if (!map) return;
  const frame = readFrame(frameId, map);
  const target = cellRects(frame).find((candidate) => candidate.index === cell);
  if (!target) return;
  let notes = notesInCell(doc, frameId, cell);
  if (notes.length === 0) return;
  if (rank) notes = [...notes].sort((a, b) => rankIn(rank, a) - rankIn(rank, b));
  else if (frame.kind === "parking") notes = [...notes].sort((a, b) => rankOfSignificance(a) - rankOfSignificance(b));
  const area = cellContentRect(frame, target);
  const placed = layoutInRect(notes, area, frame.kind === "parking" ? 1 : undefined);
  const bottom = Math.max(...placed.map((p) => p.y + p.height));
  const rowGrowth = growthPerRow(frame, Math.ceil(bottom + NOTE_GAP - (target.y + target.height)));
  const row = Math.floor(cell / frame.columns);
  doc.transact(() => {
    for (const p of placed) setPosition(notesOf(doc).get(p.id)!, p.x, p.y + row * rowGrowth);
    if (rowGrowth === 0) return;
    makeRoomBelow(doc, frame, rowGrowth * frame.rows);
    map.set("height", frame.height + rowGrowth * frame.rows);
    // Every row grows, so each row's top moves down by the growth of the rows above it; the notes
    // of the other cells move with their row, or they would end up in the cell above theirs.
    for (const other of notesInFrame(doc, frameId)) {
      const otherRow = Math.floor((other.cell ?? 0) / frame.columns);
      if (other.cell === cell || otherRow === 0) continue;
      setPosition(notesOf(doc).get(other.id)!, other.x, other.y + otherRow * rowGrowth);
    }
  }, origin);
}

/**
 * A worksheet about to grow `growth` units downwards: everything that starts at or below its
 * bottom edge (other worksheets with their notes, notes in no worksheet) moves down as much, as
 * rows do in a spreadsheet, so the grown worksheet lands on nothing. What moves keeps its layout;
 * what stays was beside or above the worksheet, so nothing meets anything new.
 */
function makeRoomBelow(doc: Y.Doc, frame: FrameSnapshot, growth: number): void {
  const bottom = frame.y + frame.height;
  const frames = [...framesOf(doc).entries()]
    .filter(([id]) => id !== frame.id)
    .map(([id, map]) => ({ map, rect: readFrame(id, map) }))
    .filter(({ rect }) => rect.y >= bottom);
  const moved = new Set(frames.map(({ rect }) => rect.id));
  // A worksheet's notes go with it; a note in none goes by where it is.
  const notes = [...notesOf(doc).entries()]
    .map(([id, map]) => ({ map, rect: readNote(id, map) }))
    .filter(({ rect }) => (rect.frame === undefined ? rect.y >= bottom : moved.has(rect.frame)));
  // One distance for all, so a worksheet and its notes stay together at the board's far edge too.
  const room = Math.min(growth, ...[...frames, ...notes].map(({ rect }) => LIMITS.maxCoordinate - rect.y - rect.height));
  if (room <= 0) return;
  for (const { map, rect } of [...frames, ...notes]) map.set("y", rect.y + room);
}

/**
 * How much taller each row must get for `overflow` more units in one cell. The frame's height is
 * shared by its rows, so the frame grows by that times the rows (up to the largest frame).
 */
function growthPerRow(frame: FrameSnapshot, overflow: number): number {
  if (overflow <= 0) return 0;
  const height = Math.min(MAX_FRAME_SIZE, frame.height + overflow * frame.rows);
  return Math.floor((height - frame.height) / frame.rows);
}

function setPosition(note: Y.Map<unknown>, x: number, y: number): void {
  if (note.get("x") !== x) note.set("x", x);
  if (note.get("y") !== y) note.set("y", y);
}

/** A note not in the ranking goes after those in it (the sort is stable: reading order among them). */
function rankIn(rank: ReadonlyMap<string, number>, note: NoteSnapshot): number {
  return rank.get(note.id) ?? Number.MAX_SAFE_INTEGER;
}

function rankOfSignificance(note: NoteSnapshot): number {
  return note.significance === "large" ? 0 : 1;
}

/** Where notes put into a cell go before it is tidied: the top-left of its content; null for a cell the frame lacks. */
export function cellCorner(frame: FrameSnapshot, cell: number): { x: number; y: number } | null {
  const target = cellRects(frame).find((candidate) => candidate.index === cell);
  if (!target) return null;
  const area = cellContentRect(frame, target);
  return { x: Math.round(area.x), y: Math.round(area.y) };
}

/**
 * Notes just put at a cell's corner take the cell and are laid out with its other notes (the frame
 * grows if they do not fit): in the cell's own order, or first and in the order of `noteIds` when
 * `inOrder` (a summary's strongest notes first). Inside the caller's transaction.
 */
export function settleInCell(doc: Y.Doc, frameId: string, cell: number, noteIds: readonly string[], origin: unknown, inOrder = false): void {
  assignCells(doc, noteIds);
  tidyCell(doc, frameId, cell, origin, inOrder ? new Map(noteIds.map((id, i) => [id, i])) : undefined);
}

/** Rows of notes from the top-left of `area`; `columns` fixed (a list) or as many as fit. */
export function layoutInRect(notes: readonly NoteSnapshot[], area: Rect, columns?: number): Array<{ id: string; x: number; y: number; height: number }> {
  const cellWidth = Math.max(...notes.map((note) => note.width)) + NOTE_GAP;
  const perRow = columns ?? Math.max(1, Math.floor((area.width + NOTE_GAP) / cellWidth));
  const placed: Array<{ id: string; x: number; y: number; height: number }> = [];
  let y = area.y;
  for (let start = 0; start < notes.length; start += perRow) {
    const row = notes.slice(start, start + perRow);
    row.forEach((note, i) => placed.push({ id: note.id, x: Math.round(area.x + i * cellWidth), y: Math.round(y), height: note.height }));
    y += Math.max(...row.map((note) => note.height)) + NOTE_GAP;
  }
  return placed;
}

/** Tidies every cell that has notes: after a kit's notes come back from groups, or an import. */
export function tidyFrame(doc: Y.Doc, frameId: string, origin: unknown): void {
  const map = framesOf(doc).get(frameId);
  if (!map) return;
  for (const cell of cellRects(readFrame(frameId, map))) tidyCell(doc, frameId, cell.index, origin);
}

/** Flipcharts and parking lots keep their notes stacked: a drop there tidies at once. */
export function stacksOnDrop(frame: FrameSnapshot): boolean {
  return frame.kind === "flipchart" || frame.kind === "parking";
}

function clampCoordinate(v: number): number {
  return Math.max(-LIMITS.maxCoordinate, Math.min(LIMITS.maxCoordinate, Math.round(v)));
}
