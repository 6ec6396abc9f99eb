import assert from "node:assert/strict";
import { describe, test } from "node:test";
import * as Y from "yjs";
import { assignCells, createFrame } from "../board/frames";
import { createNote } from "../board/actions";
import { cellAt, centreOf } from "../board/frame-layout";
import { readFrames } from "../schema/frame";
import { notesOf } from "../schema/board";
import { readNote } from "../schema/note";
import { seededRandom } from "../testing/seeded-random";
import { boundsOf } from "../geometry";
import { dealIntoGroups } from "./membership";
import { copyPositions, groupCount, groupInboxOrigin, membersByGroup, mergeMoves, smallestGroup, touchedCells, waitingInInboxes } from "./groups";

const people = (n: number) => Array.from({ length: n }, (_, i) => `p${i + 1}`);

describe("splitting into groups", () => {
  test("7 people in groups of 3 make three groups of 3, 2 and 2, everyone in exactly one", () => {
    const count = groupCount(7, { size: 3 });
    assert.equal(count, 3);
    const { members } = dealIntoGroups(people(7), count, seededRandom(1));
    assert.deepEqual(Object.keys(members).sort(), people(7).sort());
    const sizes = membersByGroup({ count, members }).map((group) => group.length);
    assert.deepEqual([...sizes].sort(), [2, 2, 3]);
  });

  test("a number of groups is kept, but never more groups than people", () => {
    assert.equal(groupCount(10, { count: 4 }), 4);
    assert.equal(groupCount(2, { count: 5 }), 2);
    assert.equal(groupCount(0, { size: 3 }), 1);
    assert.equal(groupCount(2, { size: 1 }), 2);
  });

  test("the split is shuffled: different seeds give different groups", () => {
    const splits = new Set([1, 2, 3, 4, 5].map((seed) => JSON.stringify(dealIntoGroups(people(9), 3, seededRandom(seed)).members)));
    assert.ok(splits.size > 1);
  });

  test("a latecomer joins the smallest group, the lowest number among equals", () => {
    assert.equal(smallestGroup({ count: 3, members: { a: 1, b: 1, c: 2, d: 3, e: 3 } }), 2);
    assert.equal(smallestGroup({ count: 3, members: { a: 1, b: 2, c: 3 } }), 1);
  });
});

describe("where the copies stand", () => {
  test("in a row under the board's content, far enough apart for each group's inbox", () => {
    const content = boundsOf([
      { x: 100, y: 50, width: 800, height: 600 },
      { x: -20, y: 400, width: 160, height: 160 },
    ]);
    assert.deepEqual(content, { x: -20, y: 50, width: 920, height: 600 });
    const spots = copyPositions(content, { width: 700 }, 3, 1104);
    assert.ok(spots.every((spot) => spot.y > 650), "under everything");
    assert.equal(spots[0].x, -20);
    assert.ok(spots[1].x - spots[0].x >= 1104, "an inbox is no wider than the slot");
  });
});

describe("bringing the groups together", () => {
  test("each note of a copy goes to the plenary frame's cell with the same number", () => {
    const doc = new Y.Doc();
    createFrame(doc, { id: "plenary", kind: "quadrant", title: "Prioritering", x: 0, y: 0, now: 1 }, null);
    createFrame(doc, { id: "copy1", kind: "quadrant", title: "Prioritering – Grupp 1", x: 0, y: 2000, now: 1, group: 1, copyOf: "plenary" }, null);
    const frames = readFrames(doc);
    const copy = frames.find((frame) => frame.id === "copy1")!;
    // A note in the copy's bottom-right cell (3) and one outside every frame.
    createNote(doc, { id: "n1", x: copy.x + copy.width - 300, y: copy.y + copy.height - 300, text: "Fler pauser", now: 2 }, null);
    createNote(doc, { id: "n2", x: 5000, y: 5000, text: "Utanför", now: 3 }, null);
    assignCells(doc, ["n1", "n2"]);
    const notes = [...notesOf(doc).entries()].map(([id, note]) => readNote(id, note));
    const moves = mergeMoves(frames.find((frame) => frame.id === "plenary")!, [copy], notes);
    assert.equal(moves.length, 1, "only the copy's note moves");
    assert.equal(moves[0].id, "n1");
    assert.equal(moves[0].cell, 3);
    assert.deepEqual(cellAt(frames, centreOf({ ...moves[0], width: 160, height: 160 })), { frame: "plenary", cell: 3 });
    assert.deepEqual(touchedCells(moves), [3]);
  });
});

describe("notes waiting in the groups' inboxes", () => {
  test("loose notes under a copy, within its inbox's columns, by group and in reading order; nothing else", () => {
    const doc = new Y.Doc();
    createFrame(doc, { id: "copy2", kind: "quadrant", title: "Grupp 2", x: 2000, y: 2000, now: 1, group: 2, copyOf: "plenary" }, null);
    createFrame(doc, { id: "copy1", kind: "quadrant", title: "Grupp 1", x: 0, y: 2000, now: 1, group: 1, copyOf: "plenary" }, null);
    const [copy2, copy1] = ["copy2", "copy1"].map((id) => readFrames(doc).find((frame) => frame.id === id)!);
    const under = (copy: typeof copy1, dx: number, dy: number) => ({ x: groupInboxOrigin(copy).x + dx, y: groupInboxOrigin(copy).y + dy });
    createNote(doc, { id: "g2", ...under(copy2, 0, 0), text: "", now: 1 }, null);
    createNote(doc, { id: "g1b", ...under(copy1, 0, 184), text: "", now: 2 }, null);
    createNote(doc, { id: "g1a", ...under(copy1, 184, 0), text: "", now: 3 }, null);
    createNote(doc, { id: "inCell", x: copy1.x + 40, y: copy1.y + 80, text: "", now: 4 }, null);
    createNote(doc, { id: "above", x: copy1.x, y: copy1.y - 400, text: "", now: 5 }, null);
    createNote(doc, { id: "aside", x: copy2.x + 1200, y: groupInboxOrigin(copy2).y, text: "", now: 6 }, null);
    assignCells(doc, ["g2", "g1b", "g1a", "inCell", "above", "aside"]);
    const notes = [...notesOf(doc).entries()].map(([id, note]) => readNote(id, note));
    assert.deepEqual(waitingInInboxes([copy2, copy1], notes).map((note) => note.id), ["g1a", "g1b", "g2"]);
  });
});
