import { eraseParticipantRequest, type ParticipantListResponse } from "../../lib/api/schemas";
import type { ParticipationContext } from "../participation/context";
import { erasePerson, listPeople } from "../participation/people";
import { HttpError, sendJson } from "./json";
import { recordAudit } from "../lifecycle/audit";
import { body, BOARD_PATH, routeAuth, type Handler, type Route } from "./route-auth";

/** The facilitator's list of who joined, and erasing someone from it (docs/api.md, "Erasing a participant"). */
export function peopleRoutes(ctx: ParticipationContext): Route[] {
  const { asFacilitator } = routeAuth(ctx);

  const list: Handler = async (req, res, [rawId]) => {
    const { board } = await asFacilitator(req, rawId);
    const body: ParticipantListResponse = { participants: await listPeople(ctx, board.id) };
    sendJson(res, 200, body);
  };

  const remove: Handler = async (req, res, [rawId, participantId]) => {
    const { board } = await asFacilitator(req, rawId);
    const { notes } = await body(req, eraseParticipantRequest);
    if (!(await erasePerson(ctx, board.id, participantId, notes))) throw new HttpError(404, "not_found", "no such participant on this board");
    await recordAudit(ctx, board.id, "facilitator", "participant.erase", notes);
    res.writeHead(204).end();
  };

  return [
    ["GET", new RegExp(`^${BOARD_PATH}/participants$`), list],
    ["DELETE", new RegExp(`^${BOARD_PATH}/participants/([^/]+)$`), remove],
  ];
}
