import * as Y from "yjs";
import { notesOf, ROOT } from "./board";
import { framesOf } from "./frame";
import { LIMITS } from "./limits";

/**
 * Checks a Yjs update from a client before the server stores or relays it: it must decode, touch
 * only the top-level types the sender's role may write, carry no oversized text run and not push
 * the board past its note limit. Pure: it reads the server's document but never changes it.
 */
export type UpdateVerdict = { ok: true; roots: ReadonlySet<string> } | { ok: false; reason: string; held?: true };

export interface GuardOptions {
  /**
   * Private writing is on: a new note must go through the server, which holds it until the reveal.
   * An update that creates a note, or whose items cannot be placed (they could be a note's text),
   * is refused with `held`, so the server drops it instead of relaying a word of it.
   */
  privateWriting?: boolean;
}

type DecodedStruct = ReturnType<typeof Y.decodeUpdate>["structs"][number];
type Located = { root: string | null; struct: Y.Item | DecodedStruct };

export function checkIncomingUpdate(
  doc: Y.Doc,
  update: Uint8Array,
  allowedRoots: ReadonlySet<string>,
  options: GuardOptions = {},
): UpdateVerdict {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return { ok: false, reason: "malformed update" };
  }
  if (allowedRoots.size === 0) return { ok: false, reason: "read-only role" };
  const resolver = new RootResolver(doc, decoded.structs);
  /** The top-level types the update writes: the server re-checks frames only when it touches them. */
  const roots = new Set<string>();
  const newNotes = new Set<string>();
  const newFrames = new Set<string>();
  /** Notes coming back (an undo of a delete): their words were on the board already. */
  const restoredNotes = new Set<string>();
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue;
    // Items the server already holds change nothing when applied again. Clients resend them: a
    // browser whose IndexedDB copy loads after its websocket connects sends that whole copy,
    // the server's own writes (`session`, migrations in `meta`) included.
    if (struct.id.clock + struct.length <= knownClock(doc, struct.id.client)) continue;
    const root = resolver.rootOf(struct);
    if (root !== null && !allowedRoots.has(root)) return { ok: false, reason: `may not write "${root}"` };
    if (root !== null) roots.add(root);
    if (root === null && options.privateWriting) return { ok: false, reason: "private writing: unplaceable item", held: true };
    const content = struct.content;
    if (content instanceof Y.ContentString && content.str.length > LIMITS.maxInsertedTextChars) {
      return { ok: false, reason: "text run too long" };
    }
    // Every note and frame is a map: anything else under those roots would break every reader.
    if ((root === ROOT.notes || root === ROOT.frames) && resolver.isRootEntry(struct) && !holdsMap(struct)) {
      return { ok: false, reason: `${root} entries must be maps` };
    }
    const noteKey = root === ROOT.notes ? resolver.entryKeyOf(struct, ROOT.notes) : null;
    const entryKey = noteKey ?? (root === ROOT.frames ? resolver.entryKeyOf(struct, ROOT.frames) : null);
    // Ids end up as keys of plain objects (vote counts, scale markers): never one of Object's own.
    if (entryKey !== null && RESERVED_IDS.has(entryKey)) return { ok: false, reason: `reserved id "${entryKey}"` };
    if (noteKey !== null && !notesOf(doc).has(noteKey)) (everOnBoard(doc, noteKey) ? restoredNotes : newNotes).add(noteKey);
    const frameKey = root === ROOT.frames ? resolver.entryKeyOf(struct, ROOT.frames) : null;
    if (frameKey !== null && !framesOf(doc).has(frameKey)) newFrames.add(frameKey);
  }
  if (framesOf(doc).size + newFrames.size > LIMITS.maxFramesPerBoard) return { ok: false, reason: "too many frames" };
  if (newNotes.size > 0 && options.privateWriting) return { ok: false, reason: "private writing: new note", held: true };
  if (notesOf(doc).size + newNotes.size + restoredNotes.size > LIMITS.maxNotesPerBoard) return { ok: false, reason: "too many notes" };
  for (const [client, ranges] of decoded.ds.clients) {
    for (const range of ranges) {
      for (const item of itemsInRange(doc, client, range.clock, range.len)) {
        // A client sends its whole delete set on every sync, including the server's own overwrites
        // of `session` it has received: deleting what is already deleted changes nothing.
        if (item.deleted) continue;
        const root = rootOfIntegrated(item);
        if (root !== null && !allowedRoots.has(root)) return { ok: false, reason: `may not delete in "${root}"` };
        if (root !== null) roots.add(root);
      }
    }
  }
  return { ok: true, roots };
}

