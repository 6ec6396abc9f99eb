import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { createNote } from "../../lib/board/actions";
import { notesOf } from "../../lib/schema/board";
import { openSqliteStorage } from "../../server/storage/sqlite";
import { connectClient, createBoard, spawnServer, storedBoard, tempDir, waitForDoc, whenSynced } from "./helpers";

/** `npm run backup -- DEST` as an operator runs it: its own process, the server's DATA_DIR. */
function runBackup(dataDir: string, destination: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "server/storage/backup-cli.ts", destination], {
      env: { ...process.env, DATA_DIR: dataDir },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.once("exit", (code) => resolve({ code, out }));
  });
}

const mode = (path: string) => statSync(path).mode & 0o777;

test("a backup is made while the server runs and people write: it opens with every note written before it, holds no secret, and only the server's user can read it", async (t) => {
  const dataDir = join(tempDir(), "data");
  const server = await spawnServer(dataDir);
  t.after(() => server.kill());
  assert.equal(mode(dataDir), 0o700, "DATA_DIR: only the server's user may enter");
  assert.equal(mode(join(dataDir, "samla.sqlite")), 0o600, "the database: only the server's user may read");

  const board = await createBoard(server.http);
  const member = connectClient(server.ws, board.id, board.memberToken);
  const facilitator = connectClient(server.ws, board.id, board.facilitatorToken);
  t.after(() => [member, facilitator].forEach((c) => c.destroy()));
  await Promise.all([whenSynced(member.provider), whenSynced(facilitator.provider)]);
  for (let i = 0; i < 50; i++) createNote(member.doc, { id: `before-${i}`, x: i * 10, y: 0, text: `Före säkerhetskopian ${i}`, now: i }, "page");
  await waitForDoc(facilitator.doc, () => notesOf(facilitator.doc).has("before-49"));

  // People go on writing while the copy is made.
  let writing = true;
  const writer = (async () => {
    for (let i = 0; writing; i++) {
      createNote(member.doc, { id: `during-${i}`, x: i, y: 500, text: `Under ${i}`, now: i }, "page");
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  const backupDir = tempDir();
  const destination = join(backupDir, "nested", "samla-backup.sqlite");
  const done = await runBackup(dataDir, destination);
  writing = false;
  await writer;
  assert.equal(done.code, 0, done.out);
  assert.match(done.out, /secret\.key is not in it/);

  assert.equal(mode(destination), 0o600);
  assert.deepEqual(readdirSync(join(backupDir, "nested")), ["samla-backup.sqlite"], "the database alone: no secret, no log beside it");
  const copy = openSqliteStorage(destination);
  const restored = await storedBoard(copy, board.id).finally(() => copy.close());
  const notes = notesOf(restored.doc);
  for (let i = 0; i < 50; i++) assert.ok(notes.has(`before-${i}`), `before-${i} is in the backup`);

  // The server never noticed: it goes on syncing.
  createNote(member.doc, { id: "after", x: 0, y: 900, text: "Efter", now: 1 }, "page");
  await waitForDoc(facilitator.doc, () => notesOf(facilitator.doc).has("after"));

  // A backup never overwrites a file.
  const again = await runBackup(dataDir, destination);
  assert.notEqual(again.code, 0);
  assert.match(again.out, /exists already/);
  assert.ok(existsSync(destination));
});
