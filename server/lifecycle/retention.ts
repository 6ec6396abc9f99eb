import type { Logger } from "../log";
import type { RoomRegistry } from "../realtime/rooms";
import type { BoardLifecycleStorage, BoardStorage } from "../storage/types";
import { deleteBoard } from "./board-deletion";
import type { LiveViews } from "../participation/live";

export const DAY_MS = 24 * 60 * 60 * 1000;

export interface RetentionOptions {
  /** The longest a board is kept without use, in days (SAMLA_RETENTION_DAYS). */
  maxDays: number;
  /** How often to look for boards past their time. */
  everyMs: number;
  now: () => number;
}

/** When a board will be deleted if nobody uses it before then. */
export function deleteAfter(board: { lastActiveAt?: number; retentionDays?: number | null; createdAt: number }, maxDays: number): number {
  const days = Math.min(board.retentionDays ?? maxDays, maxDays);
  return (board.lastActiveAt ?? board.createdAt) + days * DAY_MS;
}

/**
 * Storage limitation: a board unused for longer than it is kept is deleted, like a facilitator
 * deleting it. A board in use (loaded) is never deleted under its users; its time starts again
 * when it is let go (server/realtime/rooms.ts `onActivity`).
 */
export class RetentionSweep {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly deps: {
      storage: BoardLifecycleStorage & Pick<BoardStorage, "getBoard"> & Parameters<typeof deleteBoard>[0]["storage"];
      rooms: RoomRegistry;
      live: LiveViews;
      log: Logger;
      /** More to delete once its time is past, on the same schedule (sign-in sessions). */
      alsoSweep?: () => Promise<unknown>;
    },
    private readonly options: RetentionOptions,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.sweep(), this.options.everyMs);
    this.timer.unref();
    void this.sweep();
  }

  /** Deletes every board past its time; answers how many. One sweep at a time. */
  sweep(): Promise<number> {
    this.running ??= this.sweepOnce().finally(() => (this.running = null));
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private async stillExpired(boardId: string): Promise<boolean> {
    const board = await this.deps.storage.getBoard(boardId);
    return board !== null && deleteAfter(board, this.options.maxDays) <= this.options.now();
  }

  private async sweepOnce(): Promise<number> {
    let deleted = 0;
    try {
      const expired = await this.deps.storage.boardsExpiredAt(this.options.now(), this.options.maxDays);
      for (const boardId of expired) {
        // Looked at again just before: someone may have used it since the list was read.
        if (this.deps.rooms.isLoaded(boardId) || !(await this.stillExpired(boardId))) continue;
        if (await deleteBoard(this.deps, boardId, "retention")) deleted++;
      }
      await this.deps.alsoSweep?.();
      if (this.deps.storage.purgePending() && !(await this.deps.storage.purgeDeleted())) this.deps.log("storage.purge_pending", {});
    } catch (error) {
      this.deps.log("retention.failed", { error: String(error) });
    }
    return deleted;
  }
}
