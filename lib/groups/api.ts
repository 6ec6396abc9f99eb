import { z } from "zod";
import { LANGUAGES } from "../i18n/core";
import { MAX_ROLE_CHARS, MAX_ROLE_ROUND, MAX_ROLES } from "../schema/session";
import { MAX_GROUPS } from "./groups";

/** HTTP bodies and answers of the small-group and scale routes (docs/api.md, "Small groups and scales"). */
const frameIdInput = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "not a frame id");

export const groupsStartRequest = z
  .object({
    frameId: frameIdInput,
    /** People per group (default 3), or else the number of groups. */
    size: z.number().int().min(1).max(50).optional(),
    count: z.number().int().min(1).max(MAX_GROUPS).optional(),
    /** The language the copies' titles are written in ("Grupp 2", "Gruppe 2"). */
    language: z.enum(LANGUAGES).default("sv"),
    /** Every group works on the same notes: each copy starts with the worksheet's notes and those in "Nya lappar". */
    sameNotes: z.boolean().default(false),
    /** The roles each group shares out and rotates (Arbetsmöte 4's A, B and C), in the board's language. */
    roles: z.array(z.string().trim().min(1).max(MAX_ROLE_CHARS)).min(1).max(MAX_ROLES).optional(),
    /** The same groups as last time, if there were some; people new since then join the smallest. */
    keep: z.boolean().default(false),
  })
  .refine((body) => body.size === undefined || body.count === undefined, "give size or count, not both");

/** "Byt roller": the round the facilitator saw, so a press sent twice moves the roles once. */
export const nextRoundRequest = z.object({ from: z.number().int().min(0).max(MAX_ROLE_ROUND).optional() });

export const scaleMarkRequest = z.object({
  frameId: frameIdInput,
  /** 0-10, or null to take one's marker off. */
  value: z.number().int().min(0).max(10).nullable(),
});

/** What the facilitator's groups dialog shows. */
export interface GroupsOverview {
  groups: null | {
    sourceFrame: string;
    groups: Array<{ group: number; frameId: string | null; members: Array<{ id: string; name: string; role: string | null }> }>;
  };
}
