import * as Y from "yjs";
import { z } from "zod";
import { LIMITS } from "./limits";
import { DEFAULT_NOTE_COLOR, isNoteColor } from "./note-colors";

/** The colours live in ./note-colors (no yjs or zod, for the phone page). */
export { NOTE_COLORS, DEFAULT_NOTE_COLOR, isNoteColor, type NoteColorId } from "./note-colors";

/**
 * A sticky note as stored in the board document: one `Y.Map` per note inside the top-level
 * `notes` map, keyed by note id. `text` is a `Y.Text` so that two people typing at once both
 * keep their words. See docs/schema.md.
 */
export const DEFAULT_NOTE_SIZE = 160;

const coordinate = z.number().finite().min(-LIMITS.maxCoordinate).max(LIMITS.maxCoordinate);
const size = z.number().finite().min(LIMITS.minNoteSize).max(LIMITS.maxNoteSize);

/** The scalar fields of a note: what a client may set besides the text. */
export const noteFieldsSchema = z.object({
  x: coordinate,
  y: coordinate,
  width: size,
  height: size,
  color: z.string().refine(isNoteColor, "not a post-it colour"),
  createdAt: z.number().int().nonnegative(),
  z: z.number().finite(),
});
export type NoteFields = z.infer<typeof noteFieldsSchema>;

/** A plain, immutable view of one note, what rendering and tests work with. */
export interface NoteSnapshot extends NoteFields {
  id: string;
  text: string;
  /** The writer's name, only on notes written while the step asked for signed notes. */
  author?: string;
  /** The frame (worksheet) and cell the note was dropped in; see lib/board/frames.ts. */
  frame?: string;
  cell?: number;
  /** Parking-lot fields (seeds/000 Arbetsmöte 5), set only on notes in a parking lot. */
  significance?: Significance;
  status?: ParkingStatus;
  owner?: string;
  startDate?: string;
  followUpDate?: string;
}

export const SIGNIFICANCES = ["large", "other"] as const;
export type Significance = (typeof SIGNIFICANCES)[number];
/** open, struck out (no longer a problem), solved by us, for another level of the organisation. */
export const PARKING_STATUSES = ["open", "struck", "solved", "elsewhere"] as const;
export type ParkingStatus = (typeof PARKING_STATUSES)[number];
export const MAX_OWNER_CHARS = 80;
/** A calendar date, as an <input type="date"> gives it. */
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The parking-lot and membership fields, as an editor or an import sets them. */
export const noteExtrasSchema = z.object({
  frame: z.string().min(1).max(64).optional(),
  cell: z.number().int().min(0).max(63).optional(),
  significance: z.enum(SIGNIFICANCES).optional(),
  status: z.enum(PARKING_STATUSES).optional(),
  owner: z.string().max(MAX_OWNER_CHARS).optional(),
  startDate: z.string().regex(ISO_DATE).optional(),
  followUpDate: z.string().regex(ISO_DATE).optional(),
});
export type NoteExtras = z.infer<typeof noteExtrasSchema>;

export const MAX_AUTHOR_CHARS = 60;

export type NoteMap = Y.Map<unknown>;

/** Field by field repair of a stored note: unknown or broken values fall back, nothing throws. */
export function readNote(id: string, note: NoteMap): NoteSnapshot {
  const text = note.get("text");
  const num = (key: string, fallback: number, min: number, max: number): number => {
    const value = note.get(key);
    return typeof value === "number" && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
  };
  const color = note.get("color");
  const author = note.get("author");
  return {
    ...(typeof author === "string" && author !== "" ? { author: author.slice(0, MAX_AUTHOR_CHARS) } : {}),
    ...readExtras(note),
    id,
    text: text instanceof Y.Text ? text.toString() : typeof text === "string" ? text : "",
    x: num("x", 0, -LIMITS.maxCoordinate, LIMITS.maxCoordinate),
    y: num("y", 0, -LIMITS.maxCoordinate, LIMITS.maxCoordinate),
    width: num("width", DEFAULT_NOTE_SIZE, LIMITS.minNoteSize, LIMITS.maxNoteSize),
    height: num("height", DEFAULT_NOTE_SIZE, LIMITS.minNoteSize, LIMITS.maxNoteSize),
    color: isNoteColor(color) ? color : DEFAULT_NOTE_COLOR,
    // Whole milliseconds, as noteFieldsSchema wants, whatever a peer stored.
    createdAt: Math.round(num("createdAt", 0, 0, Number.MAX_SAFE_INTEGER)),
    z: num("z", 0, -Number.MAX_VALUE, Number.MAX_VALUE),
  };
}

export function noteText(note: NoteMap): Y.Text | null {
  const text = note.get("text");
  return text instanceof Y.Text ? text : null;
}

/** Each extra kept only when valid: a broken value reads as absent, never as an error. */
function readExtras(note: NoteMap): NoteExtras {
  const extras: Record<string, unknown> = {};
  for (const key of EXTRA_KEYS) {
    const value = note.get(key);
    if (value !== undefined && noteExtrasSchema.shape[key].safeParse(value).success) extras[key] = value;
  }
  return extras as NoteExtras;
}

const EXTRA_KEYS = Object.keys(noteExtrasSchema.shape) as Array<keyof NoteExtras>;
