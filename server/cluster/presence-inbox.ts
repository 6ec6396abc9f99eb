import type { Redis } from "ioredis";
import { LINK_KINDS, ROLES } from "../../lib/roles";
import type { RemotePresence } from "../realtime/presence";
import type { Logger } from "../log";
import { fieldsOf, StreamFollower, type StreamKind } from "./board-stream";
import type { PresenceUpstream } from "../realtime/copy";

/**
 * Readers' presence, the other way round (docs/deploy.md, "With Redis"): a viewer or projector
 * served from an instance's copy announces its cursor and name to that instance, which passes it
 * to the board's holder through the board's inbox stream. The holder checks it as it checks its own
 * connections' (server/realtime/presence.ts: ids bound to the connection that introduced them,
 * facilitator-only fields dropped, rates) and relays it to everyone, copies included, through the
 * board's stream. Presence is short-lived: an entry lost while Redis is away is renewed by the
 * client within 15 s.
 */

/** One reader's presence message, or word that its connection left. `conn` names the connection across instances. */
export type InboxEntry = RemotePresence;

const INBOX_PREFIX = "samla:inbox:";
/** Only the latest entries matter: a holder further behind misses cursor moves, not notes. */
const MAX_ENTRIES = 1_000;
const KEEP_MS = 60_000;

function decodeInboxEntry(fields: Buffer[]): InboxEntry | null {
  const field = fieldsOf(fields);
  const kind = field.get("k")?.toString();
  const conn = field.get("c")?.toString();
  if (!conn) return null;
  if (kind === "left") return { kind, conn };
  const link = field.get("l")?.toString();
  const role = field.get("r")?.toString();
  const writer = field.get("w")?.toString();
  const update = field.get("u");
  if (kind !== "presence" || !isOneOf(LINK_KINDS, link) || !isOneOf(ROLES, role) || !writer || !update) return null;
  return { kind, conn, link, role, writer, update: new Uint8Array(update.buffer, update.byteOffset, update.byteLength) };
}

function isOneOf<T extends string>(choices: readonly T[], value: string | undefined): value is T {
  return (choices as readonly string[]).includes(value ?? "");
}

function encodeInboxEntry(entry: InboxEntry): Array<string | Buffer> {
  if (entry.kind === "left") return ["k", entry.kind, "c", entry.conn];
  const update = Buffer.from(entry.update.buffer, entry.update.byteOffset, entry.update.byteLength);
  return ["k", entry.kind, "c", entry.conn, "l", entry.link, "r", entry.role, "w", entry.writer, "u", update];
}

/** The boards' inboxes, read by each board's holder (a StreamFollower of its own). */
export const INBOX_STREAMS: StreamKind<InboxEntry> = { prefix: INBOX_PREFIX, decode: decodeInboxEntry, numberOf: () => null };

/** The copies' side: sends a reader's presence on to whichever instance holds the board. */
export class PresenceOutbox implements PresenceUpstream {
  private failing = false;
  private connections = 0;

  constructor(
    private readonly redis: Redis,
    private readonly log: Logger,
    private readonly instanceId: string,
    readonly limits: PresenceUpstream["limits"],
  ) {}

  newConnectionId(): string {
    return `${this.instanceId}/${++this.connections}`;
  }

  send(boardId: string, entry: InboxEntry): void {
    const key = `${INBOX_PREFIX}${boardId}`;
    this.redis
      .multi()
      .xadd(key, "MAXLEN", "~", MAX_ENTRIES, "*", ...encodeInboxEntry(entry))
      .pexpire(key, KEEP_MS)
      .exec()
      .then(() => (this.failing = false))
      .catch((error: unknown) => {
        // Dropped: the reader renews its presence within 15 s.
        if (!this.failing) this.log("presence.forward_failed", { board: boardId, error: String(error) });
        this.failing = true;
      });
  }
}

/** How long the holder waits before it tries again to follow an inbox (Redis away). */
const FOLLOW_RETRY_MS = 1_000;

/** The holder's side: reads the inboxes of the boards it holds, and hands their entries to `deliver`. */
export class PresenceInbox {
  private readonly follower: StreamFollower<InboxEntry>;
  /** Boards whose inbox is to be read now: a follow still on its way, or one that failed, checks it. */
  private readonly wanted = new Set<string>();
  private failing = false;

  constructor(
    redis: Redis,
    private readonly log: Logger,
    private readonly deliver: (boardId: string, entries: InboxEntry[]) => void,
  ) {
    this.follower = new StreamFollower(redis, log, INBOX_STREAMS);
  }

  /** From now on (what was sent before went to the previous holder, or nowhere: readers renew within 15 s). */
  follow(boardId: string): void {
    this.wanted.add(boardId);
    void this.tryFollow(boardId);
  }

  unfollow(boardId: string): void {
    this.wanted.delete(boardId);
    this.follower.unfollow(boardId);
  }

  stop(): Promise<void> {
    this.wanted.clear();
    return this.follower.stop();
  }

  private async tryFollow(boardId: string): Promise<void> {
    const subscriber = { positioned: () => undefined, entries: (entries: InboxEntry[]) => this.deliver(boardId, entries), lost: () => undefined };
    try {
      await this.follower.follow(boardId, subscriber);
      this.failing = false;
      // Let go while the follow was on its way.
      if (!this.wanted.has(boardId)) this.follower.unfollow(boardId);
    } catch (error) {
      if (!this.failing) this.log("presence.inbox_failed", { board: boardId, error: String(error) });
      this.failing = true;
      setTimeout(() => {
        if (this.wanted.has(boardId)) void this.tryFollow(boardId);
      }, FOLLOW_RETRY_MS).unref();
    }
  }
}
