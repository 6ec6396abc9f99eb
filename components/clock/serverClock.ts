"use client";

import { useSyncExternalStore } from "react";

/**
 * The server's clock, as this device estimates it: every screen counts the shared timer down
 * against the same "now", whatever its own clock says. NTP-style: ask `GET /api/time` a few times
 * and trust the answer with the shortest round trip, assuming it spent half of it on the way back.
 * Tiny on purpose (no Yjs, no zod): the phone page loads it too.
 */

export interface TimeSample {
  /** Local Date.now() when the request left and when its answer came. */
  sentAt: number;
  receivedAt: number;
  /** The server's Date.now(), from the answer. */
  serverNow: number;
}

const SAMPLES = 3;

/** Server time minus local time, from the sample with the shortest round trip; null without any. */
export function bestOffset(samples: readonly TimeSample[]): number | null {
  let best: TimeSample | null = null;
  for (const sample of samples) {
    if (!best || sample.receivedAt - sample.sentAt < best.receivedAt - best.sentAt) best = sample;
  }
  return best ? best.serverNow - (best.sentAt + best.receivedAt) / 2 : null;
}

async function sample(): Promise<TimeSample | null> {
  try {
    const sentAt = Date.now();
    const res = await fetch("/api/time", { cache: "no-store" });
    const receivedAt = Date.now();
    const { now } = (await res.json()) as { now?: unknown };
    return typeof now === "number" && Number.isFinite(now) ? { sentAt, receivedAt, serverNow: now } : null;
  } catch {
    return null;
  }
}

let offset = 0;
let estimating: Promise<void> | null = null;
let started = false;
const listeners = new Set<() => void>();

/** Asks the server again (one at a time); keeps the old offset if it cannot be reached. */
export function estimateOffset(): Promise<void> {
  estimating ??= (async () => {
    const samples: TimeSample[] = [];
    // One after another: parallel requests would queue behind each other and skew the round trips.
    for (let i = 0; i < SAMPLES; i++) {
      const next = await sample();
      if (next) samples.push(next);
    }
    const found = bestOffset(samples);
    if (found !== null && found !== offset) {
      offset = found;
      for (const listener of listeners) listener();
    }
  })().finally(() => {
    estimating = null;
  });
  return estimating;
}

/** The server's now, in its epoch ms, as this device best knows it. */
export function serverNow(): number {
  return Date.now() + offset;
}

/** Starts estimating once, and again whenever the page comes back (sleep, lost network). */
function start(): void {
  if (started || typeof window === "undefined") return;
  started = true;
  const again = () => {
    if (document.visibilityState === "visible") void estimateOffset();
  };
  window.addEventListener("online", again);
  document.addEventListener("visibilitychange", again);
  void estimateOffset();
}

function subscribe(listener: () => void): () => void {
  start();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The current offset estimate; components re-render when it changes. */
export function useServerOffset(): number {
  return useSyncExternalStore(subscribe, () => offset, () => 0);
}
