import type { IncomingMessage } from "node:http";
import type { MeResponse, MyBoardsResponse, SignedInUser } from "../../lib/api/schemas";
import type { Accounts } from "../accounts/accounts";
import { myBoards } from "../accounts/facilitators";
import { requireUser } from "../accounts/require-user";
import { safeReturnTo } from "../accounts/return-to";
import { SESSION_MAX_MS, USER_COOKIE } from "../accounts/sessions";
import { LOGIN_TTL_MS } from "../accounts/pending-logins";
import type { ParticipationContext } from "../participation/context";
import type { UserRecord } from "../storage/types";
import { LINK_REVOKED_CLOSE_CODE } from "../participation/link-renewal";
import { sendAuthFailure } from "./auth-pages";
import { expiredCookie, laxCookie, readCookie, secureCookies, sessionCookie } from "./cookies";
import { HttpError, sendJson } from "./json";
import { requestUrl } from "./request-url";
import type { Handler, Route } from "./route-auth";

/** The sign-in in progress: a random reference to what the server keeps (pending-logins.ts). */
const LOGIN_COOKIE = "samla_login";
const LOGIN_COOKIE_PATH = "/auth/";

const userView = (user: UserRecord): SignedInUser => ({ id: user.id, name: user.name, email: user.email });

/**
 * Where the provider sends people back. SAMLA_PUBLIC_URL when set (behind a proxy, and what the
 * provider has registered); else the address this request came to. Not the LAN address that join
 * links use for `localhost` (public-origin.ts): the login's cookie is on the host the browser used.
 */
export function ownOrigin(req: IncomingMessage, publicUrl: string | undefined): string {
  if (publicUrl) return publicUrl.replace(/\/+$/, "");
  const proto = req.headers["x-forwarded-proto"] === "https" ? "https" : "http";
  return new URL(`${proto}://${req.headers.host ?? "localhost"}`).origin;
}

/** The reason to log: the provider's error code or the library's, never a token or a message that could hold one. */
function reasonOf(error: unknown): string {
  const e = error as { error?: unknown; code?: unknown; name?: unknown };
  return [e.error, e.code, e.name].find((v) => typeof v === "string") as string | undefined ?? "unknown";
}

/** Signing in and out, the signed-in person, and their boards (docs/api.md, "Signing in"). */
export function accountRoutes(ctx: ParticipationContext, accounts: Accounts | null, publicUrl: string | undefined): Route[] {
  const configured = (): Accounts => {
    if (!accounts) throw new HttpError(404, "sign_in_not_configured", "this server has no sign-in");
    return accounts;
  };

  const login: Handler = async (req, res) => {
    const { oidc, pending } = configured();
    const returnTo = safeReturnTo(requestUrl(req)?.searchParams.get("returnTo"));
    let start: Awaited<ReturnType<typeof oidc.startLogin>>;
    try {
      start = await oidc.startLogin(`${ownOrigin(req, publicUrl)}/auth/callback`);
    } catch (error) {
      ctx.log("auth.provider_unreachable", { reason: reasonOf(error) });
      return sendAuthFailure(req, res, 502, "account.providerDown");
    }
    const cookie = laxCookie(LOGIN_COOKIE, pending.add(start.checks, returnTo), secureCookies(req, publicUrl), LOGIN_TTL_MS / 1000, LOGIN_COOKIE_PATH);
    res.writeHead(302, { Location: start.url.href, "Set-Cookie": cookie, "Cache-Control": "no-store" }).end();
  };

  const callback: Handler = async (req, res) => {
    const { oidc, pending, sessions } = configured();
    const secure = secureCookies(req, publicUrl);
    const clearLogin = expiredCookie(LOGIN_COOKIE, secure, LOGIN_COOKIE_PATH);
    const started = pending.take(readCookie(req, LOGIN_COOKIE));
    if (!started) return sendAuthFailure(req, res, 400, "account.loginExpired", { "Set-Cookie": clearLogin });
    const answer = new URL(started.redirectUri);
    answer.search = requestUrl(req)?.search ?? "";
    let identity: Awaited<ReturnType<typeof oidc.finishLogin>>;
    try {
      identity = await oidc.finishLogin(answer, started);
    } catch (error) {
      ctx.log("auth.sign_in_failed", { reason: reasonOf(error) });
      return sendAuthFailure(req, res, 400, "account.loginFailed", { "Set-Cookie": clearLogin });
    }
    const user = await ctx.storage.upsertUser({ ...identity, at: ctx.retention.now() });
    const token = await sessions.start(user.id);
    ctx.log("auth.signed_in", { user: user.id });
    const session = sessionCookie(USER_COOKIE, token, secure, SESSION_MAX_MS / 1000);
    res.writeHead(302, { Location: started.returnTo, "Set-Cookie": [clearLogin, session], "Cache-Control": "no-store" }).end();
  };

  const logout: Handler = async (req, res) => {
    await requireUser(accounts?.sessions, req).catch((error: unknown) => {
      // Signing out twice, or after the session lapsed, is no error; from another site it is.
      if (error instanceof HttpError && error.code !== "sign_in_required") throw error;
    });
    await accounts!.sessions.end(req);
    res.writeHead(204, { "Set-Cookie": expiredCookie(USER_COOKIE, secureCookies(req, publicUrl)) }).end();
  };

  const me: Handler = async (req, res) => {
    const user = accounts ? await accounts.sessions.userOf(req) : null;
    const body: MeResponse = { signInRequired: accounts !== null, user: user ? userView(user) : null };
    sendJson(res, 200, body);
  };

  /** Erases the account for real (docs/privacy.md): boards stay, reachable by their links. */
  const deleteMe: Handler = async (req, res) => {
    const user = await requireUser(accounts?.sessions, req);
    const boards = await ctx.storage.boardsOf(user.id);
    await ctx.storage.deleteUser(user.id);
    await ctx.storage.purgeDeleted();
    // Boards open in their browser by account lose access now, not at their next reconnection;
    // a connection still joining, its access checked before the deletion, is closed as it joins.
    for (const { boardId } of boards) ctx.renewals.removed(boardId, user.id);
    for (const { boardId } of boards) ctx.rooms.closePeers(boardId, (peer) => peer.account === user.id, LINK_REVOKED_CLOSE_CODE, "account deleted");
    ctx.log("account.deleted", { user: user.id });
    res.writeHead(204, { "Set-Cookie": expiredCookie(USER_COOKIE, secureCookies(req, publicUrl)) }).end();
  };

  const boards: Handler = async (req, res) => {
    const user = await requireUser(accounts?.sessions, req);
    const body: MyBoardsResponse = { boards: await myBoards(ctx.storage, user, ctx.retention.maxDays) };
    sendJson(res, 200, body);
  };

  return [
    ["GET", /^\/auth\/login$/, login],
    ["GET", /^\/auth\/callback$/, callback],
    ["POST", /^\/auth\/logout$/, logout],
    ["GET", /^\/api\/me$/, me],
    ["DELETE", /^\/api\/me$/, deleteMe],
    ["GET", /^\/api\/my-boards$/, boards],
  ];
}
