"use client";

import { useEffect } from "react";
import { wholeBoardRect } from "../board/wholeBoard";
import type { FrameStore } from "../board/frameStore";
import type { NoteStore } from "../board/noteStore";
import type { ViewportStore } from "../board/viewportStore";
import { smallestNoteFont } from "./projectorText";

/**
 * While `on`, keeps the notes in view as large as they read from the back of the room, their
 * smallest text at 24 px (the whole board when that is readable: lib/board/opening-view.ts),
 * refitting as the board grows or the canvas changes size (the window, or the projector's strip
 * growing with a question): what the projector shows while nobody presents.
 */
export function useFitProjector(viewport: ViewportStore, notes: NoteStore | undefined, frames: FrameStore | undefined, on: boolean, votes: boolean): void {
  useEffect(() => {
    if (!on || !notes) return;
    let frame = 0;
    const fit = () => {
      frame = 0;
      viewport.fitForProjector(wholeBoardRect(notes, frames), frames?.all() ?? [], notes.bounds(), smallestNoteFont(notes.all(), votes));
    };
    // Many changes arrive together (a sync, a tidy): one fit per frame is enough.
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(fit);
    };
    fit();
    const offNotes = notes.subscribe(schedule);
    const offFrames = frames?.subscribe(schedule);
    window.addEventListener("resize", schedule);
    const offScreen = viewport.subscribeScreen(schedule);
    return () => {
      offScreen();
      offNotes();
      offFrames?.();
      window.removeEventListener("resize", schedule);
      cancelAnimationFrame(frame);
    };
  }, [viewport, notes, frames, on, votes]);
}
