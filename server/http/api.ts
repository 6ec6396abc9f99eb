import { withoutControlCharacters } from "../../lib/api/limits";
import type { IncomingMessage, ServerResponse } from "node:http";
import { nanoid } from "nanoid";
import {
  createBoardRequest,
  sessionCookieName,
  sessionRequest,
  type CreateBoardRequest,
  type CreateBoardResponse,
  type SessionResponse,
} from "../../lib/api/schemas";
import { LIMITS, type ServerLimits } from "../../lib/schema/limits";
import type { LinkKind } from "../../lib/roles";
import { resolveAccess, sameOrigin } from "../auth/board-access";
import { boardLinks } from "../auth/links";
import type { JoinKeys } from "../auth/join-key";
import type { LinkRenewals } from "../auth/link-renewals";
import { newTokenSalt, type TokenService } from "../auth/tokens";
import type { Logger } from "../log";
import { participantView } from "../participation/participant-view";
import { LiveViews, type LiveOptions } from "../participation/live";
import { ensureJoinCode } from "../participation/join";
import { LimitReached, Throttle } from "../participation/throttle";
import type { Redis } from "ioredis";
import { checkRedis } from "../cluster/redis";
import { BoardElsewhere, type RoomRegistry } from "../realtime/rooms";
import type { ParticipationContext } from "../participation/context";
import { ClaimLostError, type BoardRecord, type Storage } from "../storage/types";
import { participationRoutes } from "./participation-routes";
import { addKitToBoard, kitBoardTitle, kitRoutes, requireKit } from "./kit-routes";
import { exportRoutes } from "./export-routes";
import { parseBoardFile, writeBoardFile } from "../export/board-import";
import { MAX_BOARD_FILE_BYTES } from "../../lib/export/board-file";
import { groupsRoutes } from "./groups-routes";
import { agendaRoutes } from "./agenda-routes";
import { frameRoutes } from "./frame-routes";
import { linkRoutes } from "./link-routes";
import { peopleRoutes } from "./people-routes";
import { deleteInactiveUsers } from "../accounts/inactive-users";
import { personalRoutes } from "./personal-routes";
import { lifecycleRoutes } from "./lifecycle-routes";
import { forgetSessionRoute } from "./forget-session";
import { RetentionSweep, type RetentionOptions } from "../lifecycle/retention";
import { parseBoardId, routeAuth, type Handler, type Route } from "./route-auth";
import { readCookie, secureCookies, sessionCookie } from "./cookies";
import { deviceCookieName, newDeviceValue } from "../auth/writer";
import { HttpError, readJson, readJsonBody, requireJsonBody, sendJson, validJson } from "./json";
import { clientAddress } from "./client-address";
import { decodeSegment, requestUrl } from "./request-url";
import type { Accounts } from "../accounts/accounts";
import { withActor } from "../accounts/actor";
import { accountRoutes } from "./account-routes";
import { facilitatorRoutes } from "./facilitator-routes";
import { seriesRoutes } from "./series-routes";
import { continueSeries, refuseUnlessLast } from "../series/next-meeting";
import { deleteBoard } from "../lifecycle/board-deletion";
import { seriesPlace } from "../series/series-place";
import { kitById } from "../../lib/kits/index";
import type { Kit } from "../../lib/kits/schema";
import type { Language } from "../../lib/i18n/core";

export interface ApiDeps {
  storage: Storage;
  tokens: TokenService;
  joinKeys: JoinKeys;
  log: Logger;
  rooms: RoomRegistry;
  publicUrl?: string;
  limits: ServerLimits;
  trustedProxies: string[];
  renewals: LinkRenewals;
  retention: RetentionOptions;
  /** Sign-in with the organisation's identity provider; null: boards are created without it. */
  accounts: Accounts | null;
  /** In a cluster: a join passed on to the instance serving its board (server/cluster/front.ts). */
  passOn?: ParticipationContext["passOn"];
  /** In a cluster with Redis: limits counted by every instance together. */
  redis?: Redis;
  /** In a cluster with Redis: phones served from this instance's copy of a board held elsewhere (server/cluster/phones.ts). */
  phones?: LiveOptions;
}

/**
 * The browser's device cookie for a board (server/auth/writer.ts), made on its first visit and
 * renewed on every visit: the realtime server tells browsers apart by it, so a page that comes
 * back, with edits it made offline, may go on writing as itself and nobody else may. It grants no
 * access, so it may outlive the link's cookie: a device that lost it could not send what it wrote
 * offline under its old identity.
 */
