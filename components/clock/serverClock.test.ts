import assert from "node:assert/strict";
import { test } from "node:test";
import { bestOffset } from "./serverClock";

test("the offset comes from the sample with the shortest round trip, halfway through it", () => {
  const samples = [
    { sentAt: 1_000, receivedAt: 1_400, serverNow: 6_300 }, // slow: 400 ms there and back
    { sentAt: 2_000, receivedAt: 2_040, serverNow: 7_020 }, // fast: the server read its clock at local 2 020
    { sentAt: 3_000, receivedAt: 3_100, serverNow: 8_000 },
  ];
  assert.equal(bestOffset(samples), 5_000);
});

test("a device whose clock runs ahead gets a negative offset; no answers, no offset", () => {
  assert.equal(bestOffset([{ sentAt: 10_000, receivedAt: 10_010, serverNow: 4_005 }]), -6_000);
  assert.equal(bestOffset([]), null);
});
