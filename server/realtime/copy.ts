import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import type { StreamEntry, StreamSubscriber } from "../cluster/board-stream";
import type { Logger } from "../log";
import type { BoardStorage, DocName } from "../storage/types";
import { awarenessMessage, decodeMessage, emptyPresenceMessage, syncStep2Message, updateMessage, type IncomingMessage } from "./messages";
import { CLOSE, type Channel, type Peer } from "./peer";
import { applyStoredHistory } from "./room";

const DOCUMENTS: readonly DocName[] = ["board", "session"];
const EMPTY_STATE_VECTOR = Uint8Array.of(0);
const STREAM_ORIGIN = Symbol("stream");

/**
 * A board as an instance that does not hold it keeps it for its readers (viewers, projectors),
 * in a cluster with Redis (docs/deploy.md, "Several instances"): loaded from PostgreSQL, then kept
 * current by the board's stream (server/cluster/board-stream.ts), which carries exactly what the
 * holder relays to its own clients, after the holder stored it. So a thousand readers of one board
 * cost the holder one stream, and a reader here stays connected when the holder changes.
 *
 * A copy never writes anything: readers' updates are dropped, as the holder drops a viewer's; their
 * presence is answered but not shown to others. Whenever the stream may have missed something (a
 * gap in the holder's numbering, a new holder, Redis lost) the copy loads the board again, and
 * sends its readers only what they lacked.
 */
export class BoardCopy implements StreamSubscriber {
  readonly doc = new Y.Doc();
  readonly session = new Y.Doc();
  private readonly awareness = new awarenessProtocol.Awareness(this.doc);
  private readonly peers = new Set<Peer>();
  private readonly wholeAnswer: Record<DocName, Uint8Array | null> = { board: null, session: null };
  /** The holder's last numbered entry seen: the next must be its successor. */
  private last: { epoch: number; n: number } | null = null;
  private loading: Promise<void> | null = null;
  private loadAgain = false;
  private ready: Promise<void> = Promise.resolve();
  private gone = false;

  constructor(
    readonly boardId: string,
    private readonly storage: BoardStorage,
    private readonly log: Logger,
    /** Told when the board was deleted: the copy is to be dropped. */
    private readonly onDeleted: (copy: BoardCopy) => void,
  ) {
    this.awareness.setLocalState(null);
    for (const name of DOCUMENTS) this.docOf(name).on("update", () => (this.wholeAnswer[name] = null));
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
  }

  receive(peer: Peer, message: IncomingMessage): void {
    switch (message.kind) {
      case "syncStep1":
        return peer.send(this.syncAnswer(message.stateVector, peer.channel));
      case "update":
        // A reader writes nothing; the stock client sends its state during every sync.
        return;
      case "awareness":
        // Not shown to others; an answer keeps the stock client from reconnecting after 30 s of silence.
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
    this.awareness.destroy();
    this.doc.destroy();
    this.session.destroy();
  }

  private take(entry: StreamEntry): void {
    if (entry.kind === "revoked") {
      this.closePeers((peer) => peer.link === entry.link, CLOSE.revoked, "link renewed");
      return;
    }
    if (entry.kind === "deleted") {
      this.gone = true;
      this.closePeers(() => true, CLOSE.deleted, "board deleted");
      this.onDeleted(this);
      return;
    }
    const last = this.last;
    this.last = { epoch: entry.epoch, n: entry.n };
    // The first entry after the position was taken follows what the load read; any other break is a gap.
    if (last && (entry.epoch !== last.epoch || entry.n !== last.n + 1)) void this.reload();
    if (entry.kind === "tick") return;
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
    this.loading = (async () => {
      try {
        do {
          this.loadAgain = false;
          for (const name of DOCUMENTS) await this.loadDocument(name);
        } while (this.loadAgain);
      } finally {
        this.loading = null;
      }
    })();
    return this.loading;
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

  private broadcast(channel: Channel, message: Uint8Array): void {
    for (const peer of this.peers) if (peer.channel === channel) peer.relay(message);
  }

  private docOf(name: DocName | Channel): Y.Doc {
    return name === "session" ? this.session : this.doc;
  }
}
