import * as Y from "yjs";
import { z } from "zod";
import { LIMITS } from "./limits";

/**
 * A sticky note as stored in the board document: one `Y.Map` per note inside the top-level
 * `notes` map, keyed by note id. `text` is a `Y.Text` so that two people typing at once both
 * keep their words. See docs/schema.md.
 */
export const NOTE_COLORS = [
  { id: "yellow", hex: "#fff176" },
  { id: "pink", hex: "#f8bbd0" },
  { id: "green", hex: "#c5e1a5" },
  { id: "blue", hex: "#b3e5fc" },
  { id: "orange", hex: "#ffcc80" },
  { id: "purple", hex: "#d1c4e9" },
] as const;
export type NoteColorId = (typeof NOTE_COLORS)[number]["id"];
export const DEFAULT_NOTE_COLOR = NOTE_COLORS[0].hex;
export const DEFAULT_NOTE_SIZE = 160;

const NOTE_HEXES: ReadonlySet<string> = new Set(NOTE_COLORS.map((c) => c.hex));

export function isNoteColor(value: unknown): value is string {
  return typeof value === "string" && NOTE_HEXES.has(value);
}

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
}

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
    id,
    text: text instanceof Y.Text ? text.toString() : typeof text === "string" ? text : "",
    x: num("x", 0, -LIMITS.maxCoordinate, LIMITS.maxCoordinate),
    y: num("y", 0, -LIMITS.maxCoordinate, LIMITS.maxCoordinate),
    width: num("width", DEFAULT_NOTE_SIZE, LIMITS.minNoteSize, LIMITS.maxNoteSize),
    height: num("height", DEFAULT_NOTE_SIZE, LIMITS.minNoteSize, LIMITS.maxNoteSize),
    color: isNoteColor(color) ? color : DEFAULT_NOTE_COLOR,
    createdAt: num("createdAt", 0, 0, Number.MAX_SAFE_INTEGER),
    z: num("z", 0, -Number.MAX_VALUE, Number.MAX_VALUE),
  };
}

export function noteText(note: NoteMap): Y.Text | null {
  const text = note.get("text");
  return text instanceof Y.Text ? text : null;
}
