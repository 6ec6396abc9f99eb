import * as Y from "yjs";
import { canEdit, writableRoots } from "../../lib/roles";
import { ROOT } from "../../lib/schema/board";
import { captureFrames, restoreFrames } from "../../lib/schema/frame-lock";
import type { ServerLimits } from "../../lib/schema/limits";
import { migrateToCurrent } from "../../lib/schema/migrations";
import { isPrivateWriting } from "../../lib/schema/session";
import { checkIncomingUpdate } from "../../lib/schema/update-guard";
import { checkStructure, stateOf, type FreshClocks } from "../../lib/schema/update-structure";
import type { Logger } from "../log";
import type { AppendBatch, BoardStorage, DocName, StoredDocument } from "../storage/types";
import { awarenessMessage, emptyPresenceMessage, syncStep1Message, syncStep2Message, updateMessage, type IncomingMessage } from "./messages";
import { CLOSE, type Channel, type Peer } from "./peer";
import { RemotePeer, RoomPresence, type RemotePresence } from "./presence";
import { SERVER_WRITER, Writers } from "./writers";

export { CLOSE, type Channel, type Peer } from "./peer";

/** A client with nothing yet (a state vector of no clients). */
const EMPTY_STATE_VECTOR = Uint8Array.of(0);
const DOCUMENTS: readonly DocName[] = ["board", "session"];

function isEmptyStateVector(stateVector: Uint8Array): boolean {
  return stateVector.length === 1 && stateVector[0] === 0;
}

/** An update with no structs and no deletions (what Yjs encodes as two zero bytes). */
function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length === 2 && update[0] === 0 && update[1] === 0;
}

/** Origin of the changes the server itself makes (placing phones' notes, opening a vote). */
export const SERVER_ORIGIN = Symbol("server");
const STORAGE_ORIGIN = Symbol("storage");
const MIGRATION_ORIGIN = Symbol("migration");

/** The fixed phrase a close frame carries; details go to the log (a reason is limited to 123 bytes). */
const CLOSE_REASON: Record<number, string> = {
  [CLOSE.malformed]: "malformed message",
  [CLOSE.forbidden]: "update refused",
  [CLOSE.serverError]: "server error, reconnect",
};

export interface RoomOptions {
  /** Compact the stored history after this many appended updates. */
  compactEvery: number;
  limits: Pick<ServerLimits, "heldRangesPerConnection" | "newClientIdsPerUpdate" | "presencePerSecond" | "presenceEntriesPerMessage" | "presenceStateBytes" | "presenceDepth" | "presenceClockLimit">;
  /** Told of every message relayed to all of a channel's peers, once stored (a cluster streams it to the other instances). */
  relayed?: (boardId: string, kind: Relayed, message: Uint8Array) => void;
}

/** What a room relays to everyone: a change to either document, or presence. */
export type Relayed = "board" | "session" | "presence";

/** What the room keeps about one connection. */
interface PeerState {
  /** Yjs client → clock below which the server held this connection's updates back (private writing). */
  held: Map<number, number>;
  /** When the room last asked this connection for what the server lacks of it (Date.now()). */
  askedAt: number;
}

/** How often a connection is asked again for history of its own the server lacks. */
const ASK_AGAIN_MS = 2_000;

/**
 * One loaded board: its two documents (the board, and the session only the server writes), its
 * presence and its connections. Every task on a room runs in one queue, in arrival order, after
 * the board has loaded. The room alone decides what a client's message may do (`receive`): the
 * transport only moves bytes. A change is applied, then stored, then relayed: what reaches storage
 * is what Yjs integrated, so nothing that fails to apply is ever stored, and nobody sees a change
 * before it is durable.
 */
export class Room {
  readonly doc = new Y.Doc();
  readonly session = new Y.Doc();
  private readonly writers = new Writers(new Map());
  private readonly presence: RoomPresence;
  /** Readers served from other instances' copies, by connection (remotePresence). */
  private readonly remotePeers = new Map<string, RemotePeer>();
  private remotePeersSweptAt = 0;
  private readonly peers = new Map<Peer, PeerState>();
  private queue: Promise<void>;
  private readonly lastSeq: Record<DocName, number> = { board: 0, session: 0 };
  private readonly appended: Record<DocName, number> = { board: 0, session: 0 };
  private failure: Error | null = null;
  private ended = false;
  private readonly changeListeners = new Set<() => void>();
  /** What the documents emitted since the last commit, to be stored and then relayed. */
  private captured: Record<DocName, Uint8Array[]> = { board: [], session: [] };
  /** Each document as a sync answer for someone with nothing, until it changes. */
  private readonly wholeAnswer: Record<DocName, Uint8Array | null> = { board: null, session: null };

