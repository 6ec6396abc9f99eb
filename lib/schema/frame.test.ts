import assert from "node:assert/strict";
import { describe, test } from "node:test";
import * as Y from "yjs";
import { LIMITS } from "./limits";
import {
  FRAME_KINDS,
  MAX_FRAME_LABEL_CHARS,
  MAX_FRAME_SIZE,
  MAX_FRAME_TITLE_CHARS,
  MIN_FRAME_SIZE,
  frameFieldsSchema,
  framesOf,
  readFrame,
  readFrames,
  type FrameMap,
} from "./frame";

/** A frame map inside a document (Y.Map values can only be read once integrated). */
function stored(fields: Record<string, unknown>, doc = new Y.Doc(), id = "f"): FrameMap {
  const frame = new Y.Map<unknown>();
  framesOf(doc).set(id, frame);
  for (const [key, value] of Object.entries(fields)) frame.set(key, value);
  return frame;
}

const QUADRANT = {
  kind: "quadrant",
  title: "Fyrfältare",
  x: 100,
  y: -200,
  width: 1400,
  height: 1100,
  z: 3,
  createdAt: 1700000000000,
  rows: 2,
  columns: 2,
  cellLabels: ["1", "2", "3", "4"],
  rowAxis: "Betydelse",
  columnAxis: "Kan vi påverka?",
  rowLabels: ["Stor", "Liten"],
  columnLabels: ["Ja", "Nej"],
} as const;

