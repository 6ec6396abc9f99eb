import * as Y from "yjs";
import { framesOf } from "./frame";

/**
 * Locked frames for people who may not change them. The server applies a member's update and then
 * puts back what it changed in a locked frame, or in any frame's `locked` field, in one server
 * transaction that every peer receives. Refusing the update instead would close the member's
 * connection, and their client would resend the same update on reconnect, for ever.
 */
export type FrameCapture = Map<string, { locked: boolean; fields: Record<string, unknown> | null }>;

/** What to put back after an update from someone who may not lock or change locked frames. */
export function captureFrames(doc: Y.Doc): FrameCapture {
  const captured: FrameCapture = new Map();
  for (const [id, frame] of framesOf(doc).entries()) {
    const locked = frame.get("locked") === true;
    captured.set(id, { locked, fields: locked ? frame.toJSON() : null });
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
      // A frame new in this update may exist, but not locked: only the facilitator locks.
      if (!before?.locked) {
        if (frame.has("locked")) {
          frame.delete("locked");
          changed = true;
        }
        continue;
      }
      changed = putBack(frame, before.fields!) || changed;
    }
    for (const [id, before] of captured) {
      if (!before.locked || frames.has(id)) continue;
      const frame = new Y.Map<unknown>();
      for (const [key, value] of Object.entries(before.fields!)) frame.set(key, value);
      frames.set(id, frame);
      changed = true;
    }
  }, origin);
  return changed;
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
