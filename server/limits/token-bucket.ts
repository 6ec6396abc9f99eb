/**
 * A token bucket: `perSecond` sustained, up to `burst` at once. Synchronous, because it is asked
 * on every websocket message (rate-limiter-flexible answers with a promise per call). A rate of 0
 * means no limit.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** Takes `amount` if there is enough; otherwise takes nothing and answers false. */
  take(amount = 1): boolean {
    if (this.perSecond === 0) return true;
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < amount) return false;
    this.tokens -= amount;
    return true;
  }
}
