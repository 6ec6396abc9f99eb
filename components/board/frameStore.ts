import type * as Y from "yjs";
import { framesOf, isFrameMap, readFrame, type FrameMap, type FrameSnapshot } from "../../lib/schema/frame";

/**
 * Plain snapshots of the board's frames (worksheets), kept current from the Y.Doc like NoteStore.
 * Boards hold a handful of frames, so one list listener set is enough: any frame change re-reads
 * only the frames it touched and notifies everyone who draws frames.
 */
export class FrameStore {
  private readonly snapshots = new Map<string, FrameSnapshot>();
  private readonly listeners = new Set<() => void>();
  private readonly frames: Y.Map<FrameMap>;
  private sorted: FrameSnapshot[] | null = null;
  /** Bumps on every change; lets React hooks cache derived lists. */
  version = 0;

  constructor(doc: Y.Doc) {
    this.frames = framesOf(doc);
    for (const id of this.frames.keys()) this.refresh(id);
    this.frames.observeDeep(this.onChange);
  }

  destroy(): void {
    this.frames.unobserveDeep(this.onChange);
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
    for (const id of touched) this.refresh(id);
    this.sorted = null;
    this.version++;
    this.listeners.forEach((listener) => listener());
  };

  private refresh(id: string): void {
    const frame = this.frames.get(id);
    if (isFrameMap(frame)) this.snapshots.set(id, readFrame(id, frame));
    else this.snapshots.delete(id);
  }
}
