const DAY_MS = 24 * 60 * 60 * 1000;

/** How close to its deletion a board shows everyone who writes on it that it is going. */
export const WARN_DAYS = 7;

const localDay = (at: Date) => `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, "0")}-${String(at.getDate()).padStart(2, "0")}`;

/**
 * The dates the facilitator may keep a board until, for a date input. The server counts days in
 * UTC (server/lifecycle/keep-until.ts): the earliest is tomorrow here (which in the Nordic
 * countries is never before tomorrow in UTC), the latest the server's maximum from today in UTC.
 */
export function keepUntilBounds(now: Date, maxDays: number): { min: string; max: string } {
  const tomorrow = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  const todayUtc = Date.parse(now.toISOString().slice(0, 10));
  return { min: localDay(tomorrow), max: new Date(todayUtc + maxDays * DAY_MS).toISOString().slice(0, 10) };
}

/** The date the input starts with: the board's own, else a month ahead, within the bounds. */
export function initialKeepUntil(keepUntil: string | null | undefined, bounds: { min: string; max: string }, now: Date): string {
  if (keepUntil) return keepUntil;
  const month = localDay(new Date(now.getFullYear(), now.getMonth(), now.getDate() + 30));
  return month > bounds.max ? bounds.max : month;
}

/** Whether a board deleted at `deleteAfter` (ISO 8601) goes within WARN_DAYS of `now`. */
export function deletionSoon(deleteAfter: string | null, now: number): boolean {
  if (!deleteAfter) return false;
  return Date.parse(deleteAfter) - now <= WARN_DAYS * DAY_MS;
}
