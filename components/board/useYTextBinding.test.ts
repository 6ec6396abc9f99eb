import assert from "node:assert/strict";
import { test } from "node:test";
import { clipAtCaret } from "./useYTextBinding";

/** What clipAtCaret reads and writes of a textarea. */
function area(value: string, caret: number) {
  const field = { value, selectionEnd: caret, selectionStart: caret, setSelectionRange: (s: number, e: number) => Object.assign(field, { selectionStart: s, selectionEnd: e }) };
  return field;
}

test("a paste past the limit keeps what fits, up to the caret, and the text after it", () => {
  const field = area("ab" + "x".repeat(10) + "cd", 12);
  clipAtCaret(field as unknown as HTMLTextAreaElement, 8, "abcd");
  assert.equal(field.value, "abxxxxcd");
  assert.equal(field.selectionEnd, 6);
});

test("emoji count one each: eight fit in a limit of eight", () => {
  const field = area("🙂".repeat(10), 20);
  clipAtCaret(field as unknown as HTMLTextAreaElement, 8, "");
  assert.equal([...field.value].length, 8);
  assert.equal(field.value, "🙂".repeat(8));
});

test("a note already over the limit (imported, or two typing at once) loses only the letter just typed", () => {
  const long = "y".repeat(12);
  const field = area("y".repeat(6) + "z" + "y".repeat(6), 7);
  clipAtCaret(field as unknown as HTMLTextAreaElement, 8, long);
  assert.equal(field.value, long);
  const erased = area("y".repeat(11), 5);
  clipAtCaret(erased as unknown as HTMLTextAreaElement, 8, long);
  assert.equal(erased.value, "y".repeat(11), "a deletion is never cut");
});
