import assert from "node:assert/strict";
import { describe, test } from "node:test";
import * as Y from "yjs";
import { countUpdates } from "../testing/count-updates";
import { notesOf } from "../schema/board";
import { framesOf, readFrame, readFrames, type FrameSnapshot } from "../schema/frame";
import { readNote, type NoteSnapshot } from "../schema/note";
import { createNote, moveNotes } from "./actions";
import { cellAt, cellRects, centreOf } from "./frame-layout";
import { readSession } from "../schema/session";
import { DEFAULT_FRAME_SIZE, createFrame, deleteFrame, moveFrame, notesInCell, setFrameLocked, stacksOnDrop, tidyCell, tidyFrame, updateFrame } from "./frames";

function frameOf(doc: Y.Doc, id: string): FrameSnapshot {
  const map = framesOf(doc).get(id);
  assert.ok(map, `no frame ${id}`);
  return readFrame(id, map);
}

function note(doc: Y.Doc, id: string): NoteSnapshot {
  const map = notesOf(doc).get(id);
  assert.ok(map, `no note ${id}`);
  return readNote(id, map);
}

/** Where a note is and which cell it says it is in. */
function placed(doc: Y.Doc, id: string) {
  const { x, y, frame, cell } = note(doc, id);
  return { x, y, frame, cell };
}

/** A note whose top-left corner is at (x, y), assigned to whatever cell its centre is in. */
function noteAt(doc: Y.Doc, id: string, x: number, y: number): void {
  createNote(doc, { id, x: 0, y: 0, now: notesOf(doc).size + 1 }, "setup");
  moveNotes(doc, [{ id, x, y }], "setup");
}

/** True when the note's centre lies in the cell the note says it is in. */
function inItsCell(doc: Y.Doc, id: string): boolean {
  const n = note(doc, id);
  const where = cellAt(readFrames(doc), centreOf(n));
  return where?.frame === n.frame && where?.cell === n.cell;
}

describe("createFrame", () => {
  test("writes a frame with its kind's default size and grid, empty labels and z above every frame", () => {
    const doc = new Y.Doc();
    createFrame(doc, { id: "q", kind: "quadrant", title: "Vad kan vi påverka?", x: 10, y: 20, now: 1700000000000 }, "me");
    assert.deepEqual(frameOf(doc, "q"), {
      id: "q",
      kind: "quadrant",
      title: "Vad kan vi påverka?",
      x: 10,
      y: 20,
      width: DEFAULT_FRAME_SIZE.quadrant.width,
      height: DEFAULT_FRAME_SIZE.quadrant.height,
      z: 1,
      createdAt: 1700000000000,
      rows: 2,
      columns: 2,
      cellLabels: ["", "", "", ""],
    });
    createFrame(doc, { id: "s", kind: "scale", title: "", x: 0, y: 0, now: 2, lowLabel: "0 = nu", highLabel: "10 = önskat läge" }, "me");
    assert.equal(frameOf(doc, "s").z, 2);
    assert.deepEqual([frameOf(doc, "s").rows, frameOf(doc, "s").cellLabels, frameOf(doc, "s").highLabel], [0, [], "10 = önskat läge"]);
  });

  test("takes a kit's grid and labels, in one update with the given origin", () => {
    const doc = new Y.Doc();
    const origins: unknown[] = [];
    doc.on("update", (_u: Uint8Array, origin: unknown) => origins.push(origin));
    createFrame(doc, { id: "swot", kind: "columns", title: "SWOT", x: 0, y: 0, now: 1, rows: 2, columns: 2, cellLabels: ["Styrkor", "Svagheter", "Möjligheter", "Hot"] }, "kit");
    assert.deepEqual(origins, ["kit"]);
    assert.deepEqual(cellRects(frameOf(doc, "swot")).map((cell) => cell.label), ["Styrkor", "Svagheter", "Möjligheter", "Hot"]);
  });

  test("refuses what no frame may be and writes nothing", () => {
    const doc = new Y.Doc();
    for (const bad of [
      { kind: "columns", cellLabels: ["a", "b"] },
      { kind: "scale", rows: 1, columns: 1, cellLabels: [""] },
      { kind: "flipchart", width: 1e9 },
      { kind: "flipchart", x: Number.NaN },
      { kind: "parking", title: "t".repeat(201) },
      { kind: "kanban" },
    ]) {
      const input = { id: "f", title: "", x: 0, y: 0, now: 1, ...bad } as Parameters<typeof createFrame>[1];
      assert.equal(countUpdates(doc, () => assert.throws(() => createFrame(doc, input, "me"))), 0, JSON.stringify(bad).slice(0, 60));
    }
    assert.equal(framesOf(doc).size, 0);
  });
});

