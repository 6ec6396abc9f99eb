import { z } from "zod";
import { LIMITS } from "../schema/limits";
import { LINK_KINDS, ROLES, type ParticipantVia } from "../roles";
import { LANGUAGES } from "../i18n/core";
import { joinCodeInput } from "../join/join-code";
import { isNoteColor } from "../schema/note";
import { MAX_PERSONAL_AREA_CHARS, type PersonalStep, type Timer } from "../schema/session";
import { CONTROL_CHARACTERS, MAX_PARTICIPANT_NAME_CHARS, MAX_PHONE_NOTE_CHARS } from "./limits";

/** HTTP bodies and path parameters, validated on the server and typed for the client. */
export const boardIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "not a board id");

export const createBoardRequest = z.object({
  title: z.string().trim().max(LIMITS.maxTitleChars).refine((title) => !CONTROL_CHARACTERS.test(title), "control characters are not allowed").default(""),
  /** A saved board file (lib/export/board-file.ts), checked whole by the server before anything is created. */
  import: z.unknown().optional(),
  /** A method kit's id (GET /api/kits): the board starts with its worksheets and steps. */
  kit: z.string().min(1).max(64).optional(),
  /** The language of the kit's texts and of the default title. */
  language: z.enum(LANGUAGES).default("sv"),
  /**
   * The board this one is the next meeting of (its facilitator's credentials required): it joins
   * that board's series, takes the kit that follows that board's kit unless `kit` is given, and
   * starts with what the previous meeting left open (lib/series/carry-forward.ts).
   */
  continues: boardIdSchema.optional(),
  /** With `continues`: the phones of the previous meeting may follow to this one as themselves. */
  welcomePrevious: z.boolean().default(false),
  /**
   * A board of the same meeting for another group (seeds/002: one per group in a programme): it
   * joins that board's series at its place, with its kit unless `kit` is given, and starts empty.
   */
  besides: boardIdSchema.optional(),
});
export type CreateBoardRequest = z.input<typeof createBoardRequest>;

export const sessionRequest = z.object({
  token: z.string().min(16).max(256),
});

export const boardLinks = z.object({
  facilitator: z.string(),
  member: z.string(),
  viewer: z.string(),
  /** The projector page (`/b/ID/screen`) with a token of its own: renewed apart from the viewer's. */
  projector: z.string(),
});
export type BoardLinks = z.infer<typeof boardLinks>;

export interface CreateBoardResponse {
  id: string;
  title: string;
  facilitatorToken: string;
  memberToken: string;
  viewerToken: string;
  projectorToken: string;
  links: BoardLinks;
  /** Only for a board made with `continues` or `besides`: the series it is a meeting of. */
  seriesId?: string;
}

export const sessionResponse = z.object({
  boardId: z.string(),
  title: z.string(),
  role: z.enum(ROLES),
  /** Only a facilitator gets the share links. */
  links: boardLinks.optional(),
  /** Facilitators only: the series the board is a meeting of, and its place in it. */
  series: z.object({ id: z.string(), position: z.number().int() }).nullable().optional(),
  /** Facilitators only: the kit a next meeting is offered first (the one after this board's kit). */
  nextKit: z.string().nullable().optional(),
});
export type SessionResponse = z.infer<typeof sessionResponse>;

export interface ApiError {
  error: string;
  message: string;
}

/** Page path for a board link. The token rides after `#`, so browsers never send it anywhere. */
export function boardLinkPath(boardId: string, token: string): string {
  return `/b/${encodeURIComponent(boardId)}#token=${encodeURIComponent(token)}`;
}

/** Page path for the projector's link: the board's projector page, its token after `#`. */
export function projectorLinkPath(boardId: string, token: string): string {
  return `/b/${encodeURIComponent(boardId)}/screen#token=${encodeURIComponent(token)}`;
}

/** `POST /api/boards/:id/links/:kind/renew` names one of these. */
export const linkKindSchema = z.enum(LINK_KINDS);

export interface RenewLinkResponse {
  links: BoardLinks;
}

/** One person on the facilitator's list (`GET /api/boards/:id/participants`). */
/** `DELETE /api/boards/:id/participants/:participantId`: what becomes of the erased person's notes. */
export const eraseParticipantRequest = z.object({ notes: z.enum(["remove", "anonymize"]).default("anonymize") }).strict();

