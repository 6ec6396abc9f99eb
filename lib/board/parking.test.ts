import assert from "node:assert/strict";
import { test } from "node:test";
import * as Y from "yjs";
import { notesOf } from "../schema/board";
import { readNote } from "../schema/note";
import { countUpdates } from "../testing/count-updates";
import { createNote } from "./actions";
import { setParkingFields } from "./parking";

function board() {
  const doc = new Y.Doc();
  createNote(doc, { id: "p", x: 0, y: 0, text: "Nattpersonalen saknar rutiner", now: 1 }, "test");
  const read = () => readNote("p", notesOf(doc).get("p")!);
  return { doc, read };
}

test("owner, dates, status and significance are set together and read back", () => {
  const { doc, read } = board();
  assert.equal(setParkingFields(doc, "p", { significance: "large", status: "elsewhere", owner: "Anna ", startDate: "2026-02-01", followUpDate: "2026-03-15" }, "test"), true);
  const note = read();
  assert.equal(note.significance, "large");
  assert.equal(note.status, "elsewhere");
  assert.equal(note.owner, "Anna ", "kept as typed: the next key may be a surname");
  assert.equal(note.startDate, "2026-02-01");
  assert.equal(note.followUpDate, "2026-03-15");
});

test("an emptied field is cleared and fields not given stay", () => {
  const { doc, read } = board();
  setParkingFields(doc, "p", { owner: "Anna", followUpDate: "2026-03-15" }, "test");
  setParkingFields(doc, "p", { followUpDate: "" }, "test");
  setParkingFields(doc, "p", { startDate: "2026-01-01" }, "test");
  setParkingFields(doc, "p", { startDate: "  " }, "test");
  assert.equal(read().startDate, undefined);
  assert.equal(read().owner, "Anna");
  assert.equal(read().followUpDate, undefined);
  assert.equal(notesOf(doc).get("p")!.has("followUpDate"), false);
});

test("one invalid field writes nothing at all", () => {
  const { doc, read } = board();
  setParkingFields(doc, "p", { owner: "Anna" }, "test");
  assert.equal(setParkingFields(doc, "p", { owner: "Bo", followUpDate: "15/3" }, "test"), false);
  assert.equal(setParkingFields(doc, "p", { status: "forgotten" as never }, "test"), false);
  assert.equal(read().owner, "Anna");
  assert.equal(read().status, undefined);
});

test("setting the values a note already has sends no update to peers", () => {
  const { doc } = board();
  setParkingFields(doc, "p", { status: "struck", owner: "Anna" }, "test");
  assert.equal(countUpdates(doc, () => setParkingFields(doc, "p", { status: "struck", owner: "Anna" }, "test")), 0);
  assert.equal(setParkingFields(doc, "missing", { status: "open" }, "test"), false);
});
