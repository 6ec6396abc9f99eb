import assert from "node:assert/strict";
import { test } from "node:test";
import { deletionSoon, initialKeepUntil, keepUntilBounds } from "./retentionDates";

// The tests run in the machine's time zone: build local times so that they hold in any.
const local = (y: number, m: number, d: number, h = 12) => new Date(y, m - 1, d, h);

test("a date can be kept from tomorrow to the server's maximum ahead", () => {
  const now = local(2031, 3, 3);
  const bounds = keepUntilBounds(now, 90);
  assert.equal(bounds.min, "2031-03-04");
  const utcToday = now.toISOString().slice(0, 10);
  assert.equal(bounds.max, new Date(Date.parse(utcToday) + 90 * 86_400_000).toISOString().slice(0, 10));
});

test("the input starts on the board's date, else a month ahead, never past the latest", () => {
  const now = local(2031, 3, 3);
  assert.equal(initialKeepUntil("2031-04-01", { min: "2031-03-04", max: "2031-06-01" }, now), "2031-04-01");
  assert.equal(initialKeepUntil(null, { min: "2031-03-04", max: "2031-06-01" }, now), "2031-04-02");
  assert.equal(initialKeepUntil(null, { min: "2031-03-04", max: "2031-03-10" }, now), "2031-03-10");
});

test("a deletion within seven days is soon; further off, or unknown, is not", () => {
  const now = Date.UTC(2031, 2, 3, 9);
  assert.equal(deletionSoon("2031-03-10T09:00:00.000Z", now), true);
  assert.equal(deletionSoon("2031-03-06T00:00:00.000Z", now), true);
  assert.equal(deletionSoon("2031-03-10T09:00:00.001Z", now), false);
  assert.equal(deletionSoon(null, now), false);
});
