import type { IncomingMessage } from "node:http";
import { participantCookieName } from "../../lib/api/schemas";
import { bearerToken, readCookie } from "../http/cookies";
import type { BoardRecord, ParticipantRecord, Storage } from "../storage/types";
import { sameOrigin } from "./board-access";
import type { TokenService } from "./tokens";

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
  const participantId = board ? tokens.participantOf(board, token) : null;
  if (!board || !participantId) return null;
  const participant = await storage.getParticipant(boardId, participantId);
  return participant ? { board, participant } : null;
}

function isSafeMethod(req: IncomingMessage): boolean {
  return req.method === "GET" || req.method === "HEAD";
}
