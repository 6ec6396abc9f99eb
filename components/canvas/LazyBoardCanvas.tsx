"use client";

import { clientModule } from "../loading/clientModule";
import type { BoardCanvasProps } from "./BoardCanvas";

/** The Konva board's code: Konva touches `window` as it loads, so it loads in the browser only. */
export const canvasModule = clientModule(() => import("./BoardCanvas"));

/** The board's canvas, drawn as soon as its code is here (nothing in its place before). */
export function BoardCanvas(props: BoardCanvasProps) {
  const Canvas = canvasModule.useModule().module?.default;
  return Canvas ? <Canvas {...props} /> : null;
}
