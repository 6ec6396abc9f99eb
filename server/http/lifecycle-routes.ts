import { deleteBoard } from "../lifecycle/board-deletion";
import type { ParticipationContext } from "../participation/context";
import { BOARD_PATH, routeAuth, type Handler, type Route } from "./route-auth";

/** A board's end (docs/api.md, "Deleting a board"): the facilitator deletes it for everyone. */
export function lifecycleRoutes(ctx: ParticipationContext): Route[] {
  const { asFacilitator } = routeAuth(ctx);

  const remove: Handler = async (req, res, [rawId]) => {
    const { board } = await asFacilitator(req, rawId);
    await deleteBoard(ctx, board.id, "facilitator");
    res.writeHead(204).end();
  };

  return [["DELETE", new RegExp(`^${BOARD_PATH}$`), remove]];
}
