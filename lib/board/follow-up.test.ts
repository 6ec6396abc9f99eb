import assert from "node:assert/strict";
import { test } from "node:test";
import * as Y from "yjs";
import { notesOf } from "../schema/board";
import { readNote } from "../schema/note";
import { countUpdates } from "../testing/count-updates";
import { createNote, moveNotes } from "./actions";
import { createFrame } from "./frames";
import { boardFollowUp, clearFollowUp, makeAction, setFollowUpFields } from "./follow-up";

function board() {
  const doc = new Y.Doc();
  createNote(doc, { id: "p", x: 0, y: 0, text: "Nattpersonalen saknar rutiner", now: 1 }, "test");
  const read = () => readNote("p", notesOf(doc).get("p")!);
  return { doc, read };
}

test("owner, dates, status and significance are set together and read back", () => {
  const { doc, read } = board();
  assert.equal(setFollowUpFields(doc, "p", { significance: "large", status: "elsewhere", owner: "Anna ", startDate: "2026-02-01", followUpDate: "2026-03-15" }, "test"), true);
  const note = read();
  assert.equal(note.significance, "large");
  assert.equal(note.status, "elsewhere");
  assert.equal(note.owner, "Anna ", "kept as typed: the next key may be a surname");
  assert.equal(note.startDate, "2026-02-01");
  assert.equal(note.followUpDate, "2026-03-15");
});

test("an emptied field is cleared and fields not given stay", () => {
  const { doc, read } = board();
  setFollowUpFields(doc, "p", { owner: "Anna", followUpDate: "2026-03-15" }, "test");
  setFollowUpFields(doc, "p", { followUpDate: "" }, "test");
  setFollowUpFields(doc, "p", { startDate: "2026-01-01" }, "test");
  setFollowUpFields(doc, "p", { startDate: "  " }, "test");
  assert.equal(read().startDate, undefined);
  assert.equal(read().owner, "Anna");
  assert.equal(read().followUpDate, undefined);
  assert.equal(notesOf(doc).get("p")!.has("followUpDate"), false);
});

test("one invalid field writes nothing at all", () => {
  const { doc, read } = board();
  setFollowUpFields(doc, "p", { owner: "Anna" }, "test");
  assert.equal(setFollowUpFields(doc, "p", { owner: "Bo", followUpDate: "15/3" }, "test"), false);
  assert.equal(setFollowUpFields(doc, "p", { status: "forgotten" as never }, "test"), false);
  assert.equal(read().owner, "Anna");
  assert.equal(read().status, undefined);
});

test("setting the values a note already has sends no update to peers", () => {
  const { doc } = board();
  setFollowUpFields(doc, "p", { status: "struck", owner: "Anna" }, "test");
  assert.equal(countUpdates(doc, () => setFollowUpFields(doc, "p", { status: "struck", owner: "Anna" }, "test")), 0);
  assert.equal(setFollowUpFields(doc, "missing", { status: "open" }, "test"), false);
});

function workshop() {
  const doc = new Y.Doc();
  createFrame(doc, { id: "park", kind: "parking", title: "Parkering", x: 0, y: 0, now: 1 }, "setup");
  createFrame(doc, { id: "flip", kind: "flipchart", title: "Mål", x: 3000, y: 0, now: 1 }, "setup");
  const add = (id: string, text: string, x: number, y: number) => {
    createNote(doc, { id, x, y, text, now: 1 }, "setup");
    moveNotes(doc, [{ id, x, y }], "setup"); // a move is what places a note in a worksheet's cell
  };
  const list = () => boardFollowUp(doc);
  return { doc, add, list };
}

test("any note can become an action and a plain note again; an action made twice stays as it is", () => {
  const { doc, read } = board();
  assert.equal(makeAction(doc, "p", "test"), true);
  assert.equal(read().status, "open");
  setFollowUpFields(doc, "p", { status: "solved", owner: "Anna" }, "test");
  makeAction(doc, "p", "test");
  assert.equal(read().status, "solved", "making it an action again does not reopen it");
  assert.equal(clearFollowUp(doc, "p", "test"), true);
  const plain = read();
  assert.deepEqual([plain.status, plain.owner, plain.startDate, plain.followUpDate], [undefined, undefined, undefined, undefined]);
  assert.equal(makeAction(doc, "missing", "test"), false);
});

test("the list holds parked questions and actions, open first, by follow-up date, undated last; plain notes stay out", () => {
  const { doc, add, list } = workshop();
  add("q1", "Vikarier saknar introduktion", 40, 200);
  add("plain", "Bara en tanke", 3040, 200);
  add("a1", "Ringa anhöriga", 3040, 500);
  add("a2", "Boka lokal", 6000, 0);
  add("a3", "Skriva rutin", 6000, 400);
  setFollowUpFields(doc, "a1", { owner: "Bo", followUpDate: "2027-02-01" }, "test");
  setFollowUpFields(doc, "a2", { status: "solved", followUpDate: "2027-01-01" }, "test");
  makeAction(doc, "a3", "test");
  setFollowUpFields(doc, "a3", { followUpDate: "2027-01-15" }, "test");
  const items = list();
  assert.deepEqual(
    items.map((item) => [item.note.id, item.kind, item.status]),
    [
      ["a3", "action", "open"],
      ["a1", "action", "open"],
      ["q1", "question", "open"],
      ["a2", "action", "solved"],
    ],
  );
});

test("a note dragged out of the parking lot keeps its person, dates and status, and stays on the list as an action", () => {
  const { doc, add, list } = workshop();
  add("q", "Nattpersonalen saknar rutiner", 40, 200);
  setFollowUpFields(doc, "q", { status: "elsewhere", owner: "Enhetschefen", startDate: "2027-01-10", followUpDate: "2027-03-01" }, "test");
  assert.equal(list()[0].kind, "question");
  moveNotes(doc, [{ id: "q", x: 3040, y: 300 }], "test");
  const moved = readNote("q", notesOf(doc).get("q")!);
  assert.equal(moved.frame, "flip", "it now lies on the flipchart");
  assert.deepEqual([moved.status, moved.owner, moved.startDate, moved.followUpDate], ["elsewhere", "Enhetschefen", "2027-01-10", "2027-03-01"]);
  assert.deepEqual(
    list().map((item) => [item.note.id, item.kind, item.status]),
    [["q", "action", "elsewhere"]],
  );
});