describe("membership: moveNotes assigns cells", () => {
  // Quadrant at the origin, 1400 x 1100: cells 625 x 469 from (150, 162); cell 2 is x 150..775, y 631..1100.
  function quadrantDoc(): Y.Doc {
    const doc = new Y.Doc();
    createFrame(doc, { id: "q", kind: "quadrant", title: "", x: 0, y: 0, now: 1 }, "setup");
    createNote(doc, { id: "n", x: -1000, y: -1000, now: 1 }, "setup");
    return doc;
  }

  test("a note dragged into cell 2 gets the frame and the cell, in the same update as the move", () => {
    const doc = quadrantDoc();
    assert.equal(countUpdates(doc, () => moveNotes(doc, [{ id: "n", x: 320, y: 720 }], "me")), 1);
    assert.deepEqual(placed(doc, "n"), { x: 320, y: 720, frame: "q", cell: 2 });
  });

  test("dragged to another cell, the cell follows; dragged out, the note loses both", () => {
    const doc = quadrantDoc();
    moveNotes(doc, [{ id: "n", x: 320, y: 720 }], "me");
    moveNotes(doc, [{ id: "n", x: 1000, y: 720 }], "me");
    assert.deepEqual(placed(doc, "n"), { x: 1000, y: 720, frame: "q", cell: 3 });
    moveNotes(doc, [{ id: "n", x: 2000, y: 720 }], "me");
    assert.deepEqual(placed(doc, "n"), { x: 2000, y: 720, frame: undefined, cell: undefined });
    assert.equal(notesOf(doc).get("n")!.has("frame"), false);
  });

  test("a note dropped on the title band or an axis gutter is in no cell", () => {
    const doc = quadrantDoc();
    moveNotes(doc, [{ id: "n", x: 320, y: 720 }], "me");
    moveNotes(doc, [{ id: "n", x: 600, y: -60 }], "me");
    assert.deepEqual(placed(doc, "n"), { x: 600, y: -60, frame: undefined, cell: undefined });
    moveNotes(doc, [{ id: "n", x: -40, y: 500 }], "me");
    assert.equal(note(doc, "n").frame, undefined);
  });
});

describe("moveFrame", () => {
  function boardWithTwoFrames(): Y.Doc {
    const doc = new Y.Doc();
    createFrame(doc, { id: "a", kind: "columns", title: "", x: 0, y: 0, now: 1 }, "setup");
    createFrame(doc, { id: "b", kind: "flipchart", title: "", x: 3000, y: 0, now: 2 }, "setup");
    noteAt(doc, "a1", 100, 200);
    noteAt(doc, "a2", 1100, 300);
    noteAt(doc, "b1", 3100, 300);
    noteAt(doc, "loose", 100, 2000);
    return doc;
  }

  test("moves the frame and only its own notes by the same distance, in one update", () => {
    const doc = boardWithTwoFrames();
    assert.deepEqual([note(doc, "a1").cell, note(doc, "a2").cell, note(doc, "b1").frame], [0, 2, "b"]);
    assert.equal(countUpdates(doc, () => moveFrame(doc, "a", 500, 1700, "me")), 1);
    assert.deepEqual([frameOf(doc, "a").x, frameOf(doc, "a").y], [500, 1700]);
    assert.deepEqual(placed(doc, "a1"), { x: 600, y: 1900, frame: "a", cell: 0 });
    assert.deepEqual(placed(doc, "a2"), { x: 1600, y: 2000, frame: "a", cell: 2 });
    // The loose note now lies under the frame, but it was not in it: it stays put and outside.
    assert.deepEqual(placed(doc, "loose"), { x: 100, y: 2000, frame: undefined, cell: undefined });
    assert.deepEqual(placed(doc, "b1"), { x: 3100, y: 300, frame: "b", cell: 0 });
    assert.deepEqual([frameOf(doc, "b").x, frameOf(doc, "b").y], [3000, 0]);
  });

  test("moving to where it is, or moving a frame that is gone, changes nothing", () => {
    const doc = boardWithTwoFrames();
    assert.equal(countUpdates(doc, () => moveFrame(doc, "a", 0, 0, "me")), 0);
    assert.equal(countUpdates(doc, () => moveFrame(doc, "gone", 10, 10, "me")), 0);
  });
});

