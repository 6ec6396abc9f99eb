import type { LinkKind, ParticipantVia } from "../../lib/roles";

/**
 * What the rest of the server knows about storage: a handful of async calls. SQLite is the
 * embedded default; a PostgreSQL implementation only has to provide the same calls.
 */
export interface BoardRecord {
  id: string;
  title: string;
  createdAt: number;
  /**
   * Mixed into the HMAC that derives the board's tokens: of every link that has no salt of its
   * own yet (boards start so), and of the participants who joined with the code.
   */
  tokenSalt: string;
  /** A link's own salt, made when it is first renewed; renewing it again revokes that link alone. */
  linkSalts?: Partial<Record<LinkKind, string>>;
  /** When the board was last in use (loaded by anyone), ms since the epoch. */
  lastActiveAt?: number;
  /** Days without use after which its facilitator wants it deleted; null: the server's maximum. */
  retentionDays?: number | null;
  /**
   * The date (`YYYY-MM-DD`) its facilitator chose to keep it until: deleted on that day whatever
   * its use (server/lifecycle/keep-until.ts). Null or absent: `retentionDays` decides.
   */
  keepUntil?: string | null;
  /** The method kit it was made from, if any: a series' next meeting is offered the kit after it. */
  kit?: string | null;
}

/**
 * A board has two Yjs documents (docs/schema.md): `board`, the notes and worksheets people edit,
 * and `session`, what only the server decides (private writing, votes, locks, the timer).
 */
export type DocName = "board" | "session";

export interface StoredDocument {
  /** The compacted state, if the document has been compacted. */
  snapshot: Uint8Array | null;
  /** Updates appended since the snapshot, oldest first. */
  updates: Uint8Array[];
  /** The sequence number of each of `updates`. */
  seqs: number[];
  /** Sequence number of the newest update returned (0 when none). */
  lastSeq: number;
}

/** What one change of a room writes: an update per document it changed, and new writers of Yjs client ids. */
export interface AppendBatch {
  board?: Uint8Array;
  session?: Uint8Array;
  /** Yjs client id → the writer who first wrote with it (server/realtime/writers.ts). */
  writers?: ReadonlyArray<readonly [number, string]>;
}

export interface BoardStorage {
  createBoard(board: BoardRecord): Promise<void>;
  getBoard(id: string): Promise<BoardRecord | null>;
  /** Gives one of the board's links a new salt: its old token stops verifying. */
  setLinkSalt(boardId: string, link: LinkKind, salt: string): Promise<void>;
  loadDocument(boardId: string, doc?: DocName): Promise<StoredDocument>;
  /** All of the batch or none of it, durable when the promise resolves. Answers each update's sequence number. */
  append(boardId: string, batch: AppendBatch): Promise<Partial<Record<DocName, number>>>;
  /** Replaces the snapshot and every update up to `throughSeq` with `snapshot`, atomically. */
  compact(boardId: string, snapshot: Uint8Array, throughSeq: number, doc?: DocName): Promise<void>;
  /**
   * Moves a stored update (or the snapshot) that cannot be applied out of the document's history,
   * into a table kept for inspection, so the board loads from the rest.
   */
  quarantine(boardId: string, doc: DocName, which: number | "snapshot", reason: string): Promise<void>;
  /**
   * Deletes quarantined updates: a board's (an erasure cannot tell whose words they hold), or every
   * board's quarantined before `before` (kept for inspection a while, not as long as the board).
   * Answers how many.
   */
  dropQuarantined(which: { boardId: string; before?: never } | { boardId?: never; before: number }): Promise<number>;
  /** The writer bound to each Yjs client id that has written to the board. */
  writersOf(boardId: string): Promise<Map<number, string>>;
  /** Resolves when storage can be written and read back; rejects otherwise. */
  checkHealth(): Promise<void>;
  close(): Promise<void>;
}

/** A board's join code: phones trade it for a participant identity while `open`. */
export interface JoinCodeRecord {
  boardId: string;
  code: string;
  open: boolean;
  /** New participants the board takes, as its facilitator set it; null: the server's default. */
  participantBudget: number | null;
}

/** Someone who joined from a phone (or a board user acting as a writer or voter). No account. */
export interface ParticipantRecord {
  boardId: string;
  id: string;
  name: string;
  createdAt: number;
  /** How the identity was made: with the join code, or through a board link (then bound to it). */
  via: ParticipantVia;
}

