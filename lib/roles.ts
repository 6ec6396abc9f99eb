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

/**
 * The links a facilitator hands out. Each can be renewed on its own (the old one stops at once);
 * the projector's link reads like a viewer's but is taken back separately.
 */
export const LINK_KINDS = ["facilitator", "member", "viewer", "projector"] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export function roleOfLink(link: LinkKind): Role {
  return link === "projector" ? "viewer" : link;
}

/**
 * How a participant identity was made: a phone with the join code, or a board user through one
 * of the board's links. An identity made through a link stops when that link is renewed.
 */
export type ParticipantVia = "code" | LinkKind;

export function isParticipantVia(value: unknown): value is ParticipantVia {
  return value === "code" || (LINK_KINDS as readonly unknown[]).includes(value);
}
