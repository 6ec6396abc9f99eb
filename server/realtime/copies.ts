import type { StreamFollower } from "../cluster/board-stream";
import type { LinkKind } from "../../lib/roles";
import type { Logger } from "../log";
import type { BoardStorage } from "../storage/types";
import { BoardCopy, type PresenceUpstream } from "./copy";
import type { Peer } from "./peer";
import { BoardGone } from "./rooms";

interface Entry {
  copy: BoardCopy;
  ready: Promise<void>;
  holders: number;
  linger: NodeJS.Timeout | null;
}

/**
 * The copies of boards other instances hold, kept for this instance's readers (server/realtime/
 * copy.ts), by board id: made on the first reader, followed on the board's stream, dropped a
 * while after the last reader left.
 */
export class CopyRegistry {
  private readonly copies = new Map<string, Entry>();
  private readonly deleted = new Set<string>();

  constructor(
    private readonly storage: BoardStorage,
    private readonly follower: StreamFollower,
    private readonly log: Logger,
    private readonly lingerMs: number,
    /** A link renewed on another instance: connections checked before it must not join here either. */
    private readonly onRevoked: (boardId: string, link: LinkKind) => void,
    private readonly upstream?: PresenceUpstream,
  ) {}

  async acquire(boardId: string): Promise<BoardCopy> {
    if (this.deleted.has(boardId)) throw new BoardGone(boardId);
    let entry = this.copies.get(boardId);
    if (!entry) {
      const copy = new BoardCopy(boardId, this.storage, this.log, (gone) => this.onDeleted(gone), this.onRevoked, this.upstream);
      // The stream's position first, then the load: what the holder relays between the two is in both.
      const ready = this.follower.follow(boardId, copy).then(() => copy.load());
      entry = { copy, ready, holders: 0, linger: null };
      this.copies.set(boardId, entry);
    }
    if (entry.linger) clearTimeout(entry.linger);
    entry.linger = null;
    entry.holders++;
    try {
      await entry.ready;
    } catch (error) {
      this.drop(entry);
      throw error;
    }
    return entry.copy;
  }

  async release(copy: BoardCopy): Promise<void> {
    const entry = this.copies.get(copy.boardId);
    if (!entry || entry.copy !== copy || --entry.holders > 0) return;
    entry.linger = setTimeout(() => this.drop(entry), this.lingerMs);
    entry.linger.unref();
  }

  /** Closes the readers of a board that `match` picks (a link renewed on this instance). */
  closePeers(boardId: string, match: (peer: Peer) => boolean, code: number, reason: string): number {
    return this.copies.get(boardId)?.copy.closePeers(match, code, reason) ?? 0;
  }

  get size(): number {
    return this.copies.size;
  }

  closeAll(): void {
    for (const entry of [...this.copies.values()]) this.drop(entry);
  }

  private onDeleted(copy: BoardCopy): void {
    this.deleted.add(copy.boardId);
    const entry = this.copies.get(copy.boardId);
    if (entry?.copy === copy) this.drop(entry);
  }

  private drop(entry: Entry): void {
    if (this.copies.get(entry.copy.boardId) !== entry) return;
    if (entry.linger) clearTimeout(entry.linger);
    this.copies.delete(entry.copy.boardId);
    this.follower.unfollow(entry.copy.boardId);
    entry.copy.destroy();
  }
}
