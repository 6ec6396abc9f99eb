import assert from "node:assert/strict";
import { test } from "node:test";
import { zodWithoutEval } from "./zodWithoutEval";

test("Zod reads the setting: set before Zod loads, it is Zod's own config (pins the global's name)", async () => {
  zodWithoutEval();
  const { config } = await import("zod");
  assert.equal(config().jitless, true);
  assert.equal(config(), (globalThis as { __zod_globalConfig?: object }).__zod_globalConfig);
});
