import assert from "node:assert/strict";
import type { IncomingMessage } from "node:http";
import { test } from "node:test";
import { openSqliteStorage } from "../storage/sqlite";
import { AccountSessions, SESSION_IDLE_MS, SESSION_MAX_MS, USER_COOKIE } from "./sessions";

const request = (token: string) => ({ headers: { cookie: `${USER_COOKIE}=${token}` } }) as IncomingMessage;

async function setup() {
  const storage = openSqliteStorage(":memory:");
  let now = 1_000_000;
  const sessions = new AccountSessions(storage, () => now);
  const user = await storage.upsertUser({ subject: "sub-1", name: "Alice", email: "alice@example.org", at: now });
  return { storage, sessions, user, later: (ms: number) => (now += ms) };
}

test("a session ends after 12 hours unused, and every use moves that on", async () => {
  const { sessions, user, later } = await setup();
  const token = await sessions.start(user.id);
  later(SESSION_IDLE_MS - 60_000);
  assert.equal((await sessions.userOf(request(token)))?.id, user.id, "used just in time");
  later(SESSION_IDLE_MS - 60_000);
  assert.equal((await sessions.userOf(request(token)))?.id, user.id, "counted from the last use");
  later(SESSION_IDLE_MS + 1);
  assert.equal(await sessions.userOf(request(token)), null);
});

test("a session ends 30 days after sign-in, however much it is used", async () => {
  const { sessions, user, later } = await setup();
  const token = await sessions.start(user.id);
  for (let used = 0; used < SESSION_MAX_MS; used += SESSION_IDLE_MS / 2) {
    assert.equal((await sessions.userOf(request(token)))?.id, user.id);
    later(SESSION_IDLE_MS / 2);
  }
  later(1);
  assert.equal(await sessions.userOf(request(token)), null);
});

test("the sweep deletes lapsed sessions; unknown and signed-out cookies sign nobody in", async () => {
  const { storage, sessions, user, later } = await setup();
  const kept = await sessions.start(user.id);
  const lapsed = await sessions.start(user.id);
  later(SESSION_IDLE_MS / 2);
  await sessions.userOf(request(kept));
  later(SESSION_IDLE_MS / 2 + 1);
  assert.equal(await sessions.sweep(), 1);
  assert.equal((await sessions.userOf(request(kept)))?.id, user.id);
  assert.equal(await sessions.userOf(request(lapsed)), null);
  assert.equal(await sessions.userOf(request("made-up")), null);
  await sessions.end(request(kept));
  assert.equal(await sessions.userOf(request(kept)), null);
  await storage.close();
});
