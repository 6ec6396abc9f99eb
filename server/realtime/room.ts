import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import type { LinkKind, Role } from "../../lib/roles";
import { migrateToCurrent } from "../../lib/schema/migrations";
import type { Logger } from "../log";
import type { BoardStorage } from "../storage/types";
import { awarenessMessage, syncStep1Message, syncStep2Message, updateMessage } from "./messages";

/** A client with nothing yet (a state vector of no clients). */
const EMPTY_STATE_VECTOR = Uint8Array.of(0);

function isEmptyStateVector(stateVector: Uint8Array): boolean {
  return stateVector.length === 1 && stateVector[0] === 0;
}

/** An update with no structs and no deletions (what Yjs encodes as two zero bytes). */
function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length === 2 && update[0] === 0 && update[1] === 0;
}

/** Anything the room can send a frame to: a websocket connection in practice. */
export interface Peer {
  /** The link it came in with, and what that link may do. */
  readonly link: LinkKind;
  readonly role: Role;
  /** Ends the connection with a close code (docs/api.md, "Close codes"). */
  close(code: number, reason: string): void;
  /** A message for this peer alone (its sync answer, a presence snapshot). */
  send(message: Uint8Array): void;
  /** The same message goes to every peer of the room: a transport may prepare it once. */
  relay(message: Uint8Array): void;
}

/** Origin of the changes the server itself makes (placing phones' notes, opening a vote). */
export const SERVER_ORIGIN = Symbol("server");

export interface RoomOptions {
  /** Compact the stored history after this many appended updates. */
  compactEvery: number;
}

/**
 * One loaded board: its document, its presence, its peers. Every task on a room runs in one
 * queue, in arrival order, after the board has loaded, so nobody is ever sent a half-loaded or
 * empty board, and an update is stored before anyone else sees it.
 */
