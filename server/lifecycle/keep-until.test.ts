import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { dayOf, keepUntilProblem, startOfDay } from "./keep-until";

const NOW = Date.UTC(2031, 2, 3, 22, 30); // late on 3 March 2031, UTC

describe("keepUntilProblem", () => {
  test("tomorrow up to the maximum days from today are fine", () => {
    assert.equal(keepUntilProblem("2031-03-04", NOW, 90), null);
    assert.equal(keepUntilProblem("2031-06-01", NOW, 90), null, "3 March + 90 days");
  });

  test("a day past the maximum is too long", () => {
    assert.equal(keepUntilProblem("2031-06-02", NOW, 90), "retention_too_long");
  });

  test("today and earlier are refused: the board would go at the next sweep", () => {
    assert.equal(keepUntilProblem("2031-03-03", NOW, 90), "invalid_date");
    assert.equal(keepUntilProblem("2030-12-24", NOW, 90), "invalid_date");
  });

  test("anything but a real YYYY-MM-DD date is refused", () => {
    for (const date of ["2031-02-30", "2031-3-10", "10/03/2031", "2031-03-10T00:00:00Z", "", "i morgon"]) {
      assert.equal(keepUntilProblem(date, NOW, 90), "invalid_date", date);
    }
  });
});

test("a date starts at midnight UTC, and an instant has its UTC date", () => {
  assert.equal(new Date(startOfDay("2031-03-10")).toISOString(), "2031-03-10T00:00:00.000Z");
  assert.equal(dayOf(NOW), "2031-03-03");
});
