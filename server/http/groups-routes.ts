import { groupsStartRequest, nextRoundRequest, scaleMarkRequest } from "../../lib/groups/api";
import type { ParticipationContext } from "../participation/context";
import { groupsOverview, mergeGroups, rotateRoles, startGroups } from "../participation/groups";
import { setScaleMarker } from "../participation/scale";
import { sendJson } from "./json";
import { body, BOARD_PATH, routeAuth, type Handler, type Route } from "./route-auth";

/** Small groups and the 0-10 scale's markers (docs/api.md, "Small groups and scales"). */
export function groupsRoutes(ctx: ParticipationContext): Route[] {
  const { asFacilitator, asParticipant } = routeAuth(ctx);

  const start: Handler = async (req, res, [rawId]) => {
    const { board } = await asFacilitator(req, rawId);
    const { size, count, ...request } = await body(req, groupsStartRequest);
    const sizing = count !== undefined ? { count } : { size: size ?? 3 };
    await startGroups(ctx, board.id, { ...request, sizing });
    sendJson(res, 201, await groupsOverview(ctx, board.id));
  };

  const overview: Handler = async (req, res, [rawId]) => {
    const { board } = await asFacilitator(req, rawId);
    sendJson(res, 200, await groupsOverview(ctx, board.id));
  };

  const merge: Handler = async (req, res, [rawId]) => {
    const { board } = await asFacilitator(req, rawId);
    sendJson(res, 200, await mergeGroups(ctx, board.id));
  };

  const rotate: Handler = async (req, res, [rawId]) => {
    const { board } = await asFacilitator(req, rawId);
    const { from } = await body(req, nextRoundRequest);
    sendJson(res, 200, await rotateRoles(ctx, board.id, from));
  };

  const scale: Handler = async (req, res, [rawId]) => {
    const access = await asParticipant(req, rawId);
    const { frameId, value } = await body(req, scaleMarkRequest);
    sendJson(res, 200, { value: await setScaleMarker(ctx, access, frameId, value) });
  };

  return [
    ["POST", new RegExp(`^${BOARD_PATH}/groups$`), start],
    ["GET", new RegExp(`^${BOARD_PATH}/groups$`), overview],
    ["POST", new RegExp(`^${BOARD_PATH}/groups/merge$`), merge],
    ["POST", new RegExp(`^${BOARD_PATH}/groups/roles/next$`), rotate],
    ["POST", new RegExp(`^${BOARD_PATH}/scale$`), scale],
  ];
}
