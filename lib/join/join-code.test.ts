import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { formatJoinCode, JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, joinCodeInput, joinKeyOf, joinLinkPath, joinPath, normalizeJoinCode } from "./join-code";

describe("the join code alphabet", () => {
  test("has no look-alikes and no lower case", () => {
    for (const c of "0O1IL") assert.equal(JOIN_CODE_ALPHABET.includes(c), false, c);
    assert.equal(JOIN_CODE_ALPHABET, JOIN_CODE_ALPHABET.toUpperCase());
    assert.equal(new Set(JOIN_CODE_ALPHABET).size, JOIN_CODE_ALPHABET.length, "no character twice");
  });

  test("six characters give close to 900 million codes", () => {
    assert.equal(JOIN_CODE_LENGTH, 6);
    assert.ok(JOIN_CODE_ALPHABET.length ** JOIN_CODE_LENGTH > 800_000_000);
  });
});

describe("normalizeJoinCode", () => {
  test("accepts what people type: lower case, a space or a dash in the middle", () => {
    for (const typed of ["ABC234", "abc234", "abc 234", "ABC-234", " abc 234 ", "a b c 2 3 4", "aBc\t234"]) {
      assert.equal(normalizeJoinCode(typed), "ABC234", JSON.stringify(typed));
    }
  });

  test("refuses what cannot be a code", () => {
    for (const typed of ["", "ABC23", "ABC2345", "ABC 1O4", "abc_234", "ÅBC234", "ABC234!", "ABC.234"]) {
      assert.equal(normalizeJoinCode(typed), null, JSON.stringify(typed));
    }
  });

  test("every code made from the alphabet round-trips through its formatted form", () => {
    const code = JOIN_CODE_ALPHABET.slice(0, 6);
    assert.equal(normalizeJoinCode(formatJoinCode(code)), code);
    assert.equal(normalizeJoinCode(formatJoinCode(code).toLowerCase()), code);
  });
});

describe("formatJoinCode and joinPath", () => {
  test("splits the code in two halves", () => {
    assert.equal(formatJoinCode("ABC234"), "ABC 234");
  });

  test("the page a QR code points to", () => {
    assert.equal(joinPath("ABC234"), "/join/ABC234");
  });
});

describe("joinCodeInput", () => {
  test("parses to the canonical code", () => {
    assert.equal(joinCodeInput.parse("xyz-789"), "XYZ789");
  });

  test("refuses a non-code and anything longer than 32 characters", () => {
    assert.equal(joinCodeInput.safeParse("nope").success, false);
    assert.equal(joinCodeInput.safeParse(`ABC234${" ".repeat(30)}`).success, false);
    assert.equal(joinCodeInput.safeParse(123456).success, false);
  });
});

describe("joinLinkPath and joinKeyOf", () => {
  const key = "AbCdEfGhIjKlMnOpQr-_12";

  test("the QR link carries the key after #, and the join page reads it back", () => {
    const link = joinLinkPath("ABC234", key);
    assert.equal(link, `/join/ABC234#key=${key}`);
    assert.equal(joinKeyOf(new URL(link, "http://x").hash), key);
  });

  test("no key, or something that cannot be one, reads as null", () => {
    for (const hash of ["", "#", "#key=", "#key=short", "#token=AbCdEfGhIjKlMnOpQr-_12", `#key=${key}!`]) assert.equal(joinKeyOf(hash), null, hash);
    assert.equal(joinKeyOf(`#a=1&key=${key}`), key);
  });
});
