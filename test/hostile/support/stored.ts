import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { testDatabaseFor } from "../../../server/storage/postgres/test-database";
import type { Storage } from "../../../server/storage/types";

/** Rows moved aside at load because they could not be applied: none may ever come from a client. */
export async function quarantinedRows(dataDir: string): Promise<number> {
  if (process.env.SAMLA_TEST_STORE === "postgres") {
    const client = new pg.Client(await testDatabaseFor(dataDir));
    await client.connect();
    try {
      return Number((await client.query<{ n: string }>("SELECT count(*) AS n FROM quarantined_updates")).rows[0].n);
    } finally {
      await client.end();
    }
  }
  const db = new Database(join(dataDir, "samla.sqlite"), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare("SELECT count(*) AS n FROM quarantined_updates").get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** The real storage, counting how often a board is loaded (each load reads every stored update). */
export function countingLoads(inner: Storage, counts: Map<string, number>): Storage {
  return new Proxy(inner, {
    get(target, property, receiver) {
      if (property === "loadDocument") {
        return (boardId: string, doc?: "board" | "session") => {
          counts.set(boardId, (counts.get(boardId) ?? 0) + 1);
          return target.loadDocument(boardId, doc);
        };
      }
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
