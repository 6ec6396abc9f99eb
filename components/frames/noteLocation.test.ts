import assert from "node:assert/strict";
import { test } from "node:test";
import * as Y from "yjs";
import { createFrame } from "../../lib/board/frames";
import { kitTranslator } from "../../lib/i18n/kit";
import { readFrames } from "../../lib/schema/frame";
import { worksheetDefaults } from "./worksheetDefaults";
import { noteLocation } from "./noteLocation";

const sv = kitTranslator("sv");

function board() {
  const doc = new Y.Doc();
  for (const [id, kind] of [["q", "quadrant"], ["c", "columns"], ["p", "parking"], ["s", "scale"], ["f", "flipchart"]] as const) {
    createFrame(doc, { id, x: 0, y: 0, now: 1, ...worksheetDefaults(kind, sv, 4) }, "test");
  }
  const frames = new Map(readFrames(doc).map((frame) => [frame.id, frame]));
  return (id: string) => frames.get(id);
}

test("every worksheet kind is created with the seeds' words as its defaults", () => {
  const frameOf = board();
  const quadrant = frameOf("q")!;
  assert.equal(quadrant.title, "Prioritering");
  assert.deepEqual(quadrant.cellLabels, ["1", "2", "3", "4"]);
  assert.deepEqual([quadrant.rowLabels, quadrant.columnLabels], [["Stor", "Liten"], ["Ja", "Nej"]]);
  assert.deepEqual(frameOf("c")!.cellLabels, ["Kolumn 1", "Kolumn 2", "Kolumn 3", "Kolumn 4"]);
  assert.equal(frameOf("s")!.lowLabel, "0 = nuläget");
});

test("a note's place is said with the worksheet's title and the cell's number or heading", () => {
  const frameOf = board();
  assert.equal(noteLocation({ frame: "q", cell: 0 }, frameOf, sv), "i Prioritering, ruta 1");
  assert.equal(noteLocation({ frame: "c", cell: 2 }, frameOf, sv), "i Sortering, Kolumn 3");
  assert.equal(noteLocation({ frame: "p", cell: 0 }, frameOf, sv), "i Parkeringar");
  assert.equal(noteLocation({}, frameOf, sv), null);
  assert.equal(noteLocation({ frame: "gone", cell: 1 }, frameOf, sv), null);
});