describe("deleteFrame", () => {
  test("removes the frame; its notes stay where they are, in no cell; other notes keep theirs", () => {
    const doc = new Y.Doc();
    createFrame(doc, { id: "a", kind: "columns", title: "", x: 0, y: 0, now: 1 }, "setup");
    createFrame(doc, { id: "b", kind: "parking", title: "", x: 3000, y: 0, now: 2 }, "setup");
    noteAt(doc, "a1", 100, 200);
    noteAt(doc, "b1", 3100, 300);
    assert.equal(countUpdates(doc, () => deleteFrame(doc, "a", "me")), 1);
    assert.equal(framesOf(doc).has("a"), false);
    assert.deepEqual(placed(doc, "a1"), { x: 100, y: 200, frame: undefined, cell: undefined });
    assert.deepEqual(placed(doc, "b1"), { x: 3100, y: 300, frame: "b", cell: 0 });
  });
});

describe("updateFrame and setFrameLocked", () => {
  function columnsDoc(): Y.Doc {
    const doc = new Y.Doc();
    createFrame(doc, { id: "c", kind: "columns", title: "Före", x: 0, y: 0, now: 1, cellLabels: ["a", "b", "c"] }, "setup");
    return doc;
  }

  test("relabels and resizes in one update", () => {
    const doc = columnsDoc();
    const changes = { title: "Efter", cellLabels: ["Bra", "Mindre bra", "Idéer"], width: 1800 };
    assert.equal(countUpdates(doc, () => assert.equal(updateFrame(doc, "c", changes, "me"), true)), 1);
    assert.deepEqual([frameOf(doc, "c").title, frameOf(doc, "c").cellLabels, frameOf(doc, "c").width], ["Efter", ["Bra", "Mindre bra", "Idéer"], 1800]);
    assert.equal(countUpdates(doc, () => assert.equal(updateFrame(doc, "c", changes, "me"), true)), 0, "the same change again is no update");
  });

  test("refuses a change that would make an invalid frame, and changes nothing", () => {
    const doc = columnsDoc();
    const before = framesOf(doc).get("c")!.toJSON();
    for (const bad of [{ cellLabels: ["only one"] }, { width: 10 }, { height: 1e9 }, { title: "t".repeat(201) }, { rowLabels: ["1", "2", "3", "4", "5"] }]) {
      assert.equal(countUpdates(doc, () => assert.equal(updateFrame(doc, "c", bad, "me"), false)), 0, JSON.stringify(bad).slice(0, 50));
    }
    assert.deepEqual(framesOf(doc).get("c")!.toJSON(), before);
    assert.equal(updateFrame(doc, "gone", { title: "x" }, "me"), false);
  });

  test("locking writes the lock in the session document, unlocking removes it; the worksheet itself is untouched", () => {
    const doc = columnsDoc();
    const session = new Y.Doc();
    const before = framesOf(doc).get("c")!.toJSON();
    setFrameLocked(session, "c", true);
    setFrameLocked(session, "other", true);
    assert.deepEqual(readSession(session).locks, { c: true, other: true });
    setFrameLocked(session, "c", false);
    assert.deepEqual(readSession(session).locks, { other: true });
    assert.deepEqual(framesOf(doc).get("c")!.toJSON(), before);
  });
});

