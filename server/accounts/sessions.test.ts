import assert from "node:assert/strict";
import type { IncomingMessage } from "node:http";
import { after, describe, test } from "node:test";
import { openPostgresStorage } from "../storage/postgres/postgres";
import { createTestDatabase } from "../storage/postgres/test-database";
import { openSqliteStorage } from "../storage/sqlite";
import type { Storage } from "../storage/types";
import { AccountSessions, SESSION_IDLE_MS, SESSION_MAX_MS, USER_COOKIE } from "./sessions";

const request = (token: string) => ({ headers: { cookie: `${USER_COOKIE}=${token}` } }) as IncomingMessage;

/** Each test on both stores (PostgreSQL: the machine's, failing, not skipping, without it). */
const STORES: Array<{ name: string; open(): Promise<Storage> }> = [
  {
    name: "SQLite",
    async open() {
      const storage = openSqliteStorage(":memory:");
      after(() => storage.close());
      return storage;
    },
  },
  {
    name: "PostgreSQL",
    async open() {
      const database = await createTestDatabase();
      const storage = await openPostgresStorage(database.url);
      after(async () => {
        await storage.close();
        await database.drop();
      });
      return storage;
    },
  },
];

for (const store of STORES) describe(`sign-in sessions on ${store.name}`, () => {
async function setup() {
  const storage = await store.open();
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
  const { sessions, user, later } = await setup();
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
});
});