export interface ParticipantSummary {
  id: string;
  /** Empty when they gave none. */
  name: string;
  joinedAt: number;
  via: ParticipantVia;
  /** Notes they sent, held ones included. */
  notes: number;
}

export interface ParticipantListResponse {
  participants: ParticipantSummary[];
}

/** Name of the HttpOnly cookie that holds a board's token once the page has traded the link. */
export function sessionCookieName(boardId: string): string {
  return `samla_${boardId}`;
}

// ---- Phones, private writing and voting (docs/api.md, "Participants") ----

/** Notes from phones: short, and nothing a terminal or a spreadsheet would act on (lib/api/limits.ts, free of zod for the phone page). */
export { MAX_PHONE_NOTE_CHARS, MAX_PARTICIPANT_NAME_CHARS } from "./limits";

export const noteTextInput = z
  .string()
  .max(MAX_PHONE_NOTE_CHARS * 4)
  .transform((text) => text.trim())
  .refine((text) => text.length > 0, "the note is empty")
  .refine((text) => [...text].length <= MAX_PHONE_NOTE_CHARS, `at most ${MAX_PHONE_NOTE_CHARS} characters`)
  .refine((text) => !CONTROL_CHARACTERS.test(text), "control characters are not allowed");

export const participantNameInput = z
  .string()
  .max(MAX_PARTICIPANT_NAME_CHARS * 4)
  .transform((name) => name.replace(/\s+/g, " ").trim())
  .refine((name) => [...name].length <= MAX_PARTICIPANT_NAME_CHARS, `at most ${MAX_PARTICIPANT_NAME_CHARS} characters`)
  .refine((name) => !CONTROL_CHARACTERS.test(name), "control characters are not allowed");

const noteColorInput = z.string().refine(isNoteColor, "not a post-it colour");
const noteIdInput = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "not a note id");

export const joinRequest = z.object({
  code: joinCodeInput,
  name: participantNameInput.default(""),
  /** The key the QR code carries after `#key=` (docs/api.md, "POST /api/join"): a join with it is no guess. */
  key: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, "not a join key").optional(),
});

export const participantRequest = z.object({ name: participantNameInput.default("") });

export interface JoinResponse {
  boardId: string;
  participantId: string;
  participantToken: string;
  name: string;
}

export const participantNoteRequest = z.object({
  text: noteTextInput,
  color: noteColorInput.optional(),
  /** Chosen by the phone per note; sending it again (a retry) never makes a second note. */
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "8 to 64 letters, digits, - or _"),
  /** The writer has confirmed that what looks like an identity number is not one. */
  allowIdentityNumber: z.boolean().default(false),
  /**
   * Whether the phone said "signed with your name" as the note was written: a note written while
   * anonymous and sent later (an outbox) is never signed. Absent: the board's setting decides.
   */
  signed: z.boolean().optional(),
  /** The category (the worksheet cell) the writer chose while the step offers categories. */
  category: z.number().int().min(0).max(63).optional(),
});

export const participantNoteEdit = z.object({
  text: noteTextInput.optional(),
  color: noteColorInput.optional(),
  allowIdentityNumber: z.boolean().default(false),
});

/** A note on the writer's own personal worksheet (docs/api.md, "Personal notes"). */
/** POST /api/boards/:id/me/homework: a note for the series' next meeting (server/series/homework.ts). */
export const homeworkRequest = z.object({
  text: noteTextInput,
  color: noteColorInput.optional(),
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "8 to 64 letters, digits, - or _"),
  allowIdentityNumber: z.boolean().default(false),
});

/** waiting: kept until the next meeting's board is made; sent: on that board's "Nya lappar" now. */
export interface HomeworkResponse {
  id: string;
  state: "waiting" | "sent";
}

export const personalNoteRequest = z.object({
  text: noteTextInput,
  /** The worksheet's area it belongs under, as the phone showed it; "" for none. */
  area: z.string().trim().max(MAX_PERSONAL_AREA_CHARS).refine((area) => !CONTROL_CHARACTERS.test(area), "control characters are not allowed").default(""),
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "8 to 64 letters, digits, - or _"),
  allowIdentityNumber: z.boolean().default(false),
});

