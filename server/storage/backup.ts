import Database from "better-sqlite3";
import { chmodSync, existsSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";

const ALL_PAGES = 0x7fffffff;

/**
 * A consistent copy of a live database, made with SQLite's online backup API while the server
 * goes on writing (WAL: readers never block the writer). The copy is the database only: the
 * server's secret stays behind, so a backup alone opens no board. Mode 0600, like the original.
 */
export async function backupDatabase(source: string, destination: string): Promise<{ pages: number }> {
  if (!existsSync(source)) throw new Error(`no database at ${source}`);
  const target = resolve(destination);
  if (existsSync(target)) throw new Error(`${target} exists already: choose a new file`);
  mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
  const db = new Database(source, { readonly: true, fileMustExist: true });
  // Created 0600 from its first byte: a copy interrupted half-way is no more readable than the rest.
  const umask = process.umask(0o077);
  try {
    // All pages in one step, inside one read transaction: copied in steps, a backup restarts
    // whenever the server writes in between, and on a busy server it would never finish.
    const { totalPages } = await db.backup(target, { progress: () => ALL_PAGES });
    chmodSync(target, 0o600);
    return { pages: totalPages };
  } finally {
    process.umask(umask);
    db.close();
  }
}
