/**
 * Join codes are read off a projector and typed on a phone: six characters from an alphabet
 * without look-alikes (no 0/O, 1/I/L), case-insensitive. 31^6 is close to 900 million codes, and
 * the server throttles wrong guesses, so trying the code space is impractical.
 *
 * No zod here: the phone's join page imports this module (lib/join/join-code.ts re-exports it
 * next to the server's request schema).
 */
export const JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const JOIN_CODE_LENGTH = 6;

const codePattern = new RegExp(`^[${JOIN_CODE_ALPHABET}]{${JOIN_CODE_LENGTH}}$`);

/** What people type ("abc 123", "ABC-123") to the canonical code, or null when it cannot be one. */
export function normalizeJoinCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, "");
  return codePattern.test(code) ? code : null;
}

/** "ABC123" as "ABC 123": easier to read aloud and to copy from a wall. */
export function formatJoinCode(code: string): string {
  return `${code.slice(0, 3)} ${code.slice(3)}`;
}

/** The page a QR code points to; `origin` is how phones reach this server. */
export function joinPath(code: string): string {
  return `/join/${code}`;
}

/** The QR code's link: the code's page, its key after `#` so that no log or Referer ever holds it. */
export function joinLinkPath(code: string, key: string): string {
  return `${joinPath(code)}#key=${encodeURIComponent(key)}`;
}

/** The key from a join page's `#key=…`, or null. */
export function joinKeyOf(hash: string): string | null {
  const key = /(?:^#?|&)key=([A-Za-z0-9_-]{16,64})(?:&|$)/.exec(hash)?.[1];
  return key ?? null;
}