const RESERVED_IDS = new Set(["__proto__", "constructor", "prototype", "toString", "valueOf", "hasOwnProperty"]);

function holdsMap(item: Y.Item): boolean {
  return (item.content instanceof Y.ContentType && item.content.type instanceof Y.Map) || item.content instanceof Y.ContentDeleted;
}

/** Finds which top-level type an item of the update ends up in, looking in the update and the doc. */
class RootResolver {
  private readonly memo = new Map<string, string | null>();
  private readonly entryKeys = new Map<string, Map<string, string | null>>();
  private readonly rootEntries = new Map<string, string | null>();
  /** The update's structs by client, in clock order, for binary search. */
  private readonly incoming = new Map<number, DecodedStruct[]>();
  constructor(
    private readonly doc: Y.Doc,
    structs: DecodedStruct[],
  ) {
    for (const struct of structs) {
      const list = this.incoming.get(struct.id.client);
      if (list) list.push(struct);
      else this.incoming.set(struct.id.client, [struct]);
    }
    for (const list of this.incoming.values()) list.sort((a, b) => a.id.clock - b.id.clock);
  }

  rootOf(item: Y.Item, depth = 0): string | null {
    return memoised(this.memo, item, depth, () => this.resolve(item, depth));
  }

  private resolve(item: Y.Item, depth: number): string | null {
    const parent = item.parent as unknown;
    if (typeof parent === "string") return parent;
    if (parent instanceof Y.AbstractType) return rootOfType(parent);
    // The parent is a nested type given by the id of the item that holds it, or (when null)
    // it is the same as the parent of the neighbour this item was inserted next to.
    const via = parent ?? item.origin ?? item.rightOrigin;
    if (!via || typeof via !== "object" || !("client" in via)) return null;
    const found = this.locate(via as Y.ID);
    if (!found) return null;
    // Either way the answer is the root of the item we were pointed at.
    return found.root ?? (found.struct instanceof Y.Item ? this.rootOf(found.struct, depth + 1) : null);
  }

  /**
   * The key an item sets in the top-level map `root`, or null if it is not such an entry. An entry
   * for a key that was set before (an overwrite, or an undo bringing a deleted note back) names
   * no parent and no key in the encoding, only the entry it follows: take the key from that one.
   */
  entryKeyOf(item: Y.Item, root: string, depth = 0): string | null {
    let memo = this.entryKeys.get(root);
    if (!memo) this.entryKeys.set(root, (memo = new Map()));
    return memoised(memo, item, depth, () => this.resolveEntryKey(item, root, depth));
  }

  private resolveEntryKey(item: Y.Item, root: string, depth: number): string | null {
    const parent = item.parent as unknown;
    if (parent !== null) return parent === root && typeof item.parentSub === "string" ? item.parentSub : null;
    const via = item.origin ?? item.rightOrigin;
    if (!via) return null;
    const found = this.locate(via);
    if (!found || !(found.struct instanceof Y.Item)) return null;
    const neighbour = found.struct;
    if (neighbour.parent instanceof Y.AbstractType) {
      return neighbour.parent === this.doc.getMap(root) && typeof neighbour.parentSub === "string" ? neighbour.parentSub : null;
    }
    return this.entryKeyOf(neighbour, root, depth + 1);
  }

