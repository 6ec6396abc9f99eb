/**
 * The single edit that turns `before` into `after` (common prefix and suffix kept). A textarea
 * reports whole values; the shared Y.Text needs the edit, so concurrent typists both keep theirs.
 */
export interface TextChange {
  index: number;
  deleteCount: number;
  insert: string;
}

export function textChange(before: string, after: string, cursorHint = after.length): TextChange | null {
  if (before === after) return null;
  const maxPrefix = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < maxPrefix && before[prefix] === after[prefix]) prefix++;
  // Where typing repeats a character ("aa" -> "aaa"), let the cursor decide where the edit was.
  prefix = Math.min(prefix, Math.max(0, cursorHint - Math.max(0, after.length - before.length)));
  let suffix = 0;
  const maxSuffix = Math.min(before.length, after.length) - prefix;
  while (suffix < maxSuffix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  return {
    index: prefix,
    deleteCount: before.length - prefix - suffix,
    insert: after.slice(prefix, after.length - suffix),
  };
}

/** Moves a caret position through a remote Y.Text delta so the local caret stays on its word. */
export function shiftPosition(position: number, delta: ReadonlyArray<{ retain?: number; insert?: unknown; delete?: number }>): number {
  let index = 0;
  let result = position;
  for (const op of delta) {
    if (op.retain !== undefined) index += op.retain;
    else if (typeof op.insert === "string") {
      if (index <= result) result += op.insert.length;
      index += op.insert.length;
    } else if (op.delete !== undefined) {
      if (index < result) result -= Math.min(op.delete, result - index);
    }
    if (index > result) break;
  }
  return result;
}
