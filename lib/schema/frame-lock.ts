import * as Y from "yjs";
import { notesOf } from "./board";
import { assignCells } from "../board/frames";
import type { Rect } from "../geometry";
import { framesOf, isFrameMap, readFrame } from "./frame";
import { readNote } from "./note";
import { isLocked } from "./session";

/**
 * What members may not do to frames: change a locked one, lock or unlock, delete any, or make a
 * frame a group's copy. The server applies a member's update that touches `frames` and then puts
 * back what it changed there (and what moving or deleting a locked frame did to its notes), in one
 * server transaction that every peer receives. Refusing the update instead would close the
 * member's connection, and their client would resend the same update on reconnect, for ever.
 */
export type FrameCapture = Map<string, { locked: boolean; fields: Record<string, unknown>; notes: Map<string, NoteSpot> }>;

/** Where a note of a locked frame was, and in which cell. */
interface NoteSpot {
  x: unknown;
  y: unknown;
  cell: unknown;
}

/**
 * What to put back after an update from someone who may not change locked frames. Locks live in
 * the session document, which only the server writes (lib/schema/session.ts `locks`).
 */
export function captureFrames(doc: Y.Doc, session: Y.Doc): FrameCapture {
  const captured: FrameCapture = new Map();
  for (const [id, frame] of framesOf(doc).entries()) {
    if (!isFrameMap(frame)) continue;
    const locked = isLocked(session, id);
    captured.set(id, { locked, fields: frame.toJSON(), notes: new Map() });
  }
  // The notes of locked frames too: moveFrame and deleteFrame change them along with the frame.
  if (![...captured.values()].some((frame) => frame.locked)) return captured;
  for (const [id, note] of notesOf(doc).entries()) {
    const frame = captured.get(note.get("frame") as string);
    if (frame?.locked) frame.notes.set(id, { x: note.get("x"), y: note.get("y"), cell: note.get("cell") });
  }
  return captured;
}

/** Puts locked frames and every `locked` flag back as captured. Returns whether it changed anything. */
export function restoreFrames(doc: Y.Doc, captured: FrameCapture, origin: unknown): boolean {
  const frames = framesOf(doc);
  let changed = false;
  doc.transact(() => {
    for (const [id, frame] of frames.entries()) {
      const before = captured.get(id);
      if (!isFrameMap(frame)) continue;
      // A frame new in this update may exist, but not locked and not as a group's copy: only the
      // facilitator locks, only the server makes copies.
      if (!before?.locked) {
        changed = putBackKeys(frame, before?.fields ?? {}, FACILITATOR_KEYS) || changed;
        continue;
      }
      const dx = distance(frame.get("x"), before.fields.x);
      const dy = distance(frame.get("y"), before.fields.y);
      changed = putBack(frame, before.fields) || changed;
      changed = putBackMovedNotes(doc, id, before.notes, dx, dy) || changed;
    }
    // Only the facilitator deletes frames: a deleted one comes back, its notes in their cells.
    for (const [id, before] of captured) {
      if (frames.has(id)) continue;
      const frame = new Y.Map<unknown>();
      for (const [key, value] of Object.entries(before.fields)) frame.set(key, value);
      frames.set(id, frame);
      if (before.locked) putBackLeftNotes(doc, id, before.notes);
      else assignCells(doc, notesWithin(doc, readFrame(id, frame)));
      changed = true;
    }
  }, origin);
  return changed;
}

function distance(now: unknown, before: unknown): number {
  return typeof now === "number" && typeof before === "number" ? now - before : 0;
}

/**
 * moveFrame moved the frame's notes by as much as the frame: those go back with it. A note the
 * member dragged on its own (any other distance) stays where they put it; that is allowed.
 */
function putBackMovedNotes(doc: Y.Doc, frameId: string, notes: Map<string, NoteSpot>, dx: number, dy: number): boolean {
  if (dx === 0 && dy === 0) return false;
  let changed = false;
  for (const [id, spot] of notes) {
    const note = notesOf(doc).get(id);
    if (!note || note.get("frame") !== frameId || typeof spot.x !== "number" || typeof spot.y !== "number") continue;
    if (note.get("x") !== spot.x + dx || note.get("y") !== spot.y + dy) continue;
    note.set("x", spot.x);
    note.set("y", spot.y);
    changed = true;
  }
  return changed;
}

/**
 * deleteFrame took the frame's notes out of it without moving them: back in the re-created frame
 * they go. A note the member dragged out (it moved) stays out.
 */
function putBackLeftNotes(doc: Y.Doc, frameId: string, notes: Map<string, NoteSpot>): void {
  for (const [id, spot] of notes) {
    const note = notesOf(doc).get(id);
    if (!note || note.has("frame") || note.get("x") !== spot.x || note.get("y") !== spot.y) continue;
    note.set("frame", frameId);
    if (spot.cell !== undefined) note.set("cell", spot.cell);
  }
}

/** Fields only the facilitator (locked) or the server (group copies) sets. */
const FACILITATOR_KEYS = ["locked", "group", "copyOf"] as const;

function putBackKeys(frame: Y.Map<unknown>, fields: Record<string, unknown>, keys: readonly string[]): boolean {
  let changed = false;
  for (const key of keys) {
    if (JSON.stringify(frame.get(key)) === JSON.stringify(fields[key])) continue;
    if (fields[key] === undefined) frame.delete(key);
    else frame.set(key, fields[key]);
    changed = true;
  }
  return changed;
}

/** Notes in no frame whose centre lies in `rect`: those a deleted frame let go of. */
function notesWithin(doc: Y.Doc, rect: Rect): string[] {
  const ids: string[] = [];
  for (const [id, note] of notesOf(doc).entries()) {
    if (note.has("frame")) continue;
    const snapshot = readNote(id, note);
    const centre = { x: snapshot.x + snapshot.width / 2, y: snapshot.y + snapshot.height / 2 };
    if (centre.x >= rect.x && centre.x < rect.x + rect.width && centre.y >= rect.y && centre.y < rect.y + rect.height) ids.push(id);
  }
  return ids;
}

function putBack(frame: Y.Map<unknown>, fields: Record<string, unknown>): boolean {
  let changed = false;
  for (const key of [...frame.keys()]) {
    if (key in fields) continue;
    frame.delete(key);
    changed = true;
  }
  for (const [key, value] of Object.entries(fields)) {
    if (JSON.stringify(frame.get(key)) === JSON.stringify(value)) continue;
    frame.set(key, value);
    changed = true;
  }
  return changed;
}
