import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/**
 * What a server's DATA_DIR holds, byte for byte: for tests that prove something deleted or erased
 * is in no file (the database, its log, anything beside them).
 */

/** Every file under `dir`, read now. */
export function filesUnder(dir: string): Array<{ name: string; bytes: Buffer }> {
  const files: Array<{ name: string; bytes: Buffer }> = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) files.push(...filesUnder(path).map((f) => ({ ...f, name: join(entry, f.name) })));
    else files.push({ name: relative(dir, path), bytes: readFileSync(path) });
  }
  return files;
}

/** Where any of `needles` occurs, as UTF-8, in any file under `dir`: "file @ offset: needle". */
export function tracesIn(dir: string, needles: readonly string[]): string[] {
  const found: string[] = [];
  for (const file of filesUnder(dir)) {
    for (const needle of needles) {
      const pattern = Buffer.from(needle, "utf8");
      for (let at = file.bytes.indexOf(pattern); at >= 0; at = file.bytes.indexOf(pattern, at + 1)) found.push(`${file.name} @ ${at}: ${needle}`);
    }
  }
  return found;
}

/** The needles no file under `dir` holds. */
export function missingFrom(dir: string, needles: readonly string[]): string[] {
  const files = filesUnder(dir);
  return needles.filter((needle) => !files.some((file) => file.bytes.includes(Buffer.from(needle, "utf8"))));
}

export function expectNoTraces(dir: string, needles: readonly string[], what: string): void {
  const found = tracesIn(dir, needles);
  assert.deepEqual(found, [], `${what}: ${found.length} trace(s) left in ${dir}:\n${found.join("\n")}`);
}
