import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import type { StreamEntry, StreamSubscriber } from "../cluster/board-stream";
import type { LinkKind } from "../../lib/roles";
import type { Logger } from "../log";
import type { BoardStorage, DocName } from "../storage/types";
import { awarenessMessage, decodeMessage, emptyPresenceMessage, syncStep2Message, updateMessage, type IncomingMessage } from "./messages";
import { CLOSE, type Channel, type Peer } from "./peer";
import { applyStoredHistory } from "./room";
import { changesPresence, type RemotePresence } from "./presence";
import { encodePresence, readPresence, type PresenceLimits } from "../../lib/schema/presence-guard";
import type { ServerLimits } from "../../lib/schema/limits";
import { TokenBucket } from "../limits/token-bucket";
import type { LiveBoard } from "../participation/live";

const DOCUMENTS: readonly DocName[] = ["board", "session"];

/** Where a copy sends its readers' presence: the board's holder (server/cluster/presence-inbox.ts). */
export interface PresenceUpstream {
  /** A name for a connection that no connection on any instance has. */
  newConnectionId(): string;
  send(boardId: string, entry: RemotePresence): void;
  limits: PresenceLimits & Pick<ServerLimits, "presencePerSecond">;
}
const EMPTY_STATE_VECTOR = Uint8Array.of(0);
const STREAM_ORIGIN = Symbol("stream");
const RELOAD_RETRY_MS = 1_000;

/**
 * A board as an instance that does not hold it keeps it for its readers (viewers, projectors),
 * in a cluster with Redis (docs/deploy.md, "Several instances"): loaded from PostgreSQL, then kept
 * current by the board's stream (server/cluster/board-stream.ts), which carries exactly what the
 * holder relays to its own clients, after the holder stored it. So a thousand readers of one board
 * cost the holder one stream, and a reader here stays connected when the holder changes.
 *
 * Phones that reached this instance read their views from it too (server/cluster/phones.ts).
 *
 * A copy never writes anything: readers' updates are dropped, as the holder drops a viewer's; their
 * presence goes on to the holder, which shows it to everyone (server/cluster/presence-inbox.ts). Whenever the stream may have missed something (a
 * gap in the holder's numbering, a new holder, Redis lost) the copy loads the board again, and
 * sends its readers only what they lacked.
 */
export class BoardCopy implements StreamSubscriber, LiveBoard {
  readonly doc = new Y.Doc();
  readonly session = new Y.Doc();
  private readonly awareness = new awarenessProtocol.Awareness(this.doc);
  private readonly peers = new Set<Peer>();
  private readonly changeListeners = new Set<() => void>();
  /** Readers whose presence went on to the holder, by the name their connection has there. */
  private readonly presenceSenders = new Map<Peer, { conn: string; rate: TokenBucket }>();
  private readonly wholeAnswer: Record<DocName, Uint8Array | null> = { board: null, session: null };
  /** The holder's last numbered entry seen: the next must be its successor. */
  private last: { epoch: number; n: number } | null = null;
  private loading: Promise<void> | null = null;
  private loadAgain = false;
  private loadedOnce = false;
  /** The stream held no numbered entry when following began: the first one is checked against PostgreSQL. */
  private unanchored = false;
  private retry: NodeJS.Timeout | null = null;
  private ready: Promise<void> = Promise.resolve();
  private gone = false;
  private destroyed = false;

  constructor(
    readonly boardId: string,
    private readonly storage: BoardStorage,
    private readonly log: Logger,
    /** Told when the board was deleted: the copy is to be dropped. */
    private readonly onDeleted: (copy: BoardCopy) => void,
    /** Told when a link was renewed, so this instance refuses its connections still on their way in. */
    private readonly onRevoked: (boardId: string, link: LinkKind) => void,
    /** Where readers' presence goes: the board's holder. Without it, readers here are not shown to others. */
    private readonly upstream?: PresenceUpstream,
  ) {
    this.awareness.setLocalState(null);
    for (const name of DOCUMENTS) {
      this.docOf(name).on("update", () => {
        this.wholeAnswer[name] = null;
        this.changed();
      });
    }
  }

