import assert from "node:assert/strict";
import { test } from "node:test";
import { scaleSpread } from "./scale-spread";

test("markers are counted per value, with the median of an odd count", () => {
  const spread = scaleSpread({ a: 3, b: 7, c: 3, d: 10, e: 4 });
  assert.equal(spread.total, 5);
  assert.equal(spread.counts[3], 2);
  assert.equal(spread.counts[7], 1);
  assert.equal(spread.counts.reduce((sum, n) => sum + n, 0), 5);
  assert.equal(spread.median, 4);
});

test("an even count's median lies between the two middle markers", () => {
  assert.equal(scaleSpread({ a: 2, b: 5 }).median, 3.5);
  assert.equal(scaleSpread({ a: 6, b: 6, c: 0, d: 10 }).median, 6);
});

test("no markers, no median; values off the scale are left out", () => {
  assert.deepEqual(scaleSpread(undefined), { counts: Array(11).fill(0), total: 0, median: null });
  assert.equal(scaleSpread({ a: 11, b: -1, c: 2.5, d: 8 }).total, 1);
});
