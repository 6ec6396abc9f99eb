import { NOTE_FONT } from "../../lib/note-fit";
import type { Rect } from "../../lib/geometry";
import type { NoteSnapshot } from "../../lib/schema/note";
import type { NoteStore } from "../board/noteStore";
import { noteFontSize } from "../canvas/measureNoteText";
import { noteTextBox } from "../canvas/noteStyle";

/**
 * The smallest text among `notes`, in board units, as the canvas draws it (lib/note-fit.ts: a
 * long note is written smaller than a short one): what the projector's zoom must make 24 px.
 * With `votes`, each note's text leaves room for its vote chip, as it does once counts show.
 */
export function smallestNoteFont(notes: Iterable<NoteSnapshot>, votes: boolean): number {
  let smallest = NOTE_FONT.max;
  for (const note of notes) {
    if (note.text.trim() === "") continue; // drawn without text
    const byline = Boolean(note.author || note.owner?.trim());
    smallest = Math.min(smallest, noteFontSize(note.text, noteTextBox(note, { author: byline, votes })));
  }
  return smallest;
}

/** The notes in or partly in `rect`, as the canvas shows them. */
export function notesIn(store: NoteStore | undefined, rect: Rect): NoteSnapshot[] {
  return (store?.search(rect) ?? []).flatMap((id) => store?.get(id) ?? []);
}
