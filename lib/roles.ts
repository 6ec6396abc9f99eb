export const ROLES = ["facilitator", "member", "viewer"] as const;
export type Role = (typeof ROLES)[number];

/** Top-level Yjs types a role may write. Everything else a client sends is dropped by the server. */
export function writableRoots(role: Role): ReadonlySet<string> {
  switch (role) {
    case "facilitator":
      return new Set(["notes", "frames", "meta"]);
    case "member":
      // Frames too: members move unlocked worksheets; the server puts locked ones back.
      return new Set(["notes", "frames"]);
    case "viewer":
      return new Set();
  }
}

export function canEdit(role: Role): boolean {
  return writableRoots(role).size > 0;
}
