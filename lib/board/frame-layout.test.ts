import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { FrameKind, FrameSnapshot } from "../schema/frame";
import {
  CELL_HEADING_HEIGHT,
  FRAME_PADDING,
  FRAME_TITLE_HEIGHT,
  QUADRANT_GUTTER_LEFT,
  QUADRANT_GUTTER_TOP,
  bodyRect,
  cellAt,
  cellContentRect,
  cellRects,
  centreOf,
  scaleLine,
  scaleValueAt,
  scaleX,
} from "./frame-layout";

const SHAPES: Record<FrameKind, { rows: number; columns: number }> = {
  quadrant: { rows: 2, columns: 2 },
  columns: { rows: 1, columns: 3 },
  flipchart: { rows: 1, columns: 1 },
  parking: { rows: 1, columns: 1 },
  scale: { rows: 0, columns: 0 },
};

function frame(kind: FrameKind, fields: Partial<FrameSnapshot> = {}): FrameSnapshot {
  const shape = { ...SHAPES[kind], ...fields };
  return {
    id: kind,
    kind,
    title: "",
    x: 0,
    y: 0,
    width: 1200,
    height: 900,
    z: 1,
    createdAt: 1,
    cellLabels: Array.from({ length: shape.rows * shape.columns }, (_, i) => String(i + 1)),
    ...fields,
    ...shape,
  };
}

/** Cells as [index, x, y, width, height], easier to read than objects. */
function boxes(f: FrameSnapshot): number[][] {
  return cellRects(f).map((cell) => [cell.index, cell.x, cell.y, cell.width, cell.height]);
}

describe("cellRects", () => {
  test("a quadrant grid: four cells row by row, right of the row axis and below the column axis", () => {
    const f = frame("quadrant", { x: 100, y: 50, width: 1250, height: 1100 });
    const left = 100 + QUADRANT_GUTTER_LEFT;
    const top = 50 + FRAME_TITLE_HEIGHT + QUADRANT_GUTTER_TOP;
    assert.equal(left, 250);
    assert.equal(top, 212);
    // Body 1100 x 938: cells 550 x 469.
    assert.deepEqual(boxes(f), [
      [0, 250, 212, 550, 469],
      [1, 800, 212, 550, 469],
      [2, 250, 681, 550, 469],
      [3, 800, 681, 550, 469],
    ]);
    assert.deepEqual(cellRects(f).map((cell) => cell.label), ["1", "2", "3", "4"]);
  });

  test("columns: one row of equal columns under the title", () => {
    assert.deepEqual(boxes(frame("columns", { width: 1500, height: 900 })), [
      [0, 0, 72, 500, 828],
      [1, 500, 72, 500, 828],
      [2, 1000, 72, 500, 828],
    ]);
  });

  test("a SWOT, columns in two rows: index = row * columns + column", () => {
    const swot = frame("columns", { rows: 2, columns: 2, width: 1000, height: 872 });
    assert.deepEqual(boxes(swot), [
      [0, 0, 72, 500, 400],
      [1, 500, 72, 500, 400],
      [2, 0, 472, 500, 400],
      [3, 500, 472, 500, 400],
    ]);
  });

  test("a flipchart and a parking lot: one cell, the whole body", () => {
    for (const kind of ["flipchart", "parking"] as const) {
      const f = frame(kind, { x: -300, y: 10, width: 700, height: 1000 });
      assert.deepEqual(boxes(f), [[0, -300, 82, 700, 928]], kind);
      assert.deepEqual(bodyRect(f), { x: -300, y: 82, width: 700, height: 928 });
    }
  });

  test("a scale has no cells", () => {
    assert.deepEqual(cellRects(frame("scale")), []);
  });
});

describe("cellContentRect", () => {
  test("inside a margin, below the heading of a labelled column or quadrant cell", () => {
    const columns = frame("columns", { width: 1500, height: 900 });
    assert.deepEqual(cellContentRect(columns, cellRects(columns)[1]), {
      x: 500 + FRAME_PADDING,
      y: 72 + CELL_HEADING_HEIGHT + FRAME_PADDING,
      width: 500 - 2 * FRAME_PADDING,
      height: 828 - CELL_HEADING_HEIGHT - 2 * FRAME_PADDING,
    });
  });

  test("no heading band on a flipchart, a parking lot or an unlabelled cell", () => {
    const flipchart = frame("flipchart", { width: 700, height: 1000 });
    assert.equal(cellContentRect(flipchart, cellRects(flipchart)[0]).y, 72 + FRAME_PADDING);
    const unlabelled = frame("columns", { width: 1500, height: 900, cellLabels: ["", "", ""] });
    assert.equal(cellContentRect(unlabelled, cellRects(unlabelled)[0]).y, 72 + FRAME_PADDING);
  });
});

