import type pg from "pg";
import { ClaimLostError, type WriteFence } from "./fence";
import { row, rows, type Sql } from "./pool";

/**
 * One serving instance per board, in a cluster (docs/deploy.md): the instance that loads a board
 * holds its lease in PostgreSQL, renews it every few seconds, and is the only one that writes the
 * board's history. A lease that is not renewed (the instance died, stalled or lost its database)
 * expires, and the next instance asked for the board takes it over with the next epoch. Every
 * write checks the epoch in PostgreSQL (leaseFence), so an instance that comes back after a
 * takeover can write nothing: it finds the lease gone at its next renewal and drops the board.
 */

export interface LeaseOptions {
  /** This process: a fresh random id at every start, so a restarted instance never mistakes an old lease for its own. */
  instanceId: string;
  /** Where other instances reach this one (SAMLA_INSTANCE_URL). */
  instanceUrl: string;
  /** A lease not renewed for this long may be taken over. */
  leaseMs?: number;
  renewEveryMs?: number;
  onRenewFailed?(error: Error): void;
}

/** Who serves a board now: here, or the instance `owner` at `ownerUrl`, holding it at `epoch`. */
export type Placement = { here: true } | { here: false; ownerUrl: string; owner: string; epoch: number };

export const LEASE_MS = 10_000;
const RENEW_EVERY_MS = 3_000;

export class BoardLeases {
  /** Board id to the epoch this instance holds it at. */
  private readonly held = new Map<string, number>();
  private readonly claiming = new Map<string, Promise<Placement>>();
  private renewedAt = Date.now();
  private timer: NodeJS.Timeout | null = null;
  private readonly leaseMs: number;
  private readonly lostListeners: Array<(boardId: string) => void> = [];

  constructor(
    private readonly pool: pg.Pool,
    private readonly options: LeaseOptions,
  ) {
    this.leaseMs = options.leaseMs ?? LEASE_MS;
  }

  get instanceId(): string {
    return this.options.instanceId;
  }

  get instanceUrl(): string {
    return this.options.instanceUrl;
  }

  /** Told when this instance no longer holds a board (taken over, or not renewed in time): it must stop serving it. */
  whenLost(listener: (boardId: string) => void): void {
    this.lostListeners.push(listener);
  }

  epochOf(boardId: string): number | null {
    return this.held.get(boardId) ?? null;
  }

  /** Who serves the board, without taking it: a board nobody holds is served here (claim() takes it when it loads). */
  async placement(boardId: string): Promise<Placement> {
    if (this.held.has(boardId)) return { here: true };
    const lease = await row<{ owner: string; owner_url: string; epoch: number; live: boolean }>(
      this.pool,
      "SELECT owner, owner_url, epoch, expires_at > now() AS live FROM board_leases WHERE board_id = $1",
      [boardId],
    );
    if (!lease || !lease.live || lease.owner === this.options.instanceId) return { here: true };
    return { here: false, ownerUrl: lease.owner_url, owner: lease.owner, epoch: lease.epoch };
  }

  /**
   * Takes the board from a holder found gone before its lease ran out (nothing listens at its
   * address any more: it was killed or is stopping). Safe even if it is not gone: from the next
   * epoch on, none of its writes goes through. Answers whether the board is this instance's now.
   */
  async takeOverFrom(boardId: string, gone: { owner: string; epoch: number }): Promise<boolean> {
    const taken = await row<{ epoch: number }>(
      this.pool,
      `UPDATE board_leases SET owner = $2, owner_url = $3, epoch = epoch + 1, expires_at = now() + $4 * interval '1 millisecond'
        WHERE board_id = $1 AND owner = $5 AND epoch = $6 RETURNING epoch`,
      [boardId, this.options.instanceId, this.options.instanceUrl, this.leaseMs, gone.owner, gone.epoch],
    );
    if (taken) this.held.set(boardId, taken.epoch);
    return taken !== null;
  }

  /** Takes the board's lease if nobody holds it (or the holder let it expire); answers who serves it. */
  claim(boardId: string): Promise<Placement> {
    if (this.held.has(boardId)) return Promise.resolve({ here: true });
    const pending = this.claiming.get(boardId);
    if (pending) return pending;
    const claimed = this.claimNow(boardId).finally(() => this.claiming.delete(boardId));
    this.claiming.set(boardId, claimed);
    return claimed;
  }

  /** Lets the board go at once (its room has unloaded): the next instance asked takes it without waiting. */
  async release(boardId: string): Promise<void> {
    const epoch = this.held.get(boardId);
    if (epoch === undefined) return;
    this.held.delete(boardId);
    // No owner: a renewal already on its way cannot keep it.
    await this.pool.query("UPDATE board_leases SET owner = '', expires_at = now() WHERE board_id = $1 AND owner = $2 AND epoch = $3", [boardId, this.options.instanceId, epoch]);
  }

  /** This instance forgets the board without writing (it was taken over). */
  forget(boardId: string): void {
    this.held.delete(boardId);
  }

