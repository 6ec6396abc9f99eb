/** Viewport math for the canvas: pure, so it is tested without a browser. */
export interface Point {
  x: number;
  y: number;
}
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
/** Stage position (screen pixels) and scale: screen = board * scale + position. */
export interface Viewport {
  x: number;
  y: number;
  scale: number;
}

export const MIN_SCALE = 0.05;
export const MAX_SCALE = 4;

export function clampScale(scale: number): number {
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
}

export function toBoard(viewport: Viewport, screen: Point): Point {
  return { x: (screen.x - viewport.x) / viewport.scale, y: (screen.y - viewport.y) / viewport.scale };
}

/** Zooms by `factor` keeping the board point under `anchor` (screen) where it is. */
export function zoomAround(viewport: Viewport, anchor: Point, factor: number): Viewport {
  const scale = clampScale(viewport.scale * factor);
  const board = toBoard(viewport, anchor);
  return { scale, x: anchor.x - board.x * scale, y: anchor.y - board.y * scale };
}

/** The board area the screen shows. */
export function visibleRect(viewport: Viewport, screen: { width: number; height: number }): Rect {
  const topLeft = toBoard(viewport, { x: 0, y: 0 });
  return { x: topLeft.x, y: topLeft.y, width: screen.width / viewport.scale, height: screen.height / viewport.scale };
}

/** A viewport that shows `bounds` whole, centred, with a margin, never zoomed in past `maxScale`. */
export function fitRect(bounds: Rect | null, screen: { width: number; height: number }, margin = 48, maxScale = 1): Viewport {
  if (!bounds || bounds.width <= 0 || bounds.height <= 0) return { x: 0, y: 0, scale: 1 };
  const scale = clampScale(
    Math.min(maxScale, (screen.width - 2 * margin) / bounds.width, (screen.height - 2 * margin) / bounds.height),
  );
  return {
    scale,
    x: screen.width / 2 - (bounds.x + bounds.width / 2) * scale,
    y: screen.height / 2 - (bounds.y + bounds.height / 2) * scale,
  };
}

export function boundsOf(rects: Iterable<Rect>): Rect | null {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const r of rects) {
    minX = Math.min(minX, r.x);
    minY = Math.min(minY, r.y);
    maxX = Math.max(maxX, r.x + r.width);
    maxY = Math.max(maxY, r.y + r.height);
  }
  return minX === Infinity ? null : { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/** Normalises a rectangle dragged from `a` to `b` in any direction. */
export function rectFromPoints(a: Point, b: Point): Rect {
  return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y) };
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}