describe("cellAt", () => {
  const quadrant = frame("quadrant", { id: "q", x: 0, y: 0, width: 1400, height: 1100, z: 1 });
  // Quadrant body: x 150..1400, y 162..1100; cells 625 x 469.

  test("finds the cell under a point, row by row", () => {
    assert.deepEqual(cellAt([quadrant], { x: 200, y: 200 }), { frame: "q", cell: 0 });
    assert.deepEqual(cellAt([quadrant], { x: 1000, y: 200 }), { frame: "q", cell: 1 });
    assert.deepEqual(cellAt([quadrant], { x: 200, y: 700 }), { frame: "q", cell: 2 });
    assert.deepEqual(cellAt([quadrant], { x: 1399, y: 1099 }), { frame: "q", cell: 3 });
  });

  test("a cell's left and top edges belong to it, its right and bottom edges to the next", () => {
    assert.deepEqual(cellAt([quadrant], { x: 150, y: 162 }), { frame: "q", cell: 0 });
    assert.deepEqual(cellAt([quadrant], { x: 775, y: 162 }), { frame: "q", cell: 1 });
    assert.deepEqual(cellAt([quadrant], { x: 150, y: 631 }), { frame: "q", cell: 2 });
    assert.equal(cellAt([quadrant], { x: 1400, y: 500 }), null);
  });

  test("null on the title band and in the axis gutters", () => {
    assert.equal(cellAt([quadrant], { x: 700, y: 10 }), null, "title");
    assert.equal(cellAt([quadrant], { x: 700, y: 100 }), null, "column axis gutter");
    assert.equal(cellAt([quadrant], { x: 60, y: 500 }), null, "row axis gutter");
  });

  test("null outside every frame", () => {
    assert.equal(cellAt([quadrant], { x: -1, y: 500 }), null);
    assert.equal(cellAt([quadrant], { x: 500, y: 1100 }), null);
    assert.equal(cellAt([], { x: 0, y: 0 }), null);
  });

  test("where frames overlap, the topmost one decides, whatever order they are given in", () => {
    const below = frame("flipchart", { id: "below", x: 0, y: 0, width: 1000, height: 1000, z: 1 });
    const above = frame("columns", { id: "above", x: 400, y: 400, width: 900, height: 600, z: 2 });
    // Above's cells start at y 472; x 400..700, 700..1000, 1000..1300.
    assert.deepEqual(cellAt([below, above], { x: 750, y: 600 }), { frame: "above", cell: 1 });
    assert.deepEqual(cellAt([above, below], { x: 750, y: 600 }), { frame: "above", cell: 1 });
    assert.deepEqual(cellAt([below, above], { x: 300, y: 600 }), { frame: "below", cell: 0 });
    // The upper frame's title covers the frame below it: no cell there, not the lower frame's.
    assert.equal(cellAt([below, above], { x: 750, y: 420 }), null);
  });

  test("a scale frame has no cells and covers what lies under it", () => {
    const below = frame("flipchart", { id: "below", x: 0, y: 0, width: 1000, height: 1000, z: 1 });
    const scale = frame("scale", { id: "scale", x: 0, y: 300, width: 1000, height: 420, z: 2 });
    assert.equal(cellAt([below, scale], { x: 500, y: 500 }), null);
    assert.deepEqual(cellAt([below, scale], { x: 500, y: 800 }), { frame: "below", cell: 0 });
  });

  test("a note's centre decides", () => {
    assert.deepEqual(centreOf({ x: 100, y: 200, width: 160, height: 120 }), { x: 180, y: 260 });
    // A note hanging mostly over the gutter but centred in cell 0.
    assert.deepEqual(cellAt([quadrant], centreOf({ x: 80, y: 180, width: 160, height: 160 })), { frame: "q", cell: 0 });
  });
});

describe("scale frames", () => {
  const scale = frame("scale", { x: 200, y: 100, width: 1400, height: 420 });

  test("the line runs across the body, 80 units in from each end, halfway down", () => {
    assert.deepEqual(scaleLine(scale), { x: 280, y: 100 + 72 + 174, width: 1240, height: 0 });
    assert.equal(scaleX(scale, 0), 280);
    assert.equal(scaleX(scale, 10), 1520);
    assert.equal(scaleX(scale, 5), 900);
  });

  test("scaleX and scaleValueAt are each other's inverse for 0..10", () => {
    const y = scaleLine(scale).y;
    for (let value = 0; value <= 10; value++) assert.equal(scaleValueAt(scale, { x: scaleX(scale, value), y }), value);
  });

  test("points round to the nearest value; past the ends they read as 0 and 10", () => {
    const y = scaleLine(scale).y;
    assert.equal(scaleValueAt(scale, { x: scaleX(scale, 3) + 50, y }), 3);
    assert.equal(scaleValueAt(scale, { x: scaleX(scale, 3) + 70, y }), 4);
    assert.equal(scaleValueAt(scale, { x: 210, y }), 0);
    assert.equal(scaleValueAt(scale, { x: 1590, y }), 10);
    assert.equal(scaleX(scale, -3), 280);
    assert.equal(scaleX(scale, 42), 1520);
  });

  test("null off the frame, and on frames that are not scales", () => {
    assert.equal(scaleValueAt(scale, { x: 900, y: 90 }), null);
    assert.equal(scaleValueAt(scale, { x: 100, y: 300 }), null);
    assert.equal(scaleValueAt(frame("columns"), { x: 100, y: 300 }), null);
  });

  test("a narrow scale keeps a tenth of its width as margin", () => {
    const narrow = frame("scale", { x: 0, y: 0, width: 400, height: 300 });
    assert.deepEqual(scaleLine(narrow), { x: 40, y: 72 + 114, width: 320, height: 0 });
  });
});
