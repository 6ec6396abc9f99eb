import type * as Y from "yjs";
import { notesOf } from "../schema/board";
import { readFrames, type FrameSnapshot } from "../schema/frame";
import { readNote } from "../schema/note";
import { readSession } from "../schema/session";
import { scaleSpread, type ScaleSpread } from "../board/scale-spread";

/**
 * What the binder needs to draw each worksheet as it looks: the frame and the notes inside it, in
 * board units (lib/board/frame-layout.ts gives the cells), and a scale's answers. Pure.
 */
export interface WorksheetPicture {
  frame: FrameSnapshot;
  notes: Array<{ x: number; y: number; width: number; height: number; color: string; text: string }>;
  /** A scale's markers: how many on each value, the median. */
  scale?: ScaleSpread;
}

export function worksheetPictures(doc: Y.Doc, session: Y.Doc): Map<string, WorksheetPicture> {
  const { scaleMarkers } = readSession(session);
  const pictures = new Map<string, WorksheetPicture>();
  for (const frame of readFrames(doc)) {
    pictures.set(frame.id, { frame, notes: [], ...(frame.kind === "scale" ? { scale: scaleSpread(scaleMarkers[frame.id]) } : {}) });
  }
  for (const [id, map] of notesOf(doc).entries()) {
    const note = readNote(id, map);
    const picture = note.frame === undefined ? undefined : pictures.get(note.frame);
    if (picture) picture.notes.push({ x: note.x, y: note.y, width: note.width, height: note.height, color: note.color, text: note.text });
  }
  for (const picture of pictures.values()) picture.notes.sort((a, b) => a.y - b.y || a.x - b.x);
  return pictures;
}

/** The lowest and highest value with a marker: the spread the binder prints beside the median. */
export function scaleRange(spread: ScaleSpread): { low: number; high: number } | null {
  const low = spread.counts.findIndex((count) => count > 0);
  if (low < 0) return null;
  const high = spread.counts.length - 1 - [...spread.counts].reverse().findIndex((count) => count > 0);
  return { low, high };
}
