import assert from "node:assert/strict";
import { test } from "node:test";
import { LinkRenewals } from "./link-renewals";

test("a connection checked before a renewal is told so; one checked after, or on another link or board, is not", () => {
  let now = 1000;
  const renewals = new LinkRenewals(() => now);
  const checkedBefore = now;
  now = 1005;
  renewals.renewed("board-a", "member");
  assert.equal(renewals.renewedSince("board-a", "member", checkedBefore), true);
  assert.equal(renewals.renewedSince("board-a", "member", 1006), false);
  assert.equal(renewals.renewedSince("board-a", "viewer", checkedBefore), false);
  assert.equal(renewals.renewedSince("board-b", "member", checkedBefore), false);
  now = 1005 + 61_000;
  renewals.renewed("board-c", "viewer");
  assert.equal(renewals.renewedSince("board-a", "member", checkedBefore), false, "forgotten after a minute");
});

test("a signed-in facilitator's connection checked before they were taken off the board is told so; a colleague's, or one on another board, is not", () => {
  let now = 1000;
  const renewals = new LinkRenewals(() => now);
  const checkedBefore = now;
  now = 1010;
  renewals.removed("board-a", "bob");
  assert.equal(renewals.removedSince("board-a", "bob", checkedBefore), true);
  assert.equal(renewals.removedSince("board-a", "bob", 1011), false, "checked after: their new access was checked against the store");
  assert.equal(renewals.removedSince("board-a", "alice", checkedBefore), false);
  assert.equal(renewals.removedSince("board-b", "bob", checkedBefore), false);
  assert.equal(renewals.renewedSince("board-a", "facilitator", checkedBefore), false, "no link was renewed");
});
