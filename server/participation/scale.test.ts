import assert from "node:assert/strict";
import { test } from "node:test";
import * as Y from "yjs";
import { createFrame } from "../../lib/board/frames";
import { writeSession } from "../../lib/schema/session";
import { scalesFor } from "./scale";

test("a scale whose id is an Object.prototype name has no marker but one really set", () => {
  const doc = new Y.Doc();
  for (const id of ["constructor", "toString", "ok"]) createFrame(doc, { id, kind: "scale", title: id, x: 0, y: 0, now: 1 }, "test");
  const session = new Y.Doc();
  writeSession(session, { scaleMarkers: { ok: { name: 7 } } });
  // "name" as a participant id reads Object.name ("Object") through an inherited "constructor".
  const values = Object.fromEntries(scalesFor(doc, session, "name").map((scale) => [scale.frameId, scale.myValue]));
  assert.deepEqual(values, { constructor: null, toString: null, ok: 7 });
});
