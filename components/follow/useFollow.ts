"use client";

import { useEffect, useRef, useState } from "react";
import type { WebsocketProvider } from "y-websocket";
import { pickPresenter, viewportShowing, type Presenter } from "../../lib/follow/presenting";
import type { Viewport } from "../../lib/geometry";
import type { ViewportStore } from "../board/viewportStore";

type Awareness = WebsocketProvider["awareness"];

/** The facilitator to follow, if anyone presents; re-renders only when that changes. */
export function usePresenter(awareness: Awareness | null): Presenter | null {
  const [presenter, setPresenter] = useState<Presenter | null>(null);
  useEffect(() => {
    if (!awareness) return;
    const update = () =>
      setPresenter((previous) => {
        const next = pickPresenter(awareness.getStates(), awareness.clientID, previous?.clientId ?? null);
        return samePresenter(previous, next) ? previous : next;
      });
    update();
    awareness.on("change", update);
    return () => awareness.off("change", update);
  }, [awareness]);
  return presenter;
}

function samePresenter(a: Presenter | null, b: Presenter | null): boolean {
  if (a === null || b === null) return a === b;
  const [p, q] = [a.rect, b.rect];
  return a.clientId === b.clientId && a.name === b.name && p.x === q.x && p.y === q.y && p.width === q.width && p.height === q.height;
}

/** idle: not following (nobody presents, or not yet chosen); stopped: the user moved the view. */
export type FollowMode = "idle" | "following" | "stopped";

/**
 * Fits the presenter's area to this screen while following. The user's own pan or zoom (any
 * viewport change this hook did not make) stops it, unless `always` (the projector page, where
 * a stray touch must not leave the facilitator behind). When the presenter stops, so does this.
 */
export function useFollow(
  viewport: ViewportStore,
  presenter: Presenter | null,
  /** `adjust`: what this screen makes of the presented view (the projector: readable from the back). Stable. */
  options: { always?: boolean; adjust?: (shown: Viewport, screen: { width: number; height: number }) => Viewport } = {},
) {
  const always = options.always ?? false;
  const adjust = options.adjust;
  const [chosen, setMode] = useState<FollowMode>(always ? "following" : "idle");
  const mode: FollowMode = always ? "following" : presenter ? chosen : "idle";
  const applied = useRef<Viewport | null>(null);
  const rect = presenter?.rect ?? null;

  // A new presentation starts with a fresh choice.
  const presenterId = presenter?.clientId ?? null;
  useEffect(() => {
    if (!always && presenterId === null) setMode("idle");
  }, [always, presenterId]);

  useEffect(() => {
    if (mode !== "following" || !rect) return;
    let frame = 0;
    const apply = () => {
      frame = 0;
      // Before the canvas has measured itself there is nothing to fit to: try next frame.
      if (viewport.screen.width === 0) return void (frame = requestAnimationFrame(apply));
      const shown = viewportShowing(rect, viewport.screen);
      applied.current = adjust ? adjust(shown, viewport.screen) : shown;
      viewport.set(applied.current);
    };
    apply();
    // The canvas measures itself on resize (a ResizeObserver); refit once it has.
    const onResize = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(apply);
    };
    const offScreen = viewport.subscribeScreen(onResize);
    const off = viewport.subscribe(() => {
      if (!always && viewport.get() !== applied.current) setMode("stopped");
    });
    return () => {
      off();
      offScreen();
      cancelAnimationFrame(frame);
    };
  }, [mode, rect, viewport, always, adjust]);

  return { mode, follow: () => setMode("following"), stop: () => setMode("idle") };
}