describe("tidyCell", () => {
  test("lays a cell's notes out in rows inside the cell, in reading order, and leaves other cells alone", () => {
    const doc = new Y.Doc();
    // Columns 1500 x 900 at the origin: cell 1 is x 500..1000; its notes start at (516, 144)
    // below the heading, two 160-wide notes per row with a 20 gap.
    createFrame(doc, { id: "c", kind: "columns", title: "", x: 0, y: 0, now: 1, cellLabels: ["a", "b", "c"] }, "setup");
    noteAt(doc, "third", 600, 500);
    noteAt(doc, "first", 820, 200);
    noteAt(doc, "second", 520, 210);
    noteAt(doc, "other", 100, 400);
    assert.deepEqual(notesInCell(doc, "c", 1).map((n) => n.id), ["first", "second", "third"]);
    tidyCell(doc, "c", 1, "me");
    assert.deepEqual(placed(doc, "first"), { x: 516, y: 144, frame: "c", cell: 1 });
    assert.deepEqual(placed(doc, "second"), { x: 696, y: 144, frame: "c", cell: 1 });
    assert.deepEqual(placed(doc, "third"), { x: 516, y: 324, frame: "c", cell: 1 });
    assert.deepEqual(placed(doc, "other"), { x: 100, y: 400, frame: "c", cell: 0 });
    assert.equal(frameOf(doc, "c").height, DEFAULT_FRAME_SIZE.columns.height);
    assert.equal(countUpdates(doc, () => tidyCell(doc, "c", 1, "me")), 0, "a tidy cell stays as it is");
  });

  test("a parking lot is a list: one column, large significance first, otherwise in reading order", () => {
    const doc = new Y.Doc();
    createFrame(doc, { id: "p", kind: "parking", title: "Parkering", x: 0, y: 0, now: 1 }, "setup");
    noteAt(doc, "o1", 100, 100);
    noteAt(doc, "l1", 600, 200);
    noteAt(doc, "o2", 300, 300);
    noteAt(doc, "l2", 900, 400);
    for (const id of ["l1", "l2"]) notesOf(doc).get(id)!.set("significance", "large");
    notesOf(doc).get("o2")!.set("significance", "other");
    tidyCell(doc, "p", 0, "me");
    // No heading band on a parking lot: the list starts at (16, 72 + 16).
    assert.deepEqual(
      ["l1", "l2", "o1", "o2"].map((id) => [note(doc, id).x, note(doc, id).y]),
      [
        [16, 88],
        [16, 268],
        [16, 448],
        [16, 628],
      ],
    );
  });

  test("when the notes do not fit, the frame grows downwards and every note stays inside it", () => {
    const doc = new Y.Doc();
    createFrame(doc, { id: "p", kind: "parking", title: "", x: 0, y: 0, now: 1 }, "setup");
    for (let i = 0; i < 6; i++) noteAt(doc, `n${i}`, 100 + i * 10, 100 + i * 100);
    tidyCell(doc, "p", 0, "me");
    // Six rows of 160 with 20 between, from y 88, end at 1148; 20 below that is the new bottom.
    assert.equal(frameOf(doc, "p").height, 1168);
    for (let i = 0; i < 6; i++) assert.ok(inItsCell(doc, `n${i}`), `n${i} in its cell`);
  });

  test("a lower cell of a grid that grows keeps its notes in it, and the cells above keep theirs", () => {
    const doc = new Y.Doc();
    createFrame(doc, { id: "q", kind: "quadrant", title: "", x: 0, y: 0, now: 1, cellLabels: ["1", "2", "3", "4"] }, "setup");
    noteAt(doc, "top", 200, 200);
    noteAt(doc, "right", 1000, 800);
    // Twenty notes in cell 2 (x 150..775, y 631..1100): three a row, seven rows, far more than fits.
    for (let i = 0; i < 20; i++) noteAt(doc, `n${i}`, 160 + (i % 3) * 10, 700 + (i % 5) * 20);
    assert.equal(notesInCell(doc, "q", 2).length, 20);
    tidyCell(doc, "q", 2, "me");
    assert.ok(frameOf(doc, "q").height > DEFAULT_FRAME_SIZE.quadrant.height, "the frame grew");
    for (let i = 0; i < 20; i++) assert.ok(inItsCell(doc, `n${i}`), `n${i} in cell 2`);
    assert.ok(inItsCell(doc, "top"), "the note in cell 0 is still in cell 0");
    assert.ok(inItsCell(doc, "right"), "the note in cell 3 is still in cell 3");
    assert.deepEqual(placed(doc, "top"), { x: 200, y: 200, frame: "q", cell: 0 });
  });

  test("tidyFrame tidies every cell; flipcharts and parking lots stack on drop, grids do not", () => {
    const doc = new Y.Doc();
    createFrame(doc, { id: "c", kind: "columns", title: "", x: 0, y: 0, now: 1 }, "setup");
    noteAt(doc, "a", 200, 400);
    noteAt(doc, "b", 1200, 500);
    tidyFrame(doc, "c", "me");
    // Unlabelled columns have no heading band.
    assert.deepEqual([placed(doc, "a").x, placed(doc, "a").y, placed(doc, "b").x, placed(doc, "b").y], [16, 88, 1016, 88]);
    assert.deepEqual(
      (["quadrant", "columns", "flipchart", "parking", "scale"] as const).map((kind) => stacksOnDrop({ ...frameOf(doc, "c"), kind })),
      [false, false, true, true, false],
    );
  });
});
