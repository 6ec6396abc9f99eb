import assert from "node:assert/strict";
import { test } from "node:test";
import { DepartedIds } from "./departed-ids";

test("a departed id stays with its writer for a while, then is free", () => {
  let now = 0;
  const departed = new DepartedIds(10_000, 4, () => now);
  departed.add(7, "device:anna");
  now = 9_000;
  assert.equal(departed.ownerOf(7), "device:anna", "a reconnect within seconds finds it");
  now = 10_001;
  assert.equal(departed.ownerOf(7), undefined, "after the time it is nobody's");
  assert.equal(departed.size, 0);
});

test("a writer keeps only its latest ids: one that churns connections pushes out its own, nobody else's", () => {
  const departed = new DepartedIds(60_000, 4, () => 0);
  departed.add(1, "device:anna");
  for (let id = 100; id < 10_100; id++) departed.add(id, "link:viewer");
  assert.equal(departed.ownerOf(1), "device:anna");
  assert.equal(departed.size, 5, "Anna's id and the script's last four");
  assert.deepEqual([10_096, 10_097, 10_098, 10_099].map((id) => departed.ownerOf(id)), Array(4).fill("link:viewer"));
});

test("old ids are cleared as new ones arrive, so memory follows the last minutes only", () => {
  let now = 0;
  const departed = new DepartedIds(1_000, 4, () => now);
  for (let writer = 0; writer < 1_000; writer++) {
    now += 10;
    departed.add(writer, `device:${writer}`);
  }
  assert.ok(departed.size <= 101, `${departed.size} kept`);
});
