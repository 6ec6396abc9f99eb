import type { Point, Rect } from "../geometry";
import type { FrameSnapshot } from "../schema/frame";

/**
 * Where a frame's parts are, in board units: the title band, the axis gutters of a quadrant grid
 * and the cells. The canvas draws from these rectangles and the model decides membership with
 * them, so what you see is where a note belongs.
 */
export const FRAME_TITLE_HEIGHT = 72;
/** Quadrant grid: room for the row axis name and the row values to the left of the cells. */
export const QUADRANT_GUTTER_LEFT = 150;
/** Quadrant grid: room for the column axis name and the column values above the cells. */
export const QUADRANT_GUTTER_TOP = 90;
/** Columns: the heading band at the top of each cell. */
export const CELL_HEADING_HEIGHT = 56;
export const FRAME_PADDING = 16;

export interface CellRect extends Rect {
  index: number;
  label: string;
}

/** The area under the title (and, for a quadrant grid, right of and below the axes). */
export function bodyRect(frame: FrameSnapshot): Rect {
  const left = frame.kind === "quadrant" ? QUADRANT_GUTTER_LEFT : 0;
  const top = FRAME_TITLE_HEIGHT + (frame.kind === "quadrant" ? QUADRANT_GUTTER_TOP : 0);
  return {
    x: frame.x + left,
    y: frame.y + top,
    width: Math.max(1, frame.width - left),
    height: Math.max(1, frame.height - top),
  };
}

/** The cells row by row. A scale has none: its notes are markers, not cell members. */
export function cellRects(frame: FrameSnapshot): CellRect[] {
  if (frame.rows === 0 || frame.columns === 0) return [];
  const body = bodyRect(frame);
  const width = body.width / frame.columns;
  const height = body.height / frame.rows;
  const cells: CellRect[] = [];
  for (let row = 0; row < frame.rows; row++) {
    for (let column = 0; column < frame.columns; column++) {
      const index = row * frame.columns + column;
      cells.push({ index, label: frame.cellLabels[index] ?? "", x: body.x + column * width, y: body.y + row * height, width, height });
    }
  }
  return cells;
}

/** Where notes go inside a cell: below its heading (columns, quadrant numbers), inside a margin. */
export function cellContentRect(frame: FrameSnapshot, cell: CellRect): Rect {
  const heading = cell.label !== "" && frame.kind !== "flipchart" && frame.kind !== "parking" ? CELL_HEADING_HEIGHT : 0;
  return {
    x: cell.x + FRAME_PADDING,
    y: cell.y + heading + FRAME_PADDING,
    width: Math.max(1, cell.width - 2 * FRAME_PADDING),
    height: Math.max(1, cell.height - heading - 2 * FRAME_PADDING),
  };
}

export function contains(rect: Rect, point: Point): boolean {
  return point.x >= rect.x && point.x < rect.x + rect.width && point.y >= rect.y && point.y < rect.y + rect.height;
}

export interface CellRef {
  frame: string;
  cell: number;
}

/**
 * The cell under a point, in the topmost frame that has one there; null outside every cell.
 * `frames` in any order. Points in a title band or an axis gutter belong to no cell.
 */
export function cellAt(frames: readonly FrameSnapshot[], point: Point): CellRef | null {
  const topFirst = [...frames].sort((a, b) => b.z - a.z);
  for (const frame of topFirst) {
    if (!contains(frame, point)) continue;
    const cell = cellRects(frame).find((candidate) => contains(candidate, point));
    if (cell) return { frame: frame.id, cell: cell.index };
    // A frame covers what lies under it: a note on its title is in no cell, not in the frame below.
    return null;
  }
  return null;
}

/** The centre of a note (or any rectangle): what decides which cell it is in. */
export function centreOf(rect: Rect): Point {
  return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
}

/** The value (0-10) a point on a scale frame stands for, or null off its line. */
export function scaleValueAt(frame: FrameSnapshot, point: Point): number | null {
  if (frame.kind !== "scale") return null;
  const line = scaleLine(frame);
  if (!contains(frame, point)) return null;
  const ratio = (point.x - line.x) / line.width;
  return Math.round(Math.min(1, Math.max(0, ratio)) * 10);
}

/** The 0-10 line of a scale frame: 0 at the left end, 10 at the right. */
export function scaleLine(frame: FrameSnapshot): Rect {
  const body = bodyRect(frame);
  const margin = Math.min(80, body.width / 10);
  return { x: body.x + margin, y: body.y + body.height / 2, width: Math.max(1, body.width - 2 * margin), height: 0 };
}

/** Board x of a value on a scale frame's line. */
export function scaleX(frame: FrameSnapshot, value: number): number {
  const line = scaleLine(frame);
  return line.x + (line.width * Math.min(10, Math.max(0, value))) / 10;
}
