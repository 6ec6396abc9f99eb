import type { Redis } from "ioredis";
import { z } from "zod";
import type { Logger } from "../log";
import { writePhoneCount, type LiveSource, type PhoneCounter } from "../participation/live";
import { releaseInBackground } from "../participation/board-room";
import { BoardCopy } from "../realtime/copy";
import type { CopyRegistry } from "../realtime/copies";
import type { Room } from "../realtime/room";
import { BoardElsewhere, BoardGone, type RoomRegistry } from "../realtime/rooms";
import type { BoardLeases } from "../storage/postgres/board-leases";

/**
 * Phones in a cluster with Redis (docs/deploy.md, "With Redis"): a phone's view and its event
 * stream are served by whichever instance the phone reached, from the board's room where this
 * instance holds the board and from its copy elsewhere, so a kick-off's hundreds of phones cost
 * the holder nothing but the board's stream, and a phone stays connected when the holder changes.
 * What a phone writes (notes, dots, joins) still goes to the holder, which decides it.
 */

/** A board's room where this instance holds it (or nobody does: it takes it), else its copy. */
export function clusterLiveSource(rooms: RoomRegistry, copies: CopyRegistry, leases: BoardLeases, log: Logger): LiveSource {
  return {
    async acquire(boardId) {
      if (rooms.isLoaded(boardId) || (await leases.placement(boardId)).here) {
        try {
          return await rooms.acquire(boardId);
        } catch (error) {
          // Taken by another instance meanwhile: its copy serves as well.
          if (!(error instanceof BoardElsewhere)) throw error;
        }
      }
      try {
        return await copies.acquire(boardId);
      } catch (error) {
        if (error instanceof BoardGone) throw error;
        // No copy without Redis (restarting, say): 503, and the phone asks again in a moment.
        log("phones.copy_failed", { board: boardId, error: String(error) });
        throw new BoardElsewhere(boardId);
      }
    },
    release(board) {
      if (board instanceof BoardCopy) void copies.release(board);
      else releaseInBackground(rooms, log, board as Room);
    },
  };
}

const KEY_PREFIX = "samla:phones:";
/** Each instance writes its phones again this often, so the holder can tell a live report from a dead instance's. */
const REPORT_EVERY_MS = 10_000;
/** A report older than this is a dead instance's. */
const REPORT_FRESH_MS = 3 * REPORT_EVERY_MS;
/** How often the holder adds up the phones of its boards on every instance. */
const RECOUNT_EVERY_MS = 2_000;

type Report = z.infer<typeof reportSchema>;

/**
 * Who follows each board from a phone, over all instances: each instance keeps its own phones'
 * participant ids in a Redis hash per board (one field per instance), and the board's holder adds
 * them up into the session's phone count ("5 personer här"), one per participant however many
 * instances their tabs reached. Only ids are kept, for as long as the phones listen.
 */
export class ClusterPhoneCounts {
  private readonly local = new Map<string, ReadonlySet<string>>();
  private readonly timers: NodeJS.Timeout[];
  private stopped = false;
  private readonly running = new Set<"report" | "recount">();
  /** Redis did not answer the last time: said once per outage, not for every board every 2 s. */
  private redisAway = false;

  constructor(
    private readonly redis: Redis,
    private readonly instanceId: string,
    private readonly rooms: RoomRegistry,
    private readonly log: Logger,
  ) {
    this.timers = [setInterval(() => void this.reportAll(), REPORT_EVERY_MS), setInterval(() => void this.recountAll(), RECOUNT_EVERY_MS)];
    for (const timer of this.timers) timer.unref();
  }

  /** LiveViews' counter: this instance's phones of a board changed. */
  readonly count: PhoneCounter = async ({ boardId }, participantIds) => {
    if (this.stopped) return;
    if (participantIds.size > 0) this.local.set(boardId, new Set(participantIds));
    else this.local.delete(boardId);
    await this.report(boardId);
    await this.recount(boardId);
  };

  /** On SIGTERM: this instance's phones are no longer counted anywhere. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    const boards = [...this.local.keys()];
    this.local.clear();
    await Promise.all(boards.map((boardId) => this.redis.hdel(keyOf(boardId), this.instanceId))).catch(() => undefined);
  }

  private async report(boardId: string): Promise<void> {
    const ids = this.local.get(boardId);
    const key = keyOf(boardId);
    try {
      if (!ids) await this.redis.hdel(key, this.instanceId);
      else {
        const report: Report = { at: Date.now(), ids: [...ids] };
        await this.redis.multi().hset(key, this.instanceId, JSON.stringify(report)).pexpire(key, REPORT_FRESH_MS).exec();
      }
      this.redisAway = false;
    } catch (error) {
      this.redisFailed("phones.report_failed", boardId, error);
    }
  }

  private redisFailed(event: string, boardId: string, error: unknown): void {
    if (!this.redisAway) this.log(event, { board: boardId, error: String(error) });
    this.redisAway = true;
  }

  private async reportAll(): Promise<void> {
    await this.once("report", async () => {
      for (const boardId of [...this.local.keys()]) await this.report(boardId);
    });
  }

  private async recountAll(): Promise<void> {
    await this.once("recount", async () => {
      for (const boardId of this.rooms.loadedBoards()) await this.recount(boardId);
    });
  }

  /** A round still waiting on Redis (it is away: each command waits seconds) is not joined by another. */
  private async once(round: "report" | "recount", work: () => Promise<void>): Promise<void> {
    if (this.running.has(round)) return;
    this.running.add(round);
    try {
      await work();
    } finally {
      this.running.delete(round);
    }
  }

  /**
   * On the holder: every instance's phones of the board, written into its session when the number
   * changed. Only a board loaded here is counted, and it is not held for it: an idle board unloads
   * (and lets its lease go) as it would without phones.
   */
  private async recount(boardId: string): Promise<void> {
    if (this.stopped || !this.rooms.isLoaded(boardId)) return;
    let participants: Set<string>;
    try {
      participants = await this.everyInstancesPhones(boardId);
      this.redisAway = false;
    } catch (error) {
      // Redis is away: the count stays as it was until it is back.
      return this.redisFailed("phones.recount_failed", boardId, error);
    }
    await writePhoneCount(this.rooms, this.log, boardId, participants.size);
  }

  private async everyInstancesPhones(boardId: string): Promise<Set<string>> {
    const participants = new Set(this.local.get(boardId));
    const reports = await this.redis.hgetall(keyOf(boardId));
    const now = Date.now();
    for (const [instance, value] of Object.entries(reports)) {
      if (instance === this.instanceId) continue;
      const report = parseReport(value);
      if (report && now - report.at < REPORT_FRESH_MS) for (const id of report.ids) participants.add(id);
    }
    return participants;
  }
}

const keyOf = (boardId: string) => `${KEY_PREFIX}${boardId}`;

const reportSchema = z.object({ at: z.number(), ids: z.array(z.string()) });

function parseReport(value: string): Report | null {
  try {
    const parsed = reportSchema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
