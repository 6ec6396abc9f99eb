import type pg from "pg";
import type { HomeworkStorage } from "../types";

// TO BE PORTED from server/storage/sqlite-homework.ts
export function pgHomework(pool: pg.Pool): HomeworkStorage {
  void pool;
  return new Proxy({}, { get: (_, name) => () => Promise.reject(new Error(`pgHomework.${String(name)} is not ported yet`)) }) as HomeworkStorage;
}