function deviceCookie(req: IncomingMessage, boardId: string, secure: boolean): string[] {
  const value = readCookie(req, deviceCookieName(boardId)) ?? newDeviceValue();
  return [sessionCookie(deviceCookieName(boardId), value, secure, DEVICE_COOKIE_MAX_AGE_SECONDS)];
}

/** A year: what browsers allow, and longer than any device stays offline with a board. */
const DEVICE_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/** The kit a new board is made from: the one asked for, or after the previous meeting's kit, or a parallel board's, or none. */
function requestedKit(kitId: string | undefined, previous: BoardRecord | null, sibling: BoardRecord | null): Kit | null {
  if (kitId !== undefined) return requireKit(kitId);
  const kit = previous?.kit ? kitById(previous.kit)?.next : sibling?.kit;
  return kit ? requireKit(kit) : null;
}

/**
 * The board becomes the next meeting, or goes: a request that failed half-way leaves no board
 * behind for a retry to add a second.
 */
async function nextMeetingOrNothing(ctx: Parameters<typeof continueSeries>[0], previous: BoardRecord, board: BoardRecord, ...rest: [Language, boolean]) {
  try {
    return await continueSeries(ctx, previous, board, ...rest);
  } catch (error) {
    await deleteBoard(ctx, board.id, "facilitator").catch(() => undefined);
    throw error;
  }
}

/**
 * The JSON API (docs/api.md). Returns a request handler that answers `true` when it handled the
 * request, so everything else falls through to the pages.
 */
