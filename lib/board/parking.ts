import type * as Y from "yjs";
import { notesOf } from "../schema/board";
import { noteExtrasSchema, type NoteExtras } from "../schema/note";

/** What the parking-lot panel edits on one note (seeds/000, Arbetsmöte 5). */
export type ParkingFields = Pick<NoteExtras, "significance" | "status" | "owner" | "startDate" | "followUpDate">;
const PARKING_KEYS = ["significance", "status", "owner", "startDate", "followUpDate"] as const;
const parkingSchema = noteExtrasSchema.pick({ significance: true, status: true, owner: true, startDate: true, followUpDate: true });

/**
 * Sets a note's parking-lot fields. A field given as undefined or blank is cleared (an emptied date
 * or owner field means "not decided"); a field not given stays. Invalid values change nothing,
 * so one bad field never half-writes the note. Returns whether the fields were valid.
 */
export function setParkingFields(doc: Y.Doc, noteId: string, fields: { [K in keyof ParkingFields]?: ParkingFields[K] | "" }, origin: unknown): boolean {
  const note = notesOf(doc).get(noteId);
  if (!note) return false;
  const given = PARKING_KEYS.filter((key) => key in fields);
  // Kept as typed (an editor writes on every key, and "Anna " is on its way to "Anna Berg"); only blank clears.
  const kept = Object.fromEntries(given.flatMap((key) => (fields[key] === undefined || fields[key]!.trim() === "" ? [] : [[key, fields[key]]])));
  const checked = parkingSchema.safeParse(kept);
  if (!checked.success) return false;
  doc.transact(() => {
    for (const key of given) {
      const value = checked.data[key];
      if (value === undefined || value === "") {
        if (note.has(key)) note.delete(key);
      } else if (note.get(key) !== value) note.set(key, value);
    }
  }, origin);
  return true;
}
