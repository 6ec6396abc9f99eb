import assert from "node:assert/strict";
import { test } from "node:test";
import { frameOf } from "./framed-send";

test("a message becomes one unmasked binary frame with the length RFC 6455 asks for", () => {
  const small = frameOf(Uint8Array.of(0, 2, 1, 7));
  assert.deepEqual([...small], [0x82, 4, 0, 2, 1, 7]);

  const medium = frameOf(new Uint8Array(300).fill(9));
  assert.deepEqual([...medium.subarray(0, 4)], [0x82, 126, 0x01, 0x2c]);
  assert.equal(medium.length, 4 + 300);

  const large = frameOf(new Uint8Array(70_000));
  assert.deepEqual([...large.subarray(0, 10)], [0x82, 127, 0, 0, 0, 0, 0, 0x01, 0x11, 0x70]);
  assert.equal(large.length, 10 + 70_000);
});

test("a message relayed to many peers is framed once; a view into a larger buffer frames only its own bytes", () => {
  const message = Uint8Array.of(0, 2, 5);
  assert.equal(frameOf(message), frameOf(message));
  const backing = Uint8Array.of(99, 99, 0, 2, 5, 99);
  assert.deepEqual([...frameOf(backing.subarray(2, 5))], [0x82, 3, 0, 2, 5]);
});
