export const ROLES = ["facilitator", "member", "viewer"] as const;
export type Role = (typeof ROLES)[number];

/** Top-level Yjs types a role may write. Everything else a client sends is dropped by the server. */
export function writableRoots(role: Role): ReadonlySet<string> {
  switch (role) {
    case "facilitator":
      return new Set(["notes", "meta"]);
    case "member":
      return new Set(["notes"]);
    case "viewer":
      return new Set();
  }
}

export function canEdit(role: Role): boolean {
  return writableRoots(role).size > 0;
}
