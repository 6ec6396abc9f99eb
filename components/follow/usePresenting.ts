"use client";

import { useEffect } from "react";
import type { WebsocketProvider } from "y-websocket";
import { visibleRect, type Rect } from "../../lib/geometry";
import { PRESENTING_FIELD, roundRect, sameRect } from "../../lib/follow/presenting";
import type { ViewportStore } from "../board/viewportStore";

type Awareness = WebsocketProvider["awareness"];

/** About eight updates a second: smooth enough to follow, light on the network. */
const PUBLISH_INTERVAL_MS = 125;

/**
 * While `on`, announces the board area this screen shows in the awareness field `presenting`,
 * at most every PUBLISH_INTERVAL_MS and only when it changed; clears it when turned off or left.
 * The server relays it only from a facilitator (server/realtime/presence.ts).
 */
export function usePresenting(awareness: Awareness | null, viewport: ViewportStore, on: boolean): void {
  useEffect(() => {
    if (!awareness || !on) return;
    let sent: Rect | null = null;
    let timer: number | undefined;
    const current = (): Rect | null => (viewport.screen.width > 0 ? roundRect(visibleRect(viewport.get(), viewport.screen)) : null);
    const publish = () => {
      timer = undefined;
      const rect = current();
      if (!rect || sameRect(rect, sent)) return;
      sent = rect;
      awareness.setLocalStateField(PRESENTING_FIELD, rect);
    };
    const schedule = () => {
      timer ??= window.setTimeout(publish, PUBLISH_INTERVAL_MS);
    };
    publish();
    // The canvas may not have measured itself yet when presenting starts right after loading.
    if (!sent) schedule();
    const off = viewport.subscribe(schedule);
    // The area shown changes with the canvas's size too: a bar above it may gain a row.
    const offScreen = viewport.subscribeScreen(schedule);
    return () => {
      off();
      offScreen();
      window.clearTimeout(timer);
      // A destroyed awareness (the board closing) has already told everyone we left.
      if (awareness.getLocalState() !== null) awareness.setLocalStateField(PRESENTING_FIELD, null);
    };
  }, [awareness, viewport, on]);
}
