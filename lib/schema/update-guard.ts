import * as Y from "yjs";
import { notesOf, ROOT } from "./board";
import { framesOf } from "./frame";
import { LIMITS } from "./limits";
import { checkStructure, stateOf, type DecodedUpdate, type FreshClocks } from "./update-structure";

/**
 * Checks a Yjs update from a client before the server applies, stores or relays it: it must decode,
 * apply in full now (lib/schema/update-structure.ts: nothing pending, nothing that throws), touch
 * only the top-level types the sender's role may write, carry no oversized text run and not push
 * the board past its limits. Pure: it reads the server's document but never changes it.
 *
 * `refusal` says how the server answers: `malformed` (close 4400: not something an honest client
 * sends), `lacking` (it builds on clocks of `clients` the server does not hold: the server decides
 * by whose clients they are, server/realtime/room.ts), `forbidden` (close 4403: a write the role
 * may not make) or `held` (private writing: dropped without a word, the connection stays).
 */
export type UpdateVerdict =
  | { ok: true; roots: ReadonlySet<string>; fresh: FreshClocks }
  | { ok: false; refusal: "malformed" | "forbidden"; reason: string }
  | { ok: false; refusal: "lacking"; reason: string; clients: number[] }
  | { ok: false; refusal: "held"; reason: string; fresh: FreshClocks };

export interface GuardOptions {
  /**
   * Private writing is on: a new note must go through the server, which holds it until the reveal.
   * An update that creates a note is refused as `held`, so the server drops it instead of relaying
   * a word of it.
   */
  privateWriting?: boolean;
  /**
   * What the server already held back from this connection (client → clock below which it held).
   * A later update that builds only on that is held too, instead of refused: the client does not
   * know its earlier update was held.
   */
  held?: ReadonlyMap<number, number>;
}

type Struct = DecodedUpdate["structs"][number];

export function checkIncomingUpdate(doc: Y.Doc, update: Uint8Array, allowedRoots: ReadonlySet<string>, options: GuardOptions = {}): UpdateVerdict {
  let decoded: DecodedUpdate;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return { ok: false, refusal: "malformed", reason: "malformed update" };
  }
  if (allowedRoots.size === 0) return { ok: false, refusal: "forbidden", reason: "read-only role" };
  const structure = checkStructure(doc, decoded);
  if (!structure.ok) {
    const onHeld = structure.problem === "missing" && options.held?.size ? checkStructure(doc, decoded, options.held) : null;
    if (onHeld?.ok) return { ok: false, refusal: "held", reason: "builds on an update held back", fresh: onHeld.fresh };
    if (structure.problem === "missing") return { ok: false, refusal: "lacking", reason: structure.reason, clients: structure.clients };
    return { ok: false, refusal: "malformed", reason: structure.reason };
  }
  const verdict = checkContent(doc, decoded, allowedRoots);
  if (typeof verdict === "string") return { ok: false, refusal: "forbidden", reason: verdict };
  if (verdict.newNotes > 0 && options.privateWriting) return { ok: false, refusal: "held", reason: "private writing: new note", fresh: structure.fresh };
  return { ok: true, roots: verdict.roots, fresh: structure.fresh };
}

/** What the update writes, or why the role may not write it. */
function checkContent(doc: Y.Doc, decoded: DecodedUpdate, allowedRoots: ReadonlySet<string>): { roots: Set<string>; newNotes: number } | string {
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
    // browser whose IndexedDB copy loads after its websocket connects sends that whole copy.
    if (struct.id.clock + struct.length <= stateOf(doc, struct.id.client)) continue;
    const root = resolver.rootOf(struct);
    if (root === UNRESOLVED) return "an item whose place cannot be found";
    // No root: the item hangs on something already collected, and Yjs drops it as garbage.
    if (root === null) continue;
    if (!allowedRoots.has(root)) return `may not write "${root}"`;
    roots.add(root);
    const content = struct.content;
    if (content instanceof Y.ContentString && content.str.length > LIMITS.maxInsertedTextChars) return "text run too long";
    const entry = root === ROOT.notes || root === ROOT.frames ? resolver.directEntry(struct, root) : null;
    // Every note and frame is a map under a key: anything else there would break every reader.
    if (entry && (entry.key === null || !holdsMap(struct))) return `${root} entries must be maps`;
    const key = entry?.key ?? null;
    // Ids end up as keys of plain objects (vote counts, scale markers): never one of Object's own.
    if (key !== null && RESERVED_IDS.has(key)) return `reserved id "${key}"`;
    if (key !== null && root === ROOT.notes && !notesOf(doc).has(key)) (everOnBoard(doc, key) ? restoredNotes : newNotes).add(key);
    if (key !== null && root === ROOT.frames && !framesOf(doc).has(key)) newFrames.add(key);
  }
  // Y.Map's size walks every entry: counted only when the update adds one (not on every keystroke).
  if (newFrames.size > 0 && framesOf(doc).size + newFrames.size > LIMITS.maxFramesPerBoard) return "too many frames";
  const arriving = newNotes.size + restoredNotes.size;
  if (arriving > 0 && notesOf(doc).size + arriving > LIMITS.maxNotesPerBoard) return "too many notes";
  const deleted = deletedRoots(doc, decoded, allowedRoots);
  if (typeof deleted === "string") return deleted;
  for (const root of deleted) roots.add(root);
  return { roots, newNotes: newNotes.size };
}

/**
 * The roots the update deletes in. A client sends its whole delete set on every sync, including
 * deletions the server made or has: deleting what is already deleted changes nothing.
 */
