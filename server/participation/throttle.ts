import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { HttpError } from "../http/json";

/**
 * Limits on what phones may do, in memory (rate-limiter-flexible has Redis and PostgreSQL stores
 * with the same interface for when Samla runs on more than one machine).
 */
export class Throttle {
  /** Wrong join codes per address (IPv6 per /64): 20 in 15 minutes. */
  private readonly wrongCodesByAddress = new RateLimiterMemory({ points: 20, duration: 15 * 60 });
  /** New identities per address: a room of phones behind one NAT fits, a script making voters does not. */
  private readonly joinsByAddress = new RateLimiterMemory({ points: 100, duration: 10 * 60 });
  private readonly notesByParticipant = new RateLimiterMemory({ points: 30, duration: 60 });
  private readonly dotsByParticipant = new RateLimiterMemory({ points: 120, duration: 60 });

  /**
   * Every attempt costs a point up front, so a burst of parallel guesses is counted too; a right
   * code gives its point back. Past the limit every attempt is refused, right or wrong: answering
   * a right code would tell the guesser it hit.
   */
  async beginJoinAttempt(address: string): Promise<void> {
    await consumeOrRefuse(this.wrongCodesByAddress, address);
  }

  async joinSucceeded(address: string): Promise<void> {
    await this.wrongCodesByAddress.reward(address, 1);
  }

  async takeNewParticipant(address: string): Promise<void> {
    await consumeOrRefuse(this.joinsByAddress, address);
  }

  async takeNote(participantId: string): Promise<void> {
    await consumeOrRefuse(this.notesByParticipant, participantId);
  }

  async takeDot(participantId: string): Promise<void> {
    await consumeOrRefuse(this.dotsByParticipant, participantId);
  }
}

async function consumeOrRefuse(limiter: RateLimiterMemory, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (error) {
    if (error instanceof RateLimiterRes) throw tooMany(error.msBeforeNext);
    throw error;
  }
}

function tooMany(msBeforeNext: number): HttpError {
  const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new HttpError(429, "too_many_attempts", `too many attempts; try again in ${seconds} s`, { "Retry-After": String(seconds) });
}
