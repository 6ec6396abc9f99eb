import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { LINK_KINDS, roleOfLink, type LinkKind, type ParticipantVia, type Role } from "../../lib/roles";
import type { BoardRecord } from "../storage/types";

/** What derivation needs of a board: its id and its salts (never a token). */
export type TokenBoard = Pick<BoardRecord, "id" | "tokenSalt" | "linkSalts">;

/**
 * Board tokens are derived, never stored: HMAC-SHA256 of a server secret over the board id, the
 * link kind and that link's salt. A copy of the database alone yields no token; the server can
 * show a facilitator the links again; a new salt for one link revokes that link alone.
 *
 * A link that was never renewed has no salt of its own and uses the board's `tokenSalt`, with the
 * message boards have always used (`id\nrole\nsalt`): links handed out before links could be
 * renewed keep working. The projector's link is `id\nprojector\nsalt`, so it differs from the
 * viewer's although it reads like it.
 */
export class TokenService {
  constructor(private readonly secret: Buffer) {
    if (secret.length < 32) throw new Error("the token secret must hold at least 256 bits");
  }

  tokenFor(board: TokenBoard, link: LinkKind): string {
    return this.mac(`${board.id}\n${link}\n${saltOf(board, link)}`);
  }

  /** Which of the board's links the token is, or null. */
  linkOf(board: TokenBoard, token: string | null | undefined): LinkKind | null {
    if (!token) return null;
    for (const link of LINK_KINDS) if (sameToken(token, this.tokenFor(board, link))) return link;
    return null;
  }

  roleOf(board: TokenBoard, token: string | null | undefined): Role | null {
    const link = this.linkOf(board, token);
    return link ? roleOfLink(link) : null;
  }

  /**
   * A participant's token names them and proves it: `ID.MAC`, the MAC an HMAC of the server
   * secret, so it is derived like the board tokens and never stored. A phone's (joined with the
   * code) uses the board's `tokenSalt`, as it always has, and no link renewal touches it; an
   * identity a board user made through a link uses that link's salt, so renewing the link stops it.
   */
  participantToken(board: TokenBoard, participantId: string, via: ParticipantVia): string {
    const message =
      via === "code" ? `${board.id}\nparticipant\n${participantId}\n${board.tokenSalt}` : `${board.id}\nparticipant\n${participantId}\n${via}\n${saltOf(board, via)}`;
    return `${participantId}.${this.mac(message)}`;
  }

  /** Does `token` prove this participant, made this way? */
  isParticipantToken(board: TokenBoard, participant: { id: string; via: ParticipantVia }, token: string | null | undefined): boolean {
    return !!token && sameToken(token, this.participantToken(board, participant.id, participant.via));
  }

  private mac(message: string): string {
    return createHmac("sha256", this.secret).update(message).digest("base64url");
  }
}

/** The participant id a token claims to be, before anything is verified (null when malformed). */
export function claimedParticipantId(token: string | null | undefined): string | null {
  const participantId = token?.split(".")[0];
  return participantId && /^[A-Za-z0-9_-]{8,64}$/.test(participantId) ? participantId : null;
}

function saltOf(board: TokenBoard, link: LinkKind): string {
  return board.linkSalts?.[link] ?? board.tokenSalt;
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function newTokenSalt(): string {
  return randomBytes(16).toString("base64url");
}
