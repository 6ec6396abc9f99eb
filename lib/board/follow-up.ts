import type * as Y from "yjs";
import type { KitTranslate } from "../i18n/kit";
import { notesOf } from "../schema/board";
import { readFrames, type FrameKind } from "../schema/frame";
import { noteExtrasSchema, readNote, type NoteExtras, type NoteSnapshot, type ParkingStatus } from "../schema/note";

/**
 * Follow-up (seeds/000, Arbetsmöte 5, and every meeting's "vem gör vad till när"): a question
 * parked in a parking lot, or any note made an action, carries a status, a person responsible, a
 * start date and a date to follow up. The fields live on the note itself, so they travel with it
 * wherever it is moved, and a note dragged out of the parking lot keeps them.
 */
export type FollowUpFields = Pick<NoteExtras, "significance" | "status" | "owner" | "startDate" | "followUpDate">;
const FOLLOW_UP_KEYS = ["significance", "status", "owner", "startDate", "followUpDate"] as const;
const followUpSchema = noteExtrasSchema.pick({ significance: true, status: true, owner: true, startDate: true, followUpDate: true });

/** What an editor sends: a field given as blank clears it. */
export type FollowUpEdit = { [K in keyof FollowUpFields]?: FollowUpFields[K] | "" };

/**
 * Sets a note's follow-up fields. A field given as undefined or blank is cleared (an emptied date
 * or owner field means "not decided"); a field not given stays. Invalid values change nothing,
 * so one bad field never half-writes the note. Returns whether the fields were valid.
 */
export function setFollowUpFields(doc: Y.Doc, noteId: string, fields: FollowUpEdit, origin: unknown): boolean {
  const note = notesOf(doc).get(noteId);
  if (!note) return false;
  const given = FOLLOW_UP_KEYS.filter((key) => key in fields);
  // Kept as typed (an editor writes on every key, and "Anna " is on its way to "Anna Berg"); only blank clears.
  const kept = Object.fromEntries(given.flatMap((key) => (fields[key] === undefined || fields[key]!.trim() === "" ? [] : [[key, fields[key]]])));
  const checked = followUpSchema.safeParse(kept);
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

/** Any note becomes an action: open, nobody responsible and no dates yet. An action stays as it is. */
export function makeAction(doc: Y.Doc, noteId: string, origin: unknown): boolean {
  const note = notesOf(doc).get(noteId);
  if (!note) return false;
  return note.has("status") || setFollowUpFields(doc, noteId, { status: "open" }, origin);
}

/** The note is a plain note again: its status, person and dates go (its significance too). */
export function clearFollowUp(doc: Y.Doc, noteId: string, origin: unknown): boolean {
  return setFollowUpFields(doc, noteId, { significance: "", status: "", owner: "", startDate: "", followUpDate: "" }, origin);
}

/** A question parked in a parking lot, or an action anywhere else. */
export type FollowUpKind = "question" | "action";

export interface FollowUpItem {
  note: NoteSnapshot;
  kind: FollowUpKind;
  /** A parked question or an action without a status is open. */
  status: ParkingStatus;
}

/** Whether a note is followed up, and as what. `frameKind` tells the kind of the worksheet it lies in. */
export function followUpKind(note: NoteSnapshot, frameKind: (frameId: string) => FrameKind | undefined): FollowUpKind | null {
  if (note.frame !== undefined && frameKind(note.frame) === "parking") return "question";
  // Any field counts: a question dragged out of the parking lot with only its significance set stays on the list.
  const action = FOLLOW_UP_KEYS.some((key) => note[key] !== undefined);
  return action ? "action" : null;
}

/** A parked question keeps the seed's words for its status (Arbetsmöte 5); an action is done, or handed on. */
export function statusName(kind: FollowUpKind, status: ParkingStatus, t: KitTranslate): string {
  return kind === "question" ? t(`export.status.${status}`) : t(`followUp.status.${status}`);
}

/**
 * The follow-up list: what is still open first, then by the date to follow up (undated after
 * dated, as nobody has decided yet when), then by the note's text.
 */
export function followUpList(notes: Iterable<NoteSnapshot>, frameKind: (frameId: string) => FrameKind | undefined, locale = "sv"): FollowUpItem[] {
  const items: FollowUpItem[] = [];
  for (const note of notes) {
    const kind = followUpKind(note, frameKind);
    if (kind) items.push({ note, kind, status: note.status ?? "open" });
  }
  return sortFollowUp(items, locale);
}

/** In the follow-up list's order; a series' list (items of several boards) sorts the same way. */
export function sortFollowUp<T extends FollowUpItem>(items: T[], locale = "sv"): T[] {
  const undated = "9999-99-99"; // after every date, as nobody has decided yet when
  const byDate = (a: T, b: T) => {
    const [x, y] = [a.note.followUpDate ?? undated, b.note.followUpDate ?? undated];
    return x < y ? -1 : x > y ? 1 : 0;
  };
  return items.sort(
    (a, b) =>
      Number(a.status !== "open") - Number(b.status !== "open") ||
      byDate(a, b) ||
      a.note.text.localeCompare(b.note.text, locale) ||
      (a.note.id < b.note.id ? -1 : 1),
  );
}

/** The board's follow-up list, read from its document (the exports, the carried-forward list). */
export function boardFollowUp(doc: Y.Doc, locale?: string): FollowUpItem[] {
  const kinds = new Map(readFrames(doc).map((frame) => [frame.id, frame.kind]));
  const notes = [...notesOf(doc).entries()].map(([id, note]) => readNote(id, note));
  return followUpList(notes, (frameId) => kinds.get(frameId), locale);
}
