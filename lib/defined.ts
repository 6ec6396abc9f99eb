/**
 * The fields that have a value: what optional fields look like in a JSON answer, a Yjs map or a
 * zod check, where a key set to undefined would be a key too many.
 */
export function definedOnly<T extends object>(fields: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}
