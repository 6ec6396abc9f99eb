import { createHmac, timingSafeEqual } from "node:crypto";

/** 128 bits: far beyond guessing, and short enough to keep the QR code easy to scan from afar. */
const KEY_BYTES = 16;

/**
 * The key a board's QR code carries beside its join code (`/join/CODE#key=KEY`). Someone who has
 * it was in the room (or was sent the link), so a join with it is no guess: typed codes may pause
 * for a flood of wrong guesses while the room keeps joining by the QR code. Derived like the board
 * tokens, never stored: HMAC-SHA256 of the server secret over the board id, "join" and the current
 * code, so a new code makes a new key and the old key stops with the old code.
 */
export class JoinKeys {
  constructor(private readonly secret: Buffer) {
    if (secret.length < 32) throw new Error("the join key secret must hold at least 256 bits");
  }

  keyFor(boardId: string, code: string): string {
    return createHmac("sha256", this.secret).update(`${boardId}\njoin\n${code}`).digest().subarray(0, KEY_BYTES).toString("base64url");
  }

  matches(boardId: string, code: string, key: string): boolean {
    const given = Buffer.from(key);
    const expected = Buffer.from(this.keyFor(boardId, code));
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
