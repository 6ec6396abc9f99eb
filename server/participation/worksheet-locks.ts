import { setFrameLocked } from "../../lib/board/frames";
import { framesOf } from "../../lib/schema/frame";
import { HttpError } from "../http/json";
import { withRoom } from "./board-room";
import type { ParticipationContext } from "./context";

/**
 * Locks or unlocks a worksheet. The lock lives in the session document, which only the server
 * writes: a member's update cannot take it off, and the room puts back whatever a member's update
 * does to a locked worksheet (lib/schema/frame-lock.ts).
 */
export async function setWorksheetLocked(ctx: ParticipationContext, boardId: string, frameId: string, locked: boolean): Promise<void> {
  await withRoom(ctx.rooms, ctx.log, boardId, async (room) => {
    if (!framesOf(room.doc).has(frameId)) throw new HttpError(404, "unknown_frame", "no such worksheet on this board");
    await room.applyServerChange((_doc, session) => setFrameLocked(session, frameId, locked));
  });
  ctx.log("frame.locked", { board: boardId, locked });
}
