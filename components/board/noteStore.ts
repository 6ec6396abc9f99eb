import RBush from "rbush";
import type * as Y from "yjs";
import { boundsOf, type Rect } from "../../lib/geometry";
import { notesOf } from "../../lib/schema/board";
import { readNote, type NoteMap, type NoteSnapshot } from "../../lib/schema/note";

interface Indexed {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  id: string;
}

/**
 * Plain snapshots of the board's notes, kept current from the Y.Doc, with a spatial index so the
 * canvas draws only what is on screen. A change to one note notifies that note's listeners and
 * the list listeners, nothing else, so one note's edit re-renders one note.
 */
export class NoteStore {
  private readonly snapshots = new Map<string, NoteSnapshot>();
  private readonly index = new RBush<Indexed>();
  private readonly indexed = new Map<string, Indexed>();
  private readonly noteListeners = new Map<string, Set<() => void>>();
  private readonly listListeners = new Set<() => void>();
  private readonly notes: Y.Map<NoteMap>;
  /** Bumps on every change; lets React hooks cache derived lists. */
  version = 0;

  constructor(doc: Y.Doc) {
    this.notes = notesOf(doc);
    this.refreshAll(this.notes.keys());
    this.notes.observeDeep(this.onChange);
  }

  destroy(): void {
    this.notes.unobserveDeep(this.onChange);
  }

  get(id: string): NoteSnapshot | undefined {
    return this.snapshots.get(id);
  }

  all(): NoteSnapshot[] {
    return [...this.snapshots.values()];
  }

  get size(): number {
    return this.snapshots.size;
  }

  /** Ids of the notes that overlap `rect`, lowest first. */
  search(rect: Rect): string[] {
    return this.index
      .search({ minX: rect.x, minY: rect.y, maxX: rect.x + rect.width, maxY: rect.y + rect.height })
      .map((item) => item.id)
      .sort((a, b) => this.snapshots.get(a)!.z - this.snapshots.get(b)!.z);
  }

  bounds(): Rect | null {
    return boundsOf(this.snapshots.values());
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listListeners.add(listener);
    return () => this.listListeners.delete(listener);
  };

  subscribeNote(id: string, listener: () => void): () => void {
    let set = this.noteListeners.get(id);
    if (!set) this.noteListeners.set(id, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.noteListeners.delete(id);
    };
  }

  private onChange = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>): void => {
    const touched = new Set<string>();
    for (const event of events) {
      if (event.target === this.notes) for (const key of event.changes.keys.keys()) touched.add(key);
      else if (typeof event.path[0] === "string") touched.add(event.path[0]);
    }
    this.refreshAll(touched);
    this.version++;
    for (const id of touched) this.noteListeners.get(id)?.forEach((listener) => listener());
    this.listListeners.forEach((listener) => listener());
  };

  /** Re-reads the notes; their new places go into the index in one bulk load (a board's first sync). */
  private refreshAll(ids: Iterable<string>): void {
    const placed: Indexed[] = [];
    for (const id of ids) {
      const item = this.refresh(id);
      if (item) placed.push(item);
    }
    if (placed.length === 1) this.index.insert(placed[0]);
    else if (placed.length > 1) this.index.load(placed);
  }

  /** The note's snapshot, fresh from the doc; returns its place for the index (or null: deleted). */
  private refresh(id: string): Indexed | null {
    const previous = this.indexed.get(id);
    if (previous) this.index.remove(previous);
    this.indexed.delete(id);
    const note = this.notes.get(id);
    if (!note) {
      this.snapshots.delete(id);
      return null;
    }
    const snapshot = readNote(id, note);
    this.snapshots.set(id, snapshot);
    const item = { id, minX: snapshot.x, minY: snapshot.y, maxX: snapshot.x + snapshot.width, maxY: snapshot.y + snapshot.height };
    this.indexed.set(id, item);
    return item;
  }
}
