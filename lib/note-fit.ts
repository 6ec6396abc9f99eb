/**
 * How big a note's text is drawn: like a paper post-it, a short note is written large and a long
 * one small, and a word is never broken in the middle ("välbefinnan/de"). Pure: the width of a
 * word comes from `measure`, so it is tested without a browser and the canvas and the editor
 * laid over it agree on the size.
 */

/** A text's width in px at `fontSize`. Fonts scale linearly, so one measure per word is enough. */
export type MeasureText = (text: string, fontSize: number) => number;

export interface NoteFontLimits {
  /** A one-word note is written this large (board units). */
  max: number;
  /** The smallest size; a text that does not fit even so ends in an ellipsis. */
  min: number;
  /**
   * Below `min` only for a word wider than the note at `min`: Swedish care words such as
   * "genomförandeplan" or "biståndshandläggare" are written smaller rather than broken.
   */
  longWordMin: number;
  lineHeight: number;
}

export const NOTE_FONT: NoteFontLimits = { max: 32, min: 16, longWordMin: 11, lineHeight: 1.25 };

// Konva and the browser round glyph widths differently from our sum of word widths: keep a margin.
const WIDTH_SLACK = 0.96;

/**
 * Lines `text` takes at `fontSize` in `width`, wrapping at spaces; Infinity if some word is wider
 * than the line (the renderer would have to break it).
 */
export function linesNeeded(text: string, width: number, fontSize: number, measure: MeasureText): number {
  const room = width * WIDTH_SLACK;
  const space = measure(" ", fontSize);
  let lines = 0;
  for (const paragraph of text.split("\n")) {
    lines += 1;
    let used = 0;
    for (const word of paragraph.split(" ")) {
      if (word === "") continue;
      const w = measure(word, fontSize);
      if (w > room) return Infinity;
      if (used === 0) used = w;
      else if (used + space + w <= room) used += space + w;
      else {
        lines += 1;
        used = w;
      }
    }
  }
  return lines;
}

/** The largest whole font size in the limits at which `text` fits `box` with no word broken. */
export function fitNoteFontSize(text: string, box: { width: number; height: number }, measure: MeasureText, limits: NoteFontLimits = NOTE_FONT): number {
  const fits = (size: number) => linesNeeded(text, box.width, size, measure) * size * limits.lineHeight <= box.height;
  if (fits(limits.max)) return limits.max;
  // Fewer, wider lines as the size grows: "fits" turns false once and stays so, so a binary search holds.
  let low = limits.min;
  let high = limits.max;
  if (!fits(low)) return sizeForLongestWord(text, box.width, measure, limits);
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (fits(middle)) low = middle;
    else high = middle;
  }
  return low;
}

/**
 * A text that does not fit at the minimum: the minimum, unless its widest word is wider than the
 * note even so (the renderer would break it); then the largest size, down to `longWordMin`, at
 * which that word fits with the margin. Only a word too long even at `longWordMin` is broken.
 */
function sizeForLongestWord(text: string, width: number, measure: MeasureText, limits: NoteFontLimits): number {
  const widest = Math.max(0, ...text.split(/\s+/).map((word) => measure(word, limits.min)));
  // Within the note but not within our margin: the renderer keeps the word whole, as it always has.
  if (widest <= width) return limits.min;
  const size = Math.floor((width * WIDTH_SLACK * limits.min) / widest);
  return Math.max(limits.longWordMin, size);
}