  start(): void {
    this.renewedAt = Date.now();
    this.timer = setInterval(() => void this.renew(), this.options.renewEveryMs ?? RENEW_EVERY_MS);
    this.timer.unref();
  }

  /** Stops renewing and lets every board go (SIGTERM: after the rooms' last writes). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const boards = [...this.held.keys()];
    this.held.clear();
    if (boards.length === 0) return;
    await this.pool.query("UPDATE board_leases SET owner = '', expires_at = now() WHERE owner = $1 AND board_id = ANY($2::text[])", [this.options.instanceId, boards]);
  }

  /** Renews every lease held; a lease found taken over, or not renewed within its time, is lost. */
  async renew(): Promise<void> {
    const boards = [...this.held];
    if (boards.length === 0) {
      this.renewedAt = Date.now();
      return;
    }
    const startedAt = Date.now();
    try {
      const renewed = await rows<{ board_id: string }>(
        this.pool,
        `UPDATE board_leases l SET expires_at = now() + $2 * interval '1 millisecond'
           FROM unnest($3::text[], $4::bigint[]) AS h(board_id, epoch)
          WHERE l.board_id = h.board_id AND l.epoch = h.epoch AND l.owner = $1
          RETURNING l.board_id`,
        [this.options.instanceId, this.leaseMs, boards.map(([id]) => id), boards.map(([, epoch]) => epoch)],
      );
      this.renewedAt = startedAt;
      const kept = new Set(renewed.map((lease) => lease.board_id));
      for (const [boardId, epoch] of boards) if (!kept.has(boardId) && this.held.get(boardId) === epoch) this.lose(boardId);
    } catch (error) {
      this.options.onRenewFailed?.(error as Error);
      // Past its time another instance may have the board: stop serving what may be stale.
      if (Date.now() - this.renewedAt >= this.leaseMs) for (const [boardId] of boards) this.lose(boardId);
    }
  }

  private lose(boardId: string): void {
    this.held.delete(boardId);
    for (const listener of this.lostListeners) listener(boardId);
  }

  private async claimNow(boardId: string): Promise<Placement> {
    const taken = await row<{ epoch: number }>(
      this.pool,
      `INSERT INTO board_leases (board_id, owner, owner_url, epoch, expires_at) VALUES ($1, $2, $3, 1, now() + $4 * interval '1 millisecond')
       ON CONFLICT (board_id) DO UPDATE SET owner = excluded.owner, owner_url = excluded.owner_url, epoch = board_leases.epoch + 1, expires_at = excluded.expires_at
         WHERE board_leases.expires_at <= now()
       RETURNING epoch`,
      [boardId, this.options.instanceId, this.options.instanceUrl, this.leaseMs],
    );
    if (taken) {
      this.held.set(boardId, taken.epoch);
      return { here: true };
    }
    const holder = await row<{ owner: string; owner_url: string; epoch: number }>(this.pool, "SELECT owner, owner_url, epoch FROM board_leases WHERE board_id = $1", [boardId]);
    // Ours in PostgreSQL but forgotten here (a release that failed): ours again, at its epoch.
    if (holder?.owner === this.options.instanceId) {
      this.held.set(boardId, holder.epoch);
      return { here: true };
    }
    // Let go or taken over between the two statements: ask again.
    if (!holder) return this.claimNow(boardId);
    return { here: false, ownerUrl: holder.owner_url, owner: holder.owner, epoch: holder.epoch };
  }
}

/**
 * Writes made only while this instance holds the board at the epoch it loaded it with. FOR SHARE
 * makes a takeover (which updates the lease row) wait for a write already checked, and a write
 * that comes after the takeover read the new epoch: no write of the old holder's lands after the
 * new holder loaded the board. A deletion is made by the board's holder too: the room registry
 * takes the board before it deletes it (rooms.ts discard), never inside the deletion's transaction.
 */
export function leaseFence(leases: BoardLeases): WriteFence {
  const epochOf = (boardId: string) => {
    const epoch = leases.epochOf(boardId);
    if (epoch === null) throw new ClaimLostError(notServed(boardId));
    return epoch;
  };
  return {
    condition: (boardId, boardParam, next) => ({
      sql: `EXISTS (SELECT 1 FROM board_leases WHERE board_id = ${boardParam} AND owner = $${next} AND epoch = $${next + 1} FOR SHARE)`,
      values: [leases.instanceId, epochOf(boardId)],
    }),
    async check(sql: Sql, boardId: string | null) {
      // Sweeps across boards (set-aside updates past their time) change no board's history.
      if (boardId === null) return;
      const held = await row(sql, "SELECT 1 FROM board_leases WHERE board_id = $1 AND owner = $2 AND epoch = $3 FOR SHARE", [boardId, leases.instanceId, epochOf(boardId)]);
      if (!held) throw new ClaimLostError(notServed(boardId));
    },
  };
}

const notServed = (boardId: string) => `this instance no longer serves board ${boardId} (another instance took it over); the write was not made`;
