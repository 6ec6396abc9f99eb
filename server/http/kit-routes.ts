import { nanoid } from "nanoid";
import type { Language } from "../../lib/i18n/core";
import { addKitRequest, type AddKitResponse } from "../../lib/kits/api";
import { applyKit, KitError, type AppliedKit } from "../../lib/kits/apply";
import { kitById, kitList, type Kit } from "../../lib/kits/index";
import { textIn } from "../../lib/kits/schema";
import { LIMITS } from "../../lib/schema/limits";
import { withRoom } from "../participation/board-room";
import type { ParticipationContext } from "../participation/context";
import { HttpError, sendJson } from "./json";
import { body, BOARD_PATH, routeAuth, type Handler, type Route } from "./route-auth";

/** Method kits (docs/api.md, "Method kits"): the list, and a kit's worksheets added to a board. */
export function kitRoutes(ctx: ParticipationContext): Route[] {
  const { asFacilitator } = routeAuth(ctx);

  // The same for everyone and never secret: the home page lists it before any board exists.
  const list: Handler = async (_req, res) => sendJson(res, 200, kitList());

  const add: Handler = async (req, res, [rawId]) => {
    const { board } = await asFacilitator(req, rawId);
    const request = await body(req, addKitRequest);
    const kit = requireKit(request.kit);
    const applied = await addKitToBoard(ctx, board.id, kit, request.language);
    const answer: AddKitResponse = { kit: kit.id, frames: applied.frames, steps: applied.steps };
    sendJson(res, 201, answer);
  };

  return [
    ["GET", /^\/api\/kits$/, list],
    ["POST", new RegExp(`^${BOARD_PATH}/kit$`), add],
  ];
}

/** The kit a request names, or 400 unknown_kit. */
export function requireKit(id: string): Kit {
  const kit = kitById(id);
  if (!kit) throw new HttpError(400, "unknown_kit", `there is no method kit "${id}" (GET /api/kits lists them)`);
  return kit;
}

/** A board made from a kit is called what the kit is called, unless the facilitator named it. */
export function kitBoardTitle(kit: Kit, language: Language): string {
  return textIn(kit.title, language).slice(0, LIMITS.maxTitleChars);
}

/** Writes the kit into the board's document in the room's turn, and tells the phones (the agenda's prompt). */
export async function addKitToBoard(ctx: ParticipationContext, boardId: string, kit: Kit, language: Language): Promise<AppliedKit> {
  let applied: AppliedKit = { frames: [], steps: 0 };
  try {
    await withRoom(ctx.rooms, ctx.log, boardId, (room) =>
      room.applyServerChange((doc, session) => {
        applied = applyKit(doc, session, kit, language, { origin: null, now: Date.now(), newId: () => nanoid(12) });
      }),
    );
  } catch (error) {
    if (error instanceof KitError) throw new HttpError(409, error.code, error.message);
    throw error;
  }
  ctx.live.notify(boardId);
  ctx.log("board.kit_added", { board: boardId, kit: kit.id, frames: applied.frames.length, steps: applied.steps });
  return applied;
}
