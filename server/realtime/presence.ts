import * as awarenessProtocol from "y-protocols/awareness";
import type * as Y from "yjs";
import { PRESENTING_FIELD, readPresenting } from "../../lib/follow/presenting";
import type { ServerLimits } from "../../lib/schema/limits";
import { encodePresence, readPresence, withoutFields, type PresenceEntry } from "../../lib/schema/presence-guard";
import { DepartedIds } from "./departed-ids";
import { TokenBucket } from "../limits/token-bucket";
import type { Logger } from "../log";
import type { Peer } from "./peer";
import type { LinkKind, Role } from "../../lib/roles";
import type { Writers } from "./writers";

/** Fields only a facilitator may announce: `presenting` moves the views of everyone who follows. */
const FACILITATOR_ONLY_FIELDS = [PRESENTING_FIELD] as const;

type PresenceLimits = Pick<ServerLimits, "presencePerSecond" | "presenceEntriesPerMessage" | "presenceStateBytes" | "presenceDepth" | "presenceClockLimit">;

/**
 * A room's presence (cursors, names, who presents), bound to connections: a connection may set
 * only the client ids it introduced first. Another connection's id is dropped, unless that
 * connection is the same device reconnecting, or the same writer's whose connection is gone (a
 * live one that does not answer a ping is closed). An id stays with its writer after its
 * connection leaves. A client id that writes the board as someone else is never theirs.
 */
/** How long an id stays with the writer whose connection left, and how many of a writer's are kept. */
const DEPARTED_KEEP_MS = 10 * 60 * 1000;
const DEPARTED_PER_WRITER = 16;

export class RoomPresence {
  readonly awareness: awarenessProtocol.Awareness;
  private readonly holders = new Map<number, Peer>();
  /** Ids whose connection left, and the writer they stay with, for a while. */
  private readonly departed = new DepartedIds(DEPARTED_KEEP_MS, DEPARTED_PER_WRITER);
  private readonly held = new Map<Peer, Set<number>>();
  private readonly rates = new Map<Peer, TokenBucket>();