export const personalNoteEdit = z.object({
  text: noteTextInput.optional(),
  area: z.string().trim().max(MAX_PERSONAL_AREA_CHARS).refine((area) => !CONTROL_CHARACTERS.test(area), "control characters are not allowed").optional(),
  allowIdentityNumber: z.boolean().default(false),
});

export interface PersonalNoteView {
  id: string;
  idempotencyKey: string;
  area: string;
  text: string;
}

export interface ParticipantNoteResponse {
  id: string;
  state: "held" | "placed";
}

export const boardSettingsRequest = z
  .object({
    joinOpen: z.boolean().optional(),
    /** New participants the board takes; the server caps it at SERVER_LIMITS.participantsPerBoardMax. */
    participantBudget: z.number().int().min(1).max(1_000_000).optional(),
    prompt: z.string().trim().max(500).refine((text) => !CONTROL_CHARACTERS.test(text.replace(/\n/g, " ")), "control characters").optional(),
    /** Days without use after which the board is deleted; null: the server's maximum. At most that maximum. */
    retentionDays: z.number().int().min(1).max(3650).nullable().optional(),
    /**
     * Or a date (`YYYY-MM-DD`) on which it is deleted whatever its use, after today and at most the
     * maximum days ahead (the server checks: 400 `invalid_date`, `retention_too_long`); null: back to days.
     */
    keepUntil: z.string().max(32).nullable().optional(),
  })
  .refine((settings) => settings.retentionDays === undefined || settings.keepUntil === undefined, "retentionDays or keepUntil, not both");

export interface BoardInfoResponse {
  id: string;
  title: string;
  role: z.infer<typeof sessionResponse>["role"];
  /** Facilitators only. */
  joinCode?: string;
  joinOpen?: boolean;
  /** The address phones open: the configured public URL, or this server on the local network. */
  joinUrl?: string;
  /** New participants the board takes (its facilitator may raise it up to `participantBudgetMax`). */
  participantBudget?: number;
  participantBudgetMax?: number;
  /** Participant identities the board has made so far. */
  participantCount?: number;
  /**
   * When the board will be deleted (ISO 8601): on its keep-until date, or, without one, if nobody
   * uses it before then (every use moves it on).
   */
  deleteAfter: string;
  /** Facilitators only: the days without use the board is kept (null: the server's maximum), and that maximum. */
  retentionDays?: number | null;
  retentionDaysMax?: number;
  /** Facilitators only: the date it is kept until (`YYYY-MM-DD`), or null when days without use decide. */
  keepUntil?: string | null;
}

export const privateWritingRequest = z.object({
  on: z.boolean(),
  /** The step asks for signed notes (default: anonymous). */
  signed: z.boolean().optional(),
});

/** `POST /api/boards/:id/frames/:frameId/lock`: the facilitator locks or unlocks a worksheet. */
export const frameLockRequest = z.object({ locked: z.boolean() });

export const revealRequest = z.object({
  /** Reveal only these held notes (read aloud, one at a time); all of them when absent. */
  noteIds: z.array(noteIdInput).max(5000).optional(),
});

export interface HeldNoteView {
  id: string;
  text: string;
  color: string;
  author?: string;
}

export const voteStartRequest = z.object({
  /** The candidate notes; every note on the board when absent. */
  noteIds: z.array(noteIdInput).min(1).max(5000).optional(),
  /** Or the notes in one worksheet (frame). */
  frameId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "not a frame id").optional(),
  dotsPerPerson: z.number().int().min(1).max(20).default(3),
  allowMultiplePerNote: z.boolean().default(false),
  showLive: z.boolean().default(false),
});

export const dotRequest = z.object({
  noteId: noteIdInput,
  delta: z.union([z.literal(1), z.literal(-1)]),
});

export interface ParticipantNoteView {
  id: string;
  /** The key the phone sent it with: how its outbox knows the note arrived even if the answer did not. */
  idempotencyKey: string;
  text: string;
  color: string;
  state: "held" | "placed";
}

export interface VoteCandidateView {
  id: string;
  text: string;
  color: string;
  myDots: number;
  /** Everyone's dots: once the vote is closed, or live when the facilitator shows them. */
  votes: number | null;
}

/** A 0-10 scale frame as a phone shows it (docs/api.md, "Small groups and scales"). */
export interface ParticipantScaleView {
  frameId: string;
  title: string;
  /** What 0 and 10 mean ("nu", "önskat läge"); "" when the frame does not say. */
  lowLabel: string;
  highLabel: string;
  myValue: number | null;
}

