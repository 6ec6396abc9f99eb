import type { Logger } from "../log";
import type { BoardStorage } from "../storage/types";
import { Room, type Peer, type RoomOptions } from "./room";

/**
 * Loaded rooms by board id. A room loads on its first connection and is flushed, destroyed and
 * forgotten when its last connection leaves; a connection arriving while it closes waits and
 * gets a freshly loaded room.
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, { room: Room; holders: number }>();
  private readonly closing = new Map<string, Promise<void>>();

  constructor(
    private readonly storage: BoardStorage,
    private readonly log: Logger,
    private readonly options: RoomOptions,
  ) {}

  async acquire(boardId: string): Promise<Room> {
    while (this.closing.has(boardId)) await this.closing.get(boardId);
    let entry = this.rooms.get(boardId);
    if (!entry) {
      entry = { room: new Room(boardId, this.storage, this.log, this.options), holders: 0 };
      this.rooms.set(boardId, entry);
    }
    entry.holders++;
    return entry.room;
  }

  async release(room: Room): Promise<void> {
    const entry = this.rooms.get(room.boardId);
    if (!entry || entry.room !== room || --entry.holders > 0) return;
    this.rooms.delete(room.boardId);
    const closed = room.close().finally(() => this.closing.delete(room.boardId));
    this.closing.set(room.boardId, closed);
    await closed;
  }

  /** Closes the open connections of a board that `match` picks; returns how many. */
  closePeers(boardId: string, match: (peer: Peer) => boolean, code: number, reason: string): number {
    return this.rooms.get(boardId)?.room.closePeers(match, code, reason) ?? 0;
  }

  /** Flushes every room (shutdown). */
  async closeAll(): Promise<void> {
    const entries = [...this.rooms.values()];
    this.rooms.clear();
    await Promise.all([...entries.map((entry) => entry.room.close()), ...this.closing.values()]);
  }
}
