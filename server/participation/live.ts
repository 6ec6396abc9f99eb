import type { ServerResponse } from "node:http";
import type * as Y from "yjs";
import type { ParticipantView } from "../../lib/api/schemas";
import type { Logger } from "../log";
import type { Room } from "../realtime/room";
import type { RoomRegistry } from "../realtime/rooms";
import { readSession, writeSession } from "../../lib/schema/session";
import { releaseInBackground } from "./board-room";
import type { BoardRecord, ParticipantRecord } from "../storage/types";

/**
 * What a phone's view is read from: the board's room where this server holds the board, or, in a
 * cluster with Redis, this instance's copy of a board another instance holds (server/realtime/copy.ts).
 */
export interface LiveBoard {
  readonly boardId: string;
  readonly doc: Y.Doc;
  readonly session: Y.Doc;
  /** Deleted, or no longer served here: its phones' streams end, and they ask again. */
  readonly hasEnded: boolean;
  run<T>(task: () => T | Promise<T>): Promise<T>;
  /** Called after every change to either document, and when the holder says phones' views may have changed. */
  onChange(listener: () => void): () => void;
}

/** Where boards come from for phones: the rooms on one server; a cluster's instance picks a room or a copy. */
export interface LiveSource {
  acquire(boardId: string): Promise<LiveBoard>;
  release(board: LiveBoard): void;
}

/** How many participants follow a board (on this instance), told whenever it changes. */
export type PhoneCounter = (board: LiveBoard, participantIds: ReadonlySet<string>) => Promise<void>;

/** Null when the participant is no longer on the board (removed): their stream then ends. */
type ComputeView = (board: LiveBoard, record: BoardRecord, participant: ParticipantRecord) => Promise<ParticipantView | null>;

interface Listener {
  board: BoardRecord;
  participant: ParticipantRecord;
  res: ServerResponse;
  lastSent: string;
}

interface BoardListeners {
  board: LiveBoard;
  listeners: Set<Listener>;
  stopWatching: () => void;
  timer: NodeJS.Timeout | null;
  countTimer: NodeJS.Timeout | null;
}

/** How long changes gather before phones hear of them: a drag makes dozens a second. */
const PUSH_DELAY_MS = 150;
const KEEPALIVE_MS = 25_000;
/** Phones arrive in a burst when the code goes up: their count is written once the burst settles. */
const COUNT_DELAY_MS = 500;

export interface LiveOptions {
  /** Where boards come from (a cluster's instance); the rooms when absent. */
  source?: LiveSource;
  /** Who counts the phones (a cluster's instance); written into the room's session when absent. */
  countPhones?: PhoneCounter;
  /** Told by notify(), so other instances' phones hear of changes outside the document too. */
  onNotify?: (boardId: string) => void;
}

/**
 * Phones follow the board through server-sent events: each gets its own view (participantView)
 * whenever the board or their notes change, and only when what it shows has changed. A listening
 * phone keeps its board loaded, like a websocket does.
 */
export class LiveViews {
  private readonly boards = new Map<string, BoardListeners>();
  private readonly keepalive = setInterval(() => this.ping(), KEEPALIVE_MS).unref();
  private readonly source: LiveSource;
  private readonly countPhones: PhoneCounter;

  constructor(
    rooms: RoomRegistry,
    private readonly computeView: ComputeView,
    private readonly log: Logger,
    private readonly options: LiveOptions = {},
  ) {
    this.source = options.source ?? roomSource(rooms, log);
    this.countPhones = options.countPhones ?? countInSession(rooms, log);
  }

