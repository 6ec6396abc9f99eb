import { boundsOf, fitRect, intersects, zoomAround, type Rect, type Viewport } from "../geometry";
import { NOTE_FONT } from "../note-fit";

/** Note text smaller than this on screen cannot be read at a laptop's distance. */
export const READABLE_TEXT_PX = 12;
const MARGIN = 48;

/**
 * The zoom at which note text at the regular minimum (16) reads at 12 px; only a note with a word
 * too long for that (lib/note-fit.ts `longWordMin`) is written smaller.
 */
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
  return showAt(first, READABLE_SCALE, screen, { centreDown: false });
}

/**
 * `rect` at `scale`: centred across when it fits, else from its left edge; from its top edge, or
 * centred down too (`centreDown`) when it fits.
 */
function showAt(rect: Rect, scale: number, screen: Screen, { centreDown }: { centreDown: boolean }): Viewport {
  const fitsAcross = rect.width * scale <= screen.width - 2 * MARGIN;
  const fitsDown = rect.height * scale <= screen.height - 2 * MARGIN;
  return {
    scale,
    x: fitsAcross ? screen.width / 2 - (rect.x + rect.width / 2) * scale : MARGIN - rect.x * scale,
    y: centreDown && fitsDown ? screen.height / 2 - (rect.y + rect.height / 2) * scale : MARGIN - rect.y * scale,
  };
}

/** On a projector note text should reach 24 px: readable from the back of the room. */
export const PROJECTOR_TEXT_PX = 24;
/** Three notes alone are not blown up to fill a wall, unless their text needs it. */
const PROJECTOR_MAX_SCALE = 2;

/**
 * The zoom at which the smallest text shown, `smallestFont` board units (lib/note-fit.ts: a long
 * note is written smaller than a short one), reads at 24 px on the projector.
 */
export function projectorScaleFor(smallestFont: number): number {
  return PROJECTOR_TEXT_PX / Math.max(NOTE_FONT.longWordMin, Math.min(NOTE_FONT.max, smallestFont));
}

/**
 * What the projector shows while nobody presents: the whole board if every note reads from the
 * back that way, else the notes with the worksheets they are on, else the notes alone (a
 * worksheet with nothing on it yet is not worth the room's eyes), else, when even the notes alone
 * would be too small to read, their top-left part at the zoom where their smallest text is 24 px
 * (the facilitator presents to show the rest). Before there are notes, the whole board.
 */
export function projectorView(whole: Rect | null, worksheets: readonly Rect[], notes: Rect | null, screen: Screen, smallestFont: number = NOTE_FONT.max): Viewport {
  const all = fitRect(whole, screen);
  const needed = projectorScaleFor(smallestFont);
  if (!notes || all.scale >= needed) return all;
  const withSheets = fitRect(boundsOf([notes, ...worksheets.filter((w) => intersects(w, notes))]), screen);
  if (withSheets.scale >= needed) return withSheets;
  const alone = fitRect(notes, screen, MARGIN, Math.max(needed, PROJECTOR_MAX_SCALE));
  if (alone.scale >= needed) return alone;
  return showAt(notes, needed, screen, { centreDown: false });
}

/**
 * What the projector shows of a presenter's view: the same, unless the smallest text in it would
 * read below 24 px; then it is enlarged to that zoom, around the notes it shows (`notes`, their
 * bounds) rather than its middle, which may be an empty stretch between cells: all of them when
 * they fit, else from their top-left, so the room sees whole notes. A presenter zoomed out on a
 * laptop (where 12 px reads) is shown less, large enough for the back of the room.
 */
export function projectorFollowing(shown: Viewport, screen: Screen, smallestFont: number = NOTE_FONT.max, notes: Rect | null = null): Viewport {
  const needed = projectorScaleFor(smallestFont);
  if (shown.scale >= needed) return shown;
  if (!notes) return zoomAround(shown, { x: screen.width / 2, y: screen.height / 2 }, needed / shown.scale);
  return showAt(notes, needed, screen, { centreDown: true });
}
