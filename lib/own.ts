/**
 * A record's own value for a key, never one it inherits: records keyed by ids a client chose (note
 * and frame ids) must not answer `Object` for "constructor" or `Object.prototype` for "__proto__".
 */
export function ownValue<T>(record: Readonly<Record<string, T>> | null | undefined, key: string): T | undefined {
  return record != null && Object.hasOwn(record, key) ? record[key] : undefined;
}
