import assert from "node:assert/strict";
import { test } from "node:test";
import { safeReturnTo } from "./return-to";

test("a path on this site is kept", () => {
  assert.equal(safeReturnTo("/"), "/");
  assert.equal(safeReturnTo("/b/abcdEFGH1234/screen?x=1"), "/b/abcdEFGH1234/screen?x=1");
});

test("anything that leaves the site, or is no path, goes home instead", () => {
  for (const bad of [null, "", "b/x", "//evil.example/", "/\\evil.example", "https://evil.example/", "javascript:alert(1)", "/\nx", `/${"a".repeat(600)}`]) {
    assert.equal(safeReturnTo(bad), "/", String(bad));
  }
});
