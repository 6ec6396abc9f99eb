import assert from "node:assert/strict";
import { test } from "node:test";
import { fitNoteFontSize, linesNeeded, NOTE_FONT } from "./note-fit";

// A monospaced stand-in for the browser's font: every character 0.55 em wide.
const measure = (text: string, fontSize: number) => text.length * 0.55 * fontSize;
const NOTE_BOX = { width: 136, height: 136 };

test("a short note is written large, a long one smaller", () => {
  const short = fitNoteFontSize("Fika", NOTE_BOX, measure);
  const long = fitNoteFontSize("Vi behöver mer tid för varje boende på morgonen innan frukost serveras", NOTE_BOX, measure);
  assert.equal(short, NOTE_FONT.max);
  assert.ok(long < short, `${long} < ${short}`);
  assert.ok(long >= NOTE_FONT.min);
});

test("the longest word fits on one line: välbefinnande is never broken", () => {
  const size = fitNoteFontSize("Boendes välbefinnande", NOTE_BOX, measure);
  assert.ok(measure("välbefinnande", size) <= NOTE_BOX.width, `välbefinnande at ${size} px fits ${NOTE_BOX.width}`);
  assert.notEqual(linesNeeded("Boendes välbefinnande", NOTE_BOX.width, size, measure), Infinity);
});

test("the chosen size is the largest that fits: one size up no longer does", () => {
  const text = "Tydligare morgonrutiner för alla på avdelningen";
  const size = fitNoteFontSize(text, NOTE_BOX, measure);
  const height = (s: number) => linesNeeded(text, NOTE_BOX.width, s, measure) * s * NOTE_FONT.lineHeight;
  assert.ok(height(size) <= NOTE_BOX.height);
  assert.ok(size === NOTE_FONT.max || height(size + 1) > NOTE_BOX.height);
});

test("a text too long for any size gets the minimum (the renderer ends it with an ellipsis)", () => {
  assert.equal(fitNoteFontSize("ord ".repeat(125), NOTE_BOX, measure), NOTE_FONT.min);
});

test("a word wider than the note at the minimum is written smaller, not broken: genomförandeplanen", () => {
  const text = "Uppdatera genomförandeplanen";
  assert.equal(linesNeeded(text, NOTE_BOX.width, NOTE_FONT.min, measure), Infinity, "the stand-in font breaks it at the minimum");
  const size = fitNoteFontSize(text, NOTE_BOX, measure);
  assert.ok(size < NOTE_FONT.min && size >= NOTE_FONT.longWordMin, `${size} px`);
  assert.ok(measure("genomförandeplanen", size) <= NOTE_BOX.width * 0.96, "the word fits whole");
  assert.equal(linesNeeded(text, NOTE_BOX.width, size + 1, measure), Infinity, "one size up it would break: the largest that fits");
});

test("only a word too long even at the long-word minimum is left to the renderer to break", () => {
  assert.equal(fitNoteFontSize("x".repeat(60), NOTE_BOX, measure), NOTE_FONT.longWordMin);
});

test("line breaks the writer typed count as lines", () => {
  assert.equal(linesNeeded("a\nb\nc", 100, 10, measure), 3);
  assert.equal(linesNeeded("", 100, 10, measure), 1);
});

test("a smaller box (a vote chip below the text) gives a smaller size", () => {
  const text = "Fler pauser under dagen";
  assert.ok(fitNoteFontSize(text, { width: 136, height: 80 }, measure) < fitNoteFontSize(text, NOTE_BOX, measure));
});