export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  private readonly peers = new Map<Peer, Set<number>>();
  private queue: Promise<void>;
  private lastSeq = 0;
  private appendedSinceCompaction = 0;
  private loadError: Error | null = null;
  private readonly changeListeners = new Set<() => void>();
  private serverUpdate: Uint8Array | null = null;
  /** The whole board as a sync answer, until the next change. */
  private wholeBoardAnswer: Uint8Array | null = null;

  constructor(
    readonly boardId: string,
    private readonly storage: BoardStorage,
    private readonly log: Logger,
    private readonly options: RoomOptions,
  ) {
    this.awareness.setLocalState(null);
    this.doc.on("update", this.onDocUpdate);
    this.awareness.on("update", this.onAwarenessChange);
    this.queue = this.load().catch((error: unknown) => {
      this.loadError = error instanceof Error ? error : new Error(String(error));
      this.log("room.load_failed", { board: this.boardId, error: String(error) });
    });
  }

  /**
   * Runs `task` after everything queued before it. The returned promise rejects with the task's
   * error (or the load error) so the caller can close its connection; the queue goes on.
   */
  run<T>(task: () => T | Promise<T>): Promise<T> {
    const result = this.queue.then(() => {
      if (this.loadError) throw this.loadError;
      return task();
    });
    this.queue = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  /** The peers `match` picks (those of a renewed link, say) are closed with `code`. */
  closePeers(match: (peer: Peer) => boolean, code: number, reason: string): number {
    const chosen = [...this.peers.keys()].filter(match);
    for (const peer of chosen) peer.close(code, reason);
    return chosen.length;
  }

  addPeer(peer: Peer): void {
    this.peers.set(peer, new Set());
  }

  removePeer(peer: Peer): void {
    const clients = this.peers.get(peer);
    this.peers.delete(peer);
    if (clients && clients.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...clients], null);
  }

  /** Stores the update, then applies it; applying relays it to the other peers. */
  async applyClientUpdate(update: Uint8Array, from: Peer): Promise<void> {
    // Every stock client answers the server's sync step 1 with an update; usually it is empty.
    if (isEmptyUpdate(update)) return;
    this.lastSeq = await this.storage.appendUpdate(this.boardId, update);
    Y.applyUpdate(this.doc, update, from);
    if (++this.appendedSinceCompaction >= this.options.compactEvery) this.scheduleCompaction();
  }

  /**
   * Makes a change as the server, in the room's queue (call it inside `run`): stored first, then
   * sent to every peer, exactly like a client's update. Resolves when it is durable.
   */
  async applyServerChange(change: (doc: Y.Doc) => void): Promise<void> {
    this.serverUpdate = null;
    let failure: { error: unknown } | null = null;
    try {
      this.doc.transact(() => change(this.doc), SERVER_ORIGIN);
    } catch (error) {
      // Yjs keeps what the change did before it threw: store and send that part too, so the
      // document never holds anything storage and the peers lack; then report the error.
      failure = { error };
    }
    const update = this.serverUpdate as Uint8Array | null;
    this.serverUpdate = null;
    if (update) {
      this.lastSeq = await this.storage.appendUpdate(this.boardId, update);
      this.broadcast(updateMessage(update), null);
      if (++this.appendedSinceCompaction >= this.options.compactEvery) this.scheduleCompaction();
    }
    if (failure) throw failure.error;
  }

  /**
   * The sync answer (step 2) to a peer's state vector. People who open the link together all have
   * nothing yet and get the same bytes: the whole board is encoded once per change, not once per
   * person (200 people joining a 2,000-note board cost 200 encodings of it before).
   */
  syncAnswer(stateVector: Uint8Array): Uint8Array {
    if (!isEmptyStateVector(stateVector)) return syncStep2Message(this.doc, stateVector);
    return (this.wholeBoardAnswer ??= syncStep2Message(this.doc, EMPTY_STATE_VECTOR));
  }

  /**
   * Asks every peer for what it has and the server lacks (a sync step 1; each answers with a step
   * 2): how updates the server held back during private writing reach the board once it ends.
   */
  requestSync(): void {
    this.broadcast(syncStep1Message(this.doc), null);
  }

  /** Called after every change to the document, from anyone; returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  applyAwarenessUpdate(update: Uint8Array, from: Peer): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, from);
  }

  awarenessSnapshot(): Uint8Array | null {
    const clients = [...this.awareness.getStates().keys()];
    return clients.length > 0 ? awarenessMessage(this.awareness, clients) : null;
  }

  private scheduleCompaction(): void {
    this.run(() => this.compact()).catch((error: unknown) =>
      this.log("room.compaction_failed", { board: this.boardId, error: String(error) }),
    );
  }

  /** Writes the whole state as one snapshot and drops the updates it covers. */
  async compact(): Promise<void> {
    if (this.appendedSinceCompaction === 0) return;
    const throughSeq = this.lastSeq;
    await this.storage.compact(this.boardId, Y.encodeStateAsUpdate(this.doc), throughSeq);
    this.appendedSinceCompaction = 0;
  }

  /** Flushes and frees the room; queued after every pending task. */
  async close(): Promise<void> {
    try {
      await this.run(() => this.compact());
    } catch (error) {
      this.log("room.final_write_failed", { board: this.boardId, error: String(error) });
    } finally {
      this.awareness.destroy();
      this.doc.destroy();
    }
  }

  private async load(): Promise<void> {
    const stored = await this.storage.loadDocument(this.boardId);
    this.doc.transact(() => {
      if (stored.snapshot) Y.applyUpdate(this.doc, stored.snapshot);
      for (const update of stored.updates) Y.applyUpdate(this.doc, update);
    }, "storage");
    this.lastSeq = stored.lastSeq;
    this.appendedSinceCompaction = stored.updates.length;
    const before = Y.encodeStateVector(this.doc);
    const migration = migrateToCurrent(this.doc);
    if (migration.status === "migrated") {
      this.lastSeq = await this.storage.appendUpdate(this.boardId, Y.encodeStateAsUpdate(this.doc, before));
      this.appendedSinceCompaction++;
      this.log("room.migrated", { board: this.boardId, from: migration.from, to: migration.to });
    } else if (migration.status === "newer") {
      this.log("room.newer_schema", { board: this.boardId, version: migration.version });
    }
    if (this.appendedSinceCompaction >= this.options.compactEvery) await this.compact();
  }

  private onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    this.wholeBoardAnswer = null;
    // The server's own change is relayed only once storage has it (applyServerChange).
    if (origin === SERVER_ORIGIN) this.serverUpdate = update;
    else this.broadcast(updateMessage(update), origin);
    for (const listener of this.changeListeners) listener();
  };

  private broadcast(message: Uint8Array, except: unknown): void {
    for (const peer of this.peers.keys()) if (peer !== except) peer.relay(message);
  }

  private onAwarenessChange = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = [...added, ...updated, ...removed];
    const owned = this.peers.get(origin as Peer);
    if (owned) {
      for (const id of [...added, ...updated]) owned.add(id);
      for (const id of removed) owned.delete(id);
    }
    if (changed.length > 0) this.broadcast(awarenessMessage(this.awareness, changed), null);
  };
}
