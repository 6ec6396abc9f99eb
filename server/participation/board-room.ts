import type { Logger } from "../log";
import type { Room } from "../realtime/room";
import type { RoomRegistry } from "../realtime/rooms";

/**
 * Runs `task` in the board's room queue, loading the board if nobody has it open: an API write
 * takes its turn with the websocket updates, so the two never interleave.
 */
export async function withRoom<T>(rooms: RoomRegistry, log: Logger, boardId: string, task: (room: Room) => T | Promise<T>): Promise<T> {
  const room = await rooms.acquire(boardId);
  try {
    return await room.run(() => task(room));
  } finally {
    // Unloading (a final compaction) need not hold up the answer.
    releaseInBackground(rooms, log, room);
  }
}

/** Lets go of a room without waiting for its unload; a failure is logged, not thrown. */
export function releaseInBackground(rooms: RoomRegistry, log: Logger, room: Room): void {
  rooms.release(room).catch((error: unknown) => log("room.release_failed", { board: room.boardId, error: String(error) }));
}
