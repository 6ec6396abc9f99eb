import { fitRect, type Rect, type Viewport } from "../geometry";
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
