/**
 * The post-it colours, in a module without yjs or zod so the phone page can show them without
 * loading either (lib/schema/note.ts re-exports everything here).
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

const NOTE_HEXES: ReadonlySet<string> = new Set(NOTE_COLORS.map((c) => c.hex));

export function isNoteColor(value: unknown): value is string {
  return typeof value === "string" && NOTE_HEXES.has(value);
}
