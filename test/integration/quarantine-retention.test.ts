import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { test } from "node:test";
import { createBoard, startServer } from "./helpers";
import { boardWithPhones, call } from "./participation-helpers";
import { expectNoTraces, missingFrom } from "./data-files";
import { DAY_MS, QUARANTINE_DAYS } from "../../server/lifecycle/retention";

/**
 * Updates that failed to load are moved aside for inspection (docs/storage.md, "Quarantine"): they
 * may hold anyone's words, so they are not kept as long as the board, and an erasure takes them.
 */

/** Stores bytes that are no Yjs update, holding `marker`, and quarantines them as a load would. */
async function quarantineGarbage(server: Awaited<ReturnType<typeof startServer>>, boardId: string, marker: string) {
  const seqs = await server.storage.append(boardId, { board: new Uint8Array(Buffer.from(`\u00ff${marker}`, "utf8")) });
  await server.storage.quarantine(boardId, "board", seqs.board!, "test: not an update");
  await server.storage.purgeDeleted();
  assert.deepEqual(await missingFrom(server.dataDir, [marker]), [], "the quarantined bytes are on disk");
}

test("erasing a participant drops the board's quarantined updates: nobody can tell whose words they hold", async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const board = await createBoard(server.http);
  const [anna] = await boardWithPhones(server.http, board, ["Anna"]);
  const marker = `Karantan-${randomBytes(6).toString("hex")}`;
  await quarantineGarbage(server, board.id, marker);
  const erased = await call(server.http, "DELETE", `/api/boards/${board.id}/participants/${anna.participantId}`, { token: board.facilitatorToken, body: { notes: "remove" } });
  assert.equal(erased.status, 204);
  await expectNoTraces(server.dataDir, [marker], "a quarantined update after an erasure");
});

test(`the hourly sweep deletes updates quarantined more than ${QUARANTINE_DAYS} days ago, and keeps newer ones`, async (t) => {
  let now = Date.now();
  const server = await startServer({ now: () => now });
  t.after(() => server.close());
  const board = await createBoard(server.http);
  const marker = `Gammal-${randomBytes(6).toString("hex")}`;
  await quarantineGarbage(server, board.id, marker);
  now += (QUARANTINE_DAYS - 1) * DAY_MS;
  await server.sweepRetention();
  assert.deepEqual(await missingFrom(server.dataDir, [marker]), [], `kept after ${QUARANTINE_DAYS - 1} days`);
  now += 2 * DAY_MS;
  await server.sweepRetention();
  await server.storage.purgeDeleted();
  await expectNoTraces(server.dataDir, [marker], `an update quarantined ${QUARANTINE_DAYS + 1} days ago`);
  assert.ok(await server.storage.getBoard(board.id), "the board itself stays");
});
