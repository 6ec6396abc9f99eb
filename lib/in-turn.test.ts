import assert from "node:assert/strict";
import { test } from "node:test";
import { perKeyInTurn } from "./in-turn";

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test("tasks of one key run one at a time in the order given; other keys do not wait; a failure stops nobody", async () => {
  const inTurn = perKeyInTurn();
  const log: string[] = [];
  const task = (name: string, ms: number, fail = false) => async () => {
    log.push(`${name} start`);
    await tick(ms);
    log.push(`${name} end`);
    if (fail) throw new Error(name);
    return name;
  };
  const results = await Promise.allSettled([inTurn("a", task("a1", 30, true)), inTurn("a", task("a2", 1)), inTurn("b", task("b1", 5))]);
  assert.deepEqual(
    results.map((result) => result.status),
    ["rejected", "fulfilled", "fulfilled"],
  );
  assert.deepEqual(log, ["a1 start", "b1 start", "b1 end", "a1 end", "a2 start", "a2 end"]);
});
