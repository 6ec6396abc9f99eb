import assert from "node:assert/strict";
import { test } from "node:test";
import { boardOfPath, unusedBoards } from "./unusedCopies";

const DAY = 24 * 60 * 60 * 1000;

test("a board copy unopened for more than 30 days is dropped; one opened lately, or a broken record's, is handled", () => {
  const now = 100 * DAY;
  const opened: Array<[string, number]> = [
    ["yesterday", now - DAY],
    ["thirty-days", now - 30 * DAY],
    ["thirty-one-days", now - 31 * DAY],
    ["garbled", Number.NaN],
  ];
  assert.deepEqual(unusedBoards(opened, now), ["thirty-one-days", "garbled"]);
  assert.deepEqual(unusedBoards(opened, now, 0.5), ["yesterday", "thirty-days", "thirty-one-days", "garbled"]);
});

test("the board a page shows is known from its path, so its copy is never dropped under it", () => {
  assert.equal(boardOfPath("/b/abcDEF123456-_xy"), "abcDEF123456-_xy");
  assert.equal(boardOfPath("/b/abcDEF123456-_xy/screen"), "abcDEF123456-_xy");
  assert.equal(boardOfPath("/p/abcDEF123456-_xy"), "abcDEF123456-_xy");
  assert.equal(boardOfPath("/join/K7PQ4M"), null);
  assert.equal(boardOfPath("/"), null);
});
