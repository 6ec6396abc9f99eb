import type { NoteSnapshot } from "../schema/note";

/**
 * Lays notes out in rows, in the given order, starting where the top-left note of the group was:
 * "sort by votes" after a vote, and tidying a pile of notes.
 */
export function arrangeInGrid(notes: readonly NoteSnapshot[], order: readonly string[], gap = 24): Array<{ id: string; x: number; y: number }> {
  const byId = new Map(notes.map((note) => [note.id, note]));
  const ordered = order.map((id) => byId.get(id)).filter((note): note is NoteSnapshot => note !== undefined);
  if (ordered.length === 0) return [];
  const left = Math.min(...ordered.map((note) => note.x));
  const top = Math.min(...ordered.map((note) => note.y));
  const cellWidth = Math.max(...ordered.map((note) => note.width)) + gap;
  const cellHeight = Math.max(...ordered.map((note) => note.height)) + gap;
  const columns = Math.ceil(Math.sqrt(ordered.length));
  return ordered.map((note, index) => ({
    id: note.id,
    x: left + (index % columns) * cellWidth,
    y: top + Math.floor(index / columns) * cellHeight,
  }));
}
