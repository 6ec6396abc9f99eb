import { boundsOf, type Rect } from "../../lib/geometry";
import type { FrameStore } from "./frameStore";
import type { NoteStore } from "./noteStore";

/** The area of every note and worksheet (and `also`: "Nya lappar" with its name): what "zoom to fit" and the projector show. */
export function wholeBoardRect(notes: NoteStore, frames: FrameStore | undefined, also?: Rect | null): Rect | null {
  const parts: Rect[] = [...(frames?.all() ?? []), ...(also ? [also] : [])];
  const noteBounds = notes.bounds();
  if (noteBounds) parts.push(noteBounds);
  return boundsOf(parts);
}
