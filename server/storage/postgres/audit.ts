import type pg from "pg";
import type { AuditStorage } from "../types";

// TO BE PORTED from server/storage/sqlite-audit.ts
export function pgAudit(pool: pg.Pool): AuditStorage {
  void pool;
  return new Proxy({}, { get: (_, name) => () => Promise.reject(new Error(`pgAudit.${String(name)} is not ported yet`)) }) as AuditStorage;
}
