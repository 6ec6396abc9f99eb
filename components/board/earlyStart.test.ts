import assert from "node:assert/strict";
import { test } from "node:test";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { boardRooms, earlyStartScript, takeWholeCopy } from "./earlyStart";

test("the inline script is one valid script whatever the address held, and carries the board id as data", () => {
  const hostile = `x</script><script>alert(1)</script>\u2028"'`;
  const script = earlyStartScript(hostile);
  assert.doesNotThrow(() => new Function(script), "parses as JavaScript");
  assert.ok(!/<\/script/i.test(script), "nothing in it can close the script element");
  assert.ok(!script.includes("\u2028"));
  // The id reaches the script as the same string, for both channels.
  const ids = /^\}\)\((.*), ".*", (\[.*\]), "\/yjs", \d+\);$/m.exec(script);
  assert.ok(ids, "the arguments are where the script expects them");
  assert.equal(JSON.parse(ids[1]), hostile);
  assert.deepEqual(JSON.parse(ids[2]), [boardRooms(hostile).board, boardRooms(hostile).session]);
});

/** A y-websocket sync message, as the server sends it. */
function syncMessage(write: (encoder: encoding.Encoder) => void): ArrayBuffer {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  write(encoder);
  return encoding.toUint8Array(encoder).slice().buffer;
}

test("the whole copy an early socket received is taken out for the page, the other messages keep their order", () => {
  const server = new Y.Doc();
  server.getMap("notes").set("a", "Fler promenader");
  const step1 = syncMessage((e) => syncProtocol.writeSyncStep1(e, server));
  const step2 = syncMessage((e) => syncProtocol.writeSyncStep2(e, server));
  const awareness = new Uint8Array([1, 1, 0]).buffer;
  const held = [step1, step2, awareness];

  const update = takeWholeCopy(held);
  assert.ok(update, "the sync step 2 is found");
  const page = new Y.Doc();
  Y.applyUpdate(page, update);
  assert.equal(page.getMap("notes").get("a"), "Fler promenader", "it is the server's whole board");
  assert.deepEqual(held, [step1, awareness], "the provider still gets the rest, in order");
  assert.equal(takeWholeCopy(held), null, "taken once");
});

test("without a whole copy, or with a malformed message, nothing is taken", () => {
  const server = new Y.Doc();
  const step1 = syncMessage((e) => syncProtocol.writeSyncStep1(e, server));
  const cutShort = syncMessage((e) => encoding.writeVarUint(e, 1)).slice(0); // step 2 with no update
  const held = [step1, cutShort, new ArrayBuffer(0)];
  assert.equal(takeWholeCopy(held), null);
  assert.equal(held.length, 3, "nothing removed");
});
