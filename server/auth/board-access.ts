import type { IncomingMessage } from "node:http";
import { sessionCookieName } from "../../lib/api/schemas";
import { roleOfLink, type LinkKind, type Role } from "../../lib/roles";
import { bearerToken, readCookie } from "./request-credentials";
import type { AccountStorage, BoardRecord, BoardStorage } from "../storage/types";
import type { TokenService } from "./tokens";

export interface BoardAccess {
  board: BoardRecord;
  role: Role;
  /** Which of the board's links the token is; an account acts as the facilitator's link would. */
  link: LinkKind;
  /**
   * Where the access came from: a cookie is sent by the browser on its own, the others are not;
   * `account` is a signed-in owner or co-facilitator (server/accounts), by their own cookie.
   */
  via: "query" | "bearer" | "cookie" | "account";
  /** The signed-in person, when `via` is `account`: removing them from the board closes their sockets. */
  account?: string;
}

/** Who is signed in (server/accounts/sessions.ts); absent when the server has no sign-in. */
export interface SignedInLookup {
  userOf(req: IncomingMessage): Promise<{ id: string } | null>;
}

/**
 * Who is asking, for one board: the token from `?token=` (stock y-websocket clients), a bearer
 * header (scripts), or else what the browser sends by itself: the board's HttpOnly cookie (our
 * pages) and a signed-in facilitator's account, the better of the two.
 */
export async function resolveAccess(
  req: IncomingMessage,
  boardId: string,
  storage: BoardStorage & Pick<AccountStorage, "facilitatorRole">,
  tokens: TokenService,
  queryToken: string | null = null,
  accounts?: SignedInLookup,
): Promise<BoardAccess | null> {
  const bearer = bearerToken(req);
  if (queryToken || bearer) return tokenAccess(storage, tokens, boardId, queryToken ? [queryToken, "query"] : [bearer!, "bearer"]);
  const byCookie = await tokenAccess(storage, tokens, boardId, [readCookie(req, sessionCookieName(boardId)), "cookie"]);
  if (byCookie?.role === "facilitator" || !accounts) return byCookie;
  return (await accountAccess(req, boardId, storage, accounts)) ?? byCookie;
}

async function tokenAccess(storage: BoardStorage, tokens: TokenService, boardId: string, [token, via]: [string | null, "query" | "bearer" | "cookie"]): Promise<BoardAccess | null> {
  if (!token) return null;
  const board = await storage.getBoard(boardId);
  if (!board) return null;
  const link = tokens.linkOf(board, token);
  return link ? { board, role: roleOfLink(link), link, via } : null;
}

/** A signed-in owner or co-facilitator facilitates the board without any link. */
async function accountAccess(req: IncomingMessage, boardId: string, storage: BoardStorage & Pick<AccountStorage, "facilitatorRole">, accounts: SignedInLookup): Promise<BoardAccess | null> {
  const user = await accounts.userOf(req);
  if (!user || !(await storage.facilitatorRole(boardId, user.id))) return null;
  const board = await storage.getBoard(boardId);
  return board ? { board, role: "facilitator", link: "facilitator", via: "account", account: user.id } : null;
}

/** Credentials the browser sends on its own: they count for a change only from our own pages. */
export function sentByBrowser(access: BoardAccess): boolean {
  return access.via === "cookie" || access.via === "account";
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