/**
 * A note a participant sent through the API. While `held` (private writing) its text lives only
 * here; once placed, the board document is the truth and this row only records who wrote it: its
 * `text` is stored empty, so deleting the note from the board leaves no copy of it here.
 */
export interface ParticipantNoteRecord {
  boardId: string;
  id: string;
  participantId: string;
  idempotencyKey: string;
  text: string;
  color: string;
  held: boolean;
  /** The writer's name when the step asked for signed notes as it was written; otherwise null. */
  author: string | null;
  createdAt: number;
  /** The worksheet cell (category) it was written for; the reveal puts it there. Null or absent: the inbox. */
  target?: { frame: string; cell: number } | null;
}

/** What phones, private writing and voting need stored, beside the documents. */
export interface ParticipationStorage {
  /** Creates or replaces the board's code; rejects if another board holds the same code. */
  setJoinCode(record: JoinCodeRecord): Promise<void>;
  getJoinCode(boardId: string): Promise<JoinCodeRecord | null>;
  findJoinCode(code: string): Promise<JoinCodeRecord | null>;

  addParticipant(participant: ParticipantRecord): Promise<void>;
  /**
   * Adds the participant unless the board already has `budget` of them, as one step: joins that
   * arrive together (on this instance or another) cannot all slip under the budget. Answers whether it did.
   */
  addParticipantWithin(participant: ParticipantRecord, budget: number): Promise<boolean>;
  getParticipant(boardId: string, id: string): Promise<ParticipantRecord | null>;
  renameParticipant(boardId: string, id: string, name: string): Promise<void>;
  /** Everyone who joined the board, in joining order (small groups are made from them). */
  listParticipants(boardId: string): Promise<ParticipantRecord[]>;

  addParticipantNote(note: ParticipantNoteRecord): Promise<void>;
  findNoteByIdempotencyKey(boardId: string, participantId: string, key: string): Promise<ParticipantNoteRecord | null>;
  getParticipantNote(boardId: string, noteId: string): Promise<ParticipantNoteRecord | null>;
  listParticipantNotes(boardId: string, participantId: string): Promise<ParticipantNoteRecord[]>;
  listHeldNotes(boardId: string): Promise<ParticipantNoteRecord[]>;
  countParticipants(boardId: string): Promise<number>;
  /**
   * Erases a participant, in one transaction: their row, their dots in every vote, and their notes'
   * rows: all of them (`remove`, with the dots others gave their placed notes), or (`anonymize`)
   * the placed ones, while held ones stay to be revealed as nobody's. Answers the ids of their placed notes (for the board document), or null
   * when no such participant is on the board.
   */
  eraseParticipant(boardId: string, id: string, notes: "remove" | "anonymize"): Promise<{ placedNoteIds: string[] } | null>;
  /** Participant id → how many notes they sent (held and placed), for the facilitator's list. */
  countNotesByParticipant(boardId: string): Promise<Map<string, number>>;
  updateParticipantNote(boardId: string, noteId: string, changes: { text?: string; color?: string }): Promise<void>;
  markPlaced(boardId: string, noteIds: readonly string[]): Promise<void>;
  deleteParticipantNote(boardId: string, noteId: string): Promise<void>;

  /** One participant's dots on one note in one vote; 0 removes the row. */
  setDots(boardId: string, voteId: string, participantId: string, noteId: string, dots: number): Promise<void>;
  dotsOf(boardId: string, voteId: string, participantId: string): Promise<Map<string, number>>;
  tally(boardId: string, voteId: string): Promise<Record<string, number>>;
  /** How many participants have at least one dot in this vote. */
  countVoters(boardId: string, voteId: string): Promise<number>;
}

/** A note on a personal worksheet: its writer's alone (server/storage/sqlite-personal.ts). */
export interface PersonalNoteRecord {
  boardId: string;
  id: string;
  participantId: string;
  idempotencyKey: string;
  /** The area (heading) of the worksheet it was written under, as the writer saw it; "" for none. */
  area: string;
  text: string;
  createdAt: number;
}

/** Personal notes: every call names the writer, so no call can reach another person's. */
export interface PersonalNoteStorage {
  addPersonalNote(note: PersonalNoteRecord): Promise<void>;
  findPersonalNoteByKey(boardId: string, participantId: string, key: string): Promise<PersonalNoteRecord | null>;
  /** Oldest first. */
  listPersonalNotes(boardId: string, participantId: string): Promise<PersonalNoteRecord[]>;
  /** False when the writer has no such note. */
  updatePersonalNote(boardId: string, participantId: string, noteId: string, changes: { text?: string; area?: string }): Promise<boolean>;
  deletePersonalNote(boardId: string, participantId: string, noteId: string): Promise<boolean>;
  deletePersonalNotesOf(boardId: string, participantId: string): Promise<void>;
  /** How many people have written at least one personal note on the board. */
  countPersonalWriters(boardId: string): Promise<number>;
}