  /** The item is a value set directly in a top-level map (a note, a frame), not inside one. */
  isRootEntry(item: Y.Item, depth = 0): boolean {
    return memoised(this.rootEntries, item, depth, () => (this.resolveRootEntry(item, depth) ? "yes" : null)) === "yes";
  }

  private resolveRootEntry(item: Y.Item, depth: number): boolean {
    const parent = item.parent as unknown;
    if (typeof parent === "string") return true;
    if (parent instanceof Y.AbstractType) return parent._item === null;
    if (parent !== null) return false; // the id of the item holding a nested type
    const via = item.origin ?? item.rightOrigin;
    if (!via) return false;
    const found = this.locate(via);
    return found !== null && found.struct instanceof Y.Item && this.isRootEntry(found.struct, depth + 1);
  }

  private locate(id: Y.ID): Located | null {
    const integrated = itemAt(this.doc, id.client, id.clock);
    if (integrated) return { root: rootOfIntegrated(integrated), struct: integrated };
    const incoming = containing(this.incoming.get(id.client), id.clock);
    return incoming ? { root: null, struct: incoming } : null;
  }
}

/** One answer per item, and a bound on how far a chain of neighbours is followed. */
function memoised(memo: Map<string, string | null>, item: Y.Item, depth: number, resolve: () => string | null): string | null {
  if (depth > 1000) return null;
  const key = `${item.id.client}:${item.id.clock}`;
  if (!memo.has(key)) memo.set(key, resolve());
  return memo.get(key)!;
}

function containing(structs: DecodedStruct[] | undefined, clock: number): DecodedStruct | null {
  if (!structs) return null;
  let low = 0;
  let high = structs.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const struct = structs[mid];
    if (clock < struct.id.clock) high = mid - 1;
    else if (clock >= struct.id.clock + struct.length) low = mid + 1;
    else return struct;
  }
  return null;
}

/** The notes map has (or had) an entry under this key: Yjs keeps the deleted entry's item. */
function everOnBoard(doc: Y.Doc, key: string): boolean {
  return notesOf(doc)._map.has(key);
}

function rootOfType(type: Y.AbstractType<unknown>): string | null {
  let current: Y.AbstractType<unknown> = type;
  while (current._item) current = current._item.parent as Y.AbstractType<unknown>;
  try {
    return Y.findRootTypeKey(current);
  } catch {
    return null;
  }
}

function rootOfIntegrated(item: Y.Item): string | null {
  return item.parent instanceof Y.AbstractType ? rootOfType(item.parent) : null;
}

/** The next clock the server expects from `client`: everything below it is already here. */
function knownClock(doc: Y.Doc, client: number): number {
  const structs = doc.store.clients.get(client);
  if (!structs || structs.length === 0) return 0;
  const last = structs[structs.length - 1];
  return last.id.clock + last.length;
}

function itemAt(doc: Y.Doc, client: number, clock: number): Y.Item | null {
  const structs = doc.store.clients.get(client);
  if (!structs || structs.length === 0) return null;
  const last = structs[structs.length - 1];
  if (clock >= last.id.clock + last.length) return null;
  const struct = structs[Y.findIndexSS(structs, clock)];
  return struct instanceof Y.Item ? struct : null;
}

function* itemsInRange(doc: Y.Doc, client: number, clock: number, len: number): Generator<Y.Item> {
  const structs = doc.store.clients.get(client);
  if (!structs || structs.length === 0) return;
  const last = structs[structs.length - 1];
  if (clock >= last.id.clock + last.length) return;
  for (let i = Y.findIndexSS(structs, clock); i < structs.length && structs[i].id.clock < clock + len; i++) {
    const struct = structs[i];
    if (struct instanceof Y.Item) yield struct;
  }
}
