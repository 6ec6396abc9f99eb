import { boundsOf, fitRect, intersects, zoomAround, type Rect, type Viewport } from "../geometry";
import { NOTE_FONT } from "../note-fit";

/** Note text smaller than this on screen cannot be read at a laptop's distance. */
export const READABLE_TEXT_PX = 12;
const MARGIN = 48;

/** The zoom at which even the smallest note text is readable. */
export const READABLE_SCALE = READABLE_TEXT_PX / NOTE_FONT.min;

type Screen = { width: number; height: number };

/** The worksheet a reader starts with: the top row first, then from the left. */
export function firstWorksheet(worksheets: readonly Rect[]): Rect | null {
  let first: Rect | null = null;
  for (const w of worksheets) {
    if (!first || w.y < first.y - 1 || (Math.abs(w.y - first.y) <= 1 && w.x < first.x)) first = w;
  }
  return first;
}

/**
 * The view a board opens at: the whole board if its notes can be read that way, else the first
 * worksheet whole, else the first worksheet from its title down at the smallest readable zoom
 * (centred when its width fits): a facilitator scrolls down a readable sheet rather than squint.
 */
export function openingView(whole: Rect | null, worksheets: readonly Rect[], screen: Screen): Viewport {
  const all = fitRect(whole, screen);
  if (all.scale >= READABLE_SCALE) return all;
  const first = firstWorksheet(worksheets) ?? whole;
  if (!first) return all;
  const one = fitRect(first, screen);
  if (one.scale >= READABLE_SCALE) return one;
  const scale = READABLE_SCALE;
  const fitsAcross = first.width * scale <= screen.width - 2 * MARGIN;
  return {
    scale,
    x: fitsAcross ? screen.width / 2 - (first.x + first.width / 2) * scale : MARGIN - first.x * scale,
    y: MARGIN - first.y * scale,
  };
}

/** On a projector a short note's text (the largest size) should reach 24 px: readable from the back. */
export const PROJECTOR_TEXT_PX = 24;
export const PROJECTOR_SCALE = PROJECTOR_TEXT_PX / NOTE_FONT.max;
/** Three notes alone are not blown up to fill a wall. */
const PROJECTOR_MAX_SCALE = 2;

/**
 * What the projector shows while nobody presents: the whole board if the notes read from the back
 * that way, else the notes with the worksheets they are on, else the notes alone (a worksheet
 * with nothing on it yet is not worth the room's eyes). Before there are notes, the whole board.
 */
export function projectorView(whole: Rect | null, worksheets: readonly Rect[], notes: Rect | null, screen: Screen): Viewport {
  const all = fitRect(whole, screen);
  if (!notes || all.scale >= PROJECTOR_SCALE) return all;
  const withSheets = fitRect(boundsOf([notes, ...worksheets.filter((w) => intersects(w, notes))]), screen);
  if (withSheets.scale >= PROJECTOR_SCALE) return withSheets;
  return fitRect(notes, screen, MARGIN, PROJECTOR_MAX_SCALE);
}

/**
 * What the projector shows of a presenter's view: the same area, centred, but never at a zoom
 * where a short note reads below 24 px. A presenter zoomed out on their laptop (where 12 px reads)
 * is shown in its middle, large enough for the back of the room, not shrunk to match.
 */
export function projectorFollowing(shown: Viewport, screen: Screen): Viewport {
  if (shown.scale >= PROJECTOR_SCALE) return shown;
  return zoomAround(shown, { x: screen.width / 2, y: screen.height / 2 }, PROJECTOR_SCALE / shown.scale);
}
