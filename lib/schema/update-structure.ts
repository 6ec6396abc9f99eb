import * as Y from "yjs";

/**
 * Whether a Yjs update from a client can be applied to the server's document in full, now, and
 * without throwing: the same conditions Yjs itself needs (utils/encoding.js `integrateStructs`,
 * `Item.getMissing`, `readAndApplyDeleteSet`), checked before anything is applied. An update that
 * fails would leave part of itself pending inside Yjs, to take effect later when someone else's
 * write fills the gap (a delete waiting for the server's next clock removes what the server writes
 * next), or it would throw half-way through being applied. Neither may reach the document.
 */
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;
type Struct = DecodedUpdate["structs"][number];

/** Per client, the clocks [from, to) an update adds to what the document holds. */
export type FreshClocks = Map<number, { from: number; to: number }>;

export type StructureVerdict =
  | { ok: true; fresh: FreshClocks }
  /**
   * It needs clocks of `clients` the server does not hold. An honest client can send that, about
   * its own history only: an update of its reached the server just before a restart and was lost,
   * or it types while the sync that carries its offline edits is still on its way.
   */
  | { ok: false; problem: "missing"; reason: string; clients: number[] }
  /** No honest client sends it. */
  | { ok: false; problem: "malformed"; reason: string };

/**
 * Checks `update` against `doc`. `alsoHeld` (client → clock) counts clocks below it as held too:
 * what the server kept back from this client during private writing, which its later updates may
 * build on.
 */
export function checkStructure(doc: Y.Doc, update: DecodedUpdate, alsoHeld?: ReadonlyMap<number, number>): StructureVerdict {
  const known = (client: number) => Math.max(stateOf(doc, client), alsoHeld?.get(client) ?? 0);
  const blocks = clientBlocks(update.structs);
  if (typeof blocks === "string") return malformed(blocks);
  const fresh: FreshClocks = new Map();
  const freshStructs = new Map<number, Struct[]>();
  for (const [client, structs] of blocks) {
    for (const struct of structs) {
      if (struct instanceof Y.Skip) return malformed("an update with a gap in it (skip)");
      if (struct instanceof Y.Item && !allowedContent(struct.content)) return malformed(`content the board does not use (${struct.content.constructor.name})`);
    }
    const from = structs[0].id.clock;
    const last = structs[structs.length - 1];
    const to = last.id.clock + last.length;
    const have = known(client);
    if (to <= have) continue;
    if (from > have) return missing(client, `client ${client} from clock ${have} (the update starts at ${from})`);
    fresh.set(client, { from: have, to });
    freshStructs.set(client, structs.filter((struct) => struct.id.clock + struct.length > have));
  }
  const order = dependencies(freshStructs, known);
  if (order?.client !== undefined) return missing(order.client, order.reason);
  if (order) return malformed(order.reason);
  for (const [client, ranges] of update.ds.clients) {
    const holds = Math.max(known(client), fresh.get(client)?.to ?? 0);
    for (const range of ranges) {
      if (range.len > 0 && range.clock + range.len > holds) return missing(client, `a delete of client ${client} at ${range.clock}+${range.len}, past ${holds}`);
    }
  }
  return { ok: true, fresh };
}

/** The next clock the document expects from `client`: it holds everything below. */
export function stateOf(doc: Y.Doc, client: number): number {
  const structs = doc.store.clients.get(client);
  if (!structs || structs.length === 0) return 0;
  const last = structs[structs.length - 1];
  return last.id.clock + last.length;
}

/** What the board's schema is made of: maps, text and plain values (lib/schema). */
function allowedContent(content: Y.Item["content"]): boolean {
  if (content instanceof Y.ContentAny || content instanceof Y.ContentString || content instanceof Y.ContentDeleted) return true;
  if (!(content instanceof Y.ContentType)) return false;
  // Exact classes: Y.XmlText is a subclass of Y.Text.
  return content.type.constructor === Y.Map || content.type.constructor === Y.Text;
}

/**
 * The structs by client. Yjs reads one block per client and a second block for the same client
 * replaces the first (utils/encoding.js `readClientsStructRefs`), while a decoder sees both: an
 * update that repeats a client would be checked as one thing and applied as another.
 */
function clientBlocks(structs: Struct[]): Map<number, Struct[]> | string {
  const blocks = new Map<number, Struct[]>();
  let current: Struct[] | null = null;
  let currentClient = -1;
  for (const struct of structs) {
    const client = struct.id.client;
    if (current === null || client !== currentClient) {
      if (blocks.has(client)) return `client ${client} comes twice`;
      current = [];
      currentClient = client;
      blocks.set(client, current);
    }
    current.push(struct);
  }
  return blocks;
}

/**
 * Every reference of every new struct must point at something the document holds or that the update
 * brings, without a cycle: Yjs integrates a struct only after what it refers to, and leaves the
 * rest pending. A reference to the struct's own client must point back in time (Yjs does not check
 * those and throws). Returns why it fails (with the client whose clocks are absent), else null.
 */
function dependencies(fresh: Map<number, Struct[]>, known: (client: number) => number): { reason: string; client?: number } | null {
  const edges = new Map<Struct, Struct[]>();
  for (const [client, structs] of fresh) {
    for (let i = 0; i < structs.length; i++) {
      const struct = structs[i];
      const needs: Struct[] = i > 0 ? [structs[i - 1]] : [];
      edges.set(struct, needs);
      if (!(struct instanceof Y.Item)) continue;
      for (const ref of references(struct)) {
        if (ref.client === client) {
          if (ref.clock >= struct.id.clock) return { reason: `an item of client ${client} refers to its own later clock ${ref.clock}` };
          continue;
        }
        if (ref.clock < known(ref.client)) continue;
        const target = containing(fresh.get(ref.client), ref.clock);
        if (!target) return { reason: `client ${ref.client} clock ${ref.clock}, which an item refers to`, client: ref.client };
        needs.push(target);
      }
    }
  }
  return hasCycle(edges) ? { reason: "items that refer to each other in a circle" } : null;
}

/** The ids an item is placed by: its left and right neighbours when written, and its parent item. */
function references(item: Y.Item): Y.ID[] {
  const refs: Y.ID[] = [];
  if (item.origin) refs.push(item.origin);
  if (item.rightOrigin) refs.push(item.rightOrigin);
  const parent = item.parent as unknown;
  if (parent instanceof Y.ID) refs.push(parent);
  return refs;
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

/** Depth-first, without recursion: a hostile update may chain a hundred thousand items. */
function hasCycle(edges: Map<Struct, Struct[]>): boolean {
  const done = new Set<Struct>();
  const onPath = new Set<Struct>();
  for (const start of edges.keys()) {
    if (done.has(start)) continue;
    const stack: Array<{ node: Struct; next: number }> = [{ node: start, next: 0 }];
    onPath.add(start);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const needs = edges.get(top.node) ?? [];
      if (top.next < needs.length) {
        const child = needs[top.next++];
        if (onPath.has(child)) return true;
        if (!done.has(child)) {
          onPath.add(child);
          stack.push({ node: child, next: 0 });
        }
      } else {
        onPath.delete(top.node);
        done.add(top.node);
        stack.pop();
      }
    }
  }
  return false;
}

function missing(client: number, reason: string): StructureVerdict {
  return { ok: false, problem: "missing", reason: `refers to what the server does not hold: ${reason}`, clients: [client] };
}

function malformed(reason: string): StructureVerdict {
  return { ok: false, problem: "malformed", reason };
}
