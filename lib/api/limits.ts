/**
 * Limits the phone page needs at run time, in a module without zod so the page's bundle stays
 * small (lib/api/schemas.ts re-exports them and enforces them on the server).
 */

/** Notes from phones: short, and nothing a terminal or a spreadsheet would act on. */
export const MAX_PHONE_NOTE_CHARS = 500;
export const MAX_PARTICIPANT_NAME_CHARS = 40;

/** Characters no note or name may hold: control characters (a newline aside) and Unicode line separators. */
export const CONTROL_CHARACTERS = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u2028\u2029]/;

/** The text without them: for what Samla is given rather than typed (a saved file's title, a sign-in's name). */
export function withoutControlCharacters(text: string): string {
  return text.replace(new RegExp(CONTROL_CHARACTERS.source, "g"), "");
}