  constructor(
    doc: Y.Doc,
    private readonly writers: Writers,
    private readonly limits: PresenceLimits,
    private readonly log: Logger,
    private readonly boardId: string,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null);
  }

  /**
   * Applies what `from` may set of `update`. Answers a reason when the message is not presence at
   * all (the connection is then closed), else null.
   */
  receive(from: Peer, update: Uint8Array): string | null {
    const verdict = readPresence(update, this.limits);
    if (!verdict.ok) return verdict.reason;
    if (verdict.dropped.length > 0) this.log("presence.dropped", { board: this.boardId, reasons: verdict.dropped.slice(0, 3) });
    // The stock client (y-websocket) sends back every presence change it hears, other people's
    // too: the room's snapshot when it joins, each relayed cursor, each person leaving. Such an
    // echo changes nothing, so it claims no id (an echoed leaving would make the echoer the holder
    // of the id of whoever dropped off), spends none of the rate and counts toward no limit.
    const changing = verdict.entries.filter((entry) => changesPresence(this.awareness, entry));
    if (changing.length === 0) return null;
    // Entries for ids the sender may not hold are dropped, not counted: a stock client whose own
    // timer ran out (a tab waking from sleep) sends everyone else's leaving.
    const entries = this.allowedFields(from, changing).filter((entry) => this.mayHold(from, entry.client));
    if (entries.length > this.limits.presenceEntriesPerMessage) return `${entries.length} new presence entries in one message`;
    if (entries.length === 0) return null;
    if (!this.rateOf(from).take()) return null; // a cursor storm is thinned, not an error
    for (const entry of entries) this.hold(from, entry.client);
    awarenessProtocol.applyAwarenessUpdate(this.awareness, encodePresence(entries), from);
    return null;
  }

  /**
   * The connection left: its people leave with it. Their ids stay its writer's, for a new
   * connection of the same writer to take up again: someone whose connection dropped comes back as
   * themselves, and nobody else writes or announces as them meanwhile: for ten minutes, and for a
   * writer's latest few ids (server/realtime/departed-ids.ts).
   */
  leave(peer: Peer): void {
    const clients = [...(this.held.get(peer) ?? [])];
    this.held.delete(peer);
    this.rates.delete(peer);
    for (const client of clients) {
      if (this.holders.get(client) !== peer) continue;
      this.holders.delete(client);
      this.departed.add(client, peer.writer);
    }
    if (clients.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, clients, null);
  }

  destroy(): void {
    this.awareness.destroy();
  }

  private allowedFields(from: Peer, entries: PresenceEntry[]): PresenceEntry[] {
    if (from.role !== "facilitator") return withoutFields(entries, FACILITATOR_ONLY_FIELDS);
    // A facilitator's presented area must be a real rectangle: followers fit their view to it.
    return entries.map((entry) =>
      entry.state && PRESENTING_FIELD in entry.state && entry.state[PRESENTING_FIELD] !== null && !readPresenting(entry.state)
        ? withoutFields([entry], FACILITATOR_ONLY_FIELDS)[0]
        : entry,
    );
  }

  /**
   * The first of `clientIds` whose presence another writer holds (or held, on a connection that
   * has since left), or null. A client id is on show in presence before its owner first writes the
   * board with it: whoever wrote with it first would own it, and the owner's presence would be
   * dropped from then on.
   */
  someoneElses(clientIds: Iterable<number>, writer: string): number | null {
    for (const client of clientIds) {
      const owner = this.holders.get(client)?.writer ?? this.departed.ownerOf(client);
      if (owner !== undefined && owner !== writer) return client;
    }
    return null;
  }

  private mayHold(from: Peer, client: number): boolean {
    const boardWriter = this.writers.writerOf(client);
    if (boardWriter !== undefined && boardWriter !== from.writer) return false;
    // A client announces one person; a connection speaks for as many as one message may carry.
    const mine = this.held.get(from);
    if (!mine?.has(client) && (mine?.size ?? 0) >= this.limits.presenceEntriesPerMessage) return false;
    const holder = this.holders.get(client);
    if (!holder) return (this.departed.ownerOf(client) ?? from.writer) === from.writer;
    if (holder === from) return true;
    // The same browser on a new connection: its old one is gone or about to be.
    if (holder.writer === from.writer && from.writer.startsWith("device:")) return true;
    void this.challenge(holder);
    return false;
  }

  /** A connection still holding an id someone else claims must answer a ping, or go. */
  private async challenge(holder: Peer): Promise<void> {
    if (!(await holder.isAlive())) holder.close(1001, "did not answer");
  }

  private hold(peer: Peer, client: number): void {
    this.departed.delete(client);
    const previous = this.holders.get(client);
    if (previous && previous !== peer) this.held.get(previous)?.delete(client);
    this.holders.set(client, peer);
    let set = this.held.get(peer);
    if (!set) this.held.set(peer, (set = new Set()));
    set.add(client);
  }

  private rateOf(peer: Peer): TokenBucket {
    let bucket = this.rates.get(peer);
    if (!bucket) this.rates.set(peer, (bucket = new TokenBucket(this.limits.presencePerSecond, this.limits.presencePerSecond * 2)));
    return bucket;
  }
}

/**
 * Whether y-protocols would apply the entry to `awareness`: a newer clock, or a present client
 * leaving at its clock. What a stock client echoes back of others' presence changes nothing.
 */
export function changesPresence(awareness: awarenessProtocol.Awareness, entry: PresenceEntry): boolean {
  const current = awareness.meta.get(entry.client)?.clock;
  if (current === undefined || entry.clock > current) return true;
  return entry.clock === current && entry.state === null && awareness.states.has(entry.client);
}

/** A reader served from another instance's copy of the board, as its presence reaches the holder (server/cluster/presence-inbox.ts). */
export type RemotePresence =
  | { kind: "presence"; conn: string; link: LinkKind; role: Role; writer: string; update: Uint8Array }
  | { kind: "left"; conn: string };

/** How long a remote reader counts as connected after its last presence message (the stock client renews every 15 s). */
const REMOTE_ALIVE_MS = 30_000;

/**
 * Such a reader as a peer of the room's presence: bound to its ids like any connection. It is
 * reached through the board's stream, not directly, so nothing is sent to it here.
 */
export class RemotePeer implements Peer {
  readonly channel = "board" as const;
  private lastSeen = Date.now();

  constructor(
    readonly link: LinkKind,
    readonly role: Role,
    readonly writer: string,
    /** Closing it (its ids claimed by a connection while it is silent): the room forgets it. */
    private readonly onClose: (peer: RemotePeer) => void,
  ) {}

  seen(): void {
    this.lastSeen = Date.now();
  }

  send(): void {}
  relay(): void {}

  close(): void {
    this.onClose(this);
  }

  silent(): boolean {
    return Date.now() - this.lastSeen >= REMOTE_ALIVE_MS;
  }

  async isAlive(): Promise<boolean> {
    return !this.silent();
  }
}
