import type { IncomingMessage } from "node:http";
import { sessionCookieName } from "../../lib/api/schemas";
import type { Role } from "../../lib/roles";
import { readCookie } from "../http/cookies";
import type { BoardRecord, BoardStorage } from "../storage/types";
import type { TokenService } from "./tokens";

export interface BoardAccess {
  board: BoardRecord;
  role: Role;
}

/**
 * Who is asking, for one board: the token from `?token=` (stock y-websocket clients), a bearer
 * header (scripts) or the board's HttpOnly cookie (our pages), in that order.
 */
export async function resolveAccess(
  req: IncomingMessage,
  boardId: string,
  storage: BoardStorage,
  tokens: TokenService,
  queryToken: string | null = null,
): Promise<BoardAccess | null> {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1] ?? null;
  const token = queryToken ?? bearer ?? readCookie(req, sessionCookieName(boardId));
  if (!token) return null;
  const board = await storage.getBoard(boardId);
  if (!board) return null;
  const role = tokens.roleOf(board, token);
  return role ? { board, role } : null;
}
