import type { IncomingMessage } from "node:http";
import { sessionCookieName } from "../../lib/api/schemas";
import { roleOfLink, type LinkKind, type Role } from "../../lib/roles";
import { bearerToken, readCookie } from "./request-credentials";
import type { BoardRecord, BoardStorage } from "../storage/types";
import type { TokenService } from "./tokens";

export interface BoardAccess {
  board: BoardRecord;
  role: Role;
  /** Which of the board's links the token is. */
  link: LinkKind;
  /** Where the token came from: a cookie is sent by the browser on its own, the others are not. */
  via: "query" | "bearer" | "cookie";
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
  const bearer = bearerToken(req);
  const cookie = readCookie(req, sessionCookieName(boardId));
  const [token, via] = queryToken ? [queryToken, "query" as const] : bearer ? [bearer, "bearer" as const] : [cookie, "cookie" as const];
  if (!token) return null;
  const board = await storage.getBoard(boardId);
  if (!board) return null;
  const link = tokens.linkOf(board, token);
  return link ? { board, role: roleOfLink(link), link, via } : null;
}

/**
 * Browsers attach cookies to websocket upgrades from any page, and SameSite does not tell ports
 * apart, so a cookie only counts when the page asking is our own.
 */
export function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return false;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
