import * as Y from "yjs";
import { encodeHandUpdate, type HandContent, type Id } from "../../../lib/testing/hand-made-updates";

/**
 * The updates an attacker with a member link sends, written byte by byte (lib/testing/
 * hand-made-updates.ts) from what the server has shown it: every client id it has seen and how
 * far each has written. None of these is something a stock Yjs client produces.
 */

/** Client id → the next clock the attacker knows of (it has been shown everything below). */
export type Known = ReadonlyMap<number, number>;

export function knownOf(doc: Y.Doc): Map<number, number> {
  return Y.decodeStateVector(Y.encodeStateVector(doc));
}

const nextOf = (known: Known, client: number) => known.get(client) ?? 0;

/**
 * One delete set over the future of every client id: from the next clock each has not written yet
 * (or one before it, so that the range straddles), far ahead. Yjs keeps such a delete pending
 * and applies it to whatever that client writes next.
 */
export function futureDeletes(known: Known, clients: Iterable<number>, options: { straddle?: boolean; len?: number } = {}): Uint8Array {
  const deletes = [...new Set(clients)].map((client) => {
    const next = nextOf(known, client);
    const from = options.straddle && next > 0 ? next - 1 : next;
    return { client, ranges: [{ clock: from, len: options.len ?? 100_000 }] };
  });
  return encodeHandUpdate({ blocks: [], deletes });
}

export type Anchor = "origin" | "rightOrigin" | "parent";

/**
 * A new item of the attacker's own fresh client, placed by a clock of `target` nobody has written
 * yet: Yjs keeps it pending until that clock exists and then integrates it there. With a map item
 * as parent and a key, it is a value set into whatever `target` writes next (a vote count, a lock).
 */
export function anchoredToFuture(attacker: number, attackerClock: number, target: Id, anchor: Anchor, content: HandContent = { any: [99] }, parentSub = "voteCounts"): Uint8Array {
  const item =
    anchor === "parent" ? { parent: target, parentSub, content } : anchor === "origin" ? { origin: target, content } : { rightOrigin: target, content };
  return encodeHandUpdate({ blocks: [{ client: attacker, clock: attackerClock, structs: [{ item }] }] });
}

/** An item whose parent is itself: Yjs throws half-way through applying it. */
export function selfParent(client: number, parentSub = "a"): Uint8Array {
  return encodeHandUpdate({ blocks: [{ client, clock: 0, structs: [{ item: { parent: { client, clock: 0 }, parentSub, content: { type: "map" } } }] }] });
}

/** Two new clients whose items are each other's parent: neither can ever be integrated. */
export function parentCycle(a: number, b: number): Uint8Array {
  return encodeHandUpdate({
    blocks: [
      { client: a, clock: 0, structs: [{ item: { parent: { client: b, clock: 0 }, parentSub: "x", content: { type: "map" } } }] },
      { client: b, clock: 0, structs: [{ item: { parent: { client: a, clock: 0 }, parentSub: "y", content: { type: "map" } } }] },
    ],
  });
}

/** Two new clients whose items are each other's left neighbour. */
export function originCycle(a: number, b: number): Uint8Array {
  return encodeHandUpdate({
    blocks: [
      { client: a, clock: 0, structs: [{ item: { origin: { client: b, clock: 0 }, content: { string: "a" } } }] },
      { client: b, clock: 0, structs: [{ item: { origin: { client: a, clock: 0 }, content: { string: "b" } } }] },
    ],
  });
}

/** A note-shaped map under `notes`, as client `client` at `clock`. */
export function noteAt(client: number, clock: number, key: string, content: HandContent = { type: "map" }): Uint8Array {
  return encodeHandUpdate({ blocks: [{ client, clock, structs: [{ item: { parent: "notes", parentSub: key, content } }] }] });
}

/** A block that starts with a skip (a hole) and then writes. */
export function withSkip(client: number): Uint8Array {
  return encodeHandUpdate({ blocks: [{ client, clock: 0, structs: [{ skip: 3 }, { item: { parent: "notes", parentSub: "skipped", content: { type: "map" } } }] }] });
}

/** The same client in two blocks: a decoder sees both, Yjs applies only the second. */
export function duplicateBlocks(client: number): Uint8Array {
  const first = { client, clock: 0, structs: [{ item: { parent: "notes", parentSub: "first", content: { type: "map" as const } } }] };
  const second = { client, clock: 0, structs: [{ item: { parent: "meta", parentSub: "schemaVersion", content: { any: [0] } } }] };
  return encodeHandUpdate({ blocks: [first, { client: client + 1, clock: 0, structs: [{ gc: 1 }] }, second] });
}

/** An item of `client` that names its own later clock as its left neighbour. */
export function ownFutureOrigin(client: number): Uint8Array {
  return encodeHandUpdate({ blocks: [{ client, clock: 0, structs: [{ item: { origin: { client, clock: 5 }, content: { string: "x" } } }] }] });
}

/** A new client that starts writing past clock 0: everything before would be missing. */
export function gapStart(client: number, clock = 7): Uint8Array {
  return noteAt(client, clock, "gap");
}

/** Contents the board is not made of, each as a new entry of `notes`. */
export const FORBIDDEN_CONTENTS: ReadonlyArray<[string, HandContent]> = [
  ["Y.Array", { type: "array" }],
  ["Y.XmlText", { type: "xmlText" }],
  ["Y.XmlElement", { type: "xmlElement" }],
  ["Y.XmlFragment", { type: "xmlFragment" }],
  ["Y.XmlHook", { type: "xmlHook" }],
  ["formatting", { format: { key: "bold", value: true } }],
  ["an embed", { embed: { image: "x" } }],
  ["a sub-document", { doc: "guid-of-a-subdoc" }],
  ["ContentJSON", { json: [{ a: 1 }] }],
  ["binary", { binary: Uint8Array.of(1, 2, 3) }],
];

export function forbiddenContent(client: number, content: HandContent): Uint8Array {
  return noteAt(client, 0, `forbidden-${client}`, content);
}
