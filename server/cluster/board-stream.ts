import type { Redis } from "ioredis";
import type { LinkKind } from "../../lib/roles";
import type { Logger } from "../log";

/**
 * Each board's live output as a Redis stream (in the manner of y-redis): the instance holding the
 * board appends every message it relays, after storing it in PostgreSQL; every other instance
 * reads the stream to keep a copy of the board for the readers it serves (server/realtime/copy.ts).
 *
 * Entries of the holder's output are numbered per holding (epoch, n = 1, 2, …). A reader that sees
 * anything but the next number (an entry lost while Redis was down, a trimmed stream, a FLUSHALL,
 * a new holder) loads the board from PostgreSQL again, where everything relayed already is.
 *
 * The stream holds note text, so it keeps only the last few minutes (readers that arrive later load
 * from PostgreSQL) and goes with the board when it is deleted.
 */

/** What one entry carries: a message as the holder relayed it, or word about the board's links. */
export type StreamEntry =
  | { kind: "board" | "session" | "presence"; epoch: number; n: number; message: Uint8Array }
  /** Sent when a publish failed: the next number, so readers see the gap even if nothing else follows. */
  | { kind: "tick"; epoch: number; n: number }
  /** Something phones see changed outside the documents (a held note, a dot): phones on every instance look again. */
  | { kind: "phones"; epoch: number; n: number }
  /** Connections through this link end (renewed). Not numbered: it must reach readers even from a non-holder. */
  | { kind: "revoked"; link: LinkKind }
  | { kind: "deleted" };

const KEY_PREFIX = "samla:board:";
/** Entries kept per board: a reader further behind than this resyncs from PostgreSQL. */
const MAX_ENTRIES = 2_000;
/** A stream nobody writes to is gone after this. */
const KEEP_MS = 10 * 60 * 1000;
const TICK_RETRY_MS = 1_000;
const ANNOUNCE_ATTEMPTS = 30;
/** How long one XREAD waits for entries before it is issued again. */
const BLOCK_MS = 5_000;
/** Without CLIENT UNBLOCK, a newly followed board waits at most this long for its first read. */
const SHORT_BLOCK_MS = 200;
const NO_CLIENT_ID = -1;

export const streamKey = (boardId: string) => `${KEY_PREFIX}${boardId}`;

function encodeEntry(entry: StreamEntry): Array<string | Buffer> {
  switch (entry.kind) {
    case "board":
    case "session":
    case "presence":
      return ["k", entry.kind, "e", String(entry.epoch), "n", String(entry.n), "m", Buffer.from(entry.message.buffer, entry.message.byteOffset, entry.message.byteLength)];
    case "tick":
    case "phones":
      return ["k", entry.kind, "e", String(entry.epoch), "n", String(entry.n)];
    case "revoked":
      return ["k", entry.kind, "l", entry.link];
    case "deleted":
      return ["k", entry.kind];
  }
}

/** A stream entry's fields (name, value, name, value, …) by name. */
export function fieldsOf(fields: Buffer[]): Map<string, Buffer> {
  const field = new Map<string, Buffer>();
  for (let i = 0; i + 1 < fields.length; i += 2) field.set(fields[i].toString(), fields[i + 1]);
  return field;
}

/** Null for an entry this version does not know (another version's, or garbage): readers resync. */
export function decodeEntry(fields: Buffer[]): StreamEntry | null {
  const field = fieldsOf(fields);
  const kind = field.get("k")?.toString();
  const epoch = Number(field.get("e")?.toString());
  const n = Number(field.get("n")?.toString());
  const numbered = Number.isSafeInteger(epoch) && Number.isSafeInteger(n);
  const message = field.get("m");
  switch (kind) {
    case "board":
    case "session":
    case "presence":
      return numbered && message ? { kind, epoch, n, message: new Uint8Array(message.buffer, message.byteOffset, message.byteLength) } : null;
    case "tick":
    case "phones":
      return numbered ? { kind, epoch, n } : null;
    case "revoked": {
      const link = field.get("l")?.toString();
      return link === "facilitator" || link === "member" || link === "viewer" || link === "projector" ? { kind, link } : null;
    }
    case "deleted":
      return { kind };
    default:
      return null;
  }
}

/** Appends one entry and renews the stream's expiry, in one round trip; rejects if either failed. */
async function appendEntry(redis: Redis, boardId: string, entry: StreamEntry): Promise<void> {
  const key = streamKey(boardId);
  const results = await redis.multi().xadd(key, "MAXLEN", "~", MAX_ENTRIES, "*", ...encodeEntry(entry)).pexpire(key, KEEP_MS).exec();
  const failure = results?.find(([error]) => error)?.[0];
  if (failure) throw failure;
}

