import type { LinkKind } from "../../lib/roles";
import type { Logger } from "../log";
import type { BoardStorage } from "../storage/types";
import { Room, type Peer, type RoomOptions } from "./room";

export interface RegistryOptions extends RoomOptions {
  /** A board nobody holds stays loaded this long, for the next reader (a phone's GET, a reload). */
  lingerMs: number;
  /** Boards loaded at once. */
  maxRooms: number;
  /** Told when a board is loaded and when it is unloaded: it was in use (retention counts from it). */
  onActivity?: (boardId: string) => void;
  /** In a cluster: takes the board for this instance before it loads, or throws BoardElsewhere (server/cluster). */
  beforeLoad?: (boardId: string) => Promise<void>;
  /** The board's room is gone from this instance (unloaded, dropped, deleted): another may take it. */
  afterUnload?: (boardId: string) => void;
  /** Word for the copies other instances keep of a board (server/cluster/board-stream.ts). */
  announce?: (boardId: string, news: BoardNews) => void;
}

/** What the copies of a board must hear of besides its changes. */
export type BoardNews = { kind: "revoked"; link: LinkKind } | { kind: "deleted" };

/** Every board this server can load is loaded: a new one has to wait (503 with Retry-After). */
export class RoomsFull extends Error {
  constructor() {
    super("too many boards are open on this server");
  }
}

/** Another instance of the cluster serves the board now (the client comes back, and is sent there). */
export class BoardElsewhere extends Error {
  constructor(boardId: string) {
    super(`board ${boardId} is served by another instance`);
  }
}

/** The board was deleted while this server ran: it is never loaded again. */
export class BoardGone extends Error {
  constructor(boardId: string) {
    super(`board ${boardId} was deleted`);
  }
}

interface Entry {
  room: Room;
  holders: number;
  linger: NodeJS.Timeout | null;
}

