import type { Timer } from "../schema/session";
import { remainingMs } from "./display";

export { displaySeconds, formatDuration, remainingMs, spokenMinutes } from "./display";

/**
 * The board's one countdown as pure arithmetic on the server's clock. The server applies actions
 * with its own Date.now(); devices show remainingMs(timer, their estimate of the server's now).
 */

export const MINUTE_MS = 60_000;
/** The longest countdown the session schema accepts. */
export const MAX_TIMER_MS = 24 * 3600_000;

export type TimerAction =
  | { action: "start"; minutes?: number }
  | { action: "pause" }
  | { action: "resume" }
  | { action: "extend"; minutes: number }
  | { action: "stop" }
  | { action: "set"; minutes: number };

const clampMs = (ms: number) => Math.min(MAX_TIMER_MS, Math.max(0, Math.round(ms)));

/** A stopped timer showing its full duration. */
export function stoppedTimer(durationMs: number): Timer {
  const ms = clampMs(durationMs);
  return { status: "stopped", durationMs: ms, endsAt: null, remainingMs: ms };
}

function running(durationMs: number, leftMs: number, serverNow: number): Timer {
  const left = clampMs(leftMs);
  return { status: "running", durationMs: clampMs(durationMs), endsAt: serverNow + left, remainingMs: left };
}

/**
 * The timer after `action` at `serverNow`. Actions that make no sense in the current state (pause
 * a stopped timer, resume a running one) leave it as it is, so a double click does no harm.
 */
export function applyTimerAction(timer: Timer | null, action: TimerAction, serverNow: number): Timer {
  const current = timer ?? stoppedTimer(0);
  switch (action.action) {
    case "start": {
      const duration = action.minutes === undefined ? current.durationMs : action.minutes * MINUTE_MS;
      return running(duration, duration, serverNow);
    }
    case "pause":
      if (current.status !== "running") return current;
      return { ...current, status: "paused", endsAt: null, remainingMs: remainingMs(current, serverNow) };
    case "resume":
      if (current.status !== "paused") return current;
      return running(current.durationMs, current.remainingMs, serverNow);
    case "extend": {
      const added = action.minutes * MINUTE_MS;
      const left = remainingMs(current, serverNow) + added;
      const duration = current.durationMs + added;
      if (current.status === "running") return running(duration, left, serverNow);
      // Paused or stopped: the extra time waits with the rest.
      return { ...current, durationMs: clampMs(duration), remainingMs: clampMs(left) };
    }
    case "stop":
      return stoppedTimer(current.durationMs);
    case "set":
      return stoppedTimer(action.minutes * MINUTE_MS);
  }
}