export function createApi({ storage, tokens, joinKeys, log, rooms, publicUrl, limits, trustedProxies, renewals, retention, accounts, passOn, redis, phones }: ApiDeps) {
  const live = new LiveViews(
    rooms,
    async (source, board, participant) => {
      // Read again: the name may have changed, and a removed participant gets no more views.
      const current = await storage.getParticipant(board.id, participant.id);
      return current ? participantView(storage, source.doc, source.session, board, current) : null;
    },
    log,
    phones,
  );
  const signedIn = accounts?.sessions ?? null;
  const ctx = { storage, tokens, joinKeys, log, rooms, live, throttle: new Throttle(limits, redis), limits, trustedProxies, renewals, retention, signedIn, passOn };
  // Sign-in sessions that lapsed unused go with the same hourly sweep as boards past their time.
  // So do accounts nobody has signed in to for as long as an unused board is kept.
  const sweepAccounts = async () => {
    await signedIn?.sweep();
    const deleted = await deleteInactiveUsers(storage, retention.now(), retention.maxDays);
    if (deleted > 0) log("accounts.inactive_deleted", { count: deleted });
  };
  const sweep = new RetentionSweep({ storage, rooms, live, log, alsoSweep: sweepAccounts }, retention);
  sweep.start();
  const linksFor = (board: BoardRecord) => boardLinks(tokens, board);

  /**
   * With sign-in configured, only a signed-in person (from our own page: the cookie is sent from
   * anywhere) creates boards, and owns what they create.
   */
  const creator = async (req: IncomingMessage) => {
    if (!signedIn) return null;
    const user = await signedIn.userOf(req);
    if (!user) throw new HttpError(401, "sign_in_required", "sign in to create a board");
    if (!sameOrigin(req)) throw new HttpError(403, "cross_origin", "not from this site");
    return user;
  };

  /**
   * Where a new board stands in a series: the next meeting of one board (`continues`), the same
   * meeting beside another (`besides`), or nowhere. Only a facilitator of that board places it
   * there, only as a new board (not an import), and a meeting has one next meeting.
   */
  const seriesPlaceOf = async (req: IncomingMessage, { continues, besides, import: saved }: Pick<CreateBoardRequest, "continues" | "besides" | "import">) => {
    if ([continues, saved, besides].filter((given) => given !== undefined).length > 1) {
      throw new HttpError(400, "import_and_continue", "a board is imported, the next meeting of another, or beside another: one of them");
    }
    const previous = continues === undefined ? null : (await routeAuth(ctx).asFacilitator(req, continues)).board;
    if (previous) await refuseUnlessLast(ctx, previous);
    const sibling = besides === undefined ? null : (await routeAuth(ctx).asFacilitator(req, besides)).board;
    return { previous, sibling };
  };

  const createBoard: Handler = async (req, res) => {
    const owner = await creator(req);
    const address = clientAddress(req, trustedProxies);
    await ctx.throttle.takeBoard(address);
    // Only a saved board file may be large: every other body keeps the usual limit.
    const { value, size } = await readJsonBody(req, MAX_BOARD_FILE_BYTES);
    const isImport = typeof value === "object" && value !== null && "import" in value;
    if (!isImport && size > LIMITS.maxHttpBodyBytes) throw new HttpError(413, "too_large", `the body is larger than ${LIMITS.maxHttpBodyBytes} bytes`);
    if (isImport) await ctx.throttle.takeImport(address);
    const request = validJson(value, createBoardRequest);
    const { title, import: saved, kit: kitId, language, welcomePrevious } = request;
    const { previous, sibling } = await seriesPlaceOf(req, request);
    const imported = saved === undefined ? null : parseBoardFile(saved);
    const kit = requestedKit(kitId, previous, sibling);
    const defaultTitle = (imported && withoutControlCharacters(imported.title).trim()) || (kit ? kitBoardTitle(kit, language) : "");
    const board: BoardRecord = { id: nanoid(16), title: title || defaultTitle, createdAt: Date.now(), lastActiveAt: retention.now(), tokenSalt: newTokenSalt(), kit: kit?.id ?? null };
    await storage.createBoard(board);
    if (owner) await storage.addFacilitator(board.id, owner.id, "owner", retention.now());
    await ensureJoinCode(ctx, board.id);
    if (imported) await writeBoardFile(ctx, board.id, imported);
    if (kit) await addKitToBoard(ctx, board.id, kit, language);
    const series = previous
      ? await nextMeetingOrNothing(ctx, previous, board, language, welcomePrevious)
      : sibling && { seriesId: await storage.addParallel(sibling.id, board.id, nanoid(16), retention.now()) };
    const body: CreateBoardResponse = {
      id: board.id,
      title: board.title,
      facilitatorToken: tokens.tokenFor(board, "facilitator"),
      memberToken: tokens.tokenFor(board, "member"),
      viewerToken: tokens.tokenFor(board, "viewer"),
      projectorToken: tokens.tokenFor(board, "projector"),
      links: linksFor(board),
      ...(series ? { seriesId: series.seriesId } : {}),
    };
    log("board.created", { board: board.id });
    sendJson(res, 201, body);
  };

  const sessionBody = async (board: BoardRecord, role: SessionResponse["role"]): Promise<SessionResponse> => ({
    boardId: board.id,
    title: board.title,
    role,
    ...(role === "facilitator" ? { links: linksFor(board), ...(await seriesPlace(storage, board)) } : {}),
  });

  /** The page trades the token from the link's `#` for an HttpOnly cookie. */
  const startSession: Handler = async (req, res, [rawId]) => {
    const boardId = parseBoardId(rawId);
    const { token } = await readJson(req, sessionRequest, LIMITS.maxHttpBodyBytes);
    const board = await storage.getBoard(boardId);
    if (!board) throw new HttpError(404, "board_not_found", "this board does not exist (any more)");
    const role = tokens.roleOf(board, token);
    if (!role) throw new HttpError(401, "invalid_token", "this link is not valid for this board");
    const secure = secureCookies(req, publicUrl);
    sendJson(res, 200, await sessionBody(board, role), { "Set-Cookie": [sessionCookie(sessionCookieName(board.id), token, secure), ...deviceCookie(req, board.id, secure)] });
  };

  /** Every board page load reads its session: a cookie in use is renewed here, so only idle ones lapse. */
  const readSession: Handler = async (req, res, [rawId]) => {
    const boardId = parseBoardId(rawId);
    const access =
      (await resolveAccess(req, boardId, storage, tokens, null, signedIn ?? undefined)) ?? (await routeAuth(ctx).refused(boardId, "invalid_token", "no valid token for this board"));
    const secure = secureCookies(req, publicUrl);
    const cookie = access.via === "cookie" ? readCookie(req, sessionCookieName(access.board.id)) : null;
    // Only our pages read their session by cookie; a script with a bearer token needs neither cookie.
    // A signed-in facilitator has no board cookie, but their page needs its device cookie all the same.
    const cookies = cookie
      ? [sessionCookie(sessionCookieName(access.board.id), cookie, secure), ...deviceCookie(req, access.board.id, secure)]
      : access.via === "account"
        ? deviceCookie(req, access.board.id, secure)
        : [];
    sendJson(res, 200, await sessionBody(access.board, access.role), { "Set-Cookie": cookies });
  };

  const health: Handler = async (_req, res) => {
    try {
      await storage.checkHealth();
    } catch (error) {
      log("health.failed", { error: String(error) });
      return sendJson(res, 503, { ok: false, error: "storage_unavailable" });
    }
    try {
      if (redis) await checkRedis(redis);
      sendJson(res, 200, { ok: true });
    } catch (error) {
      log("health.failed", { error: String(error) });
      sendJson(res, 503, { ok: false, error: "redis_unavailable" });
    }
  };

  const routes: Route[] = [
    ["GET", /^\/healthz$/, health],
    // For a balancer: ready once storage answers (PostgreSQL reachable, its migrations run at open).
    ["GET", /^\/readyz$/, health],
    ["POST", /^\/api\/boards$/, createBoard],
    ["POST", /^\/api\/boards\/([^/]+)\/session$/, startSession],
    ["GET", /^\/api\/boards\/([^/]+)\/session$/, readSession],
    forgetSessionRoute(publicUrl),
    ...participationRoutes(ctx, publicUrl),
    ...exportRoutes(ctx),
    ...groupsRoutes(ctx),
    ...agendaRoutes(ctx),
    ...kitRoutes(ctx),
    ...frameRoutes(ctx),
    ...linkRoutes(ctx, publicUrl),
    ...peopleRoutes(ctx),
    ...personalRoutes(ctx),
    ...lifecycleRoutes(ctx),
    ...accountRoutes(ctx, accounts, publicUrl),
    ...facilitatorRoutes(ctx, signedIn),
    ...seriesRoutes(ctx),
  ];

  return Object.assign(handleApi, {
    close: async () => {
      live.close();
      await sweep.stop();
    },
    /** Deletes the boards past their time now (tests; the server sweeps on its own). */
    sweepRetention: () => sweep.sweep(),
    /** Another instance serves the board now: phones' event streams end here, and reconnect to it. */
    boardMoved: (boardId: string) => live.endStreams(boardId, () => true),
    /** A link renewed on another instance: the phones that came in with it, following here, ask again and are refused. */
    linkRenewedElsewhere: (boardId: string, link: LinkKind) => live.endStreams(boardId, (participant) => participant.via === link),
  });

  async function handleApi(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = requestUrl(req);
    if (!url) {
      sendJson(res, 400, { error: "bad_url", message: "the request URL does not parse" });
      return true;
    }
    const path = url.pathname;
    const matching = routes.filter(([, pattern]) => pattern.test(path));
    if (matching.length === 0) {
      if (!path.startsWith("/api/")) return false;
      sendJson(res, 404, { error: "not_found", message: "no such API endpoint" });
      return true;
    }
    const route = matching.find(([method]) => method === req.method);
    if (!route) {
      sendJson(res, 405, { error: "method_not_allowed", message: `use ${matching.map(([m]) => m).join(", ")}` });
      return true;
    }
    try {
      requireJsonBody(req);
      const params = route[1].exec(path)!.slice(1).map((segment) => decodeSegment(segment) ?? "");
      // The audit log names the signed-in person behind the request (server/accounts/actor.ts).
      const actor = async () => {
        const user = signedIn ? await signedIn.userOf(req) : null;
        return user ? { userId: user.id, name: user.name } : null;
      };
      await withActor(actor, () => route[2](req, res, params));
    } catch (error) {
      if (error instanceof HttpError) sendJson(res, error.status, { error: error.code, message: error.message }, error.headers);
      else if (error instanceof BoardElsewhere || error instanceof ClaimLostError) {
        // Taken by another instance just now (before this one loaded it, or while it wrote):
        // asked again, this request is passed on to it.
        sendJson(res, 503, { error: "board_moving", message: "the board is moving to another server; try again in a moment" }, { "Retry-After": "1" });
      } else if (error instanceof LimitReached) {
        sendJson(res, 429, { error: error.code, message: error.message }, { "Retry-After": String(error.retryAfterSeconds) });
      } else {
        log("api.failed", { path, error: String(error) });
        sendJson(res, 500, { error: "internal", message: "something went wrong on the server" });
      }
    }
    return true;
  }
}
