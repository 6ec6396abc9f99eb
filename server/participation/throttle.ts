import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { HttpError } from "../http/json";

/**
 * Limits on what phones may do, in memory (rate-limiter-flexible has Redis and PostgreSQL stores
 * with the same interface for when Samla runs on more than one machine).
 */
export class Throttle {
  /** Wrong join codes per address: 20 in 15 minutes. */
  private readonly wrongCodesByAddress = new RateLimiterMemory({ points: 20, duration: 15 * 60 });
  /** Wrong join codes from everywhere: guessing from many addresses is bounded too. */
  private readonly wrongCodesEverywhere = new RateLimiterMemory({ points: 600, duration: 60 });
  private readonly notesByParticipant = new RateLimiterMemory({ points: 30, duration: 60 });
  private readonly dotsByParticipant = new RateLimiterMemory({ points: 120, duration: 60 });

  /** Refuses every join attempt, right or wrong, from an address that has guessed too often. */
  async checkJoinAllowed(address: string): Promise<void> {
    const [mine, everyone] = await Promise.all([this.wrongCodesByAddress.get(address), this.wrongCodesEverywhere.get("all")]);
    const blocked = [
      [mine, this.wrongCodesByAddress.points],
      [everyone, this.wrongCodesEverywhere.points],
    ] as const;
    for (const [result, points] of blocked) {
      if (result && result.consumedPoints >= points) throw tooMany(result.msBeforeNext);
    }
  }

  async recordWrongCode(address: string): Promise<void> {
    await Promise.all([
      this.wrongCodesByAddress.consume(address).catch(() => undefined),
      this.wrongCodesEverywhere.consume("all").catch(() => undefined),
    ]);
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
