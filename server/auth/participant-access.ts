import type { IncomingMessage } from "node:http";
import { participantCookieName } from "../../lib/api/schemas";
import type { BoardRecord, ParticipantRecord, ParticipationStorage, Storage } from "../storage/types";
import { sameOrigin } from "./board-access";
import { bearerToken, readCookie } from "./request-credentials";
import { claimedParticipantId, type TokenService } from "./tokens";

export interface ParticipantAccess {
  board: BoardRecord;
  participant: ParticipantRecord;
}

/**
 * Which participant is asking: a bearer token (scripts, tests) or the phone's HttpOnly cookie.
 * A cookie counts for a change only when our own page sends it (browsers attach it anywhere);
 * otherwise the answer is "cross_origin", not "not joined", so the phone does not try to rejoin.
 */
export async function resolveParticipant(
  req: IncomingMessage,
  boardId: string,
  storage: Storage,
  tokens: TokenService,
): Promise<ParticipantAccess | "cross_origin" | null> {
  const bearer = bearerToken(req);
  const token = bearer ?? readCookie(req, participantCookieName(boardId));
  if (!token) return null;
  if (!bearer && !isSafeMethod(req) && !sameOrigin(req)) return "cross_origin";
  const board = await storage.getBoard(boardId);
  const participant = board ? await participantHolding(storage, tokens, board, token) : null;
  return board && participant ? { board, participant } : null;
}

/**
 * The participant a token proves, if they are still on the board: the row says how the identity
 * was made, and so which salt its token was derived with. A removed participant has no row.
 */
export async function participantHolding(
  storage: Pick<ParticipationStorage, "getParticipant">,
  tokens: TokenService,
  board: BoardRecord,
  token: string | null | undefined,
): Promise<ParticipantRecord | null> {
  const claimed = claimedParticipantId(token);
  const participant = claimed ? await storage.getParticipant(board.id, claimed) : null;
  return participant && tokens.isParticipantToken(board, participant, token) ? participant : null;
}

function isSafeMethod(req: IncomingMessage): boolean {
  return req.method === "GET" || req.method === "HEAD";
}
