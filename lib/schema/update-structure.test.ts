import assert from "node:assert/strict";
import { describe, test } from "node:test";
import * as Y from "yjs";
import { createNote, textOfNote } from "../board/actions";
import { notesOf } from "./board";
import { seededRandom } from "../testing/seeded-random";
import { deletesOnly, encodeHandUpdate, type HandContent } from "../testing/hand-made-updates";
import { checkStructure, stateOf } from "./update-structure";

/** A server document holding two notes, written by the server itself and by one client. */
function boardWithNotes() {
  const server = new Y.Doc();
  createNote(server, { id: "by-server", x: 0, y: 0, text: "Från mobilen", now: 1 }, "server");
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(client);
  createNote(client, { id: "by-client", x: 200, y: 0, text: "Hej", now: 2 }, "me");
  Y.applyUpdate(server, Y.encodeStateAsUpdate(client, before));
  return { server, client };
}

const check = (doc: Y.Doc, update: Uint8Array, held?: Map<number, number>) => checkStructure(doc, Y.decodeUpdate(update), held);

function refusedAs(verdict: ReturnType<typeof checkStructure>, problem: "missing" | "malformed", reason?: RegExp) {
  assert.equal(verdict.ok, false, "expected a refusal");
  if (verdict.ok) return;
  assert.equal(verdict.problem, problem, verdict.reason);
  if (reason) assert.match(verdict.reason, reason);
}

/** Applies an update and says whether Yjs left anything pending. */
function leavesPending(doc: Y.Doc, update: Uint8Array): boolean {
  Y.applyUpdate(doc, update);
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
}

