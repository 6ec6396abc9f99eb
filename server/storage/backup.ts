import Database from "better-sqlite3";
import { chmodSync, existsSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";

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
  try {
    const { totalPages } = await db.backup(target);
    chmodSync(target, 0o600);
    return { pages: totalPages };
  } finally {
    db.close();
  }
}
