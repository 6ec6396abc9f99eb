import assert from "node:assert/strict";
import { test } from "node:test";
import type { AuditResponse } from "../../lib/api/schemas";
import { createBoard, startServer } from "./helpers";
import { boardWithPhones, call, writeNote } from "./participation-helpers";

test("the audit log records reveals, exports, renewed links, erased people and retention: when, which role, what kind, newest first, never a note's text or a person's name", async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const board = await createBoard(server.http);
  const as = (token: string) => ({ token });
  const name = `Audit-Namn-${Date.now()}`;
  const secret = `hemlig-audit-${Date.now()}`;
  const [phone] = await boardWithPhones(server.http, board, [name]);

  const audit = async () => (await call<AuditResponse>(server.http, "GET", `/api/boards/${board.id}/audit`, as(board.facilitatorToken))).body.entries;
  assert.deepEqual(await audit(), [], "a new board has done nothing yet");

  assert.equal((await call(server.http, "POST", `/api/boards/${board.id}/private-writing`, { ...as(board.facilitatorToken), body: { on: true } })).status, 200);
  await writeNote(server.http, board.id, phone.participantToken, secret);
  assert.equal((await call(server.http, "POST", `/api/boards/${board.id}/reveal`, { ...as(board.facilitatorToken), body: {} })).status, 200);
  // The usual way out: switching private writing off reveals what still waits.
  await writeNote(server.http, board.id, phone.participantToken, `${secret}-2`);
  await writeNote(server.http, board.id, phone.participantToken, `${secret}-3`);
  assert.equal((await call(server.http, "POST", `/api/boards/${board.id}/private-writing`, { ...as(board.facilitatorToken), body: { on: false } })).status, 200);
  assert.equal((await fetch(`${server.http}/api/boards/${board.id}/export.csv`, { headers: { Authorization: `Bearer ${board.memberToken}` } })).status, 200);
  assert.equal((await call(server.http, "POST", `/api/boards/${board.id}/links/viewer/renew`, as(board.facilitatorToken))).status, 200);
  assert.equal((await call(server.http, "DELETE", `/api/boards/${board.id}/participants/${phone.participantId}`, { ...as(board.facilitatorToken), body: { notes: "anonymize" } })).status, 204);
  assert.equal((await call(server.http, "PATCH", `/api/boards/${board.id}`, { ...as(board.facilitatorToken), body: { retentionDays: 30 } })).status, 200);

  const entries = await audit();
  assert.deepEqual(
    entries.map(({ role, action, detail }) => [role, action, detail]),
    [
      ["facilitator", "retention.change", "30"],
      ["facilitator", "participant.erase", "anonymize"],
      ["facilitator", "link.renew", "viewer"],
      ["member", "export", "csv"],
      ["facilitator", "reveal", "2"],
      ["facilitator", "reveal", "1"],
    ],
  );
  for (const entry of entries) assert.ok(Date.now() - Date.parse(entry.at) < 60_000, `${entry.action} has its time`);
  const everything = JSON.stringify(entries);
  assert.equal(everything.includes(secret), false, "no note text");
  assert.equal(everything.includes(name), false, "no person's name");

  // Only the facilitator reads it.
  assert.equal((await call(server.http, "GET", `/api/boards/${board.id}/audit`, as(board.memberToken))).status, 403);
});
