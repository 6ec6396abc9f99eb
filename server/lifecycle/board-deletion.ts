import { CLOSE } from "../realtime/peer";
import type { ParticipationContext } from "../participation/context";

export type DeletionCause = "facilitator" | "retention";

/**
 * Deletes a board for real, in this order: nobody may load it any more; everyone on it is told
 * (websockets close with 4410, phones' event streams end); then storage removes every trace of it.
 * What a device kept is dropped by the device when it hears 4410, or a 404 when it next asks.
 */
export async function deleteBoard(ctx: Pick<ParticipationContext, "rooms" | "live" | "storage" | "log">, boardId: string, cause: DeletionCause): Promise<boolean> {
  const sockets = await ctx.rooms.discard(boardId, CLOSE.deleted, "board deleted");
  const streams = ctx.live.endStreams(boardId, () => true);
  const existed = await ctx.storage.deleteBoard(boardId).catch((error: unknown) => {
    ctx.rooms.restore(boardId);
    throw error;
  });
  ctx.rooms.deleted(boardId);
  ctx.log("board.deleted", { board: boardId, cause, sockets, streams });
  // Another reader kept the log from being emptied: the hourly sweep tries again.
  if (ctx.storage.purgePending()) ctx.log("storage.purge_pending", { board: boardId });
  return existed;
}
