import * as Y from "yjs";
import { notesOf } from "../schema/board";
import { DEFAULT_NOTE_COLOR, DEFAULT_NOTE_SIZE, MAX_AUTHOR_CHARS, isNoteColor, noteFieldsSchema, noteText } from "../schema/note";
import { LIMITS } from "../schema/limits";
import { assignCells } from "./frames";

/**
 * Board actions as plain functions on a Y.Doc. The UI calls them with its own origin so that
 * the undo manager tracks exactly the local user's changes; the server uses the same ones when it
 * places notes from phones.
 */
export interface NewNote {
  id: string;
  x: number;
  y: number;
  color?: string;
  text?: string;
  /** Set only when the step asks for signed notes. */
  author?: string;
  now: number;
}

export function createNote(doc: Y.Doc, input: NewNote, origin: unknown): void {
  const fields = noteFieldsSchema.parse({
    x: input.x,
    y: input.y,
    width: DEFAULT_NOTE_SIZE,
    height: DEFAULT_NOTE_SIZE,
    color: input.color && isNoteColor(input.color) ? input.color : DEFAULT_NOTE_COLOR,
    createdAt: input.now,
    z: topZ(doc) + 1,
  });
  doc.transact(() => {
    const note = new Y.Map<unknown>();
    for (const [key, value] of Object.entries(fields)) note.set(key, value);
    note.set("text", new Y.Text((input.text ?? "").slice(0, LIMITS.maxNoteTextChars)));
    if (input.author) note.set("author", input.author.slice(0, MAX_AUTHOR_CHARS));
    notesOf(doc).set(input.id, note);
  }, origin);
}

export function moveNotes(doc: Y.Doc, moves: ReadonlyArray<{ id: string; x: number; y: number }>, origin: unknown): void {
  const clamp = (v: number) => Math.max(-LIMITS.maxCoordinate, Math.min(LIMITS.maxCoordinate, Math.round(v)));
  doc.transact(() => {
    for (const move of moves) {
      const note = notesOf(doc).get(move.id);
      if (!note) continue;
      const x = clamp(move.x);
      const y = clamp(move.y);
      if (Number.isNaN(x) || Number.isNaN(y)) continue;
      if (note.get("x") !== x) note.set("x", x);
      if (note.get("y") !== y) note.set("y", y);
    }
    // A note's cell follows where it is, in the same step as the move.
    assignCells(doc, moves.map((move) => move.id));
  }, origin);
}

export function deleteNotes(doc: Y.Doc, ids: Iterable<string>, origin: unknown): void {
  doc.transact(() => {
    for (const id of ids) notesOf(doc).delete(id);
  }, origin);
}

export function recolorNotes(doc: Y.Doc, ids: Iterable<string>, color: string, origin: unknown): void {
  if (!isNoteColor(color)) return;
  doc.transact(() => {
    for (const id of ids) notesOf(doc).get(id)?.set("color", color);
  }, origin);
}

/** Puts the notes above every other note, keeping their order among themselves. */
export function bringToFront(doc: Y.Doc, ids: readonly string[], origin: unknown): void {
  const notes = notesOf(doc);
  const top = topZ(doc);
  const chosen = ids.filter((id) => notes.has(id));
  if (chosen.length === 0) return;
  // On top means strictly above every other note: a tie (two notes created at once) is no order.
  const chosenIds = new Set(chosen);
  let topOfOthers = -Infinity;
  for (const [id, note] of notes.entries()) if (!chosenIds.has(id)) topOfOthers = Math.max(topOfOthers, zOf(note));
  const alreadyOnTop = chosen.every((id) => zOf(notes.get(id)!) > topOfOthers);
  if (alreadyOnTop) return;
  const ordered = [...chosen].sort((a, b) => zOf(notes.get(a)!) - zOf(notes.get(b)!));
  doc.transact(() => ordered.forEach((id, i) => notes.get(id)!.set("z", top + 1 + i)), origin);
}

export function topZ(doc: Y.Doc): number {
  let top = 0;
  for (const note of notesOf(doc).values()) top = Math.max(top, zOf(note));
  return top;
}

/** A note's stacking order alone: topZ runs over every note for each new one, so it reads one field. */
function zOf(note: Y.Map<unknown>): number {
  const z = note.get("z");
  return typeof z === "number" && Number.isFinite(z) ? z : 0;
}

export function textOfNote(doc: Y.Doc, id: string): Y.Text | null {
  const note = notesOf(doc).get(id);
  return note ? noteText(note) : null;
}

/**
 * For Y.UndoManager's `deleteFilter`: undoing the creation of a note may delete it, or anything in
 * it, only while nobody else has written in it. Otherwise a colleague's words would vanish with my
 * undo, or the note would lose its fields and jump to the origin.
 */
export function undoMayDelete(item: Y.Item, localClient: number): boolean {
  const note = enclosingNote(item);
  return note === null || !hasOthersText(note, localClient);
}

function isNotesRoot(type: unknown): boolean {
  return type instanceof Y.Map && type._item === null && type.doc !== null && notesOf(type.doc) === type;
}

function enclosingNote(item: Y.Item): Y.Map<unknown> | null {
  const content = item.content;
  if (content instanceof Y.ContentType && content.type instanceof Y.Map && isNotesRoot(item.parent)) return content.type;
  let type = item.parent as Y.AbstractType<unknown> | null;
  while (type?._item) {
    if (isNotesRoot(type._item.parent)) return type instanceof Y.Map ? type : null;
    type = type._item.parent as Y.AbstractType<unknown>;
  }
  return null;
}

function hasOthersText(note: Y.Map<unknown>, localClient: number): boolean {
  const text = note.get("text");
  if (!(text instanceof Y.Text)) return false;
  for (let run = text._start; run !== null; run = run.right) {
    if (!run.deleted && run.countable && run.id.client !== localClient) return true;
  }
  return false;
}
