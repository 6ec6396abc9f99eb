/**
 * Hard limits shared by the client (to guide users) and the server (to enforce).
 * Kept in one place so the two never disagree.
 */
export const LIMITS = {
  /** Largest websocket message the server accepts by default (bytes). */
  maxMessageBytes: 1024 * 1024,
  /** Largest HTTP JSON body (bytes). */
  maxHttpBodyBytes: 64 * 1024,
  /** Notes per board. */
  maxNotesPerBoard: 5000,
  /** Frames (worksheets) per board: a method has a handful; the canvas draws them all. */
  maxFramesPerBoard: 500,
  /** Characters in one note's text, enforced by the editor. */
  maxNoteTextChars: 2000,
  /** Characters one inserted text run may carry, enforced by the server (a paste). */
  maxInsertedTextChars: 10_000,
  /** Characters in a board title. */
  maxTitleChars: 120,
  /** Board units: notes live inside this square around the origin. */
  maxCoordinate: 1_000_000,
  minNoteSize: 40,
  maxNoteSize: 2000,
} as const;
