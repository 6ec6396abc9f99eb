import type { Logger } from "../log";
import type { RoomRegistry } from "../realtime/rooms";
import type { BoardLifecycleStorage, BoardRecord, BoardStorage } from "../storage/types";
import { deleteBoard } from "./board-deletion";
import { startOfDay } from "./keep-until";
import type { LiveViews } from "../participation/live";

export const DAY_MS = 24 * 60 * 60 * 1000;
/** Updates that could not be applied at load are kept this long for someone to look into. */
export const QUARANTINE_DAYS = 30;

export interface RetentionOptions {
  /** The longest a board is kept without use, in days (SAMLA_RETENTION_DAYS). */
  maxDays: number;
  /** How often to look for boards past their time. */
  everyMs: number;
  now: () => number;
}

type RetainedBoard = Pick<BoardRecord, "lastActiveAt" | "retentionDays" | "keepUntil" | "createdAt">;

/** When a board will be deleted: on its keep-until date, else if nobody uses it before then. */
export function deleteAfter(board: RetainedBoard, maxDays: number): number {
  if (board.keepUntil) return startOfDay(board.keepUntil);
  const days = Math.min(board.retentionDays ?? maxDays, maxDays);
  return (board.lastActiveAt ?? board.createdAt) + days * DAY_MS;
}

/**
 * Storage limitation: a board unused for longer than it is kept is deleted, like a facilitator
 * deleting it. A board in use (loaded) is never deleted under its users for being unused; its time
 * starts again when it is let go (server/realtime/rooms.ts `onActivity`). A board kept to a date
 * is deleted on that date, in use or not: the date is what its facilitator promised the people
 * who wrote on it, and its users are told like at any deletion (4410).
 */
export class RetentionSweep {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly deps: {
      storage: BoardLifecycleStorage & Pick<BoardStorage, "getBoard" | "dropQuarantined"> & Parameters<typeof deleteBoard>[0]["storage"];
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

  /** Looked at again just before deleting: someone may have used it, or changed its retention, since the list was read. */
  private async stillExpired(boardId: string): Promise<boolean> {
    const board = await this.deps.storage.getBoard(boardId);
    if (!board || deleteAfter(board, this.options.maxDays) > this.options.now()) return false;
    return Boolean(board.keepUntil) || !this.deps.rooms.isLoaded(boardId);
  }

  /** One board's failure (its database connection cut mid-delete) is logged; the sweep goes on to the next. */
  private async deleteIfStillExpired(boardId: string): Promise<boolean> {
    try {
      return (await this.stillExpired(boardId)) && (await deleteBoard(this.deps, boardId, "retention"));
    } catch (error) {
      this.deps.log("retention.board_failed", { board: boardId, error: String(error) });
      return false;
    }
  }

  private async sweepOnce(): Promise<number> {
    let deleted = 0;
    try {
      const expired = await this.deps.storage.boardsExpiredAt(this.options.now(), this.options.maxDays);
      for (const boardId of expired) {
        if (await this.deleteIfStillExpired(boardId)) deleted++;
      }
      // Kept for inspection of what went wrong, a while: not for as long as the board lives.
      await this.deps.storage.dropQuarantined({ before: this.options.now() - QUARANTINE_DAYS * DAY_MS });
      await this.deps.alsoSweep?.();
      if (this.deps.storage.purgePending() && !(await this.deps.storage.purgeDeleted())) this.deps.log("storage.purge_pending", {});
    } catch (error) {
      this.deps.log("retention.failed", { error: String(error) });
    }
    return deleted;
  }
}
