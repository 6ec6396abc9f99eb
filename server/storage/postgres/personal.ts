import type pg from "pg";
import type { PersonalNoteStorage } from "../types";

// TO BE PORTED from server/storage/sqlite-personal.ts
export function pgPersonalNotes(pool: pg.Pool): PersonalNoteStorage {
  void pool;
  return new Proxy({}, { get: (_, name) => () => Promise.reject(new Error(`pgPersonalNotes.${String(name)} is not ported yet`)) }) as PersonalNoteStorage;
}
