import type { Timer } from "../schema/session";

/**
 * The timer as screens show it: what is left, as mm:ss and as spoken minutes. Apart from the
 * actions (./timer.ts) because the phone page loads only this.
 */

/** What is left at `serverNow`: never below zero, and frozen while paused or stopped. */
export function remainingMs(timer: Timer | null, serverNow: number): number {
  if (!timer) return 0;
  if (timer.status === "running" && timer.endsAt !== null) return Math.max(0, timer.endsAt - serverNow);
  return timer.remainingMs;
}

/** Whole seconds to show: rounded up, so "0:01" shows until the very end and "0:00" means done. */
export function displaySeconds(ms: number): number {
  return Math.ceil(Math.max(0, ms) / 1000);
}

/** mm:ss ("04:05", "12:00"), and h:mm:ss past an hour ("1:02:03"). */
export function formatDuration(ms: number): string {
  const total = displaySeconds(ms);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = (n: number) => String(n).padStart(2, "0");
  return hours > 0 ? `${hours}:${two(minutes)}:${two(seconds)}` : `${two(minutes)}:${two(seconds)}`;
}

/**
 * What a screen reader hears, as a value that changes only at whole minutes and at zero: the
 * minutes left, rounded up (0 once the time is out), so the live region speaks once a minute.
 */
export function spokenMinutes(ms: number): number {
  return Math.ceil(displaySeconds(ms) / 60);
}

/** The time is out: the countdown shows 00:00 (a paused or running timer that has reached zero). */
export function timeIsOut(timer: Timer | null, serverNow: number): boolean {
  return timer !== null && timer.status !== "stopped" && timer.durationMs > 0 && displaySeconds(remainingMs(timer, serverNow)) === 0;
}
