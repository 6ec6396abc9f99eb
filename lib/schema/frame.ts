import * as Y from "yjs";
import { z } from "zod";
import { ROOT } from "./board";
import { LIMITS } from "./limits";

/**
 * A frame is a worksheet on the board: a quadrant grid, labelled columns, a flipchart goal, a
 * parking lot or a 0-10 scale. One `Y.Map` per frame in the top-level `frames` map, keyed by id;
 * every value is plain JSON (labels are replaced whole: two people rarely relabel one cell at once).
 * Notes say which frame and cell they belong to (`frame`, `cell` on the note). See docs/schema.md.
 */
export const FRAME_KINDS = ["quadrant", "columns", "flipchart", "parking", "scale"] as const;
export type FrameKind = (typeof FRAME_KINDS)[number];

export const MAX_FRAME_TITLE_CHARS = 200;
export const MAX_FRAME_LABEL_CHARS = 120;
export const MAX_FRAME_ROWS = 4;
export const MAX_FRAME_COLUMNS = 8;
export const MIN_FRAME_SIZE = 200;
export const MAX_FRAME_SIZE = 20_000;

const coordinate = z.number().finite().min(-LIMITS.maxCoordinate).max(LIMITS.maxCoordinate);
const frameSize = z.number().finite().min(MIN_FRAME_SIZE).max(MAX_FRAME_SIZE);
const label = z.string().max(MAX_FRAME_LABEL_CHARS);

/** The fields of a frame as a client writes them, and as the server's kits and imports write them. */
export const frameFieldsSchema = z
  .object({
    kind: z.enum(FRAME_KINDS),
    title: z.string().max(MAX_FRAME_TITLE_CHARS),
    x: coordinate,
    y: coordinate,
    width: frameSize,
    height: frameSize,
    z: z.number().finite(),
    createdAt: z.number().int().nonnegative(),
    /** Grid shape: quadrant 2x2, columns 1xN (SWOT 2x2), flipchart/parking 1x1, scale 0x0. */
    rows: z.number().int().min(0).max(MAX_FRAME_ROWS),
    columns: z.number().int().min(0).max(MAX_FRAME_COLUMNS),
    /** One label per cell, row by row: "1".."4" in a quadrant grid, the column headings. */
    cellLabels: z.array(label).max(MAX_FRAME_ROWS * MAX_FRAME_COLUMNS),
    /** Quadrant grid: the axis names and the values along them ("Stor"/"Liten", "Ja"/"Nej"). */
    rowAxis: label.optional(),
    columnAxis: label.optional(),
    rowLabels: z.array(label).max(MAX_FRAME_ROWS).optional(),
    columnLabels: z.array(label).max(MAX_FRAME_COLUMNS).optional(),
    /** Scale: what 0 and 10 mean ("0 = nu", "10 = önskat läge"). */
    lowLabel: label.optional(),
    highLabel: label.optional(),
    /** A small group's copy of a plenary frame: the group's number and the frame it copies. */
    group: z.number().int().min(1).max(100).optional(),
    copyOf: z.string().max(64).optional(),
  })
  .refine((frame) => frame.cellLabels.length === frame.rows * frame.columns, "one label per cell")
  // What readFrame would make of it anyway: a scale has no cells, every other kind at least one.
  .refine((frame) => (frame.kind === "scale" ? frame.rows === 0 && frame.columns === 0 : frame.rows >= 1 && frame.columns >= 1), "grid fits the kind");
export type FrameFields = z.infer<typeof frameFieldsSchema>;

export interface FrameSnapshot extends FrameFields {
  id: string;
  /**
   * Locked by the facilitator: others may move notes in it but not the worksheet. The lock lives in
   * the session document (lib/schema/session.ts `locks`), not in the worksheet; readers that show
   * frames fill it in from there.
   */
  locked?: true;
}

export type FrameMap = Y.Map<unknown>;

export function framesOf(doc: Y.Doc): Y.Map<FrameMap> {
  return doc.getMap<FrameMap>(ROOT.frames);
}

