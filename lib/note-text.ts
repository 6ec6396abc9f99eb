import { CONTROL_CHARACTERS, MAX_PHONE_NOTE_CHARS } from "./api/limits";

/**
 * The rules for a note's text, one set for the board's editor and for phones, so a note written
 * on either fits the other: 1 to 500 characters, an empty note is no note, and the same cleaning
 * the server applies. No zod and no React: the phone page imports this (phone JS budget).
 * The identity-number check is lib/privacy/identity-numbers.ts, loaded by both when needed.
 */

/** Characters one note may hold, on the board and on phones (the server enforces it for phones). */
export const MAX_NOTE_CHARS = MAX_PHONE_NOTE_CHARS;

/** Counters (board editor and phone) show once this few characters are left. */
export const NOTE_COUNTER_FROM = 100;

const CONTROL = new RegExp(CONTROL_CHARACTERS.source, "g");

/**
 * What the server accepts: line breaks as \n, tabs as spaces, no other control characters,
 * trimmed. Pasted text from a spreadsheet or an e-mail would otherwise be refused.
 */
export function cleanNoteText(text: string): string {
  return text
    .replace(/\r\n?|[\u2028\u2029]/g, "\n")
    .replace(/\t/g, " ")
    .replace(CONTROL, "")
    .trim();
}

/** Characters as the server counts them (code points, so an emoji is one). */
export function noteLength(text: string): number {
  return [...cleanNoteText(text)].length;
}

/** Why a note cannot be kept as it is, or null when it can. */
export function noteTextProblem(text: string): "empty" | "too_long" | null {
  const length = noteLength(text);
  if (length === 0) return "empty";
  return length > MAX_NOTE_CHARS ? "too_long" : null;
}

/** A note with nothing but white space in it: left like that, it is discarded, not kept on the board. */
export function isEmptyNote(text: string): boolean {
  return noteTextProblem(text) === "empty";
}

/** Characters left before the limit (negative when over), and whether a counter should say so. */
export function charactersLeft(text: string): { left: number; show: boolean } {
  const left = MAX_NOTE_CHARS - noteLength(text);
  return { left, show: left <= NOTE_COUNTER_FROM };
}