describe("readFrame", () => {
  test("reads a healthy frame as it is", () => {
    assert.deepEqual(readFrame("f", stored({ ...QUADRANT })), { id: "f", ...QUADRANT, cellLabels: [...QUADRANT.cellLabels], rowLabels: ["Stor", "Liten"], columnLabels: ["Ja", "Nej"] });
  });

  test("an empty map reads as an untitled one-cell flipchart of the default size", () => {
    assert.deepEqual(readFrame("empty", stored({})), {
      id: "empty",
      kind: "flipchart",
      title: "",
      x: 0,
      y: 0,
      width: 800,
      height: 600,
      z: 0,
      createdAt: 0,
      rows: 1,
      columns: 1,
      cellLabels: [""],
    });
  });

  test("an unknown kind reads as a flipchart; every known kind is kept", () => {
    for (const bad of ["kanban", "", 3, null, "Quadrant"]) assert.equal(readFrame("f", stored({ kind: bad })).kind, "flipchart", `for ${String(bad)}`);
    for (const kind of FRAME_KINDS) assert.equal(readFrame("f", stored({ kind })).kind, kind);
  });

  test("broken numbers fall back field by field; the others are kept", () => {
    const read = readFrame("f", stored({ ...QUADRANT, x: "100", y: Number.NaN, width: null, height: Infinity, z: [1], createdAt: {} }));
    assert.deepEqual(
      { x: read.x, y: read.y, width: read.width, height: read.height, z: read.z, createdAt: read.createdAt },
      { x: 0, y: 0, width: 800, height: 600, z: 0, createdAt: 0 },
    );
    assert.equal(read.title, QUADRANT.title);
    assert.deepEqual(read.cellLabels, QUADRANT.cellLabels);
  });

  test("out-of-range numbers are clamped: position to the board, size to the frame limits, grid to 4x8", () => {
    const read = readFrame("f", stored({ ...QUADRANT, x: 1e12, y: -1e12, width: 5, height: 1e9, rows: 99, columns: 99, cellLabels: [] }));
    assert.equal(read.x, LIMITS.maxCoordinate);
    assert.equal(read.y, -LIMITS.maxCoordinate);
    assert.equal(read.width, MIN_FRAME_SIZE);
    assert.equal(read.height, MAX_FRAME_SIZE);
    assert.equal(read.rows, 4);
    assert.equal(read.columns, 8);
    assert.equal(read.cellLabels.length, 32);
  });

  test("a grid frame has at least one cell: zero or fractional rows and columns are repaired", () => {
    const zero = readFrame("f", stored({ kind: "columns", rows: 0, columns: 0, cellLabels: [] }));
    assert.deepEqual([zero.rows, zero.columns, zero.cellLabels], [1, 1, [""]]);
    const fraction = readFrame("f", stored({ kind: "columns", rows: 1.4, columns: 2.6, cellLabels: ["a", "b", "c"] }));
    assert.deepEqual([fraction.rows, fraction.columns, fraction.cellLabels], [1, 3, ["a", "b", "c"]]);
  });

  test("a scale has no cells, whatever its stored grid says", () => {
    const read = readFrame("f", stored({ kind: "scale", rows: 2, columns: 2, cellLabels: ["a", "b", "c", "d"], lowLabel: "0 = nu", highLabel: "10 = önskat läge" }));
    assert.deepEqual([read.rows, read.columns, read.cellLabels], [0, 0, []]);
    assert.equal(read.lowLabel, "0 = nu");
    assert.equal(read.highLabel, "10 = önskat läge");
  });

  test("cellLabels are padded or cut to rows*columns, and a label that is not text reads as empty", () => {
    assert.deepEqual(readFrame("f", stored({ ...QUADRANT, cellLabels: ["1"] })).cellLabels, ["1", "", "", ""]);
    assert.deepEqual(readFrame("f", stored({ ...QUADRANT, cellLabels: ["1", "2", "3", "4", "5", "6"] })).cellLabels, ["1", "2", "3", "4"]);
    assert.deepEqual(readFrame("f", stored({ ...QUADRANT, cellLabels: [1, null, "3", { a: 1 }] })).cellLabels, ["", "", "3", ""]);
    assert.deepEqual(readFrame("f", stored({ ...QUADRANT, cellLabels: "1,2,3,4" })).cellLabels, ["", "", "", ""]);
  });

  test("long texts are cut: the title at 200 characters, labels at 120, axis value lists at the grid's limits", () => {
    const read = readFrame("f", stored({ ...QUADRANT, title: "t".repeat(500), rowAxis: "r".repeat(500), cellLabels: ["x".repeat(500)], rowLabels: ["a", "b", "c", "d", "e", "f"], columnLabels: Array(12).fill("k") }));
    assert.equal(read.title.length, MAX_FRAME_TITLE_CHARS);
    assert.equal(read.rowAxis!.length, MAX_FRAME_LABEL_CHARS);
    assert.equal(read.cellLabels[0].length, MAX_FRAME_LABEL_CHARS);
    assert.equal(read.rowLabels!.length, 4);
    assert.equal(read.columnLabels!.length, 8);
  });

  test("optional fields: kept when valid, absent when missing or broken", () => {
    const read = readFrame("f", stored({ ...QUADRANT, group: 2, copyOf: "plenum" }));
    assert.deepEqual([read.group, read.copyOf], [2, "plenum"]);
    // Locks are the session document's: a `locked` on a worksheet (an old client's) is not read.
    assert.equal("locked" in readFrame("f", stored({ ...QUADRANT, locked: true })), false);
    const broken = readFrame("f", stored({ ...QUADRANT, rowAxis: 5, rowLabels: "Stor", lowLabel: null, locked: "yes", group: 1.5, copyOf: 7 }));
    for (const key of ["rowAxis", "rowLabels", "lowLabel", "locked", "group", "copyOf"]) assert.equal(key in broken, false, key);
    for (const group of [0, 101, -1, "2"]) assert.equal("group" in readFrame("f", stored({ group })), false, `group ${String(group)}`);
    assert.equal("locked" in readFrame("f", stored({ locked: false })), false);
  });

  test("whatever is stored, the result is a valid frame and nothing throws", () => {
    const junk: unknown[] = [undefined, null, Number.NaN, -0, 1.5, 1e308, -1e308, "x", "", [], {}, new Uint8Array([1]), false, true];
    junk.forEach((value, i) => {
      const fields = Object.fromEntries(Object.keys(QUADRANT).map((key, k) => [key, junk[(i + k) % junk.length]]));
      const { id: _id, ...read } = readFrame(`f${i}`, stored({ ...fields, locked: value, group: value, copyOf: value }));
      const checked = frameFieldsSchema.safeParse(read);
      assert.equal(checked.success, true, `for ${String(value)}: ${checked.error?.message}`);
    });
  });
});

