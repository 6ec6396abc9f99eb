import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { checkDot, dotsUsed, rankByVotes, type VoteRules } from "./dots";

const THREE: VoteRules = { noteIds: ["a", "b", "c"], dotsPerPerson: 3, allowMultiplePerNote: false };
const STACKING: VoteRules = { ...THREE, allowMultiplePerNote: true };

const dots = (entries: Record<string, number> = {}) => new Map(Object.entries(entries));

describe("checkDot", () => {
  test("a first dot on a candidate is ok and gives the note one dot", () => {
    assert.deepEqual(checkDot(THREE, dots(), "a", 1), { ok: true, dots: 1 });
  });

  test("a note outside the vote is refused either way", () => {
    assert.deepEqual(checkDot(THREE, dots(), "z", 1), { ok: false, reason: "not_a_candidate" });
    assert.deepEqual(checkDot(THREE, dots({ z: 1 }), "z", -1), { ok: false, reason: "not_a_candidate" });
  });

  test("spending every dot, then one more, is refused with no_dots_left", () => {
    let mine = dots();
    for (const id of ["a", "b", "c"]) {
      const verdict = checkDot(THREE, mine, id, 1);
      assert.equal(verdict.ok, true, id);
      if (verdict.ok) mine = new Map([...mine, [id, verdict.dots]]);
    }
    assert.equal(dotsUsed(mine), 3);
    assert.deepEqual(checkDot(THREE, mine, "a", 1), { ok: false, reason: "no_dots_left" });
    assert.deepEqual(checkDot(STACKING, mine, "a", 1), { ok: false, reason: "no_dots_left" });
  });

  test("one dot per note unless the vote allows more", () => {
    assert.deepEqual(checkDot(THREE, dots({ a: 1 }), "a", 1), { ok: false, reason: "one_per_note" });
    assert.deepEqual(checkDot(STACKING, dots({ a: 1 }), "a", 1), { ok: true, dots: 2 });
    assert.deepEqual(checkDot(STACKING, dots({ a: 2 }), "a", 1), { ok: true, dots: 3 });
    assert.deepEqual(checkDot(STACKING, dots({ a: 3 }), "a", 1), { ok: false, reason: "no_dots_left" });
  });

  test("taking a dot back frees it; nothing to take back is refused", () => {
    assert.deepEqual(checkDot(THREE, dots({ a: 1 }), "a", -1), { ok: true, dots: 0 });
    assert.deepEqual(checkDot(STACKING, dots({ a: 2 }), "a", -1), { ok: true, dots: 1 });
    assert.deepEqual(checkDot(THREE, dots(), "a", -1), { ok: false, reason: "nothing_to_remove" });
    assert.deepEqual(checkDot(THREE, dots({ a: 0 }), "a", -1), { ok: false, reason: "nothing_to_remove" });
    // With every dot spent, one taken back may be put elsewhere.
    const full = dots({ a: 1, b: 1, c: 1 });
    assert.equal(checkDot(THREE, full, "c", -1).ok, true);
    assert.deepEqual(checkDot(THREE, dots({ a: 1, b: 1 }), "c", 1), { ok: true, dots: 1 });
  });

  test("a single dot per person", () => {
    const one: VoteRules = { ...THREE, dotsPerPerson: 1 };
    assert.deepEqual(checkDot(one, dots(), "b", 1), { ok: true, dots: 1 });
    assert.deepEqual(checkDot(one, dots({ b: 1 }), "c", 1), { ok: false, reason: "no_dots_left" });
  });
});

describe("dotsUsed", () => {
  test("sums every note's dots", () => {
    assert.equal(dotsUsed(dots()), 0);
    assert.equal(dotsUsed(dots({ a: 2, b: 1, c: 0 })), 3);
  });
});

describe("rankByVotes", () => {
  test("most votes first; ties and notes without votes keep the given order", () => {
    assert.deepEqual(rankByVotes(["a", "b", "c", "d"], { c: 5, b: 2, d: 2 }), ["c", "b", "d", "a"]);
    assert.deepEqual(rankByVotes(["x", "y", "z"], {}), ["x", "y", "z"]);
    assert.deepEqual(rankByVotes([], { a: 1 }), []);
  });

  test("does not change its input", () => {
    const ids = ["a", "b"];
    rankByVotes(ids, { b: 1 });
    assert.deepEqual(ids, ["a", "b"]);
  });
});