/** How long boards live, and their end (docs/privacy.md). */
export interface BoardLifecycleStorage {
  /**
   * Removes every row of the board at once; answers whether it existed. On SQLite no copy stays in
   * the database's files (secure_delete, then purgeDeleted); on PostgreSQL the bytes stay in its
   * pages until reused (docs/privacy.md).
   */
  deleteBoard(boardId: string): Promise<boolean>;
  /**
   * SQLite: makes what was deleted unreadable in the database's files too: the write-ahead log,
   * which still holds pages as they were, is emptied (secure_delete has zeroed the rest).
   * PostgreSQL: vacuums the tables, so the space is reused soon. False when it could not finish
   * (a reader kept SQLite's log, PostgreSQL was unreachable): the purge is then pending (`purgePending`).
   */
  purgeDeleted(): Promise<boolean>;
  /** A purge (after a deletion) could not finish yet. */
  purgePending(): boolean;
  /** Records that the board was in use at `at` (never moves back in time). */
  touchBoard(boardId: string, at: number): Promise<void>;
  /** Deleted after so many days without use (null: the server's maximum); no date any more. */
  setRetentionDays(boardId: string, days: number | null): Promise<void>;
  /** Kept until a date (`YYYY-MM-DD`), whatever its use; null: back to the server's maximum without use. */
  setKeepUntil(boardId: string, date: string | null): Promise<void>;
  /** At `now`: boards unused for longer than they are kept (their own days, at most `maxDays`), and boards whose date has begun. */
  boardsExpiredAt(now: number, maxDays: number): Promise<string[]>;
}

/** One entry of a board's audit log; `actor` is the signed-in person who did it, when there was one. */
export interface AuditRecord {
  at: number;
  role: string;
  action: string;
  detail: string;
  actor?: { userId: string; name: string } | null;
}

/** The board's audit log (server/lifecycle/audit.ts); deleted with the board. */
export interface AuditStorage {
  addAudit(boardId: string, entry: AuditRecord): Promise<void>;
  /** Newest first, at most `limit`; `actorName` is null once the account was deleted. */
  listAudit(boardId: string, limit: number): Promise<Array<Omit<AuditRecord, "actor"> & { actorName: string | null }>>;
}

/** Someone who signed in with the organisation's identity provider (server/accounts). */
export interface UserRecord {
  id: string;
  /** The provider's `sub`: stable for the person, whatever their name or e-mail becomes. */
  subject: string;
  name: string;
  email: string | null;
  createdAt: number;
  lastSeenAt: number;
}

/** Owner: made the board or was handed it; co: a colleague the owner or a co-facilitator added. */
export type FacilitatorRole = "owner" | "co";

export interface UserSessionRecord {
  userId: string;
  createdAt: number;
  lastUsedAt: number;
}

/** Accounts, their sign-in sessions, and which boards they facilitate (docs/privacy.md, "Signed-in facilitators"). */
export interface AccountStorage {
  /** Creates the user of this subject, or updates their name and e-mail; answers the stored row. */
  upsertUser(user: { subject: string; name: string; email: string | null; at: number }): Promise<UserRecord>;
  getUser(id: string): Promise<UserRecord | null>;
  /** The user with this e-mail (any case); the one seen last if several have it. */
  findUserByEmail(email: string): Promise<UserRecord | null>;
  /**
   * Erases a user for real, in one transaction: their sessions, their place on every board (a
   * board they owned passes to its longest-standing co-facilitator, if any), their name in audit
   * entries, and their row. Answers whether they existed.
   */
  deleteUser(id: string): Promise<boolean>;
  /** People who have not signed in since `before`. */
  usersNotSeenSince(before: number): Promise<string[]>;

  /** `tokenHash` is a hash of the cookie's value: the value itself is never stored. */
  addUserSession(tokenHash: string, userId: string, at: number): Promise<void>;
  getUserSession(tokenHash: string): Promise<UserSessionRecord | null>;
  touchUserSession(tokenHash: string, at: number): Promise<void>;
  deleteUserSession(tokenHash: string): Promise<void>;
  /** Deletes sessions unused since `idleBefore` or made before `createdBefore`; answers how many. */
  deleteExpiredUserSessions(idleBefore: number, createdBefore: number): Promise<number>;

