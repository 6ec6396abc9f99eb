import type { ServerResponse } from "node:http";
import type { ParticipantView } from "../../lib/api/schemas";
import type { Logger } from "../log";
import type { Room } from "../realtime/room";
import type { RoomRegistry } from "../realtime/rooms";
import { readSession, writeSession } from "../../lib/schema/session";
import { releaseInBackground } from "./board-room";
import type { BoardRecord, ParticipantRecord } from "../storage/types";

/** Null when the participant is no longer on the board (removed): their stream then ends. */
type ComputeView = (room: Room, board: BoardRecord, participant: ParticipantRecord) => Promise<ParticipantView | null>;

interface Listener {
  board: BoardRecord;
  participant: ParticipantRecord;
  res: ServerResponse;
  lastSent: string;
}

interface BoardListeners {
  room: Room;
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

/**
 * Phones follow the board through server-sent events: each gets its own view (participantView)
 * whenever the board or their notes change, and only when what it shows has changed. A listening
 * phone keeps its board loaded, like a websocket does.
 */
export class LiveViews {
  private readonly boards = new Map<string, BoardListeners>();
  private readonly keepalive = setInterval(() => this.ping(), KEEPALIVE_MS).unref();

  constructor(
    private readonly rooms: RoomRegistry,
    private readonly computeView: ComputeView,
    private readonly log: Logger,
  ) {}

  async subscribe(board: BoardRecord, participant: ParticipantRecord, res: ServerResponse): Promise<void> {
    res.writeHead(200, {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-store",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    });
    const listener: Listener = { board, participant, res, lastSent: "" };
    res.on("error", (error) => this.log("live.stream_failed", { board: board.id, error: error.message }));
    // A phone may leave while its board loads: listen for that before waiting on anything.
    let gone = false;
    res.on("close", () => {
      gone = true;
      this.unsubscribe(board.id, listener);
    });
    const entry = await this.entryFor(board.id);
    if (gone) return this.releaseIfUnused(board.id, entry);
    entry.listeners.add(listener);
    this.scheduleCount(entry);
    await this.push(entry, listener);
  }

  /** One view, computed in the room's queue (the phone's first load, before it listens). */
  viewOf(room: Room, board: BoardRecord, participant: ParticipantRecord): Promise<ParticipantView | null> {
    return this.computeView(room, board, participant);
  }

  /** Something changed outside the document (a held note, a dot): tell the board's phones. */
  notify(boardId: string): void {
    const entry = this.boards.get(boardId);
    if (entry) this.schedule(entry);
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
    for (const entry of this.boards.values()) for (const listener of entry.listeners) listener.res.end();
  }

  private async entryFor(boardId: string): Promise<BoardListeners> {
    const existing = this.boards.get(boardId);
    if (existing) return existing;
    const room = await this.rooms.acquire(boardId);
    const raced = this.boards.get(boardId);
    if (raced) {
      releaseInBackground(this.rooms, this.log, room);
      return raced;
    }
    const entry: BoardListeners = { room, listeners: new Set(), stopWatching: () => undefined, timer: null, countTimer: null };
    entry.stopWatching = room.onChange(() => this.schedule(entry));
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
    void this.publishCount(entry).finally(() => releaseInBackground(this.rooms, this.log, entry.room));
  }

  private scheduleCount(entry: BoardListeners): void {
    if (entry.countTimer) return;
    entry.countTimer = setTimeout(() => {
      entry.countTimer = null;
      if (this.boards.get(entry.room.boardId) === entry) void this.publishCount(entry);
    }, COUNT_DELAY_MS);
    entry.countTimer.unref();
  }

  /**
   * Writes how many participants follow the board now into the session document, where the board's
   * people count reads it ("5 personer här"): one per participant, however many tabs they have open.
   */
  private async publishCount(entry: BoardListeners): Promise<void> {
    // The phones' count of a board deleted meanwhile is nobody's business (nor an error to log).
    if (entry.room.hasEnded) return;
    try {
      await entry.room.run(async () => {
        const phones = new Set([...entry.listeners].map((listener) => listener.participant.id)).size;
        if (readSession(entry.room.session).phonesLive === phones) return;
        await entry.room.applyServerChange((_doc, session) => writeSession(session, { phonesLive: phones }));
      });
    } catch (error) {
      if (!entry.room.hasEnded) this.log("live.count_failed", { board: entry.room.boardId, error: String(error) });
    }
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
      const view = await entry.room.run(() => this.computeView(entry.room, listener.board, listener.participant));
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
