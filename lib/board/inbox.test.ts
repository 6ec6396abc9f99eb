import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { LIMITS } from "../schema/limits";
import { DEFAULT_NOTE_COLOR, DEFAULT_NOTE_SIZE, type NoteSnapshot } from "../schema/note";
import { arrivalOrigin, arrivalRect, freeInboxCells, INBOX_COLUMNS, inboxArea, inboxOrigin, notesInArrival, type Point } from "./inbox";

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

  test("right of everything on the board, with a free column between, its name level with the top", () => {
    const notes = [note(0, 100), note(500, -40, 300), note(-900, 2000)];
    const origin = inboxOrigin(notes);
    assert.equal(arrivalRect(origin, 1).y, -40);
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

/** A kit board: the Prioritering quadrant at the origin, a column sheet right of it. */
const prioritering = { x: 0, y: 0, width: 1400, height: 1100 };
const columns = { x: 1600, y: 0, width: 1500, height: 900 };

describe("the inbox on a board with worksheets", () => {
  test("on a kit board with no notes, new notes land right of the worksheets, not on the first one's title", () => {
    const origin = inboxOrigin([], [prioritering, columns]);
    const cells = freeInboxCells(origin, [prioritering, columns], 3);
    for (const cell of cells) assert.ok(cell.x >= columns.x + columns.width, `${cell.x} is right of the worksheets`);
    assert.equal(arrivalRect(origin, 1).y, 0, "its name is level with the worksheets' top");
  });

  test("a stored inbox a worksheet was moved onto moves away; one left clear stays", () => {
    const stored = { x: 3500, y: 64 };
    assert.deepEqual(arrivalOrigin(stored, [], [prioritering, columns]), stored);
    const moved = { ...columns, x: 3300 };
    const origin = arrivalOrigin(stored, [], [prioritering, moved]);
    assert.ok(origin.x >= moved.x + moved.width, `${origin.x} right of the moved worksheet`);
    assert.notDeepEqual(arrivalOrigin({ x: 0, y: 0 }, [], [prioritering]), { x: 0, y: 0 }, "an inbox stored over the first worksheet moves");
  });

  test("cells skip a worksheet reaching into the inbox, title band and all", () => {
    const inbox = { x: 0, y: 0 };
    const reaching = { x: 2 * CELL + 10, y: -500, width: 300, height: 520 };
    const cells = freeInboxCells(inbox, [reaching], 6);
    for (const cell of cells) assert.equal(overlap(cell, reaching), false, JSON.stringify(cell));
  });

  test("the notes waiting there are those in its columns, in no worksheet", () => {
    const origin = { x: 4000, y: 64 };
    const waiting = { ...note(4000, 64), id: "w" };
    const filed = { ...note(4000 + CELL, 64), id: "f", frame: "x" };
    const elsewhere = { ...note(100, 100), id: "e" };
    assert.deepEqual(notesInArrival(origin, [waiting, filed, elsewhere]).map((n) => n.id), ["w"]);
  });
});

/** Plain seeded random numbers (mulberry32): a failing board can be found again from its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KIND_SIZES = [
  { width: 1400, height: 1100 },
  { width: 1500, height: 900 },
  { width: 700, height: 1000 },
  { width: 1200, height: 1000 },
  { width: 1400, height: 420 },
];

describe("property: an automatic placement never lands on anything", () => {
  test("on 300 random boards, each placed note is clear of every worksheet, every note and the others placed, inside the board", () => {
    for (let seed = 1; seed <= 300; seed++) {
      const next = random(seed);
      const span = next() < 0.1 ? LIMITS.maxCoordinate : 8000;
      const at = () => Math.round((next() * 2 - 1) * span);
      const frames = Array.from({ length: Math.floor(next() * 8) }, () => {
        const size = KIND_SIZES[Math.floor(next() * KIND_SIZES.length)];
        return { x: Math.min(at(), LIMITS.maxCoordinate - size.width), y: Math.min(at(), LIMITS.maxCoordinate - size.height), ...size };
      });
      const notes = Array.from({ length: Math.floor(next() * 60) }, (_, i) => {
        const size = LIMITS.minNoteSize + Math.floor(next() * 300);
        return { ...note(Math.min(at(), LIMITS.maxCoordinate - size), Math.min(at(), LIMITS.maxCoordinate - size), size), id: `r${i}` };
      });
      const stored = next() < 0.5 ? null : { x: at(), y: at() };
      const origin = arrivalOrigin(stored, notes, frames);
      const count = 1 + Math.floor(next() * 40);
      const cells = freeInboxCells(origin, [...notes, ...frames], count);
      assert.equal(cells.length, count, `seed ${seed}: every note placed`);
      cells.forEach((cell, i) => {
        const where = `seed ${seed}, cell ${JSON.stringify(cell)}`;
        for (const frame of frames) assert.equal(overlap(cell, frame), false, `${where} on a worksheet`);
        for (const other of notes) assert.equal(overlap(cell, other), false, `${where} on a note`);
        for (const other of cells.slice(0, i)) assert.equal(overlap(cell, other), false, `${where} on a placed note`);
        assert.ok(Math.abs(cell.x) <= LIMITS.maxCoordinate && cell.x + DEFAULT_NOTE_SIZE <= LIMITS.maxCoordinate, `${where} x inside`);
        assert.ok(Math.abs(cell.y) <= LIMITS.maxCoordinate && cell.y + DEFAULT_NOTE_SIZE <= LIMITS.maxCoordinate, `${where} y inside`);
      });
      // Its name, too, is clear of every worksheet.
      const head = arrivalRect(origin, 1);
      for (const frame of frames) {
        const clear = !(head.x < frame.x + frame.width && frame.x < head.x + head.width && head.y < frame.y + frame.height && frame.y < head.y + head.height);
        assert.ok(clear || !inboxFitsRight(frames, notes), `seed ${seed}: the name on a worksheet`);
      }
    }
  });
});

/** Whether the board left room right of its content (else the inbox is squeezed back inside). */
function inboxFitsRight(frames: ReadonlyArray<{ x: number; width: number }>, notes: ReadonlyArray<{ x: number; width: number }>): boolean {
  const right = Math.max(...[...frames, ...notes].map((r) => r.x + r.width));
  return right + 2 * CELL + INBOX_COLUMNS * CELL < LIMITS.maxCoordinate;
}
