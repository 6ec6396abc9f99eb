import assert from "node:assert/strict";
import { describe, test } from "node:test";
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { SERVER_LIMITS } from "./limits";
import { encodePresence, readPresence, withoutFields, type PresenceEntry } from "./presence-guard";

function awarenessWith(state: Record<string, unknown>) {
  const awareness = new awarenessProtocol.Awareness(new Y.Doc());
  awareness.setLocalState(state);
  return awareness;
}

/** An awareness update written by hand: entries as [client, clock, JSON text]. */
function rawPresence(entries: Array<[number, number, string]>): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const [client, clock, json] of entries) {
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, clock);
    encoding.writeVarString(e, json);
  }
  return encoding.toUint8Array(e);
}

function accepted(update: Uint8Array): { entries: PresenceEntry[]; dropped: string[] } {
  const verdict = readPresence(update, SERVER_LIMITS);
  assert.ok(verdict.ok, verdict.ok ? "" : verdict.reason);
  return verdict;
}

describe("readPresence", () => {
  test("a stock client's presence reads back as it was sent, and encodes to what y-protocols applies", () => {
    const sender = awarenessWith({ user: { name: "Eva", color: "#b91c1c" }, cursor: { x: 1, y: 2 } });
    const update = awarenessProtocol.encodeAwarenessUpdate(sender, [sender.clientID]);
    const { entries, dropped } = accepted(update);
    assert.deepEqual(dropped, []);
    assert.deepEqual(entries, [{ client: sender.clientID, clock: 1, state: { user: { name: "Eva", color: "#b91c1c" }, cursor: { x: 1, y: 2 } } }]);
    const receiver = new awarenessProtocol.Awareness(new Y.Doc());
    awarenessProtocol.applyAwarenessUpdate(receiver, encodePresence(entries), "server");
    assert.deepEqual(receiver.getStates().get(sender.clientID), sender.getLocalState());
    sender.destroy();
    receiver.destroy();
  });

  test("a departure (null state) passes", () => {
    assert.deepEqual(accepted(rawPresence([[5, 3, "null"]])).entries, [{ client: 5, clock: 3, state: null }]);
  });

  test("a state nested 20,000 deep never gets in (it would throw when encoded for every newcomer)", () => {
    const deep = "[".repeat(20_000) + "]".repeat(20_000);
    const wrapped = `{"a":${"{\"a\":".repeat(10)}1${"}".repeat(10)}}`;
    const { entries, dropped } = accepted(rawPresence([[1, 1, `{"x":${deep}}`], [2, 1, wrapped], [3, 1, '{"user":{"name":"Ola"}}']]));
    assert.deepEqual(entries.map((entry) => entry.client), [3]);
    assert.equal(dropped.length, 2);
  });

  test("a state over the size limit is dropped, one at it passes", () => {
    const filler = (length: number) => JSON.stringify({ user: { name: "x".repeat(length) } });
    const fits = filler(SERVER_LIMITS.presenceStateBytes - filler(0).length);
    assert.equal(fits.length, SERVER_LIMITS.presenceStateBytes);
    assert.equal(accepted(rawPresence([[1, 1, fits]])).entries.length, 1);
    assert.equal(accepted(rawPresence([[1, 1, filler(SERVER_LIMITS.presenceStateBytes)]])).entries.length, 0);
    // Bytes, not characters: four-byte letters count four times.
    assert.equal(accepted(rawPresence([[1, 1, JSON.stringify({ n: "😀".repeat(SERVER_LIMITS.presenceStateBytes / 3) })]])).entries.length, 0);
  });

  test("a clock far ahead is dropped: it would freeze that client's presence for everyone", () => {
    const { entries, dropped } = accepted(rawPresence([[7, Number.MAX_SAFE_INTEGER, "{}"], [8, SERVER_LIMITS.presenceClockLimit - 1, "{}"]]));
    assert.deepEqual(entries.map((entry) => entry.client), [8]);
    assert.match(dropped[0], /far ahead/);
  });

  test("states that are not objects are dropped", () => {
    assert.equal(accepted(rawPresence([[1, 1, "42"], [2, 1, '"text"'], [3, 1, "[1,2]"]])).entries.length, 0);
  });

  test("trailing bytes and broken JSON refuse the message; many entries are still presence (the room counts the new ones)", () => {
    const many = Array.from({ length: 50 }, (_, i): [number, number, string] => [i + 1, 1, "{}"]);
    assert.equal(readPresence(rawPresence(many), SERVER_LIMITS).ok, true, "a stock client echoing everyone it knows");
    assert.equal(readPresence(Uint8Array.of(...rawPresence([[1, 1, "{}"]]), 9), SERVER_LIMITS).ok, false);
    assert.equal(readPresence(Uint8Array.of(1, 1), SERVER_LIMITS).ok, false);
    assert.equal(readPresence(rawPresence([[1, 1, "{not json"]]), SERVER_LIMITS).ok, false, "a state that is not JSON");
  });
});

describe("withoutFields", () => {
  test("drops the fields and keeps the name, the cursor and the clock", () => {
    const entries: PresenceEntry[] = [{ client: 1, clock: 4, state: { user: { name: "Eva" }, cursor: { x: 1, y: 2 }, presenting: { x: 0, y: 0, width: 8, height: 6 } } }];
    assert.deepEqual(withoutFields(entries, ["presenting"]), [{ client: 1, clock: 4, state: { user: { name: "Eva" }, cursor: { x: 1, y: 2 } } }]);
    assert.equal(withoutFields([{ client: 1, clock: 1, state: null }], ["presenting"])[0].state, null);
  });
});
