import { frameLockRequest } from "../../lib/api/schemas";
import type { ParticipationContext } from "../participation/context";
import { setWorksheetLocked } from "../participation/worksheet-locks";
import { sendJson } from "./json";
import { body, BOARD_PATH, routeAuth, type Handler, type Route } from "./route-auth";

/** Worksheets (docs/api.md, "Worksheets"): what only the facilitator decides about them. */
export function frameRoutes(ctx: ParticipationContext): Route[] {
  const { asFacilitator } = routeAuth(ctx);

  const lock: Handler = async (req, res, [rawId, frameId]) => {
    const { board } = await asFacilitator(req, rawId);
    const { locked } = await body(req, frameLockRequest);
    await setWorksheetLocked(ctx, board.id, frameId, locked);
    sendJson(res, 200, { frameId, locked });
  };

  return [["POST", new RegExp(`^${BOARD_PATH}/frames/([^/]+)/lock$`), lock]];
}
