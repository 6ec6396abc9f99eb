import assert from "node:assert/strict";
import Database from "better-sqlite3";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { openSqliteStorage } from "./sqlite";

/** The boards and participants tables as databases made before links could be renewed have them. */
function oldDatabase(file: string): void {
  const db = new Database(file);
  db.exec(`
    CREATE TABLE boards (id TEXT PRIMARY KEY, title TEXT NOT NULL, created_at INTEGER NOT NULL, token_salt TEXT NOT NULL);
    CREATE TABLE participants (board_id TEXT NOT NULL REFERENCES boards(id), id TEXT NOT NULL, name TEXT NOT NULL, created_at INTEGER NOT NULL, PRIMARY KEY (board_id, id));
    INSERT INTO boards VALUES ('oldboard1', 'Gammal tavla', 1700000000000, 'old-salt');
    INSERT INTO participants VALUES ('oldboard1', 'phone-0001', 'Anna', 1700000000001);
  `);
  db.close();
}

test("an older database opens: its boards have no link salts, its participants count as joined with the code", async () => {
  const file = join(mkdtempSync(join(tmpdir(), "samla-links-")), "samla.sqlite");
  oldDatabase(file);
  const storage = openSqliteStorage(file);
  try {
    const opened = Date.now();
    const { lastActiveAt, ...rest } = (await storage.getBoard("oldboard1"))!;
    assert.deepEqual(rest, { id: "oldboard1", title: "Gammal tavla", createdAt: 1700000000000, retentionDays: null, keepUntil: null, kit: null, tokenSalt: "old-salt" });
    assert.ok(lastActiveAt! >= opened - 60_000, "a board from before retention counts as used when the new server starts: none is deleted at once");
    assert.deepEqual(await storage.getParticipant("oldboard1", "phone-0001"), { boardId: "oldboard1", id: "phone-0001", name: "Anna", createdAt: 1700000000001, via: "code" });
  } finally {
    await storage.close();
  }
});

test("link salts are stored per kind and survive a reopen; participants keep how they came; removal deletes the row only", async () => {
  const file = join(mkdtempSync(join(tmpdir(), "samla-links-")), "samla.sqlite");
  const first = openSqliteStorage(file);
  try {
    await first.createBoard({ id: "newboard1", title: "Ny", createdAt: 1, tokenSalt: "salt" });
    await first.setLinkSalt("newboard1", "member", "member-salt-1");
    await first.setLinkSalt("newboard1", "projector", "projector-salt-1");
    await first.setLinkSalt("newboard1", "member", "member-salt-2");
    await first.addParticipant({ boardId: "newboard1", id: "made-by-member", name: "", createdAt: 2, via: "member" });
    await first.addParticipant({ boardId: "newboard1", id: "joined-by-code", name: "Bo", createdAt: 3, via: "code" });
    await first.addParticipantNote({ boardId: "newboard1", id: "n1", participantId: "joined-by-code", idempotencyKey: "k-000001", text: "t", color: "#fff176", held: true, author: null, createdAt: 4 });
    await first.setDots("newboard1", "vote1", "joined-by-code", "n1", 2);
    await first.setDots("newboard1", "vote1", "made-by-member", "n1", 1);
  } finally {
    await first.close();
  }
  const second = openSqliteStorage(file);
  try {
    assert.deepEqual((await second.getBoard("newboard1"))?.linkSalts, { member: "member-salt-2", projector: "projector-salt-1" });
    assert.deepEqual(
      (await second.listParticipants("newboard1")).map((p) => [p.id, p.via]),
      [
        ["made-by-member", "member"],
        ["joined-by-code", "code"],
      ],
    );
    assert.deepEqual(await second.countNotesByParticipant("newboard1"), new Map([["joined-by-code", 1]]));
    assert.notEqual(await second.eraseParticipant("newboard1", "joined-by-code", "anonymize"), null);
    assert.equal(await second.eraseParticipant("newboard1", "joined-by-code", "anonymize"), null);
    assert.equal(await second.getParticipant("newboard1", "joined-by-code"), null);
    assert.equal((await second.listHeldNotes("newboard1")).length, 1, "their held note stays");
    assert.deepEqual(await second.tally("newboard1", "vote1"), { n1: 1 });
  } finally {
    await second.close();
  }
});
