import * as Y from "yjs";
import type { Answer } from "./attack";
import {
  anchoredToFuture,
  duplicateBlocks,
  FORBIDDEN_CONTENTS,
  forbiddenContent,
  futureDeletes,
  gapStart,
  noteAt,
  originCycle,
  ownFutureOrigin,
  parentCycle,
  selfParent,
  withSkip,
  type Known,
} from "./hostile-updates";
import { mutated, randomEdit, type Choose } from "./valid-updates";
import { presenceFrame, type PresenceEntry } from "./wire";

/**
 * What a fuzzing attacker sends, each move with what the server must answer a member who sends it
 * on the board channel. `forgedKey` names a note the move tries to create that must never appear.
 */
export interface Move {
  name: string;
  bytes: Uint8Array;
  /** Answers a member may get for it on the board channel; undefined: anything but 1011. */
  expect?: readonly Answer[];
  forgedKey?: string;
}

export interface AttackerView {
  /** The board as the attacker was last shown it. */
  shadow: Y.Doc;
  known: Known;
  /** Every client id it has seen, in the board and in presence. */
  seen: number[];
}

const REFUSED: readonly Answer[] = [4400];

/** One hostile (or honest, or mutated) update, chosen by the seed. */
export function updateMove(view: AttackerView, c: Choose, nextId: () => number, forged: () => string): Move {
  const roll = c.int(12);
  const target = () => (view.seen.length > 0 ? c.pick(view.seen) : nextId());
  switch (roll) {
    case 0:
      return { name: "a real edit", bytes: realEdit(view.shadow, c, nextId()) };
    case 1:
    case 2:
      return { name: "a real edit, bit-flipped or cut", bytes: mutated(realEdit(view.shadow, c, nextId()), c) };
    case 3:
      return { name: "deletes over the future of every id seen", bytes: futureDeletes(view.known, view.seen, { straddle: c.random() < 0.5 }), expect: REFUSED };
    case 4: {
      const client = target();
      const anchor = c.pick(["origin", "rightOrigin", "parent"] as const);
      const key = forged();
      const bytes = anchoredToFuture(nextId(), 0, { client, clock: (view.known.get(client) ?? 0) + 1000 + c.int(1000) }, anchor, { any: [key] }, c.pick(["voteCounts", "locks", key]));
      return { name: `an item whose ${anchor} is a future clock of ${client}`, bytes, expect: REFUSED, forgedKey: key };
    }
    case 5: {
      const a = nextId();
      const shapes = [selfParent(a), parentCycle(a, nextId()), originCycle(a, nextId()), ownFutureOrigin(a)];
      return { name: "a cycle", bytes: c.pick(shapes), expect: REFUSED };
    }
    case 6:
      return { name: "a skip", bytes: withSkip(nextId()), expect: REFUSED };
    case 7: {
      const id = nextId();
      nextId();
      return { name: "one client in two blocks", bytes: duplicateBlocks(id), expect: REFUSED };
    }
    case 8: {
      const [what, content] = c.pick(FORBIDDEN_CONTENTS);
      return { name: `a note made of ${what}`, bytes: forbiddenContent(nextId(), content), expect: REFUSED };
    }
    case 9:
      // Lacks only the sender's own history, as an honest client's update after a lost message
      // does: dropped unstored, the sender asked for what it has, the socket kept.
      return { name: "a new client starting past clock 0", bytes: gapStart(nextId(), 1 + c.int(50)), expect: ["kept"] };
    default: {
      // As someone else: at the next clock the attacker knows of (if someone wrote meanwhile, the
      // items are ones the server holds, and Yjs skips them: the note never appears either way).
      const client = target();
      const key = forged();
      return { name: `a note as client ${client}`, bytes: noteAt(client, view.known.get(client) ?? 0, key), expect: [4403, "kept"], forgedKey: key };
    }
  }
}

/** A real edit, as a stock client would send it, from a client id of the attacker's own. */
function realEdit(shadow: Y.Doc, c: Choose, client: number): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = client;
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(shadow));
  const before = Y.encodeStateVector(doc);
  randomEdit(doc, c, "attacker");
  const update = Y.encodeStateAsUpdate(doc, before);
  doc.destroy();
  return update;
}

export interface PresenceMove {
  name: string;
  bytes: Uint8Array;
  /** Close codes that may answer it; "kept": the socket stays. */
  expect: readonly Answer[];
}

const nest = (depth: number) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;

/** One hostile presence message: poison, impersonation, crowds, presenting from the wrong role. */
export function presenceMove(view: AttackerView, honest: number[], c: Choose, nextId: () => number): PresenceMove {
  const victim = () => (honest.length > 0 ? c.pick(honest) : nextId());
  const entry = (client: number, clock: number, json: string): PresenceEntry => ({ client, clock, json });
  switch (c.int(8)) {
    case 0:
      return { name: "a state nested deep", bytes: presenceFrame([entry(nextId(), 1, nest(c.pick([7, 50, 2_000, 20_000])))]), expect: ["kept"] };
    case 1:
      return { name: "a state of 5 KB", bytes: presenceFrame([entry(nextId(), 1, JSON.stringify({ user: { name: "x".repeat(5000) } }))]), expect: ["kept"] };
    case 2: {
      const clock = c.pick([2 ** 53 - 1, 2 ** 32, 2 ** 32 - 1, 1_000_000]);
      return { name: `a colleague's id at clock ${clock}`, bytes: presenceFrame([entry(victim(), clock, JSON.stringify({ user: { name: "Fejk" }, presenting: null }))]), expect: ["kept"] };
    }
    case 3:
      return { name: "a colleague leaving", bytes: presenceFrame([entry(victim(), 1_000_000, "null")]), expect: ["kept"] };
    case 4:
      return { name: "four new people", bytes: presenceFrame(Array.from({ length: 4 }, () => entry(nextId(), 1, '{"user":{"name":"fejk"}}'))), expect: ["kept"] };
    case 5:
      // 4400, or dropped unanswered when the connection already speaks for as many ids as it may.
      return { name: "a crowd in one message", bytes: presenceFrame(Array.from({ length: 5 + c.int(20_000) }, () => entry(nextId(), 1, "{}"))), expect: [4400, "kept"] };
    case 6:
      return { name: "presenting from a member or viewer", bytes: presenceFrame([entry(nextId(), 1, JSON.stringify({ presenting: { x: -5000, y: -5000, width: 10, height: 10 } }))]), expect: ["kept"] };
    default:
      return { name: "a state that is no JSON", bytes: presenceFrame([entry(nextId(), 1, "{presenting")]), expect: [4400] };
  }
}