/**
 * Loaded rooms by board id. A room loads on its first holder (a connection, a phone's event
 * stream, an HTTP call) and stays a short while after the last lets go, so that a phone asking
 * for its view every few seconds does not load and unload the whole board each time; then it is
 * flushed, destroyed and forgotten. A holder arriving while it closes waits for a fresh room.
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, Entry>();
  private readonly closing = new Map<string, Promise<void>>();
  /** Ids of boards deleted since the server started (ids are never reused): none is loaded again. */
  private readonly gone = new Set<string>();

  constructor(
    private readonly storage: BoardStorage,
    private readonly log: Logger,
    private readonly options: RegistryOptions,
  ) {}

  async acquire(boardId: string): Promise<Room> {
    while (this.closing.has(boardId)) await this.closing.get(boardId);
    if (this.gone.has(boardId)) throw new BoardGone(boardId);
    let entry = this.rooms.get(boardId);
    if (!entry) {
      if (this.rooms.size >= this.options.maxRooms && !(await this.unloadOneLingering())) throw new RoomsFull();
      await this.options.beforeLoad?.(boardId);
      // Another holder may have loaded it while we made space or took it.
      entry = this.rooms.get(boardId) ?? this.load(boardId);
    }
    if (entry.linger) clearTimeout(entry.linger);
    entry.linger = null;
    entry.holders++;
    return entry.room;
  }

  async release(room: Room): Promise<void> {
    const entry = this.rooms.get(room.boardId);
    if (!entry || entry.room !== room || --entry.holders > 0) return;
    if (this.options.lingerMs === 0) return this.unload(room.boardId, entry);
    entry.linger = setTimeout(() => void this.unload(room.boardId, entry), this.options.lingerMs);
    entry.linger.unref();
  }

  /** Closes the open connections of a board that `match` picks; returns how many. */
  closePeers(boardId: string, match: (peer: Peer) => boolean, code: number, reason: string): number {
    return this.rooms.get(boardId)?.room.closePeers(match, code, reason) ?? 0;
  }

  /** A link was renewed: its connections close here, and on every instance's copy of the board. */
  closeLink(boardId: string, link: LinkKind, code: number, reason: string): number {
    this.options.announce?.(boardId, { kind: "revoked", link });
    return this.closePeers(boardId, (peer) => peer.link === link, code, reason);
  }

  /** The board's deletion went through: every instance's copy of it closes too. */
  deleted(boardId: string): void {
    this.options.afterUnload?.(boardId);
    this.options.announce?.(boardId, { kind: "deleted" });
  }

  /**
   * A board is being deleted: nobody may load it any more, and its room, if loaded, closes every
   * connection with `code` and goes without writing anything. Resolves once it is gone; answers
   * how many connections were closed.
   */
  async discard(boardId: string, code: number, reason: string): Promise<number> {
    // In a cluster: only the instance serving the board deletes it (BoardElsewhere otherwise).
    if (!this.rooms.has(boardId)) await this.options.beforeLoad?.(boardId);
    this.gone.add(boardId);
    while (this.closing.has(boardId)) await this.closing.get(boardId);
    const entry = this.rooms.get(boardId);
    if (!entry) return 0;
    if (entry.linger) clearTimeout(entry.linger);
    this.rooms.delete(boardId);
    const ended = entry.room.run(() => entry.room.end(code, reason)).catch(() => 0);
    // The board stays this instance's (its lease held) until its deletion is done or given up (deleted, restore).
    const closed = ended.then(() => entry.room.close()).finally(() => this.closing.delete(boardId));
    this.closing.set(boardId, closed);
    await closed;
    return ended;
  }

  /**
   * Another instance took the board over: its room here closes every connection with `code` (the
   * clients come back and are sent to the new holder) and goes without writing anything.
   */
  async evict(boardId: string, code: number, reason: string): Promise<void> {
    while (this.closing.has(boardId)) await this.closing.get(boardId);
    const entry = this.rooms.get(boardId);
    if (!entry) return;
    if (entry.linger) clearTimeout(entry.linger);
    this.rooms.delete(boardId);
    const closed = entry.room
      .run(() => entry.room.end(code, reason))
      .catch(() => 0)
      .then(() => entry.room.close())
      .finally(() => this.unloaded(boardId));
    this.closing.set(boardId, closed);
    await closed;
  }

  /** The board's deletion failed after `discard`: it may be loaded again. */
  restore(boardId: string): void {
    this.gone.delete(boardId);
    this.options.afterUnload?.(boardId);
  }

  isLoaded(boardId: string): boolean {
    return this.rooms.has(boardId);
  }

  /** The board's room if it is loaded now, without holding it. */
  loaded(boardId: string): Room | null {
    return this.rooms.get(boardId)?.room ?? null;
  }

  /** The boards loaded now, lingering ones included. */
  loadedBoards(): string[] {
    return [...this.rooms.keys()];
  }

  /** Boards loaded now, lingering ones included. */
  get size(): number {
    return this.rooms.size;
  }

  /** Flushes every room (shutdown). */
  async closeAll(): Promise<void> {
    const entries = [...this.rooms.values()];
    for (const entry of entries) if (entry.linger) clearTimeout(entry.linger);
    this.rooms.clear();
    const closes = entries.map((entry) => entry.room.close().finally(() => this.options.afterUnload?.(entry.room.boardId)));
    await Promise.all([...closes, ...this.closing.values()]);
  }

  private load(boardId: string): Entry {
    const entry: Entry = { room: new Room(boardId, this.storage, this.log, this.options, (room) => this.forget(room)), holders: 0, linger: null };
    this.rooms.set(boardId, entry);
    this.options.onActivity?.(boardId);
    return entry;
  }

  private async unload(boardId: string, entry: Entry): Promise<void> {
    if (this.rooms.get(boardId) !== entry || entry.holders > 0) return;
    if (entry.linger) clearTimeout(entry.linger);
    this.rooms.delete(boardId);
    this.options.onActivity?.(boardId);
    const closed = entry.room.close().finally(() => this.unloaded(boardId));
    this.closing.set(boardId, closed);
    await closed;
  }

  private unloaded(boardId: string): void {
    this.closing.delete(boardId);
    this.options.afterUnload?.(boardId);
  }

  private async unloadOneLingering(): Promise<boolean> {
    for (const [boardId, entry] of this.rooms) {
      if (entry.holders > 0) continue;
      await this.unload(boardId, entry);
      return true;
    }
    return false;
  }

  /** A room whose storage failed under it is dropped at once; the next holder loads it afresh. */
  private forget(room: Room): void {
    const entry = this.rooms.get(room.boardId);
    if (!entry || entry.room !== room) return;
    if (entry.linger) clearTimeout(entry.linger);
    this.rooms.delete(room.boardId);
    // Like an unload: the next holder waits for this one's end (and, in a cluster, its lease let go).
    const closed = room.close().finally(() => this.unloaded(room.boardId));
    this.closing.set(room.boardId, closed);
  }
}