  constructor(
    readonly boardId: string,
    private readonly storage: BoardStorage,
    private readonly log: Logger,
    private readonly options: RoomOptions,
    /** Told when the room can no longer be trusted (storage failed under it): it must be dropped. */
    private readonly onBroken: (room: Room) => void = () => undefined,
  ) {
    this.presence = new RoomPresence(this.doc, this.writers, options.limits, log, boardId);
    this.presence.awareness.on("update", this.onPresenceChange);
    for (const name of DOCUMENTS) this.docOf(name).on("update", (update: Uint8Array, origin: unknown) => this.onDocUpdate(name, update, origin));
    this.queue = this.load().catch((error: unknown) => {
      this.failure = error instanceof Error ? error : new Error(String(error));
      this.log("room.load_failed", { board: this.boardId, error: String(error) });
    });
  }

  /**
   * Runs `task` after everything queued before it. The returned promise rejects with the task's
   * error (or the load error) so the caller can close its connection; the queue goes on.
   */
  run<T>(task: () => T | Promise<T>): Promise<T> {
    const result = this.queue.then(() => {
      if (this.failure) throw this.failure;
      return task();
    });
    this.queue = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  get awareness() {
    return this.presence.awareness;
  }

  get peerCount(): number {
    return this.peers.size;
  }

  /** A new connection: the board channel is asked for what it has and told who is here. */
  join(peer: Peer): void {
    this.peers.set(peer, { held: new Map(), askedAt: 0 });
    if (peer.channel === "session") return;
    peer.send(syncStep1Message(this.doc));
    const presence = this.presenceSnapshot();
    if (presence) peer.send(presence);
  }

  leave(peer: Peer): void {
    this.peers.delete(peer);
    this.presence.leave(peer);
  }

  /** The peers `match` picks (those of a renewed link, say) are closed with `code`. */
  closePeers(match: (peer: Peer) => boolean, code: number, reason: string): number {
    const chosen = [...this.peers.keys()].filter(match);
    for (const peer of chosen) peer.close(code, reason);
    return chosen.length;
  }

  /**
   * The board is gone (deleted): every connection is closed with `code`, and from now on the room
   * runs nothing and writes nothing, not even its final compaction. Call inside `run`.
   */
  end(code: number, reason: string): number {
    const closed = this.closePeers(() => true, code, reason);
    this.failure ??= new Error("the board was deleted");
    this.ended = true;
    return closed;
  }

  /** Whether `end` was called: work still queued for the board (a count, a push) has nothing to do. */
  get hasEnded(): boolean {
    return this.ended;
  }

  /** One message from a connection, with everything the server decides about it. Call inside `run`. */
  async receive(peer: Peer, message: IncomingMessage): Promise<void> {
    switch (message.kind) {
      case "syncStep1":
        return peer.send(this.syncAnswer(message.stateVector, peer.channel));
      case "update":
        return this.receiveUpdate(peer, message.update);
      case "awareness":
        return this.receivePresence(peer, message.update);
      case "queryAwareness": {
        const presence = peer.channel === "board" ? this.presenceSnapshot() : null;
        if (presence) peer.send(presence);
        return;
      }
    }
  }

  private async receiveUpdate(peer: Peer, update: Uint8Array): Promise<void> {
    // A read-only peer's writes are dropped silently: the stock client sends its local state
    // during every sync, and a viewer must stay connected. Nobody writes the session document.
    if (peer.channel === "session" || !canEdit(peer.role) || isEmptyUpdate(update)) return;
    const state = this.peers.get(peer);
    if (!state) return;
    const verdict = checkIncomingUpdate(this.doc, update, writableRoots(peer.role), { privateWriting: isPrivateWriting(this.session), held: state.held });
    if (!verdict.ok && verdict.refusal === "held") return this.hold(peer, state, verdict.fresh, verdict.reason);
    if (!verdict.ok && verdict.refusal === "lacking") return this.lacking(peer, state, verdict.clients, verdict.reason);
    if (!verdict.ok) return this.refuse(peer, verdict.refusal === "malformed" ? CLOSE.malformed : CLOSE.forbidden, verdict.reason);
    if (verdict.fresh.size > this.options.limits.newClientIdsPerUpdate) return this.refuse(peer, CLOSE.forbidden, `writes as ${verdict.fresh.size} Yjs clients at once`);
    const foreign = this.writers.someoneElses(verdict.fresh.keys(), peer.writer) ?? this.presence.someoneElses(verdict.fresh.keys(), peer.writer);
    if (foreign !== null) return this.refuse(peer, CLOSE.forbidden, `writes as Yjs client ${foreign}, which another writer owns`);
    // Only the facilitator locks, moves locked worksheets or deletes worksheets; what anyone else's
    // update does to them is put back in the same change, stored and relayed with it as one update,
    // so every screen ends where the lock says and no connection is closed (a refused client would
    // resend the same update for ever). Put back in a transaction of its own: Yjs marks a
    // transaction that applies an update as remote, and a remote transaction in which the
    // document's own client id advanced makes Yjs give the document a new, random client id, one
    // that no writer binding would protect.
    const frames = peer.role === "facilitator" || !verdict.roots.has(ROOT.frames) ? null : captureFrames(this.doc, this.session);
    let putBack = false;
    try {
      await this.commit(
        peer,
        () => {
          Y.applyUpdate(this.doc, update, peer);
          if (frames) putBack = restoreFrames(this.doc, frames, peer);
        },
        this.writers.newBindings(verdict.fresh.keys(), peer.writer),
        () => putBack,
      );
    } catch (error) {
      if (this.failure) throw error;
      // The checks above let nothing through that Yjs cannot apply; should one slip, what did apply
      // is stored and relayed like any change (commit), and the sender goes.
      this.log("room.apply_failed", { board: this.boardId, error: String(error) });
      this.refuse(peer, CLOSE.malformed, "update failed to apply");
    }
  }

  /**
   * The update builds on clocks the server does not hold. Of the sender's own history (client ids
   * bound to its writer, or to nobody yet), that is an honest client whose earlier update never
   * arrived: lost in a restart, or its offline edits still on their way in the sync it is about to
   * answer. The update is dropped, never kept pending, and the client is asked for everything the
   * server lacks (a sync step 1), which brings the missing part and this one together. Of anyone
   * else's history (the server's, a colleague's) it can only be a write waiting to land on their
   * next clocks: refused.
   */
  private lacking(peer: Peer, state: PeerState, clients: number[], reason: string): void {
    const someoneElses =
      clients.find((client) => (this.writers.writerOf(client) ?? peer.writer) !== peer.writer) ?? this.presence.someoneElses(clients, peer.writer) ?? undefined;
    if (someoneElses !== undefined) return this.refuse(peer, CLOSE.malformed, `${reason} (another writer's history)`);
    this.log("ws.update_lacking", { board: this.boardId, reason });
    if (Date.now() - state.askedAt < ASK_AGAIN_MS) return;
    state.askedAt = Date.now();
    peer.send(syncStep1Message(this.doc));
  }

  /** Private writing: the update stays on the client's device and comes back after the reveal. */
  private hold(peer: Peer, state: PeerState, fresh: FreshClocks, reason: string): void {
    for (const [client, { to }] of fresh) state.held.set(client, Math.max(state.held.get(client) ?? 0, to));
    for (const [client, to] of state.held) if (to <= stateOf(this.doc, client)) state.held.delete(client);
    if (state.held.size > this.options.limits.heldRangesPerConnection) return this.refuse(peer, CLOSE.malformed, "too much held back");
    this.log("ws.update_held_back", { board: this.boardId, reason });
  }

  /**
   * Presence of a reader another instance serves from its copy (server/cluster/presence-inbox.ts),
   * checked as a connection's here. Call inside `run`.
   */
  remotePresence(entry: RemotePresence): void {
    const known = this.remotePeers.get(entry.conn);
    if (entry.kind === "left") return known && this.forgetRemotePeer(entry.conn, known);
    this.forgetSilentRemotePeers();
    const peer = known ?? new RemotePeer(entry.link, entry.role, entry.writer, (closed) => this.forgetRemotePeer(entry.conn, closed));
    this.remotePeers.set(entry.conn, peer);
    peer.seen();
    const problem = this.presence.receive(peer, entry.update);
    if (problem) this.log("presence.remote_refused", { board: this.boardId, reason: problem });
  }

  /**
   * Readers whose instance stopped speaking for them (it died, or lost Redis) leave; they come back
   * with their next renewal. Looked for at most every few seconds; a connection that claims one of
   * their ids meanwhile closes it at once (RoomPresence's challenge).
   */
  private forgetSilentRemotePeers(): void {
    const now = Date.now();
    if (now - this.remotePeersSweptAt < REMOTE_SWEEP_MS) return;
    this.remotePeersSweptAt = now;
    for (const [conn, peer] of this.remotePeers) if (peer.silent()) this.forgetRemotePeer(conn, peer);
  }

  private forgetRemotePeer(conn: string, peer: RemotePeer): void {
    if (this.remotePeers.get(conn) !== peer) return;
    this.remotePeers.delete(conn);
    this.presence.leave(peer);
  }

  private receivePresence(peer: Peer, update: Uint8Array): void {
    // The session channel carries no presence. The stock client renews its own every 15 s and
    // reconnects after 30 s without a message: an empty answer keeps it calm.
    if (peer.channel === "session") return peer.send(emptyPresenceMessage());
    const problem = this.presence.receive(peer, update);
    if (problem) this.refuse(peer, CLOSE.malformed, problem);
  }

  private refuse(peer: Peer, code: number, reason: string): void {
    this.log("ws.closed_on_error", { board: this.boardId, code, reason });
    peer.close(code, CLOSE_REASON[code] ?? "error");
  }

  /**
   * Makes a change as the server, in the room's queue (call it inside `run`): stored first, then
   * sent to every peer, exactly like a client's update. Resolves when it is durable.
   */
  async applyServerChange(change: (doc: Y.Doc, session: Y.Doc) => void): Promise<void> {
    await this.commit(SERVER_ORIGIN, () => this.session.transact(() => this.doc.transact(() => change(this.doc, this.session), SERVER_ORIGIN), SERVER_ORIGIN));
  }

  /**
   * Runs `change`, then stores what the documents emitted (and new writer bindings) in one write,
   * then relays it: to every board peer but `origin`, unless `echo` says the origin must hear it
   * too (the server put something of its update back). If `change` throws, what it did before
   * is still stored and relayed, so the document never holds what storage and the peers lack.
   */
  private async commit(origin: unknown, change: () => void, writers: Array<[number, string]> = [], echo: () => boolean = () => false): Promise<void> {
    let failure: { error: unknown } | null = null;
    try {
      change();
    } catch (error) {
      failure = { error };
    }
    const batch: AppendBatch = { board: mergedOrNull(this.captured.board), session: mergedOrNull(this.captured.session), writers };
    this.captured = { board: [], session: [] };
    if (this.dropPendingState()) failure ??= { error: new Error("the change left Yjs state pending") };
    if (batch.board || batch.session || writers.length > 0) await this.store(batch);
    if (batch.board) this.relay("board", updateMessage(batch.board), echo() ? null : origin);
    if (batch.session) this.relay("session", updateMessage(batch.session), null);
    if (batch.board || batch.session) for (const listener of this.changeListeners) listener();
    if (failure) throw failure.error;
  }

  private async store(batch: AppendBatch): Promise<void> {
    let seqs: Partial<Record<DocName, number>>;
    try {
      seqs = await this.storage.append(this.boardId, batch);
    } catch (error) {
      // The documents now hold what storage lacks: this room must not serve anyone any more.
      this.break(error);
      throw error;
    }
    this.writers.bind(batch.writers ?? []);
    for (const name of DOCUMENTS) {
      const seq = seqs[name];
      if (seq === undefined) continue;
      this.lastSeq[name] = seq;
      this.appended[name]++;
    }
    if (this.appended.board + this.appended.session >= this.options.compactEvery) this.scheduleCompaction();
  }

  private break(error: unknown): void {
    this.failure ??= new Error(`storage failed: ${String(error)}`);
    this.log("room.broken", { board: this.boardId, error: String(error) });
    this.closePeers(() => true, CLOSE.serverError, CLOSE_REASON[CLOSE.serverError]);
    this.onBroken(this);
  }

  /** Yjs keeps what it cannot apply yet; the room's documents must never hold such a thing. */
  private dropPendingState(): boolean {
    let dropped = false;
    for (const name of DOCUMENTS) {
      const store = this.docOf(name).store;
      if (store.pendingStructs === null && store.pendingDs === null) continue;
      this.log("room.pending_dropped", { board: this.boardId, doc: name });
      store.pendingStructs = null;
      store.pendingDs = null;
      dropped = true;
    }
    return dropped;
  }

  /**
   * The sync answer (step 2) to a peer's state vector. People who open the link together all have
   * nothing yet and get the same bytes: the whole document is encoded once per change.
   */
  syncAnswer(stateVector: Uint8Array, channel: Channel = "board"): Uint8Array {
    const doc = this.docOf(channel);
    if (!isEmptyStateVector(stateVector)) return syncStep2Message(doc, stateVector);
    return (this.wholeAnswer[channel] ??= syncStep2Message(doc, EMPTY_STATE_VECTOR));
  }

  /**
   * Asks every board peer for what it has and the server lacks (a sync step 1; each answers with
   * a step 2): how updates the server held back during private writing reach the board once it ends.
   */
  requestSync(): void {
    this.broadcast("board", syncStep1Message(this.doc), null);
  }

  /** Called after every change to either document, from anyone; returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  private presenceSnapshot(): Uint8Array | null {
    const clients = [...this.awareness.getStates().keys()];
    return clients.length > 0 ? awarenessMessage(this.awareness, clients) : null;
  }

  private scheduleCompaction(): void {
    this.run(() => this.compact()).catch((error: unknown) => this.log("room.compaction_failed", { board: this.boardId, error: String(error) }));
  }

  /** Writes each changed document whole as one snapshot and drops the updates it covers. */
  async compact(): Promise<void> {
    for (const name of DOCUMENTS) {
      if (this.appended[name] === 0) continue;
      await this.storage.compact(this.boardId, Y.encodeStateAsUpdate(this.docOf(name)), this.lastSeq[name], name);
      this.appended[name] = 0;
    }
  }

  /** Flushes and frees the room; queued after every pending task. */
  async close(): Promise<void> {
    try {
      await this.run(() => this.compact());
    } catch (error) {
      if (!this.failure) this.log("room.final_write_failed", { board: this.boardId, error: String(error) });
    } finally {
      this.presence.destroy();
      this.doc.destroy();
      this.session.destroy();
    }
  }

  private async load(): Promise<void> {
    this.writers.bind([...(await this.storage.writersOf(this.boardId))]);
    let repaired = false;
    for (const name of DOCUMENTS) repaired = (await this.loadDocument(name)) || repaired;
    let migration: ReturnType<typeof migrateToCurrent> | null = null;
    // The server's own client ids are bound before anyone could write as them, or refer to their
    // history as if it were their own.
    const serverIds = new Set([this.doc.clientID, this.session.clientID]);
    const bindings = [...serverIds].map((id): [number, string] => [id, SERVER_WRITER]);
    await this.commit(MIGRATION_ORIGIN, () => (migration = migrateToCurrent(this.doc, this.session, MIGRATION_ORIGIN)), bindings);
    const result = migration as ReturnType<typeof migrateToCurrent> | null;
    if (result?.status === "migrated") this.log("room.migrated", { board: this.boardId, from: result.from, to: result.to });
    if (result?.status === "newer") this.log("room.newer_schema", { board: this.boardId, version: result.version });
    if (repaired) for (const name of DOCUMENTS) this.appended[name] = Math.max(this.appended[name], 1);
    if (repaired || this.appended.board + this.appended.session >= this.options.compactEvery) await this.compact();
  }

  /**
   * Applies one document's snapshot and updates. An update that needs another applies after it
   * (stores from before this check may hold them out of order); one that cannot be applied at all
   * is moved aside (quarantined, logged) and the board loads from the rest. Answers whether
   * anything had to be repaired, so that a compaction writes the repaired state.
   */
  private async loadDocument(name: DocName): Promise<boolean> {
    const stored = await this.storage.loadDocument(this.boardId, name);
    const doc = this.docOf(name);
    const aside = applyStoredHistory(doc, stored);
    const dropped = this.dropPendingState();
    for (const { which, reason } of aside) {
      this.log("room.update_quarantined", { board: this.boardId, doc: name, which, reason });
      await this.storage.quarantine(this.boardId, name, which, reason);
    }
    this.lastSeq[name] = stored.lastSeq;
    this.appended[name] = stored.updates.length;
    return aside.length > 0 || dropped;
  }

  private docOf(name: DocName | Channel): Y.Doc {
    return name === "session" ? this.session : this.doc;
  }

  private onDocUpdate(name: DocName, update: Uint8Array, origin: unknown): void {
    this.wholeAnswer[name] = null;
    if (origin !== STORAGE_ORIGIN) this.captured[name].push(update);
  }

  private relay(channel: Channel, message: Uint8Array, except: unknown): void {
    this.broadcast(channel, message, except);
    this.options.relayed?.(this.boardId, channel, message);
  }

  private broadcast(channel: Channel, message: Uint8Array, except: unknown): void {
    for (const peer of this.peers.keys()) if (peer.channel === channel && peer !== except) peer.relay(message);
  }

  /**
   * Presence goes to everyone, its sender too (a stock client that hears nothing for 30 s
   * reconnects). Only what others changed is relayed: a connection may echo what was relayed to
   * it (server/realtime/connection.ts), never its own change sent back.
   */
  private onPresenceChange = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void => {
    const changed = [...added, ...updated, ...removed];
    if (changed.length === 0) return;
    const message = awarenessMessage(this.awareness, changed);
    this.options.relayed?.(this.boardId, "presence", message);
    for (const peer of this.peers.keys()) {
      if (peer.channel !== "board") continue;
      if (peer === origin) peer.send(message);
      else peer.relay(message);
    }
  };
}

/** How often the room looks for remote readers gone silent. */
const REMOTE_SWEEP_MS = 5_000;

export const LATER = "later";

/**
 * Applies a document's stored snapshot and updates, in one transaction. An update that needs
 * another applies after it (stores from before this check may hold them out of order); answers
 * what could not be applied at all, and why.
 */
export function applyStoredHistory(doc: Y.Doc, stored: Pick<StoredDocument, "snapshot" | "updates" | "seqs">): Array<{ which: number | "snapshot"; reason: string }> {
  const aside: Array<{ which: number | "snapshot"; reason: string }> = [];
  doc.transact(() => {
    if (stored.snapshot) {
      const problem = applyStored(doc, stored.snapshot, false);
      if (problem) aside.push({ which: "snapshot", reason: problem });
    }
    let waiting = stored.updates.map((update, i) => ({ update, seq: stored.seqs[i] }));
    for (let progress = true; progress && waiting.length > 0; ) {
      progress = false;
      const later: typeof waiting = [];
      for (const entry of waiting) {
        const problem = applyStored(doc, entry.update, true);
        if (problem === LATER) later.push(entry);
        else if (problem) aside.push({ which: entry.seq, reason: problem });
        else progress = true;
      }
      waiting = later;
    }
    for (const entry of waiting) aside.push({ which: entry.seq, reason: "refers to what the board never held" });
  }, STORAGE_ORIGIN);
  return aside;
}

/**
 * Applies a stored update as a room's load does (bench/storage.ts measures it); answers why it
 * cannot be (LATER if it needs another first), else null.
 */
export function applyStored(doc: Y.Doc, update: Uint8Array, check: boolean): string | null {
  if (check) {
    let verdict: ReturnType<typeof checkStructure>;
    try {
      verdict = checkStructure(doc, Y.decodeUpdate(update));
    } catch (error) {
      return `does not decode: ${String(error)}`;
    }
    if (!verdict.ok) return verdict.problem === "missing" ? LATER : verdict.reason;
  }
  try {
    Y.applyUpdate(doc, update, STORAGE_ORIGIN);
    return null;
  } catch (error) {
    return `throws when applied: ${String(error)}`;
  }
}

function mergedOrNull(updates: Uint8Array[]): Uint8Array | undefined {
  if (updates.length === 0) return undefined;
  return updates.length === 1 ? updates[0] : Y.mergeUpdates(updates);
}
