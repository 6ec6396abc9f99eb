import type pg from "pg";
import type { AccountStorage } from "../types";

// TO BE PORTED from server/storage/sqlite-accounts.ts
export function pgAccounts(pool: pg.Pool): AccountStorage {
  void pool;
  return new Proxy({}, { get: (_, name) => () => Promise.reject(new Error(`pgAccounts.${String(name)} is not ported yet`)) }) as AccountStorage;
}
