import assert from "node:assert/strict";
import { describe, test } from "node:test";
import * as Y from "yjs";
import { notesOf } from "../schema/board";
import { readFrames } from "../schema/frame";
import { readNote, type NoteSnapshot } from "../schema/note";
import { createNote, moveNotes } from "./actions";
import { cellRects, FRAME_TITLE_HEIGHT } from "./frame-layout";
import { createFrame } from "./frames";
import { sortByVotes } from "./sort";

function put(doc: Y.Doc, id: string, x: number, y: number): void {
  createNote(doc, { id, x: 0, y: 0, now: notesOf(doc).size + 1 }, "setup");
  moveNotes(doc, [{ id, x, y }], "setup");
}

function noteOf(doc: Y.Doc, id: string): NoteSnapshot {
  return readNote(id, notesOf(doc).get(id)!);
}

/** A prioritised quadrant: two notes in each of the four cells, the most voted last in each. */
function prioritised(): { doc: Y.Doc; ranked: string[] } {
  const doc = new Y.Doc();
  createFrame(doc, { id: "q", kind: "quadrant", title: "Prioritering", x: 0, y: 0, now: 1 }, "setup");
  const cells = cellRects(readFrames(doc)[0]);
  const ranked: string[] = [];
  for (const cell of cells) {
    put(doc, `low${cell.index}`, cell.x + 40, cell.y + 80);
    put(doc, `high${cell.index}`, cell.x + 300, cell.y + 80);
    ranked.push(`high${cell.index}`);
  }
  for (const cell of cells) ranked.push(`low${cell.index}`);
  return { doc, ranked };
}

describe("sortByVotes", () => {
  test("every note stays in its cell, the most voted first within it", () => {
    const { doc, ranked } = prioritised();
    const before = new Map(ranked.map((id) => [id, noteOf(doc, id).cell]));
    sortByVotes(doc, ranked, "me");
    for (const id of ranked) {
      const note = noteOf(doc, id);
      assert.equal(note.frame, "q", `${id} still in the worksheet`);
      assert.equal(note.cell, before.get(id), `${id} still in its cell`);
      assert.ok(note.y >= FRAME_TITLE_HEIGHT, `${id} not on the title`);
    }
    for (let cell = 0; cell < 4; cell++) {
      const [high, low] = [noteOf(doc, `high${cell}`), noteOf(doc, `low${cell}`)];
      assert.ok(high.y < low.y || (high.y === low.y && high.x < low.x), `cell ${cell}: the most voted first`);
    }
  });

  test("pressing it twice leaves every note in its cell", () => {
    const { doc, ranked } = prioritised();
    sortByVotes(doc, ranked, "me");
    const first = ranked.map((id) => noteOf(doc, id));
    sortByVotes(doc, ranked, "me");
    assert.deepEqual(ranked.map((id) => noteOf(doc, id)), first);
  });

  test("one undo takes the whole sort back", () => {
    const { doc, ranked } = prioritised();
    const before = ranked.map((id) => noteOf(doc, id));
    const undo = new Y.UndoManager([notesOf(doc)], { trackedOrigins: new Set(["me"]) });
    sortByVotes(doc, ranked, "me");
    undo.undo();
    assert.deepEqual(ranked.map((id) => noteOf(doc, id)), before);
  });

  test("notes in no worksheet swap places among themselves, where they are", () => {
    const doc = new Y.Doc();
    createFrame(doc, { id: "q", kind: "quadrant", title: "", x: 0, y: 0, now: 1 }, "setup");
    put(doc, "a", 3000, 0);
    put(doc, "b", 3300, 0);
    put(doc, "c", 3000, 300);
    sortByVotes(doc, ["c", "a", "b"], "me");
    assert.deepEqual(["c", "a", "b"].map((id) => [noteOf(doc, id).x, noteOf(doc, id).y]), [[3000, 0], [3300, 0], [3000, 300]]);
    for (const id of ["a", "b", "c"]) assert.equal(noteOf(doc, id).frame, undefined);
  });
});