export interface ParticipantView {
  boardId: string;
  title: string;
  participant: { id: string; name: string };
  privateWriting: boolean;
  signedNotes: boolean;
  prompt: string;
  /** The current step's categories (the cells of its worksheet), offered as choices when writing; null when it has none. */
  categories: Array<{ cell: number; label: string }> | null;
  /**
   * The meeting's task for the next one (a kit's homework), or null: how many of this phone's notes
   * for it wait for the next meeting's board, and whether that board has been made.
   */
  homework: { task: string; waiting: number; nextMeeting: boolean } | null;
  /** The series' next meeting, once its board is made: whether this phone may follow to it as itself. */
  nextMeeting: { mayFollow: boolean } | null;
  /** The agenda step the facilitator is on (its title), or null. */
  step: string | null;
  /** The board's countdown in the server's clock (GET /api/time), or null when none was set. */
  timer: Timer | null;
  /** The participant's own notes, oldest first (held ones only they can see). */
  notes: ParticipantNoteView[];
  vote: null | {
    id: string;
    status: "open" | "closed";
    dotsPerPerson: number;
    allowMultiplePerNote: boolean;
    dotsLeft: number;
    candidates: VoteCandidateView[];
  };
  /** The participant's small group while groups run (1-based), else null. */
  group: number | null;
  /** This person's role in their group this round (Arbetsmöte 4's A, B or C), if the groups have roles. */
  role: string | null;
  scales: ParticipantScaleView[];
  /**
   * The personal worksheet: the current step's (title and areas) while one is current, and this
   * participant's own personal notes, which nobody else is ever sent.
   */
  personal: { step: PersonalStep | null; notes: PersonalNoteView[] };
}

/** Name of the HttpOnly cookie that keeps a phone's participant identity across reloads. */
export function participantCookieName(boardId: string): string {
  return `samla_p_${boardId}`;
}

/**
 * What the audit log records (docs/privacy.md): actions that matter for privacy, never a note's
 * text or a person's name.
 */
export const AUDIT_ACTIONS = [
  "reveal",
  "export",
  "link.renew",
  "participant.erase",
  "participant.leave",
  "retention.change",
  "facilitator.add",
  "facilitator.remove",
  "board.handover",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  /** ISO 8601. */
  at: string;
  /** The role of the link that did it, or a participant (a phone) acting for themselves. */
  role: z.infer<typeof sessionResponse>["role"] | "participant";
  action: AuditAction;
  /** What kind: how many notes revealed, the export's format, the link renewed, what became of the notes, the days. */
  detail: string;
  /** The signed-in name of who did it, when they were signed in (and have not deleted their account since). */
  by?: string;
}

export interface AuditResponse {
  entries: AuditEntry[];
}

// ---- Signing in with the organisation's identity provider (docs/api.md, "Signing in") ----

/** A colleague named by the e-mail they signed in with: `POST …/facilitators`, `POST …/handover`. */
export const colleagueRequest = z.object({ email: z.email().max(254) }).strict();

/** A signed-in person's id, in `DELETE /api/boards/:id/facilitators/:userId`. */
export const userIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "not a user id");

export type FacilitatorRole = "owner" | "co";

export interface SignedInUser {
  id: string;
  name: string;
  email: string | null;
}

/** `GET /api/me`: whether creating a board needs sign-in here, and who is signed in. */
export interface MeResponse {
  signInRequired: boolean;
  user: SignedInUser | null;
}

/** One of "Mina tavlor". */
export interface MyBoard {
  id: string;
  title: string;
  role: FacilitatorRole;
  /** ISO 8601. */
  lastActiveAt: string;
  /** When the board will be deleted if nobody uses it before (ISO 8601). */
  deleteAfter: string;
}

export interface MyBoardsResponse {
  boards: MyBoard[];
}

export interface FacilitatorView extends SignedInUser {
  role: FacilitatorRole;
}

/** `GET /api/boards/:id/facilitators`: the signed-in facilitators, and the asking person's place among them. */
export interface FacilitatorsResponse {
  facilitators: FacilitatorView[];
  /** The asking person's role on the board; null when they are not signed in or not on the list. */
  myRole: FacilitatorRole | null;
  myId: string | null;
}
