import Database from "better-sqlite3";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { openSqliteStorage } from "./sqlite";

test("a database from before participant budgets gains the column; its codes keep working with the default budget", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "samla-upgrade-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, "samla.sqlite");
  // The join_codes table as it shipped before, with a board and its code in it.
  const old = new Database(file);
  old.exec(`
    CREATE TABLE boards (id TEXT PRIMARY KEY, title TEXT NOT NULL, created_at INTEGER NOT NULL, token_salt TEXT NOT NULL);
    CREATE TABLE join_codes (board_id TEXT PRIMARY KEY REFERENCES boards(id), code TEXT NOT NULL UNIQUE, open INTEGER NOT NULL);
    INSERT INTO boards VALUES ('boardAAAAAAAAAAA', 'Gammal', 1, 'salt');
    INSERT INTO join_codes VALUES ('boardAAAAAAAAAAA', 'K7PQ4M', 1);
  `);
  old.close();

  const storage = openSqliteStorage(file);
  try {
    assert.deepEqual(await storage.findJoinCode("K7PQ4M"), { boardId: "boardAAAAAAAAAAA", code: "K7PQ4M", open: true, participantBudget: null });
    await storage.setJoinCode({ boardId: "boardAAAAAAAAAAA", code: "K7PQ4M", open: true, participantBudget: 650 });
    assert.equal((await storage.getJoinCode("boardAAAAAAAAAAA"))?.participantBudget, 650);
  } finally {
    await storage.close();
  }
  // Opening it again upgrades nothing twice and keeps the budget.
  const reopened = openSqliteStorage(file);
  try {
    assert.equal((await reopened.getJoinCode("boardAAAAAAAAAAA"))?.participantBudget, 650);
  } finally {
    await reopened.close();
  }
});
