import assert from "node:assert/strict";
import { test } from "node:test";
import { boardRooms, earlyStartScript } from "./earlyStart";

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
