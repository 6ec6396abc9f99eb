import assert from "node:assert/strict";
import { test } from "node:test";
import { ownValue } from "./own";

test("a record's own value, never an inherited one", () => {
  const counts: Record<string, number> = { a: 3 };
  assert.equal(ownValue(counts, "a"), 3);
  for (const key of ["constructor", "__proto__", "toString", "hasOwnProperty", "b"]) assert.equal(ownValue(counts, key), undefined, key);
  assert.equal(ownValue(JSON.parse('{"__proto__": 2}') as Record<string, number>, "__proto__"), 2);
  assert.equal(ownValue(undefined, "a"), undefined);
  assert.equal(ownValue(null, "a"), undefined);
});
