import { fitNoteFontSize, type MeasureText } from "../../lib/note-fit";
import { NOTE_TEXT_STYLE } from "./noteStyle";

// Widths at one reference size, scaled: glyphs grow linearly with the font size, so each word is
// measured once however often a note's size is fitted (3,000 notes on a board, every keystroke).
const REFERENCE_SIZE = 100;
const widths = new Map<string, number>();
const MAX_CACHED = 20_000;
let context: CanvasRenderingContext2D | null = null;

function referenceWidth(text: string): number {
  const known = widths.get(text);
  if (known !== undefined) return known;
  context ??= document.createElement("canvas").getContext("2d");
  if (!context) return text.length * 0.6 * REFERENCE_SIZE;
  context.font = `${REFERENCE_SIZE}px ${NOTE_TEXT_STYLE.fontFamily}`;
  const width = context.measureText(text).width;
  if (widths.size >= MAX_CACHED) widths.clear();
  widths.set(text, width);
  return width;
}

/** Note text's width in the note font, as Konva's Text and the editor's textarea draw it. */
export const measureNoteText: MeasureText = (text, fontSize) => (referenceWidth(text) * fontSize) / REFERENCE_SIZE;

const fitted = new Map<string, number>();

/**
 * A note's text size (lib/note-fit.ts), remembered across mounts: zooming out and back in
 * unmounts and remounts every note in view, and each would fit its text again.
 */
export function noteFontSize(text: string, box: { width: number; height: number }): number {
  const key = `${box.width}x${box.height}:${text}`;
  const known = fitted.get(key);
  if (known !== undefined) return known;
  const size = fitNoteFontSize(text, box, measureNoteText);
  if (fitted.size >= MAX_CACHED) fitted.clear();
  fitted.set(key, size);
  return size;
}