  /**
   * Adds the user to the board with the role; answers whether it did. Someone on the board already
   * keeps their role, and a board has one owner at most: an owner is added only to a board without one.
   */
  addFacilitator(boardId: string, userId: string, role: FacilitatorRole, at: number): Promise<boolean>;
  /** Removes a co-facilitator (never the owner: they hand the board over first); answers whether it did. */
  removeFacilitator(boardId: string, userId: string): Promise<boolean>;
  facilitatorRole(boardId: string, userId: string): Promise<FacilitatorRole | null>;
  /** Everyone on the board, the owner first, then in the order they were added. */
  facilitatorsOf(boardId: string): Promise<Array<{ user: UserRecord; role: FacilitatorRole; addedAt: number }>>;
  /** The boards the user owns or co-facilitates. */
  boardsOf(userId: string): Promise<Array<{ boardId: string; role: FacilitatorRole }>>;
  /**
   * In one transaction: `to` becomes the owner, `from` a co-facilitator, if `from` is the owner
   * still (two hand-overs at once: the second finds it is not, and answers false).
   */
  handOver(boardId: string, from: string, to: string, at: number): Promise<boolean>;
}

/** Series of meetings (lib/series): a board continues another, and the series is their order. */
export interface SeriesStorage {
  /**
   * Makes `next` the next meeting of `previous`, one place after it in its series; when `previous`
   * is in none, a series `newSeriesId` starts with it. `welcomesPrevious`: the facilitator lets the phones of
   * `previous` follow as themselves. Answers the series' id.
   */
  continueSeries(previous: string, next: string, newSeriesId: string, at: number, welcomesPrevious?: boolean): Promise<string>;
  /**
   * `continues`: the board this one was made as the next meeting of; `welcomesPrevious`: the phones
   * of that board may follow to this one as themselves (server/series/follow.ts).
   */
  seriesOf(boardId: string): Promise<{ seriesId: string; position: number; welcomesPrevious: boolean; continues: string | null } | null>;
  /** The series' boards in meeting order (parallel boards in the order they were made), each with the board it continues; empty for a series that does not exist (any more). */
  meetingsOf(seriesId: string): Promise<Array<{ boardId: string; position: number; continues: string | null }>>;
  /**
   * Makes `board` a parallel board of `sibling` (the same meeting of the series for another group,
   * seeds/002's groups per unit): the same place, continuing no board. Starts a series with
   * `sibling` if it is in none. Answers the series' id.
   */
  addParallel(sibling: string, board: string, newSeriesId: string, at: number): Promise<string>;
  /** The board made as the next meeting of this one, if any. */
  nextOf(boardId: string): Promise<string | null>;
}

/**
 * A note a phone wrote for the series' next meeting before that meeting had a board: a phone's
 * note as the board keeps it, `boardId` the meeting it was written from.
 */
export type HomeworkNoteRecord = Pick<ParticipantNoteRecord, "boardId" | "id" | "participantId" | "idempotencyKey" | "text" | "color" | "createdAt">;

/** Homework waiting for the next meeting's board (server/series/homework.ts). */
export interface HomeworkStorage {
  addHomework(note: HomeworkNoteRecord): Promise<void>;
  findHomeworkByKey(boardId: string, participantId: string, key: string): Promise<HomeworkNoteRecord | null>;
  listHomeworkOf(boardId: string, participantId: string): Promise<HomeworkNoteRecord[]>;
  /** Everyone's waiting homework of the meeting, oldest first. */
  listHomework(boardId: string): Promise<HomeworkNoteRecord[]>;
  deleteHomework(boardId: string, ids: readonly string[]): Promise<void>;
  deleteHomeworkOf(boardId: string, participantId: string): Promise<void>;
}

export type Storage = BoardStorage & SeriesStorage & HomeworkStorage & ParticipationStorage & PersonalNoteStorage & BoardLifecycleStorage & AuditStorage & AccountStorage;

/**
 * A write refused because this server may no longer make it: another server took the database,
 * or (in a cluster) another instance took the board. Nothing of it was written; asked again, the
 * request reaches whoever serves the board now.
 */
export class ClaimLostError extends Error {
  constructor(message = "this server no longer holds the database (another Samla server may have it); the write was not made") {
    super(message);
  }
}
