import type pg from "pg";
import type { ParticipationStorage } from "../types";

// TO BE PORTED from server/storage/sqlite-participation.ts
export function pgParticipation(pool: pg.Pool): ParticipationStorage {
  void pool;
  return new Proxy({}, { get: (_, name) => () => Promise.reject(new Error(`pgParticipation.${String(name)} is not ported yet`)) }) as ParticipationStorage;
}
