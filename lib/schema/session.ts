import * as Y from "yjs";
import { z } from "zod";
import { ROOT } from "./board";
import { LIMITS } from "./limits";

/**
 * The workshop's running state: private writing, the vote, the prompt phones show, locks, the timer.
 * It lives in the board's second Yjs document, the session document (docs/schema.md), in its map
 * `session`. Only the server writes that document: clients receive it on a channel of its own and
 * every update a client sends there is dropped, so no client can open a vote, unlock a worksheet
 * or switch private writing off. Values are plain JSON.
 */
export const voteSchema = z.object({
  id: z.string().min(1).max(64),
  noteIds: z.array(z.string().min(1).max(64)).max(5000),
  dotsPerPerson: z.number().int().min(1).max(20),
  allowMultiplePerNote: z.boolean(),
  showLive: z.boolean(),
  status: z.enum(["open", "closed"]),
});
export type Vote = z.infer<typeof voteSchema>;

const countsSchema = z.record(z.string(), z.number().int().nonnegative());

/** `personal`: everyone writes for themselves only (a personal plan): see `personal` below. */
export const AGENDA_MODES = ["private", "discuss", "vote", "personal"] as const;
export type AgendaMode = (typeof AGENDA_MODES)[number];
export const MAX_AGENDA_STEPS = 40;
export const MAX_PERSONAL_AREAS = 10;
export const MAX_PERSONAL_AREA_CHARS = 100;
/** A group's roles: Arbetsmöte 4 has three; a few more leave room, a wall of them helps nobody. */
export const MAX_ROLES = 6;
export const MAX_ROLE_CHARS = 80;
/** Far beyond any workshop's rounds; the server stops counting there. */
export const MAX_ROLE_ROUND = 1_000_000;
/** Participant id → seat in their group (0-based). Far above any board's people, raised limit or not: a group may hold a whole board. */
const seatsSchema = z.record(z.string(), z.number().int().min(0).max(100_000));
const groupRolesSchema = z.array(z.string().trim().min(1).max(MAX_ROLE_CHARS)).min(1).max(MAX_ROLES);

/**
 * The personal worksheet of the current step: its title and areas, never anyone's notes. Personal
 * notes live on the server beside the documents (server/participation/personal-notes.ts) and only
 * their writer is ever sent them.
 */
export const personalStepSchema = z.object({
  title: z.string().max(200),
  areas: z.array(z.string().max(MAX_PERSONAL_AREA_CHARS)).max(MAX_PERSONAL_AREAS),
});
export type PersonalStep = z.infer<typeof personalStepSchema>;

/** One timed step of the method, in the board's language (a kit's texts, picked at creation). */
export const agendaStepSchema = z.object({
  title: z.string().min(1).max(200),
  minutes: z.number().int().min(0).max(600),
  prompt: z.string().max(500),
  mode: z.enum(AGENDA_MODES),
  /** The step asks for notes signed with the writer's name: signing is on while it is current, and only then. */
  signed: z.boolean().optional(),
  /** A personal step's headings (the worksheet's areas), in order; none: one list. */
  areas: z.array(z.string().trim().min(1).max(MAX_PERSONAL_AREA_CHARS)).max(MAX_PERSONAL_AREAS).optional(),
  /** The worksheet whose cells are the step's categories: phones offer them, a note lands in its cell (lib/board/categories.ts). */
  categories: z.string().min(1).max(64).optional(),
  /** The step works in small groups on this worksheet: the facilitator starts them with one press (docs/api.md, "Small groups"). */
  groups: z
    .object({
      frame: z.string().min(1).max(64),
      size: z.number().int().min(1).max(50),
      sameNotes: z.boolean().optional(),
      /** The roles the groups share out and rotate (Arbetsmöte 4's A, B and C). */
      roles: groupRolesSchema.optional(),
      /** The same groups as last time, when there were some: fixed groups along the steps and the series. */
      keep: z.boolean().optional(),
    })
    .optional(),
});
export type AgendaStep = z.infer<typeof agendaStepSchema>;

export const agendaSchema = z.object({
  steps: z.array(agendaStepSchema).max(MAX_AGENDA_STEPS),
  /** The step the facilitator is on, or null before the first. */
  current: z.number().int().nonnegative().nullable(),
});
export type Agenda = z.infer<typeof agendaSchema>;

/**
 * The board's one countdown, in the server's clock: while running, it ends at `endsAt` (server
 * epoch ms); paused or stopped, `remainingMs` is what is left. Devices show endsAt minus the
 * server's now, which they learn from the server (components/clock), never their own clocks.
 */
export const timerSchema = z.object({
  status: z.enum(["stopped", "running", "paused"]),
  durationMs: z.number().int().nonnegative().max(24 * 3600_000),
  endsAt: z.number().int().nonnegative().nullable(),
  remainingMs: z.number().int().nonnegative().max(24 * 3600_000),
});
export type Timer = z.infer<typeof timerSchema>;

