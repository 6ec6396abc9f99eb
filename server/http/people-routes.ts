import type { ParticipantListResponse } from "../../lib/api/schemas";
import type { ParticipationContext } from "../participation/context";
import { listPeople, removePerson } from "../participation/people";
import { HttpError, sendJson } from "./json";
import { BOARD_PATH, routeAuth, type Handler, type Route } from "./route-auth";

/** The facilitator's list of who joined, and taking someone off it (docs/api.md, "Removing a participant"). */
export function peopleRoutes(ctx: ParticipationContext): Route[] {
  const { asFacilitator } = routeAuth(ctx);

  const list: Handler = async (req, res, [rawId]) => {
    const { board } = await asFacilitator(req, rawId);
    const body: ParticipantListResponse = { participants: await listPeople(ctx, board.id) };
    sendJson(res, 200, body);
  };

  const remove: Handler = async (req, res, [rawId, participantId]) => {
    const { board } = await asFacilitator(req, rawId);
    if (!(await removePerson(ctx, board.id, participantId))) throw new HttpError(404, "not_found", "no such participant on this board");
    res.writeHead(204).end();
  };

  return [
    ["GET", new RegExp(`^${BOARD_PATH}/participants$`), list],
    ["DELETE", new RegExp(`^${BOARD_PATH}/participants/([^/]+)$`), remove],
  ];
}
