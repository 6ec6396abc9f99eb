import { NOTE_FONT } from "../../lib/note-fit";

/** How note text is laid out; shared by the canvas and the HTML editor laid over it. */
export const NOTE_TEXT_STYLE = {
  padding: 12,
  lineHeight: NOTE_FONT.lineHeight,
  color: "#1f2328",
  fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
} as const;
/** A note's edge, one screen pixel wide at any zoom. */
export const NOTE_EDGE_COLOR = "rgba(0,0,0,0.45)";
export const SELECTION_COLOR = "#1d4ed8";

/** The author's line ("— Anna") under a signed note's text. */
export const AUTHOR_FONT_SIZE = 14;
const AUTHOR_LINE = AUTHOR_FONT_SIZE * 1.4;
/** The vote chip and the count badge: a strip of their own below the text, never over it. */
export const VOTE_STRIP = { chipWidth: 64, height: 40, margin: 6 };

/**
 * The vote chip's height in board units: 40, or on a touch screen as much as 44 screen px need
 * (up to 72, so the words keep most of the note even zoomed far out).
 */
export function voteChipHeight(scale: number, touch: boolean): number {
  return touch ? Math.min(72, Math.max(VOTE_STRIP.height, Math.ceil(44 / scale))) : VOTE_STRIP.height;
}

/** Where a note's text goes, leaving room below it for the author's line and the vote strip. */
export function noteTextBox(note: { width: number; height: number }, below: { author: boolean; votes: boolean; chipHeight?: number }) {
  const { padding } = NOTE_TEXT_STYLE;
  const bottom = below.votes ? (below.chipHeight ?? VOTE_STRIP.height) + 2 * VOTE_STRIP.margin : padding;
  const author = below.author ? AUTHOR_LINE : 0;
  return {
    x: padding,
    y: padding,
    width: Math.max(1, note.width - 2 * padding),
    height: Math.max(1, note.height - padding - bottom - author),
    /** The top of the author's line. */
    authorY: note.height - bottom - author,
  };
}
