import { boundsOf, intersects, type Point, type Rect } from "../geometry";

/** Space kept between a new worksheet and what is already on the board. */
export const FREE_SPOT_GAP = 80;

/**
 * Where a new worksheet of `size` goes: centred on `centre` (the middle of the view) when that
 * covers nothing, otherwise at the nearest place beside a worksheet or beside everything that
 * covers nothing, so a worksheet added by hand never hides another or its notes. `taken` holds
 * the worksheets and the notes. Answers the top-left corner.
 */
export function freeSpot(size: { width: number; height: number }, centre: Point, taken: readonly Rect[]): Point {
  const wanted = { x: Math.round(centre.x - size.width / 2), y: Math.round(centre.y - size.height / 2) };
  const all = boundsOf(taken);
  if (!all) return wanted;
  const gap = FREE_SPOT_GAP;
  const around = (rect: Rect): Point[] => [
    { x: rect.x + rect.width + gap, y: wanted.y },
    { x: rect.x - size.width - gap, y: wanted.y },
    { x: wanted.x, y: rect.y + rect.height + gap },
    { x: wanted.x, y: rect.y - size.height - gap },
    { x: rect.x + rect.width + gap, y: rect.y },
    { x: rect.x, y: rect.y + rect.height + gap },
  ];
  // Beside the large things (worksheets, and the board as a whole): a note is too small to line up with.
  const large = taken.filter((rect) => rect.width > 400 || rect.height > 400);
  const candidates = [wanted, ...[all, ...large].flatMap(around)];
  const distance = (p: Point) => Math.hypot(p.x - wanted.x, p.y - wanted.y);
  candidates.sort((a, b) => distance(a) - distance(b));
  const padded = (p: Point): Rect => ({ x: p.x - gap / 2, y: p.y - gap / 2, width: size.width + gap, height: size.height + gap });
  const free = candidates.find((p) => !taken.some((rect) => intersects(padded(p), rect)));
  // Right of everything is always free; the search only finds a nearer place.
  return free ?? { x: all.x + all.width + gap, y: all.y };
}
