import * as Y from "yjs";
import { createNote, deleteNotes, moveNotes, recolorNotes, textOfNote } from "../../../lib/board/actions";
import { createFrame, moveFrame, updateFrame } from "../../../lib/board/frames";
import { notesOf } from "../../../lib/schema/board";
import { framesOf } from "../../../lib/schema/frame";
import { NOTE_COLORS } from "../../../lib/schema/note";

/** Seeded choices, the same for every run of a seed. */
export function chooser(random: () => number) {
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  const ALPHABET = "abcdefghijklmnopqrstuvwxyzåäö ,.";
  const text = (n: number) => Array.from({ length: n }, () => ALPHABET[int(ALPHABET.length)]).join("");
  return { random, int, pick, text };
}

export type Choose = ReturnType<typeof chooser>;

let made = 0;

/**
 * One real edit, as our pages make them, on `doc` (a client's copy of the board): a note, typing,
 * a move, a colour, a delete, a worksheet, moving or retitling one. Ids are unique per process.
 */
export function randomEdit(doc: Y.Doc, c: Choose, origin: unknown = "page"): string {
  const notes = [...notesOf(doc).keys()];
  const frames = [...framesOf(doc).keys()];
  const roll = c.random();
  if (roll < 0.25 || notes.length === 0) {
    const id = `n-${process.pid}-${++made}`;
    createNote(doc, { id, x: c.int(4000) - 2000, y: c.int(4000) - 2000, color: c.pick(NOTE_COLORS).hex, text: c.text(c.int(30)), now: made }, origin);
    return `create ${id}`;
  }
  const note = c.pick(notes);
  const text = textOfNote(doc, note);
  if (roll < 0.5 && text) {
    if (text.length > 0 && c.random() < 0.3) {
      const at = c.int(text.length);
      doc.transact(() => text.delete(at, 1 + c.int(Math.min(5, text.length - at))), origin);
      return `erase in ${note}`;
    }
    doc.transact(() => text.insert(c.int(text.length + 1), c.text(1 + c.int(8))), origin);
    return `type in ${note}`;
  }
  if (roll < 0.65) {
    moveNotes(doc, [{ id: note, x: c.int(4000) - 2000, y: c.int(4000) - 2000 }], origin);
    return `move ${note}`;
  }
  if (roll < 0.72) {
    recolorNotes(doc, [note], c.pick(NOTE_COLORS).hex, origin);
    return `recolour ${note}`;
  }
  if (roll < 0.8) {
    deleteNotes(doc, [note], origin);
    return `delete ${note}`;
  }
  if (roll < 0.88 || frames.length === 0) {
    const id = `f-${process.pid}-${++made}`;
    createFrame(doc, { id, kind: c.pick(["quadrant", "columns", "flipchart", "parking"] as const), title: c.text(8), x: c.int(6000), y: c.int(6000), now: made }, origin);
    return `worksheet ${id}`;
  }
  const frame = c.pick(frames);
  if (c.random() < 0.5) {
    moveFrame(doc, frame, c.int(6000), c.int(6000), origin);
    return `move worksheet ${frame}`;
  }
  updateFrame(doc, frame, { title: c.text(10) }, origin);
  return `retitle ${frame}`;
}

/**
 * `count` real updates a member could send, each made on its own copy of `state` by a client id
 * of its own: valid against `state` and against anything that grew from it.
 */
export function validUpdatesFrom(state: Uint8Array, c: Choose, count: number): Uint8Array[] {
  const updates: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const doc = new Y.Doc();
    doc.clientID = 1 + c.int(2 ** 31);
    Y.applyUpdate(doc, state);
    const before = Y.encodeStateVector(doc);
    for (let edits = 1 + c.int(3); edits > 0; edits--) randomEdit(doc, c);
    updates.push(Y.encodeStateAsUpdate(doc, before));
    doc.destroy();
  }
  return updates;
}

/** A bit-flipped, cut or both copy of `update`. */
export function mutated(update: Uint8Array, c: Choose): Uint8Array {
  const roll = c.random();
  if (roll < 0.25) return update.slice(0, c.int(update.length));
  const copy = Uint8Array.from(update);
  for (let flips = 1 + c.int(3); flips > 0; flips--) copy[c.int(copy.length)] ^= 1 << c.int(8);
  return roll > 0.9 ? copy.slice(0, 1 + c.int(copy.length)) : copy;
}
