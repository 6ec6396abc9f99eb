import type * as Y from "yjs";

/** How many updates `change` makes `doc` emit: a no-op must make none, a change one. */
export function countUpdates(doc: Y.Doc, change: () => void): number {
  let count = 0;
  const listener = () => count++;
  doc.on("update", listener);
  try {
    change();
  } finally {
    doc.off("update", listener);
  }
  return count;
}
