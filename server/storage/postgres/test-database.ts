import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";

/**
 * The PostgreSQL that tests run against: the machine's own (127.0.0.1:5432, trust auth) unless
 * SAMLA_TEST_POSTGRES_URL names another. Tests that need it fail, never skip, when it is unreachable.
 */
export const TEST_POSTGRES_URL = process.env.SAMLA_TEST_POSTGRES_URL || "postgres://postgres@127.0.0.1:5432/postgres";

/** A database of its own for one test (or one server), dropped by `drop`. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `samla_test_${randomBytes(6).toString("hex")}`;
  await onAdmin((admin) => admin.query(`CREATE DATABASE ${name}`));
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => onAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

async function onAdmin<T>(work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 5000 });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`PostgreSQL at ${TEST_POSTGRES_URL} is unreachable (${(error as Error).message}); the PostgreSQL tests need it`);
  }
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/**
 * The database that stands for a data directory when the integration tests run on PostgreSQL
 * (`SAMLA_TEST_STORE=postgres`): made once, so a server restarted on the same directory finds its boards.
 */
export async function testDatabaseFor(dataDir: string): Promise<string> {
  const file = join(dataDir, "test-postgres-url");
  if (existsSync(file)) return readFileSync(file, "utf8");
  const { url } = await createTestDatabase();
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, url);
  return url;
}

/** Drops every database the tests made (before and after a run: a killed run leaves some). */
export async function dropTestDatabases(): Promise<number> {
  return onAdmin(async (admin) => {
    const names = (await admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'samla\\_test\\_%'")).rows;
    for (const { datname } of names) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    return names.length;
  });
}
