import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { test } from "node:test";
import { JoinKeys } from "./join-key";
import { TokenService } from "./tokens";

const secret = randomBytes(32);
const keys = new JoinKeys(secret);

test("a join key is 128 bits, base64url, the same every time for the same board and code", () => {
  const key = keys.keyFor("boardAAAAAAAAAAA", "K7PQ4M");
  assert.match(key, /^[A-Za-z0-9_-]{22}$/);
  assert.equal(Buffer.from(key, "base64url").length, 16);
  assert.equal(keys.keyFor("boardAAAAAAAAAAA", "K7PQ4M"), key);
  assert.equal(new JoinKeys(Buffer.from(secret)).keyFor("boardAAAAAAAAAAA", "K7PQ4M"), key, "derived, so a restart gives the same key");
});

test("another code, another board or another secret gives another key", () => {
  const key = keys.keyFor("boardAAAAAAAAAAA", "K7PQ4M");
  assert.notEqual(keys.keyFor("boardAAAAAAAAAAA", "K7PQ4N"), key);
  assert.notEqual(keys.keyFor("boardBBBBBBBBBBB", "K7PQ4M"), key);
  assert.notEqual(new JoinKeys(randomBytes(32)).keyFor("boardAAAAAAAAAAA", "K7PQ4M"), key);
});

test("matches only the key of this board and this code", () => {
  const key = keys.keyFor("boardAAAAAAAAAAA", "K7PQ4M");
  assert.equal(keys.matches("boardAAAAAAAAAAA", "K7PQ4M", key), true);
  assert.equal(keys.matches("boardAAAAAAAAAAA", "K7PQ4N", key), false, "a renewed code");
  assert.equal(keys.matches("boardBBBBBBBBBBB", "K7PQ4M", key), false);
  assert.equal(keys.matches("boardAAAAAAAAAAA", "K7PQ4M", key.slice(0, -1)), false);
  assert.equal(keys.matches("boardAAAAAAAAAAA", "K7PQ4M", ""), false);
});

test("no board token is a join key and no join key a board token", () => {
  const board = { id: "boardAAAAAAAAAAA", tokenSalt: "salt" };
  const tokens = new TokenService(secret);
  const key = keys.keyFor(board.id, "K7PQ4M");
  assert.equal(tokens.roleOf(board, key), null);
  for (const role of ["facilitator", "member", "viewer"] as const) assert.equal(keys.matches(board.id, "K7PQ4M", tokens.tokenFor(board, role)), false);
});

test("a short secret is refused", () => {
  assert.throws(() => new JoinKeys(randomBytes(16)));
});
