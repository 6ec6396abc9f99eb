import assert from "node:assert/strict";
import { test } from "node:test";
import { findIdentityNumbers } from "../../lib/privacy/identity-numbers";
import { findIdentityNumbersSoon, mayHoldIdentityNumber } from "./identityCheck";

const NUMBERS = ["19121212-1212", "191212121212", "121212-1212", "121212+1212", "1212121212", "15083412361", "150834 12361", "131052-308T"];

test("every identity number the check finds has six digits in a row, so text without them skips the download", () => {
  for (const number of NUMBERS) {
    assert.equal(findIdentityNumbers(`Rum 4: ${number}`).length, 1, number);
    assert.ok(mayHoldIdentityNumber(`Rum 4: ${number}`), number);
  }
  for (const text of ["Fika kl 15 i personalrummet", "Ring 070-123 45 67", "Möte 2026-03-15 kl 14.30", "12345 steg"]) {
    assert.equal(mayHoldIdentityNumber(text), false, text);
  }
});

test("a note with a number is still checked, a note without one is answered without loading anything", async () => {
  assert.deepEqual(await findIdentityNumbersSoon("Fika kl 15"), []);
  assert.deepEqual((await findIdentityNumbersSoon("Pnr 19121212-1212")).map((m) => m.text), ["19121212-1212"]);
});
