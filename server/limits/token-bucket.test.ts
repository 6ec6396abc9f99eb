import assert from "node:assert/strict";
import { test } from "node:test";
import { TokenBucket } from "./token-bucket";

test("a burst is allowed, then the sustained rate, and an empty bucket refills with time", () => {
  let now = 0;
  const bucket = new TokenBucket(10, 30, () => now);
  for (let i = 0; i < 30; i++) assert.equal(bucket.take(), true, `message ${i} of the burst`);
  assert.equal(bucket.take(), false);
  now += 100; // a tenth of a second: one more
  assert.equal(bucket.take(), true);
  assert.equal(bucket.take(), false);
  now += 60_000;
  for (let i = 0; i < 30; i++) assert.equal(bucket.take(), true, "never more than the burst, however long it waited");
  assert.equal(bucket.take(), false);
});

test("large amounts (bytes) are taken whole or not at all; a rate of 0 is no limit", () => {
  let now = 0;
  const bytes = new TokenBucket(1000, 4000, () => now);
  assert.equal(bytes.take(3000), true);
  assert.equal(bytes.take(3000), false, "1,000 left");
  assert.equal(bytes.take(1000), true);
  now += 2000;
  assert.equal(bytes.take(2000), true);
  const unlimited = new TokenBucket(0, 0, () => now);
  assert.equal(unlimited.take(1e9), true);
});