  /** Deleted, or dropped: phones following it here ask again. */
  get hasEnded(): boolean {
    return this.gone || this.destroyed;
  }

  /** Called after every change to either document, when the holder says phones' views changed, and when the copy ends. */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  positioned(tail: { epoch: number; n: number } | null): void {
    this.last = tail;
    this.unanchored = tail === null;
  }

  /** The first load, once the stream's position is taken (StreamFollower.follow). */
  load(): Promise<void> {
    this.ready = this.reload();
    return this.ready;
  }

  /** Runs `task` once the copy has loaded (the transport's queue, as for a room). */
  async run<T>(task: () => T | Promise<T>): Promise<T> {
    await this.ready;
    return task();
  }

  get peerCount(): number {
    return this.peers.size;
  }

  join(peer: Peer): void {
    if (this.gone) return peer.close(CLOSE.deleted, "board deleted");
    this.peers.add(peer);
    if (peer.channel !== "board") return;
    const clients = [...this.awareness.getStates().keys()];
    if (clients.length > 0) peer.send(awarenessMessage(this.awareness, clients));
  }

  leave(peer: Peer): void {
    this.peers.delete(peer);
    const sender = this.presenceSenders.get(peer);
    if (!sender) return;
    this.presenceSenders.delete(peer);
    this.upstream?.send(this.boardId, { kind: "left", conn: sender.conn });
  }

  receive(peer: Peer, message: IncomingMessage): void {
    switch (message.kind) {
      case "syncStep1":
        return peer.send(this.syncAnswer(message.stateVector, peer.channel));
      case "update":
        // A reader writes nothing; the stock client sends its state during every sync.
        return;
      case "awareness":
        if (peer.channel === "board") this.sendPresenceOn(peer, message.update);
        // An answer at once keeps the stock client from reconnecting after 30 s of silence, whatever the holder does.
        return peer.send(emptyPresenceMessage());
      case "queryAwareness": {
        const clients = [...this.awareness.getStates().keys()];
        if (peer.channel === "board" && clients.length > 0) peer.send(awarenessMessage(this.awareness, clients));
        return;
      }
    }
  }

  closePeers(match: (peer: Peer) => boolean, code: number, reason: string): number {
    const chosen = [...this.peers].filter(match);
    for (const peer of chosen) peer.close(code, reason);
    return chosen.length;
  }

  entries(entries: StreamEntry[]): void {
    for (const entry of entries) this.take(entry);
  }

  lost(): void {
    void this.reload();
  }

  destroy(): void {
    this.destroyed = true;
    this.changed();
    if (this.retry) clearTimeout(this.retry);
    this.awareness.destroy();
    this.doc.destroy();
    this.session.destroy();
  }

  private take(entry: StreamEntry): void {
    if (entry.kind === "revoked") {
      this.onRevoked(this.boardId, entry.link);
      this.closePeers((peer) => peer.link === entry.link, CLOSE.revoked, "link renewed");
      return;
    }
    if (entry.kind === "deleted") return this.deleted();
    const last = this.last;
    this.last = { epoch: entry.epoch, n: entry.n };
    const gap = last ? entry.epoch !== last.epoch || entry.n !== last.n + 1 : this.unanchored;
    this.unanchored = false;
    if (gap) void this.reload();
    if (entry.kind === "tick") return;
    if (entry.kind === "phones") return this.changed();
    try {
      this.apply(entry.kind, entry.message);
    } catch (error) {
      this.log("copy.entry_failed", { board: this.boardId, error: String(error) });
      void this.reload();
    }
  }

