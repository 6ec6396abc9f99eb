import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { charactersLeft, cleanNoteText, isEmptyNote, MAX_NOTE_CHARS, noteLength, noteTextProblem } from "./note-text";
import { MAX_PHONE_NOTE_CHARS } from "./api/limits";

describe("the note rules shared by the board and phones", () => {
  test("a note holds 1 to 500 characters, on the board and on phones alike", () => {
    assert.equal(MAX_NOTE_CHARS, 500);
    assert.equal(MAX_NOTE_CHARS, MAX_PHONE_NOTE_CHARS);
    assert.equal(noteTextProblem("x"), null);
    assert.equal(noteTextProblem("x".repeat(500)), null);
    assert.equal(noteTextProblem("x".repeat(501)), "too_long");
    assert.equal(noteTextProblem("x".repeat(600)), "too_long");
  });

  test("a note of only spaces and line breaks is empty, and discarded", () => {
    assert.equal(noteTextProblem(""), "empty");
    assert.equal(isEmptyNote(" \n\t \r\n"), true);
    assert.equal(isEmptyNote(" a "), false);
  });

  test("an emoji counts as one character, as the server counts", () => {
    assert.equal(noteLength("😀😀"), 2);
    assert.equal(noteTextProblem("😀".repeat(500)), null);
  });

  test("pasted text is cleaned the way the server accepts it", () => {
    assert.equal(cleanNoteText("  a\tb\r\nc\u0007\u2028d  "), "a b\nc\nd");
  });

  test("the counter shows only near the limit, and how far over", () => {
    assert.deepEqual(charactersLeft("x".repeat(100)), { left: 400, show: false });
    assert.deepEqual(charactersLeft("x".repeat(420)), { left: 80, show: true });
    assert.deepEqual(charactersLeft("x".repeat(510)), { left: -10, show: true });
  });
});