describe("checkStructure", () => {
  test("an honest client's new note applies in full and names the clocks it adds", () => {
    const { server, client } = boardWithNotes();
    const before = Y.encodeStateVector(client);
    createNote(client, { id: "third", x: 400, y: 0, text: "Tre", now: 3 }, "me");
    const update = Y.encodeStateAsUpdate(client, before);
    const verdict = check(server, update);
    assert.ok(verdict.ok, verdict.ok ? "" : verdict.reason);
    assert.deepEqual([...verdict.fresh.keys()], [client.clientID]);
    assert.equal(verdict.fresh.get(client.clientID)!.from, stateOf(server, client.clientID));
    assert.equal(leavesPending(server, update), false);
  });

  test("a whole copy the server already holds is fine and adds nothing", () => {
    const { server, client } = boardWithNotes();
    const verdict = check(server, Y.encodeStateAsUpdate(client));
    assert.ok(verdict.ok);
    assert.equal(verdict.fresh.size, 0);
  });

  test("a delete of clocks the server has not written yet is refused (it would wait and remove the server's next write)", () => {
    const { server } = boardWithNotes();
    const next = stateOf(server, server.clientID);
    refusedAs(check(server, deletesOnly(server.clientID, next, 100_000)), "missing", /delete/);
    refusedAs(check(server, deletesOnly(server.clientID, next - 1, 2)), "missing");
    // Proof that it matters: Yjs keeps such a delete and applies it to what the server writes next.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(server));
    assert.equal(leavesPending(copy, deletesOnly(server.clientID, next, 100_000)), true);
    // A delete of what the server holds is an ordinary delete.
    assert.ok(check(server, deletesOnly(server.clientID, 0, next)).ok);
  });

  test("an insert anchored to a clock nobody has written is refused: left, right or parent", () => {
    const { server } = boardWithNotes();
    const attacker = 4242;
    const future = { client: server.clientID, clock: stateOf(server, server.clientID) + 5 };
    const content: HandContent = { any: [42] };
    for (const item of [{ origin: future }, { rightOrigin: future }, { parent: future, parentSub: "votes" }]) {
      const update = encodeHandUpdate({ blocks: [{ client: attacker, clock: 0, structs: [{ item: { ...item, content } }] }] });
      refusedAs(check(server, update), "missing", new RegExp(`client ${server.clientID}`));
    }
  });

  test("a client's structs must continue where the server's copy of that client ends", () => {
    const { server, client } = boardWithNotes();
    const gap = encodeHandUpdate({ blocks: [{ client: client.clientID, clock: stateOf(server, client.clientID) + 3, structs: [{ item: { parent: "notes", parentSub: "x", content: { any: [1] } } }] }] });
    refusedAs(check(server, gap), "missing");
  });

  test("an item whose parent is itself (the 49-byte update that bricked a board) is refused", () => {
    const { server } = boardWithNotes();
    const self = { client: 777, clock: 0 };
    const update = encodeHandUpdate({ blocks: [{ client: 777, clock: 0, structs: [{ item: { parent: self, parentSub: "a", content: { type: "map" } } }] }] });
    refusedAs(check(server, update), "malformed", /own later clock/);
    assert.throws(() => Y.applyUpdate(new Y.Doc(), update), "Yjs itself throws on it");
  });

  test("items of two clients that refer to each other in a circle are refused", () => {
    const { server } = boardWithNotes();
    const update = encodeHandUpdate({
      blocks: [
        { client: 10, clock: 0, structs: [{ item: { origin: { client: 11, clock: 0 }, content: { string: "a" } } }] },
        { client: 11, clock: 0, structs: [{ item: { origin: { client: 10, clock: 0 }, content: { string: "b" } } }] },
      ],
    });
    refusedAs(check(server, update), "malformed", /circle/);
  });

  test("items of two clients that refer to each other in order are fine", () => {
    const { server } = boardWithNotes();
    const update = encodeHandUpdate({
      blocks: [
        { client: 10, clock: 0, structs: [{ item: { parent: "notes", parentSub: "n", content: { type: "map" } } }] },
        { client: 11, clock: 0, structs: [{ item: { parent: { client: 10, clock: 0 }, parentSub: "x", content: { any: [5] } } }] },
      ],
    });
    assert.ok(check(server, update).ok);
    assert.equal(leavesPending(server, update), false);
  });

  test("a client in two blocks is refused: Yjs would apply only the second", () => {
    const { server } = boardWithNotes();
    const block = { client: 20, clock: 0, structs: [{ item: { parent: "notes", parentSub: "n", content: { type: "map" as const } } }] };
    const update = encodeHandUpdate({ blocks: [block, { client: 21, clock: 0, structs: [{ gc: 1 }] }, block] });
    refusedAs(check(server, update), "malformed", /twice/);
  });

  test("a skip (a hole inside an update) is refused", () => {
    const { server } = boardWithNotes();
    const update = encodeHandUpdate({ blocks: [{ client: 30, clock: 0, structs: [{ skip: 2 }, { item: { parent: "notes", parentSub: "n", content: { any: [1] } } }] }] });
    refusedAs(check(server, update), "malformed", /skip/);
  });

  test("only what the board is made of passes: maps, text, values, deletions", () => {
    const { server } = boardWithNotes();
    const one = (content: HandContent) => encodeHandUpdate({ blocks: [{ client: 40, clock: 0, structs: [{ item: { parent: "notes", parentSub: "n", content } }] }] });
    for (const content of [{ type: "map" }, { type: "text" }, { any: [1, "a", null] }, { string: "abc" }, { deleted: 2 }] as HandContent[]) {
      assert.ok(check(server, one(content)).ok, JSON.stringify(content));
    }
    const refusedContents: HandContent[] = [{ type: "array" }, { type: "xmlText" }, { type: "xmlFragment" }, { format: { key: "bold", value: true } }, { embed: { x: 1 } }, { doc: "sub" }, { json: [1] }, { binary: Uint8Array.of(1) }];
    for (const content of refusedContents) refusedAs(check(server, one(content)), "malformed", /content/);
  });

  test("what was held back counts as held: an update that builds only on it passes the held check", () => {
    const { server, client } = boardWithNotes();
    const start = Y.encodeStateVector(client);
    createNote(client, { id: "held", x: 0, y: 300, text: "tyst", now: 4 }, "me");
    const held = Y.encodeStateAsUpdate(client, start);
    const afterHeld = Y.encodeStateVector(client);
    textOfNote(client, "held")!.insert(4, " skrivning");
    const typing = Y.encodeStateAsUpdate(client, afterHeld);
    refusedAs(check(server, typing), "missing");
    const heldVerdict = check(server, held);
    assert.ok(heldVerdict.ok);
    const heldClocks = new Map([...heldVerdict.fresh].map(([c, range]) => [c, range.to]));
    assert.ok(check(server, typing, heldClocks).ok);
  });

  test("bit-flipped and cut honest updates: whatever passes applies in full, without throwing or leaving anything pending", () => {
    const random = seededRandom(7);
    const { server, client } = boardWithNotes();
    const before = Y.encodeStateVector(client);
    createNote(client, { id: "fuzz", x: 0, y: 500, text: "en lapp att skaka om", now: 5 }, "me");
    textOfNote(client, "fuzz")!.insert(3, "ny ");
    notesOf(client).get("by-server")!.set("x", 77);
    textOfNote(client, "by-server")!.delete(0, 4);
    const honest = Y.encodeStateAsUpdate(client, before);
    let passed = 0;
    for (let i = 0; i < 3000; i++) {
      const mutated = Uint8Array.from(honest);
      if (i % 5 === 0) {
        const cut = mutated.subarray(0, Math.floor(random() * mutated.length));
        if (tryOne(server, cut)) passed++;
        continue;
      }
      const at = Math.floor(random() * mutated.length);
      mutated[at] ^= 1 << Math.floor(random() * 8);
      if (tryOne(server, mutated)) passed++;
    }
    assert.ok(passed > 0, "some mutations are still valid updates");
  });
});

/** Checks a candidate; if it passes, applies it to a copy of `server` and asserts it was whole. */
function tryOne(server: Y.Doc, update: Uint8Array): boolean {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return false;
  }
  if (!checkStructure(server, decoded).ok) return false;
  const copy = new Y.Doc({ gc: true });
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(server));
  assert.doesNotThrow(() => Y.applyUpdate(copy, update), "a passing update applies without throwing");
  assert.equal(copy.store.pendingStructs, null, "nothing left pending");
  assert.equal(copy.store.pendingDs, null, "no delete left pending");
  return true;
}
