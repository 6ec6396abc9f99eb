import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { Konva } from "./konva";

const here = import.meta.dirname;

/** Every name a canvas component takes from ./konva (the board's Konva). */
function namesDrawnWith(): Set<string> {
  const names = new Set<string>();
  for (const file of readdirSync(here).filter((f) => f.endsWith(".tsx"))) {
    const source = readFileSync(join(here, file), "utf8");
    for (const [, list] of source.matchAll(/import \{([^}]*)\} from "\.\/konva";/g)) {
      for (const name of list.split(",")) names.add(name.trim().split(/\s+as\s+/)[0]);
    }
  }
  names.delete("Konva");
  return names;
}

test("every shape the board draws has its Konva class loaded, or react-konva would draw an empty group in its place", () => {
  const names = namesDrawnWith();
  assert.ok(names.has("Text") && names.has("Rect"), `the canvas's imports were not found: ${[...names].join(", ")}`);
  const registry = Konva as unknown as Record<string, unknown>;
  for (const name of names) assert.equal(typeof registry[name], "function", `Konva.${name} is not loaded: import "konva/lib/shapes/${name}" in components/canvas/konva.ts`);
});

test("no canvas component loads the whole of Konva or react-konva", () => {
  for (const file of readdirSync(here).filter((f) => /\.tsx?$/.test(f) && f !== "konva.ts" && !f.endsWith(".test.ts"))) {
    const source = readFileSync(join(here, file), "utf8");
    assert.doesNotMatch(source, /^import (?!type )[^;]*from "(konva|react-konva)";/m, `${file} imports all of Konva`);
  }
});