  private apply(kind: "board" | "session" | "presence", message: Uint8Array): void {
    const decoded = decodeMessage(message);
    if (kind === "presence" && decoded.kind === "awareness") {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, decoded.update, STREAM_ORIGIN);
      return this.broadcast("board", message);
    }
    if (kind !== "presence" && decoded.kind === "update") {
      Y.applyUpdate(this.docOf(kind), decoded.update, STREAM_ORIGIN);
      return this.broadcast(kind, message);
    }
    throw new Error(`a ${kind} entry carried a ${decoded.kind} message`);
  }

  /**
   * Loads both documents from PostgreSQL into the copy and sends its readers what they lacked.
   * Everything the holder streamed is stored before it was streamed, so nothing is missed; what
   * arrives by the stream meanwhile applies as usual (Yjs applies each change once).
   */
  private reload(): Promise<void> {
    if (this.loading) {
      this.loadAgain = true;
      return this.loading;
    }
    const first = !this.loadedOnce;
    this.loading = (async () => {
      try {
        do {
          this.loadAgain = false;
          if (!(await this.storage.getBoard(this.boardId))) return this.deleted();
          for (const name of DOCUMENTS) await this.loadDocument(name);
        } while (this.loadAgain);
        this.loadedOnce = true;
        // What the stream missed may have been a "phones" entry (a held note edited, a dot): phones here look again.
        if (!first) this.changed();
      } catch (error) {
        if (first) throw error;
        // What the stream missed is only in PostgreSQL: try until it answers.
        this.log("copy.reload_failed", { board: this.boardId, error: String(error) });
        if (!this.destroyed && !this.retry) this.retry = setTimeout(() => this.retryReload(), RELOAD_RETRY_MS);
      } finally {
        this.loading = null;
      }
    })();
    return this.loading;
  }

  private retryReload(): void {
    this.retry = null;
    void this.reload();
  }

  /** The board was deleted (its stream said so, or PostgreSQL no longer has it). */
  private deleted(): void {
    if (this.gone) return;
    this.gone = true;
    this.closePeers(() => true, CLOSE.deleted, "board deleted");
    this.changed();
    this.onDeleted(this);
  }

  private async loadDocument(name: DocName): Promise<void> {
    const stored = await this.storage.loadDocument(this.boardId, name);
    const doc = this.docOf(name);
    const before = Y.encodeStateVector(doc);
    // What the holder set aside when it loaded is not part of the board: the copy leaves it aside too.
    applyStoredHistory(doc, stored);
    const missed = Y.encodeStateAsUpdate(doc, before);
    if (missed.length > 2) this.broadcast(name, updateMessage(missed));
  }

  private syncAnswer(stateVector: Uint8Array, channel: Channel): Uint8Array {
    const doc = this.docOf(channel);
    if (!(stateVector.length === 1 && stateVector[0] === 0)) return syncStep2Message(doc, stateVector);
    return (this.wholeAnswer[channel] ??= syncStep2Message(doc, EMPTY_STATE_VECTOR));
  }

  /**
   * Passes a reader's own presence on to the holder, which checks it and relays it to everyone
   * through the stream. What the stock client echoes of others' presence (it sends back every
   * change it hears) changes nothing here and goes no further; a storm of cursor moves is thinned.
   */
  private sendPresenceOn(peer: Peer, update: Uint8Array): void {
    if (!this.upstream) return;
    const verdict = readPresence(update, this.upstream.limits);
    if (!verdict.ok) return peer.close(CLOSE.malformed, "malformed presence");
    const changing = verdict.entries.filter((entry) => changesPresence(this.awareness, entry));
    if (changing.length === 0) return;
    let sender = this.presenceSenders.get(peer);
    if (!sender) {
      const perSecond = this.upstream.limits.presencePerSecond;
      sender = { conn: this.upstream.newConnectionId(), rate: new TokenBucket(perSecond, perSecond * 2) };
      this.presenceSenders.set(peer, sender);
    }
    if (!sender.rate.take()) return;
    this.upstream.send(this.boardId, { kind: "presence", conn: sender.conn, link: peer.link, role: peer.role, writer: peer.writer, update: encodePresence(changing) });
  }

  private changed(): void {
    for (const listener of this.changeListeners) listener();
  }

  private broadcast(channel: Channel, message: Uint8Array): void {
    for (const peer of this.peers) if (peer.channel === channel) peer.relay(message);
  }

  private docOf(name: DocName | Channel): Y.Doc {
    return name === "session" ? this.session : this.doc;
  }
}
