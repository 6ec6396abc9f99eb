import type { AuditResponse } from "../../lib/api/schemas";
import { auditOf } from "../lifecycle/audit";
import { deleteBoard } from "../lifecycle/board-deletion";
import { sendJson } from "./json";
import type { ParticipationContext } from "../participation/context";
import { BOARD_PATH, routeAuth, type Handler, type Route } from "./route-auth";

/** A board's end (docs/api.md, "Deleting a board"): the facilitator deletes it for everyone, and reads its audit log. */
export function lifecycleRoutes(ctx: ParticipationContext): Route[] {
  const { asFacilitator } = routeAuth(ctx);

  const remove: Handler = async (req, res, [rawId]) => {
    const { board } = await asFacilitator(req, rawId);
    await deleteBoard(ctx, board.id, "facilitator");
    res.writeHead(204).end();
  };

  const audit: Handler = async (req, res, [rawId]) => {
    const { board } = await asFacilitator(req, rawId);
    const body: AuditResponse = { entries: await auditOf(ctx, board.id) };
    sendJson(res, 200, body);
  };

  return [
    ["DELETE", new RegExp(`^${BOARD_PATH}$`), remove],
    ["GET", new RegExp(`^${BOARD_PATH}/audit$`), audit],
  ];
}
