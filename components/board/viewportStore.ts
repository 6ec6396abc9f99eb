import { useSyncExternalStore } from "react";
import { openingView, projectorView } from "../../lib/board/opening-view";
import { fitRect, type Rect, type Viewport } from "../../lib/geometry";

type Screen = { width: number; height: number };

/**
 * The canvas viewport lives outside React state: panning changes it every frame, and only the
 * few parts that care (the canvas, the text editor overlay) subscribe.
 */
export class ViewportStore {
  private value: Viewport = { x: 0, y: 0, scale: 1 };
  private readonly listeners = new Set<() => void>();
  /** Size of the canvas on screen, in CSS pixels. */
  screen = { width: 0, height: 0 };
  private readonly screenListeners = new Set<() => void>();
  /** A fit asked for before the canvas had a size (it loads after the page): done once it has one. */
  private pendingFit: ((screen: Screen) => Viewport) | null = null;

  /** The canvas changed size (a window resize, or a bar above it growing a row). */
  setScreen(size: { width: number; height: number }): void {
    if (size.width === this.screen.width && size.height === this.screen.height) return;
    this.screen = size;
    if (this.pendingFit && this.hasScreen()) this.fitWith(this.pendingFit);
    this.screenListeners.forEach((listener) => listener());
  }

  /**
   * Shows all of `rect`. Before the canvas is measured a fit would zoom to the minimum around the
   * corner (a worksheet added while the canvas still loads vanished that way), so it waits.
   */
  fit(rect: Rect | null): void {
    this.fitWith((screen) => fitRect(rect, screen));
  }

  /** The board's first view: readable notes before the whole board (lib/board/opening-view.ts). */
  open(whole: Rect | null, worksheets: readonly Rect[]): void {
    this.fitWith((screen) => openingView(whole, worksheets, screen));
  }

  /** The projector's view while nobody presents (lib/board/opening-view.ts). */
  fitForProjector(whole: Rect | null, worksheets: readonly Rect[], notes: Rect | null, smallestFont: number): void {
    this.fitWith((screen) => projectorView(whole, worksheets, notes, screen, smallestFont));
  }

  private fitWith(view: (screen: Screen) => Viewport): void {
    if (!this.hasScreen()) {
      this.pendingFit = view;
      return;
    }
    this.pendingFit = null;
    this.apply(view(this.screen));
  }

  private hasScreen(): boolean {
    return this.screen.width > 0 && this.screen.height > 0;
  }

  subscribeScreen = (listener: () => void): (() => void) => {
    this.screenListeners.add(listener);
    return () => this.screenListeners.delete(listener);
  };

  get = (): Viewport => this.value;

  /** A view chosen by the user (a pan, a zoom) replaces any fit still waiting for the canvas. */
  set(next: Viewport): void {
    this.pendingFit = null;
    this.apply(next);
  }

  private apply(next: Viewport): void {
    if (next.x === this.value.x && next.y === this.value.y && next.scale === this.value.scale) return;
    this.value = next;
    this.listeners.forEach((listener) => listener());
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

/** The whole viewport: re-renders on every pan step. For overlays that must follow the board. */
export function useViewport(store: ViewportStore): Viewport {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}

/** Only the zoom level: panning does not re-render the caller. */
export function useViewportScale(store: ViewportStore): number {
  const scale = () => store.get().scale;
  return useSyncExternalStore(store.subscribe, scale, scale);
}
