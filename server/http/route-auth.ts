import type { IncomingMessage } from "node:http";
import { boardIdSchema } from "../../lib/api/schemas";
import type { Role } from "../../lib/roles";
import { LIMITS } from "../../lib/schema/limits";
import { resolveAccess, sameOrigin, sentByBrowser, type BoardAccess } from "../auth/board-access";
import { resolveParticipant, type ParticipantAccess } from "../auth/participant-access";
import type { ParticipationContext } from "../participation/context";
import { HttpError, readJson } from "./json";

/**
 * Who is asking, for every route module: a board link's role (bearer or cookie) or a participant
 * (phone). Each feature's routes live in their own file and call these.
 */
export type Handler = (req: IncomingMessage, res: import("node:http").ServerResponse, params: string[]) => Promise<void>;
export type Route = [method: string, pattern: RegExp, handler: Handler];

/** `/api/boards/:id` as a regular-expression source, the id captured. */
export const BOARD_PATH = String.raw`\/api\/boards\/([^/]+)`;

export const body = <T>(req: IncomingMessage, schema: Parameters<typeof readJson<T>>[1], limit: number = LIMITS.maxHttpBodyBytes) =>
  readJson(req, schema, limit);

export function routeAuth(ctx: Pick<ParticipationContext, "storage" | "tokens" | "signedIn">) {
  /** No access: a board that no longer exists says so (404), so that pages drop what they kept of it. */
  const refused = async (boardId: string, code: string, message: string): Promise<never> => {
    if (!(await ctx.storage.getBoard(boardId))) throw new HttpError(404, "board_not_found", "this board does not exist (any more)");
    throw new HttpError(401, code, message);
  };
  const asRole = async (req: IncomingMessage, rawId: string, roles: readonly Role[]): Promise<BoardAccess> => {
    const boardId = parseBoardId(rawId);
    const access =
      (await resolveAccess(req, boardId, ctx.storage, ctx.tokens, null, ctx.signedIn ?? undefined)) ?? (await refused(boardId, "invalid_token", "no valid token for this board"));
    if (sentByBrowser(access) && req.method !== "GET" && !sameOrigin(req)) throw new HttpError(403, "cross_origin", "not from this site");
    if (!roles.includes(access.role)) throw new HttpError(403, "forbidden", "your link does not allow this");
    return access;
  };
  const asFacilitator = (req: IncomingMessage, rawId: string) => asRole(req, rawId, ["facilitator"]);
  const asParticipant = async (req: IncomingMessage, rawId: string): Promise<ParticipantAccess> => {
    const boardId = parseBoardId(rawId);
    const access = await resolveParticipant(req, boardId, ctx.storage, ctx.tokens);
    if (access === "cross_origin") throw new HttpError(403, "cross_origin", "not from this site");
    return access ?? (await refused(boardId, "not_joined", "join the board first"));
  };
  return { asRole, asFacilitator, asParticipant, refused };
}

export function parseBoardId(raw: string): string {
  const parsed = boardIdSchema.safeParse(raw);
  if (!parsed.success) throw new HttpError(404, "not_found", "no such board");
  return parsed.data;
}