/** Small groups: who is in which group, working on copies of one plenary frame. */
export const groupsSchema = z.object({
  sourceFrame: z.string().min(1).max(64),
  count: z.number().int().min(1).max(100),
  /** Participant id → group number (1-based). */
  members: z.record(z.string(), z.number().int().min(1).max(100)),
  /** Every group started with the same notes: coming together shows each group's result side by side. */
  sameNotes: z.boolean().optional(),
  /** Participant id → seat in their group (0-based): with the round, it says who has which role. */
  seats: seatsSchema.optional(),
  /** The roles each group shares out (Arbetsmöte 4's A, B and C), in the board's language. */
  roles: groupRolesSchema.optional(),
  /** How many times the roles have moved on: seat s has role (s + round) mod the number of roles. */
  round: z.number().int().min(0).max(MAX_ROLE_ROUND).optional(),
  /** Started as the same groups as last time: each kept group's old number → its number now, so a latecomer finds theirs. */
  keptAs: z.record(z.string(), z.number().int().min(1).max(100)).optional(),
});
export type Groups = z.infer<typeof groupsSchema>;

/** Who was in which group the last time groups ran, kept to start the same groups again (lib/groups/membership.ts). */
export const keptGroupsSchema = z.object({
  count: z.number().int().min(1).max(100),
  members: z.record(z.string(), z.number().int().min(1).max(100)),
  seats: seatsSchema.optional(),
  /** Their roles: offered again with the same groups. */
  roles: groupRolesSchema.optional(),
});
export type KeptGroups = z.infer<typeof keptGroupsSchema>;

/** Scale frame id → participant id → value 0-10: one marker per person and scale. */
const scaleMarkersSchema = z.record(z.string(), z.record(z.string(), z.number().int().min(0).max(10)));

export const sessionSchema = z.object({
  privateWriting: z.boolean().catch(false),
  /** Notes held while private writing is on: everyone may know how many, nobody what they say. */
  heldCount: z.number().int().nonnegative().catch(0),
  /** The step asks for signed notes: phones' notes carry their author's name. */
  signedNotes: z.boolean().catch(false),
  prompt: z.string().max(500).catch(""),
  vote: voteSchema.nullable().catch(null),
  /** Votes per note: written when the vote closes, or as they come when the vote shows live. */
  voteCounts: countsSchema.catch({}),
  /** Where the next note from a phone lands; see lib/board/inbox.ts. */
  inbox: z.object({ x: z.number().finite(), y: z.number().finite() }).nullable().catch(null),
  agenda: agendaSchema.nullable().catch(null),
  timer: timerSchema.nullable().catch(null),
  groups: groupsSchema.nullable().catch(null),
  /** The groups as they last ran (on this board, or in the meeting before when its phones followed). */
  keptGroups: keptGroupsSchema.nullable().catch(null),
  scaleMarkers: scaleMarkersSchema.catch({}),
  /** The current step is personal: phones write to their own plan, not to the board. */
  personal: personalStepSchema.nullable().catch(null),
  /** How many people have written a personal note: the board may know how many, never what. */
  personalWriters: z.number().int().nonnegative().catch(0),
  /** How many people have been erased from the board: devices rewrite their copies when it grows. */
  erasures: z.number().int().nonnegative().catch(0),
  /** Phones following the board now (participants with a live event stream): counted among the people here. */
  phonesLive: z.number().int().nonnegative().catch(0),
  /** How many people have put at least one dot in the open vote: the board may know how many, never who. */
  voters: z.number().int().nonnegative().catch(0),
  /** How many people could vote when the count was written (the board's participants). */
  voterTotal: z.number().int().nonnegative().catch(0),
  /** Worksheets the facilitator has locked: others move notes in them, never the worksheet. */
  locks: z.record(z.string(), z.literal(true)).catch({}),
  /** Worksheets kept along the series: the next meeting gets each whole, notes and all (lib/series/carry-forward.ts). */
  seriesFrames: z.array(z.string().max(64)).max(LIMITS.maxFramesPerBoard).catch([]),
  /** The meeting's task for the next one (a kit's homework), shown on the phones that took part. */
  homework: z.string().max(500).nullable().catch(null),
  /**
   * The meeting this board continues (lib/series/carry-forward.ts): its board, its title, and the
   * worksheets here that hold what it handed on, which the next meeting's summary leaves out.
   */
  previousMeeting: z
    .object({ boardId: z.string().max(64), title: z.string().max(200), frames: z.array(z.string().max(64)).max(LIMITS.maxFramesPerBoard) })
    .nullable()
    .catch(null),
});
export type SessionState = z.infer<typeof sessionSchema>;
export type SessionKey = keyof SessionState;

/** No workshop running: what a fresh board, or a board from before sessions, reads as. */
export const EMPTY_SESSION: SessionState = sessionSchema.parse({});

/** The session's map: in the session document (and, before schema version 3, in the board's). */
export function sessionMapOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(ROOT.session);
}

/** The session state with every broken or missing value repaired to its default. */
export function readSession(doc: Y.Doc): SessionState {
  return sessionSchema.parse(sessionMapOf(doc).toJSON());
}

/** The one session value read on every incoming update: cheap, no parsing. */
export function isPrivateWriting(doc: Y.Doc): boolean {
  return sessionMapOf(doc).get("privateWriting") === true;
}

/** Whether the facilitator has locked the worksheet: read on every update that moves frames. */
export function isLocked(session: Y.Doc, frameId: string): boolean {
  const locks = sessionMapOf(session).get("locks");
  return typeof locks === "object" && locks !== null && Object.hasOwn(locks, frameId) && (locks as Record<string, unknown>)[frameId] === true;
}

/** Sets the given fields (server only: it alone writes the session document). */
export function writeSession(doc: Y.Doc, changes: Partial<SessionState>): void {
  const map = sessionMapOf(doc);
  for (const [key, value] of Object.entries(changes)) {
    if (JSON.stringify(map.get(key)) !== JSON.stringify(value)) map.set(key, value);
  }
}
