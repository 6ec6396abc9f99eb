import assert from "node:assert/strict";
import { describe, test } from "node:test";
import * as Y from "yjs";
import type { Rect } from "../geometry";
import { notesOf } from "../schema/board";
import { readFrames, type FrameKind, type FrameSnapshot } from "../schema/frame";
import { readNote, type NoteSnapshot } from "../schema/note";
import { createNote, moveNotes } from "./actions";
import { cellContentRect, cellRects } from "./frame-layout";
import { createFrame, tidyFrame } from "./frames";
import { sortByVotes } from "./sort";

/** mulberry32: the same boards on every run. */
function random(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), t | 1);
    r ^= r + Math.imul(r ^ (r >>> 7), r | 61);
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

const KINDS: FrameKind[] = ["quadrant", "columns", "flipchart", "parking"];
/** Room for the largest worksheet (1500x1100) and a margin: the boards start with nothing on anything. */
const SLOT = { width: 1700, height: 1300 };
const LOOSE_ROW = 260;

const overlap = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (inner: Rect, outer: Rect) =>
  inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;

/** A board of worksheets and loose notes in a 3x3 grid of slots, notes dropped into cells in heaps. */
function randomBoard(seed: number): Y.Doc {
  const next = random(seed);
  const doc = new Y.Doc();
  let notes = 0;
  const note = (x: number, y: number, size = 160) => {
    const id = `n${notes++}`;
    createNote(doc, { id, x: 0, y: 0, text: id, now: notes }, "setup");
    if (size !== 160) {
      const map = notesOf(doc).get(id)!;
      doc.transact(() => map.set("width", size) && map.set("height", size), "setup");
    }
    moveNotes(doc, [{ id, x, y }], "setup"); // takes the cell its centre is in
  };
  for (let slot = 0; slot < 9; slot++) {
    const left = (slot % 3) * SLOT.width;
    const top = Math.floor(slot / 3) * SLOT.height;
    const pick = next();
    if (pick < 0.55) {
      const id = `f${slot}`;
      createFrame(doc, { id, kind: KINDS[Math.floor(next() * KINDS.length)], title: id, x: left + Math.round(next() * 100), y: top + Math.round(next() * 100), now: slot }, "setup");
      const frame = readFrames(doc).find((f) => f.id === id)!;
      const cells = cellRects(frame);
      for (let k = Math.floor(next() * 16); k > 0; k--) {
        const area = cellContentRect(frame, cells[Math.floor(next() * cells.length)]);
        note(area.x + Math.round(next() * Math.max(0, area.width - 160)), area.y + Math.round(next() * Math.max(0, area.height - 160)));
      }
    } else if (pick < 0.85) {
      // Rows of notes of mixed sizes, 20 apart, as a person lays them out by hand.
      let x = left;
      let y = top;
      for (let k = Math.floor(next() * 14); k > 0; k--) {
        const size = 40 + Math.floor(next() * 200);
        if (x + size > left + SLOT.width - 100) [x, y] = [left, y + LOOSE_ROW];
        note(x, y, size);
        x += size + 20;
      }
    }
  }
  return doc;
}

function allNotes(doc: Y.Doc): NoteSnapshot[] {
  return [...notesOf(doc).entries()].map(([id, map]) => readNote(id, map));
}

function assertNothingOnAnything(doc: Y.Doc, where: string): void {
  const frames = readFrames(doc);
  const notes = allNotes(doc);
  frames.forEach((a, i) => frames.slice(i + 1).forEach((b) => assert.equal(overlap(a, b), false, `${where}: worksheets ${a.id} and ${b.id} overlap`)));
  for (const note of notes) {
    const frame: FrameSnapshot | undefined = frames.find((f) => f.id === note.frame);
    if (frame) {
      const cell = cellRects(frame).find((c) => c.index === (note.cell ?? 0))!;
      assert.ok(inside(note, cellContentRect(frame, cell)), `${where}: ${note.id} ${JSON.stringify(note)} outside its cell's content ${JSON.stringify(cellContentRect(frame, cell))} of ${JSON.stringify(frame)}`);
    } else {
      for (const f of frames) assert.equal(overlap(note, f), false, `${where}: loose ${note.id} on worksheet ${f.id}`);
    }
  }
  notes.forEach((a, i) => notes.slice(i + 1).forEach((b) => assert.equal(overlap(a, b), false, `${where}: notes ${a.id} and ${b.id} overlap`)));
}

describe("property: tidying and sorting by votes never put anything on anything", () => {
  test("on 150 random boards, every worksheet tidied (growing as it must) and then sorted by votes", () => {
    for (let seed = 1; seed <= 150; seed++) {
      const next = random(seed * 7919);
      const doc = randomBoard(seed);
      for (const frame of readFrames(doc).sort(() => next() - 0.5)) tidyFrame(doc, frame.id, "me");
      assertNothingOnAnything(doc, `seed ${seed}, tidied`);
      const ranked = allNotes(doc).map((note) => note.id).sort(() => next() - 0.5);
      sortByVotes(doc, ranked, "me");
      assertNothingOnAnything(doc, `seed ${seed}, sorted`);
    }
  });

  test("on 150 random boards sorted straight away: the heaps in the cells laid out, loose notes swapped where the grown worksheets left them", () => {
    for (let seed = 1; seed <= 150; seed++) {
      const next = random(seed * 104729);
      const doc = randomBoard(seed);
      const ranked = allNotes(doc).map((note) => note.id).sort(() => next() - 0.5);
      sortByVotes(doc, ranked, "me");
      assertNothingOnAnything(doc, `seed ${seed}, sorted untidied`);
    }
  });
});