function deletedRoots(doc: Y.Doc, decoded: DecodedUpdate, allowedRoots: ReadonlySet<string>): Set<string> | string {
  const roots = new Set<string>();
  for (const [client, ranges] of decoded.ds.clients) {
    for (const range of ranges) {
      for (const item of itemsInRange(doc, client, range.clock, range.len)) {
        if (item.deleted) continue;
        const root = rootOfIntegrated(item);
        if (root !== null && !allowedRoots.has(root)) return `may not delete in "${root}"`;
        if (root !== null) roots.add(root);
      }
    }
  }
  return roots;
}

const RESERVED_IDS = new Set(["__proto__", "constructor", "prototype", "toString", "valueOf", "hasOwnProperty"]);

function holdsMap(item: Y.Item): boolean {
  return (item.content instanceof Y.ContentType && item.content.type instanceof Y.Map) || item.content instanceof Y.ContentDeleted;
}

/** The item's place could not be worked out: after the structure check this does not happen. */
const UNRESOLVED = Symbol("unresolved");
type Root = string | null | typeof UNRESOLVED;

/**
 * Finds where an item of the update ends up, following the same pointers Yjs follows when it
 * integrates it (an explicit parent, else the neighbour it was inserted beside), through the update
 * and the document. Iterative with memos: chains of neighbours can be as long as a text is.
 */
class RootResolver {
  private readonly roots = new Map<string, Root>();
  /** The update's structs by client, in clock order, for binary search. */
  private readonly incoming = new Map<number, Struct[]>();

  constructor(
    private readonly doc: Y.Doc,
    structs: Struct[],
  ) {
    for (const struct of structs) {
      const list = this.incoming.get(struct.id.client);
      if (list) list.push(struct);
      else this.incoming.set(struct.id.client, [struct]);
    }
  }

  /** The top-level type the item lands in; null when Yjs will collect it as garbage. */
  rootOf(item: Y.Item): Root {
    const path: string[] = [];
    let current: Struct = item;
    let root: Root = UNRESOLVED;
    for (;;) {
      const key = idKey(current.id);
      const known = this.roots.get(key);
      if (known !== undefined) {
        root = known;
        break;
      }
      if (path.length > 0 && path.includes(key)) break;
      path.push(key);
      if (!(current instanceof Y.Item)) {
        root = null; // a collected struct: whatever hangs on it is collected too
        break;
      }
      const parent = current.parent as unknown;
      if (typeof parent === "string") {
        root = parent;
        break;
      }
      const via: Y.ID | null = (parent as Y.ID | null) ?? current.origin ?? current.rightOrigin;
      const next: { struct: Struct; integrated: boolean } | null = via ? this.find(via) : null;
      if (!next) break;
      if (next.integrated) {
        root = next.struct instanceof Y.Item ? rootOfIntegrated(next.struct) : null;
        break;
      }
      current = next.struct;
    }
    for (const key of path) this.roots.set(key, root);
    return root;
  }

  /**
   * Whether the item is set directly in the top-level map `root` (it is a note or a frame itself,
   * not something inside one), and under which key. An overwrite of a key names no parent and no
   * key in the encoding, only the entry it follows: both come from that one.
   */
  directEntry(item: Y.Item, root: string): { key: string | null } | null {
    let current: Struct = item;
    for (let steps = 0; steps <= this.size(); steps++) {
      if (!(current instanceof Y.Item)) return null;
      const parent = current.parent as unknown;
      const key = typeof current.parentSub === "string" ? current.parentSub : null;
      if (typeof parent === "string") return parent === root ? { key } : null;
      if (parent instanceof Y.AbstractType) return parent === this.doc.getMap(root) ? { key } : null;
      if (parent !== null) return null; // inside a nested type
      const via: Y.ID | null = current.origin ?? current.rightOrigin;
      const next: { struct: Struct; integrated: boolean } | null = via ? this.find(via) : null;
      if (!next) return null;
      current = next.struct;
    }
    return null;
  }

  private size(): number {
    let total = 0;
    for (const list of this.incoming.values()) total += list.length;
    return total;
  }

  /** The struct holding `id`: one the document has integrated, or one the update brings. */
  private find(id: Y.ID): { struct: Struct; integrated: boolean } | null {
    const integrated = structAt(this.doc, id.client, id.clock);
    if (integrated) return { struct: integrated, integrated: true };
    const incoming = containing(this.incoming.get(id.client), id.clock);
    return incoming ? { struct: incoming, integrated: false } : null;
  }
}

function idKey(id: Y.ID): string {
  return `${id.client}:${id.clock}`;
}

function containing(structs: Struct[] | undefined, clock: number): Struct | null {
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

function structAt(doc: Y.Doc, client: number, clock: number): Y.Item | Y.GC | null {
  const structs = doc.store.clients.get(client);
  if (!structs || structs.length === 0 || clock >= stateOf(doc, client)) return null;
  return structs[Y.findIndexSS(structs, clock)] as Y.Item | Y.GC;
}

function* itemsInRange(doc: Y.Doc, client: number, clock: number, len: number): Generator<Y.Item> {
  const structs = doc.store.clients.get(client);
  if (!structs || structs.length === 0 || clock >= stateOf(doc, client)) return;
  for (let i = Y.findIndexSS(structs, clock); i < structs.length && structs[i].id.clock < clock + len; i++) {
    const struct = structs[i];
    if (struct instanceof Y.Item) yield struct;
  }
}