/** The holder's side: appends what it relays, numbered, in the order it relays it. */
export class StreamPublisher {
  private readonly numbers = new Map<string, { epoch: number; n: number }>();
  /** Boards whose last publish failed, to be ticked until one goes through. */
  private readonly failed = new Set<string>();
  private readonly ticker: NodeJS.Timeout;

  constructor(
    private readonly redis: Redis,
    private readonly log: Logger,
  ) {
    this.ticker = setInterval(() => this.tickFailed(), TICK_RETRY_MS);
    this.ticker.unref();
    let connectedBefore = false;
    redis.on("ready", () => {
      // Redis came back, maybe empty: a tick per board tells its readers to check what they missed.
      if (connectedBefore) for (const boardId of this.numbers.keys()) this.failed.add(boardId);
      connectedBefore = true;
    });
  }

  /** A message the holder relayed to its own clients (board, session or presence). */
  publish(boardId: string, epoch: number, kind: "board" | "session" | "presence", message: Uint8Array): void {
    this.append(boardId, { kind, epoch, n: this.next(boardId, epoch), message });
  }

  /** Phones' views of the board may have changed outside its documents: every instance's phones look again. */
  publishPhones(boardId: string, epoch: number): void {
    this.append(boardId, { kind: "phones", epoch, n: this.next(boardId, epoch) });
  }

  /** Tells every instance's copies of the board; `deleted` also drops the stream. */
  async announce(boardId: string, entry: Extract<StreamEntry, { kind: "revoked" | "deleted" }>): Promise<void> {
    if (entry.kind === "deleted") this.numbers.delete(boardId);
    // Tried until Redis takes it (a restart takes seconds): a copy must not go on serving a renewed link.
    for (let attempt = 1; ; attempt++) {
      try {
        await appendEntry(this.redis, boardId, entry);
        break;
      } catch (error) {
        if (attempt >= ANNOUNCE_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, TICK_RETRY_MS));
      }
    }
    // A deleted board's stream (note text) goes; the entry itself reaches readers already blocked on the key.
    if (entry.kind === "deleted") await this.redis.pexpire(streamKey(boardId), 1_000);
  }

  /** The board left this instance: the next holding is numbered afresh. */
  forget(boardId: string): void {
    this.numbers.delete(boardId);
    this.failed.delete(boardId);
  }

  stop(): void {
    clearInterval(this.ticker);
  }

  private next(boardId: string, epoch: number): number {
    const current = this.numbers.get(boardId);
    const n = current && current.epoch === epoch ? current.n + 1 : 1;
    this.numbers.set(boardId, { epoch, n });
    return n;
  }

  private append(boardId: string, entry: StreamEntry): void {
    appendEntry(this.redis, boardId, entry)
      .then(() => {
        if (entry.kind === "tick") this.failed.delete(boardId);
      })
      .catch((error: unknown) => {
        // The readers miss this one: the next number they see tells them to resync.
        if (!this.failed.has(boardId)) this.log("stream.publish_failed", { board: boardId, error: String(error) });
        this.failed.add(boardId);
      });
  }

  private tickFailed(): void {
    for (const boardId of this.failed) {
      const current = this.numbers.get(boardId);
      if (!current) {
        this.failed.delete(boardId);
        continue;
      }
      this.append(boardId, { kind: "tick", epoch: current.epoch, n: this.next(boardId, current.epoch) });
    }
  }
}

export interface StreamSubscriber<E = StreamEntry> {
  /** Where following starts: the holder's last numbered entry in the stream, or null (none there). */
  positioned(tail: { epoch: number; n: number } | null): void;
  /** Entries in stream order. */
  entries(entries: E[]): void;
  /** The stream could not be read (Redis down or restarted): what was missed is in PostgreSQL. */
  lost(): void;
}

/** Which of a board's streams a follower reads, and how its entries read. */
export interface StreamKind<E> {
  prefix: string;
  /** Null for an entry this version cannot read. */
  decode(fields: Buffer[]): E | null;
  /** The position an entry marks in the holder's numbering, if any. */
  numberOf(entry: E): { epoch: number; n: number } | null;
}

/** The boards' live output, as the holder relays it. */
export const BOARD_STREAMS: StreamKind<StreamEntry> = {
  prefix: KEY_PREFIX,
  decode: decodeEntry,
  numberOf: (entry) => ("n" in entry ? { epoch: entry.epoch, n: entry.n } : null),
};

