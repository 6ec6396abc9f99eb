import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import pg from "pg";

/**
 * What a server's store holds, byte for byte: for tests that prove something deleted or erased is
 * in no file (the SQLite database, its log, anything beside them under DATA_DIR). When the tests
 * run on PostgreSQL (test/integration/helpers.ts openTestStorage), the data directory's database
 * is read too, every row of every table, as one "file" per table: PostgreSQL's own files are the
 * database server's, and what a vacuum has not yet reused there is docs/privacy.md's to explain.
 */

/** Every file under `dir`, read now, and with PostgreSQL every table's rows. */
export async function filesUnder(dir: string): Promise<Array<{ name: string; bytes: Buffer }>> {
  const files: Array<{ name: string; bytes: Buffer }> = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) files.push(...(await filesUnder(path)).map((f) => ({ ...f, name: join(entry, f.name) })));
    else files.push({ name: relative(dir, path), bytes: readFileSync(path) });
  }
  const database = join(dir, "test-postgres-url");
  if (existsSync(database)) files.push(...(await tablesOf(readFileSync(database, "utf8"))));
  return files;
}

/** Each table of the database as the bytes of all its values: text as UTF-8, binary as it is. */
async function tablesOf(url: string): Promise<Array<{ name: string; bytes: Buffer }>> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    const tables = await client.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
    const files: Array<{ name: string; bytes: Buffer }> = [];
    for (const { table_name } of tables.rows) {
      const rows = await client.query(`SELECT * FROM "${table_name}"`);
      const values = rows.rows.flatMap((row: Record<string, unknown>) => Object.values(row).map((value) => (Buffer.isBuffer(value) ? value : Buffer.from(String(value), "utf8"))));
      files.push({ name: `postgres:${table_name}`, bytes: Buffer.concat(values) });
    }
    return files;
  } finally {
    await client.end();
  }
}

/** Where any of `needles` occurs, as UTF-8, in any file under `dir`: "file @ offset: needle". */
export async function tracesIn(dir: string, needles: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const file of await filesUnder(dir)) {
    for (const needle of needles) {
      const pattern = Buffer.from(needle, "utf8");
      for (let at = file.bytes.indexOf(pattern); at >= 0; at = file.bytes.indexOf(pattern, at + 1)) found.push(`${file.name} @ ${at}: ${needle}`);
    }
  }
  return found;
}

/** The needles no file under `dir` holds. */
export async function missingFrom(dir: string, needles: readonly string[]): Promise<string[]> {
  const files = await filesUnder(dir);
  return needles.filter((needle) => !files.some((file) => file.bytes.includes(Buffer.from(needle, "utf8"))));
}

export async function expectNoTraces(dir: string, needles: readonly string[], what: string): Promise<void> {
  const found = await tracesIn(dir, needles);
  assert.deepEqual(found, [], `${what}: ${found.length} trace(s) left in ${dir}:\n${found.join("\n")}`);
}
