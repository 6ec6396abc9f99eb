import { z } from "zod";
import { clampScale, type Rect, type Viewport } from "../geometry";

/**
 * "Follow me": a presenting facilitator's browser announces, in its awareness state, the board
 * area it shows (board units). The server drops the field from every other role's awareness
 * (server/realtime/presence.ts); followers fit that area to their own screen.
 */
export const PRESENTING_FIELD = "presenting";

const LIMIT = 1e7; // far beyond any board; keeps a hostile value from producing Infinity scales
export const presentingSchema = z.object({
  x: z.number().finite().min(-LIMIT).max(LIMIT),
  y: z.number().finite().min(-LIMIT).max(LIMIT),
  width: z.number().finite().positive().max(LIMIT),
  height: z.number().finite().positive().max(LIMIT),
});

export interface Presenter {
  clientId: number;
  name: string;
  rect: Rect;
}

/** The presented area of one awareness state, or null when it presents nothing (or nonsense). */
export function readPresenting(state: unknown): Rect | null {
  if (state === null || typeof state !== "object") return null;
  const parsed = presentingSchema.safeParse((state as Record<string, unknown>)[PRESENTING_FIELD]);
  return parsed.success ? parsed.data : null;
}

function nameOf(state: unknown): string {
  const name = (state as { user?: { name?: unknown } }).user?.name;
  return typeof name === "string" ? name.slice(0, 40) : "";
}

/**
 * Whom to follow among everyone's states: the one already followed while they still present
 * (a second facilitator starting does not pull the view away), else the one with the lowest id,
 * so every follower picks the same person. Our own state never counts.
 */
export function pickPresenter(states: ReadonlyMap<number, unknown>, selfId: number, current: number | null): Presenter | null {
  let best: Presenter | null = null;
  for (const [clientId, state] of states) {
    if (clientId === selfId) continue;
    const rect = readPresenting(state);
    if (!rect) continue;
    const candidate = { clientId, name: nameOf(state), rect };
    if (clientId === current) return candidate;
    if (!best || clientId < best.clientId) best = candidate;
  }
  return best;
}

/**
 * The viewport that shows `rect` whole on `screen`, centred, with no margin and no cap on the
 * zoom (unlike geometry's fitRect): a follower sees what the presenter sees, as large as fits.
 */
export function viewportShowing(rect: Rect, screen: { width: number; height: number }): Viewport {
  const scale = clampScale(Math.min(screen.width / rect.width, screen.height / rect.height));
  return { scale, x: screen.width / 2 - (rect.x + rect.width / 2) * scale, y: screen.height / 2 - (rect.y + rect.height / 2) * scale };
}

/** The area as announced: whole board units are plenty, and sub-pixel jitter sends nothing. */
export function roundRect(rect: Rect): Rect {
  return { x: Math.round(rect.x), y: Math.round(rect.y), width: Math.max(1, Math.round(rect.width)), height: Math.max(1, Math.round(rect.height)) };
}

export function sameRect(a: Rect | null, b: Rect | null): boolean {
  return a === b || (a !== null && b !== null && a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height);
}

/** The projector's link from the viewer's share link: `/b/ID#token=…` → `/b/ID/screen#token=…`. */
export function screenLink(viewerLink: string): string {
  const hash = viewerLink.indexOf("#");
  const path = hash < 0 ? viewerLink : viewerLink.slice(0, hash);
  return `${path.replace(/\/+$/, "")}/screen${hash < 0 ? "" : viewerLink.slice(hash)}`;
}
