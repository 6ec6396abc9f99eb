import type pg from "pg";
import type { SeriesStorage } from "../types";

// TO BE PORTED from server/storage/sqlite-series.ts
export function pgSeries(pool: pg.Pool): SeriesStorage {
  void pool;
  return new Proxy({}, { get: (_, name) => () => Promise.reject(new Error(`pgSeries.${String(name)} is not ported yet`)) }) as SeriesStorage;
}
