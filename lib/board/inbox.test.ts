import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { LIMITS } from "../schema/limits";
import { DEFAULT_NOTE_COLOR, DEFAULT_NOTE_SIZE, type NoteSnapshot } from "../schema/note";
import { freeInboxCells, INBOX_COLUMNS, inboxArea, inboxOrigin, type Point } from "./inbox";

const CELL = DEFAULT_NOTE_SIZE + 24;

function note(x: number, y: number, size = DEFAULT_NOTE_SIZE): NoteSnapshot {
  return { id: `n${x},${y}`, text: "", x, y, width: size, height: size, color: DEFAULT_NOTE_COLOR, createdAt: 0, z: 0 };
}

/** Whether a note-sized cell at `a` overlaps `b` (a cell, or a note of its own size). */
function overlap(a: Point, b: Point & { width?: number; height?: number }): boolean {
  const [w, h] = [b.width ?? DEFAULT_NOTE_SIZE, b.height ?? DEFAULT_NOTE_SIZE];
  return a.x < b.x + w && b.x < a.x + DEFAULT_NOTE_SIZE && a.y < b.y + h && b.y < a.y + DEFAULT_NOTE_SIZE;
}

describe("inboxOrigin", () => {
  test("an empty board's inbox is at the origin", () => {
    assert.deepEqual(inboxOrigin([]), { x: 0, y: 0 });
  });

  test("right of everything on the board, with a free column between, aligned with the top", () => {
    const notes = [note(0, 100), note(500, -40, 300), note(-900, 2000)];
    const origin = inboxOrigin(notes);
    assert.equal(origin.y, -40);
    const right = 500 + 300;
    assert.ok(origin.x >= right + CELL - DEFAULT_NOTE_SIZE, `${origin.x} leaves room for a column after ${right}`);
    for (const n of notes) assert.ok(n.x + n.width <= origin.x, "no note reaches into the inbox");
  });

  test("whole board units", () => {
    const origin = inboxOrigin([note(10.4, 20.6)]);
    assert.equal(Number.isInteger(origin.x), true);
    assert.equal(Number.isInteger(origin.y), true);
  });
});

describe("the inbox near the board's edge", () => {
  test("a note at the far right or bottom keeps the inbox, and every note a board can hold, inside the board", () => {
    for (const far of [note(999_700, 0), note(0, 999_700), note(999_840, 999_840), note(LIMITS.maxCoordinate - 2000, 0, 2000)]) {
      const origin = inboxOrigin([note(0, 0), far]);
      const cells = freeInboxCells(origin, [far], LIMITS.maxNotesPerBoard);
      const last = cells[cells.length - 1];
      assert.ok(origin.x + INBOX_COLUMNS * CELL <= LIMITS.maxCoordinate, `columns fit: ${origin.x}`);
      assert.ok(last.y + DEFAULT_NOTE_SIZE <= LIMITS.maxCoordinate, `rows fit: ${last.y}`);
      for (const cell of cells.slice(0, 20)) assert.equal(overlap(cell, far), false);
    }
  });
});

describe("freeInboxCells", () => {
  test("on an empty area: a grid of INBOX_COLUMNS columns in reading order, no two cells overlapping", () => {
    const inbox = { x: 1000, y: 50 };
    const cells = freeInboxCells(inbox, [], 14);
    assert.equal(cells.length, 14);
    assert.deepEqual(cells[0], inbox);
    assert.deepEqual(cells[1], { x: 1000 + CELL, y: 50 });
    assert.deepEqual(cells[INBOX_COLUMNS], { x: 1000, y: 50 + CELL });
    assert.deepEqual(cells[13], { x: 1000 + CELL, y: 50 + 2 * CELL });
    for (let i = 0; i < cells.length; i++) for (let j = i + 1; j < cells.length; j++) assert.equal(overlap(cells[i], cells[j]), false, `${i} and ${j}`);
  });

  test("skips cells a note already covers, even partly", () => {
    const inbox = { x: 0, y: 0 };
    // The first note covers cell 0; the second, across a gap, cells 1 and 2 and (by 6 units) the
    // two below them; the third a cell of the second row.
    const covering = [note(0, 0), note(CELL + 100, 30), note(2 * CELL, CELL)];
    const cells = freeInboxCells(inbox, covering, 5);
    assert.deepEqual(cells, [
      { x: 3 * CELL, y: 0 },
      { x: 4 * CELL, y: 0 },
      { x: 5 * CELL, y: 0 },
      { x: 0, y: CELL },
      { x: 3 * CELL, y: CELL },
    ]);
    for (const cell of cells) for (const n of covering) assert.equal(overlap(cell, n), false, `cell ${JSON.stringify(cell)} under ${n.id}`);
  });

  test("notes left of or above the inbox do not block it", () => {
    const inbox = { x: 1000, y: 1000 };
    const cells = freeInboxCells(inbox, [note(800, 1000), note(1000, 800)], 1);
    assert.deepEqual(cells, [inbox]);
  });

  test("successive placements never land on notes placed before", () => {
    const inbox = { x: 0, y: 0 };
    const placed: NoteSnapshot[] = [];
    for (let round = 0; round < 5; round++) {
      for (const cell of freeInboxCells(inbox, placed, 3)) placed.push(note(cell.x, cell.y));
    }
    assert.equal(placed.length, 15);
    assert.equal(new Set(placed.map((n) => `${n.x},${n.y}`)).size, 15);
  });

  test("zero cells asked, zero given", () => {
    assert.deepEqual(freeInboxCells({ x: 0, y: 0 }, [], 0), []);
  });
});

describe("inboxArea", () => {
  test("covers the first rows' cells with a margin", () => {
    const area = inboxArea({ x: 100, y: 200 }, 2);
    const cells = freeInboxCells({ x: 100, y: 200 }, [], 2 * INBOX_COLUMNS);
    for (const cell of cells) {
      assert.ok(cell.x >= area.x && cell.x + DEFAULT_NOTE_SIZE <= area.x + area.width, `x of ${JSON.stringify(cell)}`);
      assert.ok(cell.y >= area.y && cell.y + DEFAULT_NOTE_SIZE <= area.y + area.height, `y of ${JSON.stringify(cell)}`);
    }
  });

  test("at least one row", () => {
    assert.equal(inboxArea({ x: 0, y: 0 }, 0).height, inboxArea({ x: 0, y: 0 }, 1).height);
  });
});
