import type * as Y from "yjs";
import { boundsOf, type Rect } from "../geometry";
import { notesOf } from "../schema/board";
import { readFrames } from "../schema/frame";
import { readNote } from "../schema/note";

/** The rectangle around every note and frame, or null on an empty board: where new things go beside. */
export function contentBounds(doc: Y.Doc): Rect | null {
  const rects: Rect[] = readFrames(doc);
  for (const [id, note] of notesOf(doc).entries()) rects.push(readNote(id, note));
  return boundsOf(rects);
}