/**
 * The readers' side: one blocking XREAD per instance over the streams of every board it keeps a
 * copy of. Following a new board interrupts the read (CLIENT UNBLOCK) so it is read from at once.
 */
export class StreamFollower<E = StreamEntry> {
  private readonly followed = new Map<string, { lastId: string; subscriber: StreamSubscriber<E> }>();
  private readonly reader: Redis;
  private readerId: number | null = null;
  /** Counts XREADs, so an unblock aims at the read it meant. */
  private reads = 0;
  private blocked = false;
  private wake: (() => void) | null = null;
  private stopped = false;
  private readonly loop: Promise<void>;

  constructor(
    private readonly redis: Redis,
    private readonly log: Logger,
    private readonly kind: StreamKind<E>,
  ) {
    this.reader = redis.duplicate({ maxRetriesPerRequest: null });
    this.reader.on("error", () => undefined);
    let connectedBefore = false;
    this.reader.on("ready", () => {
      this.readerId = null;
      // ioredis resends a blocked read after a reconnect: what Redis lost meanwhile is in PostgreSQL.
      if (connectedBefore) for (const { subscriber } of this.followed.values()) subscriber.lost();
      connectedBefore = true;
    });
    this.loop = this.run();
  }

  /**
   * Starts following a board from the stream's end now. Resolves once the position is taken: what
   * the holder relays from then on reaches `subscriber`, and what it relayed before is in PostgreSQL.
   */
  async follow(boardId: string, subscriber: StreamSubscriber<E>): Promise<void> {
    const last = await this.redis.xrevrangeBuffer(this.keyOf(boardId), "+", "-", "COUNT", 1);
    const tail = last[0] ? this.kind.decode(last[0][1]) : null;
    subscriber.positioned(tail ? this.kind.numberOf(tail) : null);
    this.followed.set(boardId, { lastId: last[0]?.[0].toString() ?? "0-0", subscriber });
    this.interrupt();
  }

  unfollow(boardId: string): void {
    if (this.followed.delete(boardId)) this.interrupt();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.followed.clear();
    this.interrupt();
    this.reader.disconnect();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      if (this.followed.size === 0) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = null;
        continue;
      }
      try {
        await this.readOnce();
      } catch (error) {
        if (this.stopped) return;
        this.log("stream.read_failed", { error: String(error) });
        for (const { subscriber } of this.followed.values()) subscriber.lost();
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }

  private async readOnce(): Promise<void> {
    // A Redis that refuses CLIENT (some managed offerings) is read with short blocks instead.
    this.readerId ??= await this.reader.client("ID").then(Number, () => NO_CLIENT_ID);
    const boards = [...this.followed.entries()];
    const keys = boards.map(([boardId]) => this.keyOf(boardId));
    const ids = boards.map(([, followed]) => followed.lastId);
    this.reads++;
    this.blocked = true;
    let answer: Array<[Buffer, Array<[Buffer, Buffer[]]>]> | null;
    try {
      const block = this.readerId === NO_CLIENT_ID ? SHORT_BLOCK_MS : BLOCK_MS;
      answer = (await this.reader.xreadBuffer("COUNT", 1_000, "BLOCK", block, "STREAMS", ...keys, ...ids)) as typeof answer;
    } finally {
      this.blocked = false;
    }
    for (const [key, entries] of answer ?? []) {
      const boardId = key.toString().slice(this.kind.prefix.length);
      const followed = this.followed.get(boardId);
      if (!followed || entries.length === 0) continue;
      followed.lastId = entries[entries.length - 1][0].toString();
      const decoded = entries.map(([, fields]) => this.kind.decode(fields));
      // An entry this instance cannot read: what it carried is in PostgreSQL.
      if (decoded.includes(null)) followed.subscriber.lost();
      followed.subscriber.entries(decoded.filter((entry): entry is E => entry !== null));
    }
  }

  private keyOf(boardId: string): string {
    return `${this.kind.prefix}${boardId}`;
  }

  /** Ends the blocked read so the next one covers the boards followed now. */
  private interrupt(): void {
    this.wake?.();
    const read = this.reads;
    const unblock = async (attempt: number): Promise<void> => {
      // The read may not have reached Redis yet: try again until it is blocked or over.
      if (this.stopped || this.reads !== read || this.readerId === NO_CLIENT_ID) return;
      const done = this.blocked && this.readerId !== null ? Number(await this.redis.client("UNBLOCK", this.readerId)) : 0;
      if (done === 0 && attempt < 200 && this.reads === read) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        return unblock(attempt + 1);
      }
    };
    unblock(0).catch(() => undefined);
  }
}
