import assert from "node:assert/strict";
import { describe, test } from "node:test";
import * as Y from "yjs";
import { notesOf } from "./board";
import { LIMITS } from "./limits";
import {
  DEFAULT_NOTE_COLOR,
  DEFAULT_NOTE_SIZE,
  isNoteColor,
  NOTE_COLORS,
  noteFieldsSchema,
  noteText,
  readNote,
  type NoteMap,
} from "./note";

/** A note map inside a document (Y.Map values can only be read once integrated). */
function stored(fields: Record<string, unknown>): NoteMap {
  const doc = new Y.Doc();
  const note = new Y.Map<unknown>();
  notesOf(doc).set("n", note);
  for (const [key, value] of Object.entries(fields)) note.set(key, value);
  return note;
}

const GOOD = { x: 10, y: -20, width: 200, height: 180, color: NOTE_COLORS[2].hex, createdAt: 123, z: 4 };

describe("readNote", () => {
  test("reads a healthy note as it is", () => {
    const note = stored({ ...GOOD, text: new Y.Text("hej") });
    assert.deepEqual(readNote("n", note), { id: "n", text: "hej", ...GOOD });
  });

  test("an empty map gives a full note of defaults", () => {
    assert.deepEqual(readNote("empty", stored({})), {
      id: "empty",
      text: "",
      x: 0,
      y: 0,
      width: DEFAULT_NOTE_SIZE,
      height: DEFAULT_NOTE_SIZE,
      color: DEFAULT_NOTE_COLOR,
      createdAt: 0,
      z: 0,
    });
  });

  test("non-numbers and non-finite numbers fall back to the defaults", () => {
    for (const bad of [Number.NaN, Infinity, -Infinity, "12", null, true, { x: 1 }, [1]]) {
      const note = stored({ x: bad, y: bad, width: bad, height: bad, createdAt: bad, z: bad, text: "t", color: GOOD.color });
      assert.deepEqual(
        readNote("n", note),
        { id: "n", text: "t", x: 0, y: 0, width: DEFAULT_NOTE_SIZE, height: DEFAULT_NOTE_SIZE, color: GOOD.color, createdAt: 0, z: 0 },
        `for ${String(bad)}`,
      );
    }
  });

  test("out-of-range numbers are clamped into range", () => {
    const big = stored({ x: 1e12, y: -1e12, width: 1e9, height: 1, createdAt: -5, z: 1e300 });
    const read = readNote("n", big);
    assert.equal(read.x, LIMITS.maxCoordinate);
    assert.equal(read.y, -LIMITS.maxCoordinate);
    assert.equal(read.width, LIMITS.maxNoteSize);
    assert.equal(read.height, LIMITS.minNoteSize);
    assert.equal(read.createdAt, 0);
    assert.equal(read.z, 1e300);
  });

  test("an unknown colour falls back to the default; every post-it colour is kept", () => {
    for (const bad of ["#ff0000", "yellow", "", 0xfff176, null, "#FFF176"]) {
      assert.equal(readNote("n", stored({ color: bad })).color, DEFAULT_NOTE_COLOR, `for ${String(bad)}`);
    }
    for (const { hex } of NOTE_COLORS) assert.equal(readNote("n", stored({ color: hex })).color, hex);
  });

  test("text: Y.Text, a plain string (a v0 note), missing or of the wrong type", () => {
    assert.equal(readNote("n", stored({ text: new Y.Text("delad") })).text, "delad");
    assert.equal(readNote("n", stored({ text: "gammal" })).text, "gammal");
    assert.equal(readNote("n", stored({})).text, "");
    assert.equal(readNote("n", stored({ text: 42 })).text, "");
    assert.equal(readNote("n", stored({ text: new Y.Map() })).text, "");
  });

  test("whatever is stored, the result passes the note schema and never throws", () => {
    const junk: unknown[] = [undefined, null, Number.NaN, -0, 1e308, -1e308, "x", "", [], {}, new Uint8Array([1]), false];
    let i = 0;
    for (const value of junk) {
      const note = stored({ x: value, y: junk[(i + 1) % junk.length], width: value, height: value, color: value, createdAt: value, z: value, text: value });
      const read = readNote(`n${i++}`, note);
      assert.equal(noteFieldsSchema.safeParse(read).success, true, `for ${String(value)}`);
      assert.equal(typeof read.text, "string");
    }
  });
});

describe("isNoteColor and noteText", () => {
  test("isNoteColor accepts exactly the palette's hex values", () => {
    for (const { hex, id } of NOTE_COLORS) {
      assert.equal(isNoteColor(hex), true);
      assert.equal(isNoteColor(id), false);
    }
    assert.equal(isNoteColor(undefined), false);
    assert.equal(isNoteColor("#000000"), false);
  });

  test("noteText returns the Y.Text or null", () => {
    const text = new Y.Text("a");
    assert.equal(noteText(stored({ text })), text);
    assert.equal(noteText(stored({ text: "a" })), null);
    assert.equal(noteText(stored({})), null);
  });
});

describe("readNote: frame membership and parking-lot fields", () => {
  const EXTRAS = { frame: "f1", cell: 2, significance: "large", status: "solved", owner: "Enhetschef Anna", startDate: "2025-03-01", followUpDate: "2025-04-15" } as const;

  test("keeps every valid extra as it is", () => {
    assert.deepEqual(readNote("n", stored({ ...GOOD, text: "t", ...EXTRAS })), { id: "n", text: "t", ...GOOD, ...EXTRAS });
    for (const status of ["open", "struck", "elsewhere"]) assert.equal(readNote("n", stored({ status })).status, status);
    assert.equal(readNote("n", stored({ significance: "other" })).significance, "other");
    assert.equal(readNote("n", stored({ cell: 0 })).cell, 0);
  });

  test("drops each invalid extra on its own and keeps the valid ones", () => {
    const broken = {
      frame: "",
      cell: 1.5,
      significance: "huge",
      status: "done",
      owner: "o".repeat(81),
      startDate: "1 mars 2025",
      followUpDate: "2025-4-15",
    };
    assert.deepEqual(readNote("n", stored({ ...GOOD, text: "t", ...broken })), { id: "n", text: "t", ...GOOD });
    for (const [key, bad] of Object.entries({ frame: 42, cell: -1, significance: null, status: ["open"], owner: 5, startDate: 20250301, followUpDate: "" })) {
      const read = readNote("n", stored({ ...EXTRAS, [key]: bad }));
      const kept = Object.keys(read).filter((k) => k in EXTRAS);
      assert.deepEqual(kept.sort(), Object.keys(EXTRAS).filter((k) => k !== key).sort(), `${key} = ${JSON.stringify(bad)}`);
    }
    assert.equal("frame" in readNote("n", stored({ frame: "f".repeat(65) })), false);
    assert.equal("cell" in readNote("n", stored({ cell: 64 })), false);
  });

  test("a fractional creation time reads as whole milliseconds, so the result still passes the schema", () => {
    const read = readNote("n", stored({ ...GOOD, createdAt: 1.5 }));
    assert.equal(read.createdAt, 2);
    assert.equal(noteFieldsSchema.safeParse(read).success, true);
  });
});
