import { colleagueRequest, userIdSchema, type FacilitatorsResponse } from "../../lib/api/schemas";
import { addFacilitator, adoptIfOwnerless, handOver, listFacilitators, removeFacilitator, requireRole } from "../accounts/facilitators";
import { requireUser } from "../accounts/require-user";
import { recordAudit } from "../lifecycle/audit";
import type { ParticipationContext } from "../participation/context";
import { HttpError, sendJson } from "./json";
import { BOARD_PATH, body, routeAuth, type Handler, type Route } from "./route-auth";
import type { AccountSessions } from "../accounts/sessions";
import type { IncomingMessage } from "node:http";
import { LINK_REVOKED_CLOSE_CODE } from "../participation/link-renewal";

/**
 * A board's signed-in facilitators (docs/api.md, "Facilitators"): any facilitator reads the list;
 * the owner and co-facilitators add and remove colleagues; the owner hands the board over.
 * Audit entries name who did it (the signed-in name), never whom: that is the list's job.
 */
export function facilitatorRoutes(ctx: ParticipationContext, sessions: AccountSessions | null): Route[] {
  const { asFacilitator } = routeAuth(ctx);

  /** A facilitator of the board (by link or account) who is signed in. */
  const signedInFacilitator = async (req: IncomingMessage, rawId: string) => {
    const { board } = await asFacilitator(req, rawId);
    return { board, user: await requireUser(sessions, req) };
  };
  const answer = async (res: Parameters<Handler>[1], boardId: string, user: Awaited<ReturnType<typeof requireUser>> | null) => {
    const list: FacilitatorsResponse = await listFacilitators(ctx.storage, boardId, user);
    sendJson(res, 200, list);
  };

  const list: Handler = async (req, res, [rawId]) => {
    const { board } = await asFacilitator(req, rawId);
    await answer(res, board.id, sessions ? await sessions.userOf(req) : null);
  };

  const add: Handler = async (req, res, [rawId]) => {
    const { board, user } = await signedInFacilitator(req, rawId);
    const { email } = await body(req, colleagueRequest);
    // A board nobody owns by account (made before sign-in, or with the link alone) is adopted by
    // the signed-in facilitator who first adds someone to it, themselves included.
    if (await adoptIfOwnerless(ctx.storage, board.id, user, ctx.retention.now())) await recordAudit(ctx, board.id, "facilitator", "facilitator.add", "");
    else await requireRole(ctx.storage, board.id, user, ["owner", "co"]);
    const { added } = await addFacilitator(ctx.storage, board.id, email, ctx.retention.now());
    if (added) await recordAudit(ctx, board.id, "facilitator", "facilitator.add", "");
    await answer(res, board.id, user);
  };

  const remove: Handler = async (req, res, [rawId, rawUserId]) => {
    const { board, user } = await signedInFacilitator(req, rawId);
    await requireRole(ctx.storage, board.id, user, ["owner", "co"]);
    const userId = userIdSchema.safeParse(rawUserId);
    if (!userId.success) throw new HttpError(404, "not_a_facilitator", "this person is not a facilitator of the board");
    await removeFacilitator(ctx.storage, board.id, userId.data);
    ctx.renewals.removed(board.id, userId.data);
    // Their open board pages lose access now, not at their next reconnection.
    ctx.rooms.closePeers(board.id, (peer) => peer.account === userId.data, LINK_REVOKED_CLOSE_CODE, "no longer a facilitator");
    await recordAudit(ctx, board.id, "facilitator", "facilitator.remove", "");
    await answer(res, board.id, user);
  };

  const handover: Handler = async (req, res, [rawId]) => {
    const { board, user } = await signedInFacilitator(req, rawId);
    await requireRole(ctx.storage, board.id, user, ["owner"]);
    const { email } = await body(req, colleagueRequest);
    await handOver(ctx.storage, board.id, user, email, ctx.retention.now());
    await recordAudit(ctx, board.id, "facilitator", "board.handover", "");
    await answer(res, board.id, user);
  };

  return [
    ["GET", new RegExp(`^${BOARD_PATH}/facilitators$`), list],
    ["POST", new RegExp(`^${BOARD_PATH}/facilitators$`), add],
    ["DELETE", new RegExp(`^${BOARD_PATH}/facilitators/([^/]+)$`), remove],
    ["POST", new RegExp(`^${BOARD_PATH}/handover$`), handover],
  ];
}