describe("readFrames", () => {
  test("lists every frame bottom to top by z", () => {
    const doc = new Y.Doc();
    stored({ ...QUADRANT, z: 5 }, doc, "top");
    stored({ ...QUADRANT, z: 1 }, doc, "bottom");
    stored({ ...QUADRANT, z: 3 }, doc, "middle");
    assert.deepEqual(readFrames(doc).map((frame) => frame.id), ["bottom", "middle", "top"]);
  });
});

describe("frameFieldsSchema", () => {
  const valid = { ...QUADRANT, cellLabels: [...QUADRANT.cellLabels], rowLabels: ["Stor", "Liten"], columnLabels: ["Ja", "Nej"] };

  test("accepts a well-formed frame of each kind", () => {
    assert.equal(frameFieldsSchema.safeParse(valid).success, true);
    const base = { title: "", x: 0, y: 0, width: 800, height: 600, z: 1, createdAt: 1 };
    assert.equal(frameFieldsSchema.safeParse({ ...base, kind: "columns", rows: 1, columns: 3, cellLabels: ["Bra", "Mindre bra", "Idéer"] }).success, true);
    assert.equal(frameFieldsSchema.safeParse({ ...base, kind: "flipchart", rows: 1, columns: 1, cellLabels: ["Mål"] }).success, true);
    assert.equal(frameFieldsSchema.safeParse({ ...base, kind: "parking", rows: 1, columns: 1, cellLabels: [""] }).success, true);
    assert.equal(frameFieldsSchema.safeParse({ ...base, kind: "scale", rows: 0, columns: 0, cellLabels: [], lowLabel: "0", highLabel: "10" }).success, true);
  });

  test("refuses a label count other than rows*columns", () => {
    assert.equal(frameFieldsSchema.safeParse({ ...valid, cellLabels: ["1", "2", "3"] }).success, false);
    assert.equal(frameFieldsSchema.safeParse({ ...valid, cellLabels: ["1", "2", "3", "4", "5"] }).success, false);
    assert.equal(frameFieldsSchema.safeParse({ ...valid, rows: 1 }).success, false);
  });

  test("refuses a grid that does not match its kind: a scale with cells, a worksheet without", () => {
    assert.equal(frameFieldsSchema.safeParse({ ...valid, kind: "scale" }).success, false);
    assert.equal(frameFieldsSchema.safeParse({ ...valid, kind: "columns", rows: 0, columns: 0, cellLabels: [] }).success, false);
  });

  test("refuses huge or tiny sizes, positions off the board and too large grids", () => {
    for (const change of [
      { width: MAX_FRAME_SIZE + 1 },
      { height: 1e9 },
      { width: MIN_FRAME_SIZE - 1 },
      { width: Infinity },
      { x: LIMITS.maxCoordinate + 1 },
      { y: Number.NaN },
      { rows: 5, columns: 1, cellLabels: Array(5).fill("") },
      { rows: 1, columns: 9, cellLabels: Array(9).fill("") },
      { createdAt: -1 },
    ]) {
      assert.equal(frameFieldsSchema.safeParse({ ...valid, ...change }).success, false, JSON.stringify(change));
    }
  });

  test("refuses an unknown kind, over-long texts and a group out of range", () => {
    for (const change of [
      { kind: "kanban" },
      { title: "t".repeat(MAX_FRAME_TITLE_CHARS + 1) },
      { cellLabels: ["x".repeat(MAX_FRAME_LABEL_CHARS + 1), "", "", ""] },
      { rowLabels: ["a", "b", "c", "d", "e"] },
      { group: 0 },
      { group: 101 },
    ]) {
      assert.equal(frameFieldsSchema.safeParse({ ...valid, ...change }).success, false, JSON.stringify(change).slice(0, 60));
    }
  });
});