  async subscribe(board: BoardRecord, participant: ParticipantRecord, res: ServerResponse): Promise<void> {
    const listener: Listener = { board, participant, res, lastSent: "" };
    res.on("error", (error) => this.log("live.stream_failed", { board: board.id, error: error.message }));
    // A phone may leave while its board loads: listen for that before waiting on anything.
    let gone = false;
    res.on("close", () => {
      gone = true;
      this.unsubscribe(board.id, listener);
    });
    // The board first: one that cannot be had now (moving, Redis away) is answered 503, and the phone opens its stream again.
    const entry = await this.entryFor(board.id);
    if (gone) return this.releaseIfUnused(board.id, entry);
    res.writeHead(200, {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-store",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    });
    entry.listeners.add(listener);
    this.scheduleCount(entry);
    await this.push(entry, listener);
  }

  /** One view, computed in the board's queue (the phone's first load, before it listens). */
  async viewNow(record: BoardRecord, participant: ParticipantRecord): Promise<ParticipantView | null> {
    const board = await this.source.acquire(record.id);
    try {
      return await board.run(() => this.computeView(board, record, participant));
    } finally {
      this.source.release(board);
    }
  }

  /** Something changed outside the document (a held note, a dot): tell the board's phones, here and on every instance. */
  notify(boardId: string): void {
    const entry = this.boards.get(boardId);
    if (entry) this.schedule(entry);
    this.options.onNotify?.(boardId);
  }

  /**
   * Ends the streams of the participants `match` picks (one who was removed, or those whose link
   * was renewed); their phones then ask again and hear that their token no longer counts.
   */
  endStreams(boardId: string, match: (participant: ParticipantRecord) => boolean): number {
    const entry = this.boards.get(boardId);
    if (!entry) return 0;
    const ending = [...entry.listeners].filter((listener) => match(listener.participant));
    for (const listener of ending) listener.res.end();
    return ending.length;
  }

  close(): void {
    clearInterval(this.keepalive);
    for (const entry of this.boards.values()) {
      if (entry.timer) clearTimeout(entry.timer);
      if (entry.countTimer) clearTimeout(entry.countTimer);
      entry.timer = entry.countTimer = null;
      for (const listener of entry.listeners) listener.res.end();
    }
  }

  private async entryFor(boardId: string): Promise<BoardListeners> {
    const existing = this.boards.get(boardId);
    if (existing && !existing.board.hasEnded) return existing;
    if (existing) this.retire(existing);
    const board = await this.source.acquire(boardId);
    const raced = this.boards.get(boardId);
    if (raced && !raced.board.hasEnded) {
      this.source.release(board);
      return raced;
    }
    if (raced) this.retire(raced);
    const entry: BoardListeners = { board, listeners: new Set(), stopWatching: () => undefined, timer: null, countTimer: null };
    entry.stopWatching = board.onChange(() => this.schedule(entry));
    this.boards.set(boardId, entry);
    return entry;
  }

  private unsubscribe(boardId: string, listener: Listener): void {
    const entry = this.boards.get(boardId);
    if (!entry || !entry.listeners.delete(listener)) return;
    this.scheduleCount(entry);
    this.releaseIfUnused(boardId, entry);
  }

  private releaseIfUnused(boardId: string, entry: BoardListeners): void {
    if (entry.listeners.size > 0 || this.boards.get(boardId) !== entry) return;
    entry.stopWatching();
    if (entry.timer) clearTimeout(entry.timer);
    if (entry.countTimer) clearTimeout(entry.countTimer);
    this.boards.delete(boardId);
    // The last phone left: the board says so before it lets the room go.
    void this.publishCount(entry).finally(() => this.source.release(entry.board));
  }

  /** A board that ended here (deleted, or moved off this instance): its phones ask again and are served afresh. */
  private retire(entry: BoardListeners): void {
    entry.stopWatching();
    if (entry.timer) clearTimeout(entry.timer);
    if (entry.countTimer) clearTimeout(entry.countTimer);
    if (this.boards.get(entry.board.boardId) === entry) this.boards.delete(entry.board.boardId);
    for (const listener of entry.listeners) listener.res.end();
    // Its phones are no longer here; those that come back are counted by the board's next entry.
    entry.listeners.clear();
    void this.publishCount(entry);
  }

  private scheduleCount(entry: BoardListeners): void {
    if (entry.countTimer) return;
    entry.countTimer = setTimeout(() => {
      entry.countTimer = null;
      if (this.boards.get(entry.board.boardId) === entry) void this.publishCount(entry);
    }, COUNT_DELAY_MS);
    entry.countTimer.unref();
  }

  /** How many participants follow the board now: one per participant, however many tabs they have open. */
  private publishCount(entry: BoardListeners): Promise<void> {
    return this.countPhones(entry.board, new Set([...entry.listeners].map((listener) => listener.participant.id)));
  }

  private schedule(entry: BoardListeners): void {
    if (entry.timer) return;
    entry.timer = setTimeout(() => {
      entry.timer = null;
      for (const listener of entry.listeners) void this.push(entry, listener);
    }, PUSH_DELAY_MS);
  }

  private async push(entry: BoardListeners, listener: Listener): Promise<void> {
    try {
      // A board deleted, or moved to another instance: the phone asks again and hears where it is.
      if (entry.board.hasEnded) return void listener.res.end();
      const view = await entry.board.run(() => this.computeView(entry.board, listener.board, listener.participant));
      if (!view) return void listener.res.end();
      const text = JSON.stringify(view);
      if (text === listener.lastSent || !isOpen(listener.res)) return;
      listener.lastSent = text;
      listener.res.write(`event: view\ndata: ${text}\n\n`);
    } catch (error) {
      this.log("live.push_failed", { board: listener.board.id, error: String(error) });
      listener.res.end();
    }
  }

  private ping(): void {
    for (const entry of this.boards.values()) for (const listener of entry.listeners) if (isOpen(listener.res)) listener.res.write(": keepalive\n\n");
  }
}

function isOpen(res: ServerResponse): boolean {
  return !res.writableEnded && !res.destroyed;
}

/** One server's phones: each board from its room. */
function roomSource(rooms: RoomRegistry, log: Logger): LiveSource {
  return {
    acquire: (boardId) => rooms.acquire(boardId),
    // Only rooms are acquired here; the registry ignores a room that is not its own anyway.
    release: (board) => releaseInBackground(rooms, log, board as Room),
  };
}

/**
 * Writes how many participants follow the board into the session document, where the board's
 * people count reads it ("5 personer här").
 */
export function countInSession(rooms: RoomRegistry, log: Logger): PhoneCounter {
  return (board, participantIds) => writePhoneCount(rooms, log, board.boardId, participantIds.size);
}

/**
 * Writes the count into the board's session if its room is loaded here, without loading it (nor,
 * in a cluster, taking a board this instance no longer holds). A board deleted or moved meanwhile
 * is nobody's business here, nor an error to log.
 */
export async function writePhoneCount(rooms: RoomRegistry, log: Logger, boardId: string, phones: number): Promise<void> {
  const room = rooms.loaded(boardId);
  if (!room) return;
  try {
    await room.run(async () => {
      if (room.hasEnded || rooms.loaded(boardId) !== room || readSession(room.session).phonesLive === phones) return;
      await room.applyServerChange((_doc, session) => writeSession(session, { phonesLive: phones }));
    });
  } catch (error) {
    if (!room.hasEnded) log("live.count_failed", { board: boardId, error: String(error) });
  }
}
