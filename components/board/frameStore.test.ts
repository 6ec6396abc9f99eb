import assert from "node:assert/strict";
import { test } from "node:test";
import * as Y from "yjs";
import { createFrame, deleteFrame, moveFrame, setFrameLocked, updateFrame } from "../../lib/board/frames";
import { FrameStore } from "./frameStore";

test("the store follows frames being added, moved, relabelled, locked and deleted", () => {
  const doc = new Y.Doc();
  const session = new Y.Doc();
  const store = new FrameStore(doc, session);
  let calls = 0;
  store.subscribe(() => calls++);
  createFrame(doc, { id: "q", kind: "quadrant", title: "Prioritering", x: 0, y: 0, now: 1 }, "test");
  createFrame(doc, { id: "p", kind: "parking", title: "Parkeringar", x: 2000, y: 0, now: 2 }, "test");
  assert.deepEqual(store.all().map((f) => f.id), ["q", "p"]);
  moveFrame(doc, "q", 100, 50, "test");
  updateFrame(doc, "q", { title: "Vår prioritering", cellLabels: ["1", "2", "3", "4"] }, "test");
  // The lock comes from the session document, which only the server writes.
  setFrameLocked(session, "q", true);
  const q = store.get("q")!;
  assert.deepEqual([q.x, q.y, q.title, q.cellLabels.join(""), q.locked], [100, 50, "Vår prioritering", "1234", true]);
  assert.equal(store.get("p")!.locked, undefined);
  deleteFrame(doc, "p", "test");
  assert.equal(store.get("p"), undefined);
  assert.equal(store.size, 1);
  assert.equal(calls, 6);
  setFrameLocked(session, "q", false);
  assert.equal(store.get("q")!.locked, undefined, "unlocked");
  assert.equal(calls, 7);
  store.destroy();
});

test("a store made after the frames exist reads them all, and all() is stable between changes", () => {
  const doc = new Y.Doc();
  createFrame(doc, { id: "s", kind: "scale", title: "Var är vi?", x: 0, y: 0, now: 1 }, "test");
  const session = new Y.Doc();
  setFrameLocked(session, "s", true);
  const store = new FrameStore(doc, session);
  assert.equal(store.get("s")!.locked, true);
  assert.equal(store.get("s")!.kind, "scale");
  assert.equal(store.all(), store.all());
});
