import assert from "node:assert/strict";
import { test } from "node:test";
import * as Y from "yjs";
import { bringToFront, createNote, deleteNotes, moveNotes } from "../../lib/board/actions";
import { textOfNote } from "../../lib/board/actions";
import { NoteStore } from "./noteStore";

function boardWith(count: number) {
  const doc = new Y.Doc();
  for (let i = 0; i < count; i++) createNote(doc, { id: `n${i}`, x: i * 200, y: 0, text: `lapp ${i}`, now: i }, "test");
  return { doc, store: new NoteStore(doc) };
}

test("a change to one note notifies that note's listeners only", () => {
  const { doc, store } = boardWith(3);
  const calls: string[] = [];
  for (const id of ["n0", "n1", "n2"]) store.subscribeNote(id, () => calls.push(id));
  textOfNote(doc, "n1")!.insert(0, "ny ");
  moveNotes(doc, [{ id: "n1", x: 999, y: 5 }], "test");
  assert.deepEqual(calls, ["n1", "n1"]);
  assert.equal(store.get("n1")!.text, "ny lapp 1");
  assert.equal(store.get("n1")!.x, 999);
});

test("search finds the notes in an area, lowest first, and follows moves and deletes", () => {
  const { doc, store } = boardWith(5);
  assert.deepEqual(store.search({ x: 0, y: 0, width: 450, height: 100 }), ["n0", "n1", "n2"]);
  bringToFront(doc, ["n0"], "test");
  assert.deepEqual(store.search({ x: 0, y: 0, width: 450, height: 100 }), ["n1", "n2", "n0"]);
  moveNotes(doc, [{ id: "n4", x: 10, y: 10 }], "test");
  deleteNotes(doc, ["n1"], "test");
  assert.deepEqual(store.search({ x: 0, y: 0, width: 450, height: 100 }).sort(), ["n0", "n2", "n4"]);
  assert.equal(store.size, 4);
  assert.deepEqual(store.bounds(), { x: 0, y: 0, width: 760, height: 170 });
});

test("the list listeners hear about notes arriving from another peer", () => {
  const { doc, store } = boardWith(1);
  const remote = new Y.Doc();
  Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
  createNote(remote, { id: "far", x: 5000, y: 5000, now: 9 }, "remote");
  let heard = 0;
  store.subscribe(() => heard++);
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(doc)));
  assert.equal(heard, 1);
  assert.deepEqual(store.search({ x: 4900, y: 4900, width: 200, height: 200 }), ["far"]);
});