const DEFAULT_SHAPE: Record<FrameKind, { rows: number; columns: number }> = {
  quadrant: { rows: 2, columns: 2 },
  columns: { rows: 1, columns: 3 },
  flipchart: { rows: 1, columns: 1 },
  parking: { rows: 1, columns: 1 },
  scale: { rows: 0, columns: 0 },
};

export function defaultShape(kind: FrameKind): { rows: number; columns: number } {
  return DEFAULT_SHAPE[kind];
}

/**
 * Field by field repair of a stored frame, like readNote: a frame a peer broke still draws, and
 * the result always passes frameFieldsSchema. The grid shape is clamped to what the kind allows;
 * the cell labels are then padded or cut to one per cell.
 */
export function readFrame(id: string, frame: FrameMap): FrameSnapshot {
  const kind = FRAME_KINDS.includes(frame.get("kind") as FrameKind) ? (frame.get("kind") as FrameKind) : "flipchart";
  const num = (key: string, fallback: number, min: number, max: number): number => {
    const value = frame.get(key);
    return typeof value === "number" && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
  };
  const text = (key: string, max = MAX_FRAME_LABEL_CHARS): string | undefined => {
    const value = frame.get(key);
    return typeof value === "string" ? value.slice(0, max) : undefined;
  };
  const texts = (key: string, max: number): string[] | undefined => {
    const value = frame.get(key);
    return Array.isArray(value) ? value.slice(0, max).map((v) => (typeof v === "string" ? v.slice(0, MAX_FRAME_LABEL_CHARS) : "")) : undefined;
  };
  const shape = DEFAULT_SHAPE[kind];
  const rows = kind === "scale" ? 0 : Math.round(num("rows", shape.rows, 1, MAX_FRAME_ROWS));
  const columns = kind === "scale" ? 0 : Math.round(num("columns", shape.columns, 1, MAX_FRAME_COLUMNS));
  const storedLabels = texts("cellLabels", MAX_FRAME_ROWS * MAX_FRAME_COLUMNS) ?? [];
  const cellLabels = Array.from({ length: rows * columns }, (_, i) => storedLabels[i] ?? "");
  const optional = <T>(key: string, value: T | undefined) => (value === undefined ? {} : { [key]: value });
  const group = frame.get("group");
  return {
    id,
    kind,
    title: text("title", MAX_FRAME_TITLE_CHARS) ?? "",
    x: num("x", 0, -LIMITS.maxCoordinate, LIMITS.maxCoordinate),
    y: num("y", 0, -LIMITS.maxCoordinate, LIMITS.maxCoordinate),
    width: num("width", 800, MIN_FRAME_SIZE, MAX_FRAME_SIZE),
    height: num("height", 600, MIN_FRAME_SIZE, MAX_FRAME_SIZE),
    z: num("z", 0, -Number.MAX_VALUE, Number.MAX_VALUE),
    // Whole milliseconds, as the schema wants: a fraction from a peer would make updateFrame refuse every change.
    createdAt: Math.round(num("createdAt", 0, 0, Number.MAX_SAFE_INTEGER)),
    rows,
    columns,
    cellLabels,
    ...optional("rowAxis", text("rowAxis")),
    ...optional("columnAxis", text("columnAxis")),
    ...optional("rowLabels", texts("rowLabels", MAX_FRAME_ROWS)),
    ...optional("columnLabels", texts("columnLabels", MAX_FRAME_COLUMNS)),
    ...optional("lowLabel", text("lowLabel")),
    ...optional("highLabel", text("highLabel")),
    ...(typeof group === "number" && Number.isInteger(group) && group >= 1 && group <= 100 ? { group } : {}),
    ...optional("copyOf", text("copyOf", 64)),
  };
}

export function readFrames(doc: Y.Doc): FrameSnapshot[] {
  return [...framesOf(doc).entries()]
    .filter(([, frame]) => isFrameMap(frame))
    .map(([id, frame]) => readFrame(id, frame))
    .sort((a, b) => a.z - b.z);
}

/** The server refuses anything else under `frames`; a document from elsewhere may still hold it. */
export function isFrameMap(value: unknown): value is FrameMap {
  return value instanceof Y.Map;
}
