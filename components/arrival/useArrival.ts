"use client";

import { useCallback, useEffect, useState, useSyncExternalStore } from "react";
import { arrivalLabelRect, arrivalOrigin, arrivalRect, arrivalRows, inboxArea, notesInArrival, type Point } from "../../lib/board/inbox";
import { intersects, visibleRect, type Rect } from "../../lib/geometry";
import type { FrameStore } from "../board/frameStore";
import type { NoteStore } from "../board/noteStore";
import type { ViewportStore } from "../board/viewportStore";

export interface Arrival {
  /** The outline of the cells, and the band above it with the name. */
  area: Rect;
  label: Rect;
  /** Label and outline together: what "show" brings into view. */
  whole: Rect;
  /** Notes waiting there now. */
  count: number;
}

/**
 * Where notes from phones land ("Nya lappar"), as the server places them (lib/board/inbox.ts): the
 * stored inbox, or where the first note will go. A board with no worksheet and no inbox yet shows
 * none: a free whiteboard stays empty.
 */
export function useArrival(notes: NoteStore | null, frames: FrameStore | null, inbox: Point | null): Arrival | null {
  const [arrival, setArrival] = useState<Arrival | null>(null);
  const [x, y] = [inbox?.x, inbox?.y];
  useEffect(() => {
    const stored = x === undefined || y === undefined ? null : { x, y };
    if (!notes || !frames) return;
    const update = () => {
      const frameRects = frames.all();
      if (!stored && frameRects.length === 0) return setArrival(null);
      const all = notes.all();
      const origin = arrivalOrigin(stored, all, frameRects);
      const waiting = notesInArrival(origin, all);
      const rows = arrivalRows(origin, waiting);
      const next = { area: inboxArea(origin, rows), label: arrivalLabelRect(origin), whole: arrivalRect(origin, rows), count: waiting.length };
      setArrival((current) => (current && JSON.stringify(current) === JSON.stringify(next) ? current : next));
    };
    update();
    const offNotes = notes.subscribe(update);
    const offFrames = frames.subscribe(update);
    return () => {
      offNotes();
      offFrames();
    };
  }, [notes, frames, x, y]);
  return arrival;
}

/** Whether any of `rect` is on screen; re-renders only when that changes. */
export function useInView(viewport: ViewportStore, rect: Rect | null): boolean {
  const inView = () => rect === null || viewport.screen.width === 0 || intersects(visibleRect(viewport.get(), viewport.screen), rect);
  const subscribe = useCallback(
    (listener: () => void) => {
      const off = viewport.subscribe(listener);
      const offScreen = viewport.subscribeScreen(listener);
      return () => {
        off();
        offScreen();
      };
    },
    [viewport],
  );
  return useSyncExternalStore(subscribe, inView, inView);
}
