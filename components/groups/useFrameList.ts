"use client";

import { useSyncExternalStore } from "react";
import type { FrameStore } from "../board/frameStore";
import type { FrameSnapshot } from "../../lib/schema/frame";

const NONE: FrameSnapshot[] = [];

/** The board's frames, re-rendering when any of them changes. */
export function useFrameList(store: FrameStore | undefined): FrameSnapshot[] {
  return useSyncExternalStore(
    store?.subscribe ?? noSubscription,
    () => store?.all() ?? NONE,
    () => NONE,
  );
}

const noSubscription = () => () => undefined;

/** The worksheets groups can work on: every frame except scales and the groups' own copies. */
export function plenaryFrames(frames: readonly FrameSnapshot[]): FrameSnapshot[] {
  return frames.filter((frame) => frame.kind !== "scale" && !frame.copyOf);
}
