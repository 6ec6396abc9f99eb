import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { timeIsOut } from "./display";

const running = { status: "running" as const, durationMs: 60_000, endsAt: 100_000, remainingMs: 60_000 };

describe("timeIsOut: when there is nothing left to pause", () => {
  test("a running timer is out once it shows 00:00, not a moment before", () => {
    assert.equal(timeIsOut(running, 99_001), false);
    assert.equal(timeIsOut(running, 100_000), true);
    assert.equal(timeIsOut(running, 130_000), true);
  });
  test("a stopped timer, or none, is never out", () => {
    assert.equal(timeIsOut(null, 0), false);
    assert.equal(timeIsOut({ ...running, status: "stopped", endsAt: null, remainingMs: 0 }, 200_000), false);
  });
  test("a timer paused with time left is not out", () => {
    assert.equal(timeIsOut({ ...running, status: "paused", endsAt: null, remainingMs: 5_000 }, 200_000), false);
  });
});
