import assert from "node:assert/strict";
import { test } from "node:test";
import { asciiFileStem, attachmentHeader } from "./filename";

test("a board's title becomes an ASCII file name a Nordic reader still recognises", () => {
  assert.equal(asciiFileStem("Arbetsmöte 1 – Prioritering"), "Arbetsmote-1-Prioritering");
  assert.equal(asciiFileStem("Oss og vårt: Ørsta sykehjem"), "Oss-og-vart-Orsta-sykehjem");
  assert.equal(asciiFileStem("Työpaja äiti"), "Tyopaja-aiti");
  assert.equal(asciiFileStem('"; rm -rf /'), "rm-rf");
  assert.equal(asciiFileStem("   "), "samla-board");
});

test("the header quotes only safe characters and carries the real title as filename*", () => {
  const header = attachmentHeader('Möte "A"\r\nX-Evil: 1', "csv");
  assert.equal(header, `attachment; filename="Mote-A-X-Evil-1.csv"; filename*=UTF-8''M%C3%B6te%20-A---X-Evil-%201.csv`);
  assert.doesNotMatch(header, /[\r\n]/);
});
