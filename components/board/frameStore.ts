import type * as Y from "yjs";
import { framesOf, isFrameMap, readFrame, type FrameMap, type FrameSnapshot } from "../../lib/schema/frame";
import { readSession, sessionMapOf } from "../../lib/schema/session";

/**
 * Plain snapshots of the board's frames (worksheets), kept current from the Y.Doc like NoteStore.
 * Boards hold a handful of frames, so one list listener set is enough: any frame change re-reads
 * only the frames it touched and notifies everyone who draws frames.
 */
export class FrameStore {
  private readonly snapshots = new Map<string, FrameSnapshot>();
  private readonly listeners = new Set<() => void>();
  private readonly frames: Y.Map<FrameMap>;
  private readonly sessionMap: Y.Map<unknown>;
  /** Locked worksheets, from the session document (only the server writes it). */
  private locks: Record<string, true>;
  private sorted: FrameSnapshot[] | null = null;
  /** Bumps on every change; lets React hooks cache derived lists. */
  version = 0;

  constructor(doc: Y.Doc, private readonly session: Y.Doc) {
    this.frames = framesOf(doc);
    this.sessionMap = sessionMapOf(session);
    this.locks = readSession(session).locks;
    for (const id of this.frames.keys()) this.refresh(id);
    this.frames.observeDeep(this.onChange);
    this.sessionMap.observe(this.onSessionChange);
  }

  destroy(): void {
    this.frames.unobserveDeep(this.onChange);
    this.sessionMap.unobserve(this.onSessionChange);
  }

  get(id: string): FrameSnapshot | undefined {
    return this.snapshots.get(id);
  }

  /** Every frame, lowest first (the drawing order). The same array until something changes. */
  all(): FrameSnapshot[] {
    this.sorted ??= [...this.snapshots.values()].sort((a, b) => a.z - b.z || a.createdAt - b.createdAt);
    return this.sorted;
  }

  get size(): number {
    return this.snapshots.size;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private onChange = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>): void => {
    const touched = new Set<string>();
    for (const event of events) {
      if (event.target === this.frames) for (const key of event.changes.keys.keys()) touched.add(key);
      else if (typeof event.path[0] === "string") touched.add(event.path[0]);
    }
    this.changed(touched);
  };

  private onSessionChange = (event: Y.YMapEvent<unknown>): void => {
    if (!event.keysChanged.has("locks")) return;
    const before = this.locks;
    this.locks = readSession(this.session).locks;
    this.changed(new Set([...Object.keys(before), ...Object.keys(this.locks)].filter((id) => before[id] !== this.locks[id])));
  };

  private changed(touched: Set<string>): void {
    if (touched.size === 0) return;
    for (const id of touched) this.refresh(id);
    this.sorted = null;
    this.version++;
    this.listeners.forEach((listener) => listener());
  }

  private refresh(id: string): void {
    const frame = this.frames.get(id);
    if (!isFrameMap(frame)) return void this.snapshots.delete(id);
    const snapshot = readFrame(id, frame);
    this.snapshots.set(id, Object.hasOwn(this.locks, id) ? { ...snapshot, locked: true } : snapshot);
  }
}
