import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { ROLES, type Role } from "../../lib/roles";
import type { BoardRecord } from "../storage/types";

/**
 * Board tokens are derived, never stored: HMAC-SHA256 of a server secret over the board id, the
 * role and a per-board salt. A copy of the database alone yields no token; the server can show a
 * facilitator the links again; changing the salt revokes every link of the board.
 */
export class TokenService {
  constructor(private readonly secret: Buffer) {
    if (secret.length < 32) throw new Error("the token secret must hold at least 256 bits");
  }

  tokenFor(board: Pick<BoardRecord, "id" | "tokenSalt">, role: Role): string {
    return createHmac("sha256", this.secret).update(`${board.id}\n${role}\n${board.tokenSalt}`).digest("base64url");
  }

  roleOf(board: Pick<BoardRecord, "id" | "tokenSalt">, token: string | null | undefined): Role | null {
    if (!token) return null;
    const given = Buffer.from(token);
    for (const role of ROLES) {
      const expected = Buffer.from(this.tokenFor(board, role));
      if (given.length === expected.length && timingSafeEqual(given, expected)) return role;
    }
    return null;
  }

  /**
   * A participant's token names them and proves it: `ID.MAC`, the MAC an HMAC of the server
   * secret, so it is derived like the board tokens and never stored.
   */
  participantToken(board: Pick<BoardRecord, "id" | "tokenSalt">, participantId: string): string {
    const mac = createHmac("sha256", this.secret).update(`${board.id}\nparticipant\n${participantId}\n${board.tokenSalt}`).digest("base64url");
    return `${participantId}.${mac}`;
  }

  participantOf(board: Pick<BoardRecord, "id" | "tokenSalt">, token: string | null | undefined): string | null {
    const participantId = token?.split(".")[0];
    if (!token || !participantId || !/^[A-Za-z0-9_-]{8,64}$/.test(participantId)) return null;
    const given = Buffer.from(token);
    const expected = Buffer.from(this.participantToken(board, participantId));
    return given.length === expected.length && timingSafeEqual(given, expected) ? participantId : null;
  }
}

export function newTokenSalt(): string {
  return randomBytes(16).toString("base64url");
}
