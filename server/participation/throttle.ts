import { perKeyInTurn } from "../../lib/in-turn";
import type { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { ServerLimits } from "../../lib/schema/limits";

/** What a refusal tells the client (docs/api.md, "Throttling"); the API answers 429 with Retry-After. */
export type LimitCode = "too_many_attempts" | "joining_paused" | "too_many_requests" | "too_many_boards" | "too_many_imports";

export class LimitReached extends Error {
  constructor(
    readonly code: LimitCode,
    /** Whole seconds until the limit lets this through again (at least 1). */
    readonly retryAfterSeconds: number,
  ) {
    super(`${MESSAGES[code]}; try again in ${retryAfterSeconds} s`);
  }
}

const MESSAGES: Record<LimitCode, string> = {
  too_many_attempts: "too many attempts",
  joining_paused: "too many wrong join codes on this server: joining by a typed code is paused (the QR code still works)",
  too_many_requests: "too many join requests from this address",
  too_many_boards: "too many new boards from this address",
  too_many_imports: "too many imported boards from this address",
};

/** The one key of the server-wide wrong-code budget. */
const SERVER = "server";
const MINUTE = 60;
const HOUR = 60 * MINUTE;

/**
 * A limiter in this process's memory (a restart forgets it) or, for a cluster, in Redis, where
 * every instance counts against the same points. While Redis is unreachable each instance counts
 * on its own in memory (rate-limiter-flexible's insurance), so a Redis outage refuses nobody.
 */
function limiterFactory(redis: Redis | undefined) {
  return (name: string, points: number, duration: number): RateLimiterAbstract => {
    const memory = new RateLimiterMemory({ points, duration });
    if (!redis) return memory;
    return new RateLimiterRedis({ storeClient: redis, keyPrefix: `samla:limit:${name}`, points, duration, insuranceLimiter: memory });
  };
}

/**
 * Every limit on what an address, a participant or the whole server (the whole cluster, with
 * Redis) may do over time. Addresses are `clientAddress`'s.
 */
export class Throttle {
  private readonly wrongCodesByAddress: RateLimiterAbstract;
  private readonly wrongCodesOnServer: RateLimiterAbstract;
  private readonly joinRequestsByAddress: RateLimiterAbstract;
  private readonly boardsByAddress: RateLimiterAbstract;
  private readonly importsByAddress: RateLimiterAbstract;
  private readonly notesByParticipant: RateLimiterAbstract;
  private readonly dotsByParticipant: RateLimiterAbstract;
  private readonly inTurn = perKeyInTurn();

  constructor(limits: ServerLimits, redis?: Redis) {
    const limiter = limiterFactory(redis);
    this.wrongCodesByAddress = limiter("wrong-codes-by-address", limits.wrongJoinCodesPerAddress, 15 * MINUTE);
    this.wrongCodesOnServer = limiter("wrong-codes", limits.wrongJoinCodesPerHour, HOUR);
    this.joinRequestsByAddress = limiter("joins-by-address", limits.joinRequestsPerAddressPerMinute, MINUTE);
    this.boardsByAddress = limiter("boards-by-address", limits.boardsPerAddressPerHour, HOUR);
    this.importsByAddress = limiter("imports-by-address", limits.importsPerAddressPerHour, HOUR);
    this.notesByParticipant = limiter("notes-by-participant", 30, MINUTE);
    this.dotsByParticipant = limiter("dots-by-participant", 120, MINUTE);
  }

  /** Any join request, right or wrong, keyed or typed: a flood bound, far above a room joining at once. */
  async takeJoinRequest(address: string): Promise<void> {
    await consumeOrRefuse(this.joinRequestsByAddress, address, "too_many_requests");
  }

  /**
   * A typed code (or a wrong key) is a guess. Every guess costs a point up front, from its address
   * and from the server's hourly budget, so parallel guesses are counted too; a right code gives
   * both back. Past either limit every guess is refused, right or wrong: answering a right code
   * would tell the guesser it hit. An address already refused spends nothing of the server's
   * budget, and a guess the server refuses costs its address nothing.
   */
  async beginGuess(address: string): Promise<void> {
    await consumeOrRefuse(this.wrongCodesByAddress, address, "too_many_attempts");
    try {
      await consumeOrRefuse(this.wrongCodesOnServer, SERVER, "joining_paused");
    } catch (error) {
      await giveBack(this.wrongCodesByAddress, address);
      throw error;
    }
  }

  /**
   * Runs one guess (from `beginGuess` to its answer) after the address's earlier ones: a room behind
   * one NAT typing the code at once then holds one point at a time, not one per phone in flight,
   * while parallel guesses are still each counted. A slow store (PostgreSQL) made 300 phones in
   * flight spend the address's 20 points before any was given back.
   */
  guessInTurn<T>(address: string, guess: () => Promise<T>): Promise<T> {
    return this.inTurn(address, guess);
  }

  async guessWasRight(address: string): Promise<void> {
    await giveBack(this.wrongCodesByAddress, address);
    await giveBack(this.wrongCodesOnServer, SERVER);
  }

  /** Every board attempt counts, made or not, checked before its body is read. */
  async takeBoard(address: string): Promise<void> {
    await consumeOrRefuse(this.boardsByAddress, address, "too_many_boards");
  }

  /** An import is a board too (takeBoard first); refused, it gives the board's point back. */
  async takeImport(address: string): Promise<void> {
    try {
      await consumeOrRefuse(this.importsByAddress, address, "too_many_imports");
    } catch (error) {
      await giveBack(this.boardsByAddress, address);
      throw error;
    }
  }

  async takeNote(participantId: string): Promise<void> {
    await consumeOrRefuse(this.notesByParticipant, participantId, "too_many_attempts");
  }

  async takeDot(participantId: string): Promise<void> {
    await consumeOrRefuse(this.dotsByParticipant, participantId, "too_many_attempts");
  }
}

async function consumeOrRefuse(limiter: RateLimiterAbstract, key: string, code: LimitCode): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (error) {
    if (error instanceof RateLimiterRes) throw new LimitReached(code, Math.max(1, Math.ceil(error.msBeforeNext / 1000)));
    throw error;
  }
}

/**
 * Only within the window the point was taken in: a reward after the window ended would start the
 * next one with a point in hand, and the server-wide budget would no longer be a bound.
 */
async function giveBack(limiter: RateLimiterAbstract, key: string): Promise<void> {
  const current = await limiter.get(key);
  if (current && current.consumedPoints > 0) await limiter.reward(key, 1);
}
