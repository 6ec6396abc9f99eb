import assert from "node:assert/strict";
import { describe, test } from "node:test";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { withoutAwarenessFields } from "./awareness-filter";

function awarenessWith(state: Record<string, unknown>) {
  const awareness = new awarenessProtocol.Awareness(new Y.Doc());
  awareness.setLocalState(state);
  return awareness;
}

/** What a receiving browser ends up holding after applying the (filtered) update. */
function received(update: Uint8Array) {
  const receiver = new awarenessProtocol.Awareness(new Y.Doc());
  awarenessProtocol.applyAwarenessUpdate(receiver, update, "server");
  const states = new Map(receiver.getStates());
  states.delete(receiver.clientID);
  receiver.destroy();
  return states;
}

describe("withoutAwarenessFields", () => {
  test("drops `presenting` and keeps the name, the cursor and the clock", () => {
    const sender = awarenessWith({ user: { name: "Eva", color: "#b91c1c" }, cursor: { x: 1, y: 2 }, presenting: { x: 0, y: 0, width: 800, height: 600 } });
    const update = awarenessProtocol.encodeAwarenessUpdate(sender, [sender.clientID]);
    const states = received(withoutAwarenessFields(update, ["presenting"]));
    assert.deepEqual(states.get(sender.clientID), { user: { name: "Eva", color: "#b91c1c" }, cursor: { x: 1, y: 2 } });
    sender.destroy();
  });

  test("a later update without the field still wins over an earlier one (the clock is kept)", () => {
    const sender = awarenessWith({ user: { name: "Eva" }, presenting: { x: 0, y: 0, width: 1, height: 1 } });
    const first = awarenessProtocol.encodeAwarenessUpdate(sender, [sender.clientID]);
    sender.setLocalStateField("cursor", { x: 5, y: 5 });
    const second = awarenessProtocol.encodeAwarenessUpdate(sender, [sender.clientID]);
    const receiver = new awarenessProtocol.Awareness(new Y.Doc());
    awarenessProtocol.applyAwarenessUpdate(receiver, withoutAwarenessFields(first, ["presenting"]), "server");
    awarenessProtocol.applyAwarenessUpdate(receiver, withoutAwarenessFields(second, ["presenting"]), "server");
    assert.deepEqual(receiver.getStates().get(sender.clientID), { user: { name: "Eva" }, cursor: { x: 5, y: 5 } });
    receiver.destroy();
    sender.destroy();
  });

  test("leaves an update with nothing to drop untouched, a departure (null state) included", () => {
    const sender = awarenessWith({ user: { name: "Ola" } });
    const update = awarenessProtocol.encodeAwarenessUpdate(sender, [sender.clientID]);
    assert.equal(withoutAwarenessFields(update, ["presenting"]), update);
    sender.setLocalState(null);
    const gone = awarenessProtocol.encodeAwarenessUpdate(sender, [sender.clientID]);
    assert.equal(withoutAwarenessFields(gone, ["presenting"]), gone);
    sender.destroy();
  });

  test("filters every entry of an update that carries several clients", () => {
    const a = awarenessWith({ user: { name: "A" }, presenting: { x: 1, y: 1, width: 2, height: 2 } });
    const b = awarenessWith({ user: { name: "B" } });
    awarenessProtocol.applyAwarenessUpdate(a, awarenessProtocol.encodeAwarenessUpdate(b, [b.clientID]), "peer");
    const both = awarenessProtocol.encodeAwarenessUpdate(a, [a.clientID, b.clientID]);
    const states = received(withoutAwarenessFields(both, ["presenting"]));
    assert.deepEqual(states.get(a.clientID), { user: { name: "A" } });
    assert.deepEqual(states.get(b.clientID), { user: { name: "B" } });
    a.destroy();
    b.destroy();
  });
});
