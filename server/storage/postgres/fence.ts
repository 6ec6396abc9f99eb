import { CLAIM_TOKEN_LOCKS, WRITE_BARRIER_LOCK } from "./locks";
import { row, type Sql } from "./pool";
import { ClaimLostError } from "../types";

/**
 * A server's writes to a board's history go through only while its claim on the database is still
 * held, checked by PostgreSQL in the write itself: a server whose claim's connection ended (a
 * stall, a partition) while a write was on its way cannot commit it after a standby took over
 * (server/storage/postgres/sole-server.ts).
 *
 * Each claim, when made, also takes an advisory lock of its own: (CLAIM_TOKEN_LOCKS, a random
 * token). It lives and dies with the claim's connection, so "that lock is held" is "this claim
 * still holds", and no later claim can be mistaken for it (as a reused process id could).
 *
 * Each fenced write also holds the barrier lock shared for its transaction, taken before the
 * claim is checked; a server that has just claimed the database takes the barrier alone once, so
 * every write a previous holder had in flight has finished before the new one serves. Writes
 * after that fail the check.
 */

/** This server's claim token, or null while the claim is being re-made. */
export type ClaimHolder = () => number | null;

export { ClaimLostError } from "../types";

/**
 * What every write to a board's history asks first: whether this server may still make it. One
 * server per database asks its claim (claimFence, below); instances of a cluster ask the board's
 * lease (lease-fence.ts).
 */
export interface WriteFence {
  /** For the one-statement append: an SQL condition on the board `$boardParam`, its own values numbered from `$next`. */
  condition(boardId: string, boardParam: string, next: number): { sql: string; values: unknown[] };
  /** In a transaction: fails it with ClaimLostError unless this server may write the board (null: a write across boards). */
  check(sql: Sql, boardId: string | null): Promise<void>;
}

/** Writes made only while this server's claim on the whole database holds. */
export function claimFence(holder: ClaimHolder): WriteFence {
  return {
    condition: (_boardId, _boardParam, next) => ({ sql: claimHeldBy(`$${next}`), values: [currentToken(holder)] }),
    check: (sql) => checkClaim(sql, holder),
  };
}

/**
 * An SQL condition, true while the claim with token `$n` holds. CASE fixes the order: the planner
 * would otherwise read pg_locks first (as an InitPlan) and take the barrier after, which lets a
 * write that read "held" just before a takeover commit after the new holder's barrier.
 */
export function claimHeldBy(param: string): string {
  return `(CASE WHEN pg_try_advisory_xact_lock_shared(${WRITE_BARRIER_LOCK}) THEN EXISTS (
    SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = ${CLAIM_TOKEN_LOCKS} AND objid = ${param}::bigint::oid AND objsubid = 2
      AND database = (SELECT oid FROM pg_database WHERE datname = current_database())) ELSE false END)`;
}

/** The claim's token, or ClaimLostError if there is none now. */
export function currentToken(holder: ClaimHolder): number {
  const token = holder();
  if (token === null) throw new ClaimLostError();
  return token;
}

/** In a transaction: fails it with ClaimLostError unless this server's claim still holds (the barrier is held to its end). */
export async function checkClaim(sql: Sql, holder: ClaimHolder): Promise<void> {
  const checked = await row<{ held: boolean }>(sql, `SELECT ${claimHeldBy("$1")} AS held`, [currentToken(holder)]);
  if (!checked?.held) throw new ClaimLostError();
}
