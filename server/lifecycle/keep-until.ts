const DAY_MS = 24 * 60 * 60 * 1000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A board kept to a date (`keepUntil`, `YYYY-MM-DD`) is deleted at the start of that day in UTC:
 * 01:00 or 02:00 in Sweden and Norway, 02:00 or 03:00 in Finland, so on that date in the Nordic
 * countries and never before it, whichever of them the server's clock is set to.
 */
export function startOfDay(date: string): number {
  return Date.parse(`${date}T00:00:00.000Z`);
}

/** The UTC date of an instant, as `YYYY-MM-DD`. */
export function dayOf(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

export type KeepUntilProblem = "invalid_date" | "retention_too_long";

/**
 * Why a date cannot be the day a board is deleted, or null when it can: a real calendar date, after
 * today (a day already begun would delete the board at the next sweep), and at most the server's
 * maximum days from today, the same ceiling a board unused that long has.
 */
export function keepUntilProblem(date: string, now: number, maxDays: number): KeepUntilProblem | null {
  if (!ISO_DATE.test(date) || Number.isNaN(startOfDay(date)) || dayOf(startOfDay(date)) !== date) return "invalid_date";
  const today = startOfDay(dayOf(now));
  if (startOfDay(date) <= today) return "invalid_date";
  return startOfDay(date) > today + maxDays * DAY_MS ? "retention_too_long" : null;
}
