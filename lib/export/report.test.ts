import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { notesOf } from "../schema/board";
import { framesOf } from "../schema/frame";
import { buildReport } from "./report";
import { reportOf, workshopBoard } from "./fixture";
import { createNote } from "../board/actions";

describe("the report", () => {
  test("lists each worksheet's cells in order with their notes in reading order and votes", () => {
    const report = reportOf(workshopBoard());
    const prio = report.frames[0];
    assert.equal(prio.title, "Prioritering");
    assert.deepEqual(
      prio.cells.map((cell) => [cell.label, cell.notes.map((note) => note.text)]),
      [
        ["1 – Påverkan: Stor, Kan börja nu: Ja", ["Vi hälsar alltid", "=SUM(A1)"]],
        ["2 – Påverkan: Stor, Kan börja nu: Nej", ["Åäö æø ÅÄÖ"]],
        ["3 – Påverkan: Liten, Kan börja nu: Ja", []],
        ["4 – Påverkan: Liten, Kan börja nu: Nej", []],
      ],
    );
    assert.deepEqual(prio.cells[0].notes.map((note) => [note.votes, note.author]), [[3, "Alva"], [0, undefined]]);
    assert.equal(prio.cells[1].notes[0].votes, 1);
  });

  test("a quadrant axis asked as a question reads as question and answer", () => {
    const board = workshopBoard();
    const doc = board.doc;
    framesOf(doc).get("prio")!.set("columnAxis", "Kan vi börja omedelbart?");
    assert.equal(buildReport(doc, board.session).frames[0].cells[1].label, "2 – Påverkan: Stor, Kan vi börja omedelbart? Nej");
  });

  test("puts a parking lot's large-significance notes first, with owner and dates", () => {
    const parking = reportOf(workshopBoard()).frames[1];
    assert.equal(parking.kind, "parking");
    const [first, second] = parking.cells[0].notes;
    assert.deepEqual(first, {
      id: "p2",
      text: "Trasig dusch",
      votes: 0,
      color: first.color,
      significance: "large",
      status: "solved",
      owner: "Kim",
      startDate: "2026-03-01",
      followUpDate: "2026-04-01",
    });
    assert.equal(second.text, "Nattpersonalen saknar rapport");
  });

  test("ends with the notes outside every worksheet, and one frame's report has only its own", () => {
    const board = workshopBoard();
    const doc = board.doc;
    assert.deepEqual(buildReport(doc, board.session).outside.map((note) => note.text), ["Fika på fredag"]);
    const one = buildReport(doc, board.session, { frameId: "park" });
    assert.deepEqual(one.frames.map((frame) => frame.title), ["Parkeringar"]);
    assert.deepEqual(one.outside, []);
  });

  test("a note naming a frame that is gone counts as outside, not lost", () => {
    const board = workshopBoard();
    const doc = board.doc;
    notesOf(doc).get("loose")!.set("frame", "deleted-frame");
    assert.deepEqual(buildReport(doc, board.session).outside.map((note) => note.text), ["Fika på fredag"]);
  });

  test("a note whose id is an Object.prototype name has no votes, not the prototype's function", () => {
    const board = workshopBoard();
    const doc = board.doc;
    for (const id of ["constructor", "__proto__", "toString", "hasOwnProperty"]) createNote(doc, { id, x: 6000, y: 6000, text: id, now: 10 }, "test");
    const outside = buildReport(doc, board.session).outside.filter((note) => note.text !== "Fika på fredag");
    assert.deepEqual(outside.map((note) => [note.text, note.votes]).sort(), [["__proto__", 0], ["constructor", 0], ["hasOwnProperty", 0], ["toString", 0]]);
  });
});
