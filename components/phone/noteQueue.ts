import type { ParticipantNoteResponse } from "../../lib/api/schemas";
import { cleanNoteText, noteTextProblem } from "../../lib/note-text";

// The shared note rules, re-exported for the phone's components.
export { cleanNoteText, noteLength, noteTextProblem } from "../../lib/note-text";

/**
 * The phone's outbox: a new note is written to storage (localStorage) with an idempotency key
 * made on this device *before* the first try, and stays there until the server has answered 201.
 * Offline, on a network error, a 5xx, 408 or 429 it waits and is tried again (the hook calls
 * `flush` on `online`, when the page is shown again and every few seconds); the key makes a retry
 * answer with the first note, so each note arrives exactly once. Any other refusal (4xx) is kept
 * with its reason until the writer edits or discards it: nothing is dropped silently.
 *
 * Plain TypeScript, no React and no browser globals: storage, fetch and the clock are injected, so
 * node:test drives it directly (noteQueue.test.ts).
 */

export type QueuedStatus = "waiting" | "sending" | "sent" | "failed";

export interface QueuedNote {
  /** The idempotency key, made on this device before the first try. */
  key: string;
  text: string;
  color: string;
  /** The writer has confirmed that what looks like an identity number is none. */
  allowIdentityNumber: boolean;
  /** Whether the page said the note is signed with the writer's name as it was written; unknown before the first view. */
  signed?: boolean;
  /** The category (worksheet cell) chosen as it was written, while the step offered categories. */
  category?: number;
  createdAt: number;
  status: QueuedStatus;
  /** Requests sent so far; once one has gone out, the note may exist on the server. */
  attempts: number;
  /** After the 201: the note's id and whether the server holds it (private writing). */
  noteId?: string;
  noteState?: ParticipantNoteResponse["state"];
  sentAt?: number;
  /** Why the server refused it (status "failed"): the API's error code, e.g. "identity_number". */
  error?: string;
}

/** The subset of the Web Storage API the queue uses (window.localStorage in the browser). */
export interface QueueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** The subset of a fetch Response the queue reads. */
export interface ResponseLike {
  status: number;
  headers: { get(name: string): string | null };
  json(): Promise<unknown>;
}
export type FetchLike = (url: string, init: RequestInit) => Promise<ResponseLike>;

export interface NoteQueueOptions {
  boardId: string;
  /** null when the browser has none (or refuses it): the queue then lives in memory only. */
  storage: QueueStorage | null;
  fetch: FetchLike;
  now?: () => number;
  newKey: () => string;
  /** navigator.onLine in the browser; while false nothing is tried. */
  isOnline?: () => boolean;
  /** The server no longer knows this device (401): the page sends the writer to join again. */
  onNotJoined?: () => void;
  /** Per request; a request that takes longer counts as a network failure and is tried again. */
  timeoutMs?: number;
}

export type AddResult = { ok: true; note: QueuedNote } | { ok: false; reason: "empty" | "too_long" };

/** A sent note the server's view does not list after this long was removed on the board. */
const FORGET_SENT_AFTER_MS = 60_000;
const DEFAULT_TIMEOUT_MS = 20_000;
const NOT_JOINED_PAUSE_MS = 60_000;
const STORAGE_VERSION = 1;

export function outboxStorageKey(boardId: string): string {
  return `samla:outbox:${boardId}`;
}

/** Whether the writer may still change a queued note's text in place (no request has gone out). */
export function isEditableInQueue(note: QueuedNote): boolean {
  return note.status === "failed" || (note.status === "waiting" && note.attempts === 0);
}

type Outcome = "next" | "stop";

export class NoteQueue {
  readonly boardId: string;
  private list: readonly QueuedNote[] = [];
  private readonly listeners = new Set<() => void>();
  /** Keys this tab removed, so a merge with another tab's copy does not bring them back. */
  private readonly removed = new Set<string>();
  private running: Promise<void> | null = null;
  private again = false;
  private pausedUntil = 0;
  /** Why sending is paused: the server's rate limit (honoured) or "not joined" (lifted by the writer's next action). */
  private pauseReason: "rate_limit" | "not_joined" | null = null;
  private reachable = true;
  /** The board was deleted: nothing is kept or sent any more. */
  private ended = false;
  private readonly now: () => number;
  private readonly isOnline: () => boolean;
  private readonly timeoutMs: number;

  constructor(private readonly options: NoteQueueOptions) {
    this.boardId = options.boardId;
    this.now = options.now ?? Date.now;
    this.isOnline = options.isOnline ?? (() => true);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** Every note in the outbox, oldest first; a new array after each change (for React). */
  get items(): readonly QueuedNote[] {
    return this.list;
  }

  /** Notes that still have to reach the server (waiting or on their way). */
  get pending(): number {
    return this.list.filter((note) => note.status === "waiting" || note.status === "sending").length;
  }

  /** False after a try failed on the network, true again after the server answered. */
  get serverReachable(): boolean {
    return this.reachable;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reads the stored outbox and merges it with what this tab holds (also after another tab wrote). */
  load(): void {
    const stored = this.read();
    const mine = new Map(this.list.map((note) => [note.key, note]));
    const merged: QueuedNote[] = [];
    for (const note of stored) {
      if (this.removed.has(note.key)) continue;
      const own = mine.get(note.key);
      mine.delete(note.key);
      // The further state wins: a note another tab has sent is sent here too.
      merged.push(own && !(note.status === "sent" && own.status !== "sent") ? own : note);
    }
    merged.push(...mine.values());
    merged.sort((a, b) => a.createdAt - b.createdAt);
    this.commit(merged, false);
  }

  /** Stores the note first, then starts sending it. */
  add(text: string, color: string, options: { allowIdentityNumber?: boolean; signed?: boolean; category?: number } = {}): AddResult {
    const problem = noteTextProblem(text);
    if (problem) return { ok: false, reason: problem };
    const note: QueuedNote = {
      key: this.options.newKey(),
      text: cleanNoteText(text),
      color,
      allowIdentityNumber: options.allowIdentityNumber ?? false,
      ...(options.signed !== undefined ? { signed: options.signed } : {}),
      ...(options.category !== undefined ? { category: options.category } : {}),
      createdAt: this.now(),
      status: "waiting",
      attempts: 0,
    };
    this.commit([...this.list, note]);
    this.retryNow();
    return { ok: true, note };
  }

  /**
   * Changes a note that has not gone out (or was refused) and queues it again under the same key:
   * no note exists on the server for it. False when the note is gone or already on its way; the
   * caller then edits the note on the server instead.
   */
  update(key: string, changes: { text?: string; color?: string; allowIdentityNumber?: boolean }): boolean {
    const note = this.list.find((n) => n.key === key);
    if (!note || !isEditableInQueue(note)) return false;
    if (changes.text !== undefined && noteTextProblem(changes.text)) return false;
    const next: QueuedNote = {
      ...note,
      ...(changes.text !== undefined ? { text: cleanNoteText(changes.text) } : {}),
      ...(changes.color !== undefined ? { color: changes.color } : {}),
      ...(changes.allowIdentityNumber !== undefined ? { allowIdentityNumber: changes.allowIdentityNumber } : {}),
      status: "waiting",
      error: undefined,
    };
    this.replace(next);
    this.retryNow();
    return true;
  }

  /** The writer gives up on a queued note. If a request for it is under way and succeeds, that note is deleted. */
  discard(key: string): void {
    if (!this.list.some((n) => n.key === key)) return;
    this.removed.add(key);
    this.commit(this.list.filter((n) => n.key !== key));
  }

  /** Drops sent notes once the server's view lists them, or long after (the facilitator removed them). */
  reconcile(serverNoteIds: Iterable<string>): void {
    const ids = new Set(serverNoteIds);
    const cutoff = this.now() - FORGET_SENT_AFTER_MS;
    const keep = this.list.filter((n) => n.status !== "sent" || (!ids.has(n.noteId ?? "") && (n.sentAt ?? 0) > cutoff));
    if (keep.length === this.list.length) return;
    for (const note of this.list) if (!keep.includes(note)) this.removed.add(note.key);
    this.commit(keep);
  }

  /**
   * Sends now even after a 401 paused the queue: the writer acted, or the page has just joined
   * (the board page calls this once POST /api/boards/:id/participants has set the cookie).
   */
  retryNow(): Promise<void> {
    if (this.pauseReason === "not_joined") this.pausedUntil = 0;
    return this.flush();
  }

  /** Sends waiting notes, oldest first, one at a time; a second call while sending runs once more after. */
  flush(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(): Promise<void> {
    do {
      this.again = false;
      for (;;) {
        if (this.now() < this.pausedUntil || !this.isOnline()) return;
        const next = this.list.find((n) => n.status === "waiting");
        if (!next) break;
        if ((await this.send(next)) === "stop") return;
      }
    } while (this.again);
  }

  private async send(note: QueuedNote): Promise<Outcome> {
    const sending: QueuedNote = { ...note, status: "sending", attempts: note.attempts + 1 };
    this.replace(sending);
    let response: ResponseLike;
    try {
      response = await this.request(`/api/boards/${encodeURIComponent(this.boardId)}/notes`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          text: sending.text,
          color: sending.color,
          idempotencyKey: sending.key,
          ...(sending.allowIdentityNumber ? { allowIdentityNumber: true } : {}),
          ...(sending.signed !== undefined ? { signed: sending.signed } : {}),
          ...(sending.category !== undefined ? { category: sending.category } : {}),
        }),
      });
    } catch {
      this.reachable = false;
      this.backToWaiting(sending.key);
      return "stop";
    }
    this.reachable = true;
    const { status } = response;

    if (status === 200 || status === 201) {
      const body = (await response.json().catch(() => null)) as Partial<ParticipantNoteResponse> | null;
      const noteId = typeof body?.id === "string" ? body.id : undefined;
      if (this.removed.has(sending.key)) {
        // Discarded while on its way: the writer does not want it on the board.
        if (noteId) void this.deleteQuietly(noteId);
        return "next";
      }
      this.replace({ ...this.current(sending.key, sending), status: "sent", noteId, noteState: body?.state === "held" ? "held" : "placed", sentAt: this.now(), error: undefined });
      return "next";
    }
    if (status === 401) {
      // Not joined (any more): keep the notes and ask again in a while, after the writer has joined.
      this.pausedUntil = this.now() + NOT_JOINED_PAUSE_MS;
      this.pauseReason = "not_joined";
      this.backToWaiting(sending.key);
      this.options.onNotJoined?.();
      return "stop";
    }
    if (status === 408 || status === 429 || status >= 500 || status < 200) {
      const seconds = Number(response.headers.get("Retry-After"));
      if (status === 429) {
        this.pausedUntil = this.now() + (Number.isFinite(seconds) && seconds > 0 ? seconds : 10) * 1000;
        this.pauseReason = "rate_limit";
      }
      this.backToWaiting(sending.key);
      return "stop";
    }
    const body = (await response.json().catch(() => null)) as { error?: unknown } | null;
    const error = typeof body?.error === "string" ? body.error : `http_${status}`;
    if (error === "board_not_found") {
      this.end();
      return "stop";
    }
    if (!this.removed.has(sending.key)) this.replace({ ...this.current(sending.key, sending), status: "failed", error });
    return "next";
  }

  private async request(url: string, init: RequestInit): Promise<ResponseLike> {
    const controller = typeof AbortController === "function" ? new AbortController() : null;
    const timer = controller ? setTimeout(() => controller.abort(), this.timeoutMs) : null;
    try {
      return await this.options.fetch(url, { ...init, credentials: "same-origin", cache: "no-store", signal: controller?.signal });
    } finally {
      if (timer) clearTimeout(timer);
    }
  }

  private async deleteQuietly(noteId: string): Promise<void> {
    try {
      await this.request(`/api/boards/${encodeURIComponent(this.boardId)}/notes/${encodeURIComponent(noteId)}`, { method: "DELETE" });
    } catch {
      // The note then shows in the writer's list, where they can delete it themselves.
    }
  }

  private current(key: string, fallback: QueuedNote): QueuedNote {
    return this.list.find((n) => n.key === key) ?? fallback;
  }

  private backToWaiting(key: string): void {
    const note = this.list.find((n) => n.key === key);
    if (note && note.status === "sending") this.replace({ ...note, status: "waiting" });
  }

  private replace(note: QueuedNote): void {
    if (!this.list.some((n) => n.key === note.key)) return;
    this.commit(this.list.map((n) => (n.key === note.key ? note : n)));
  }

  /** The board no longer exists: the outbox is emptied, on this device too, and stays empty. */
  end(): void {
    this.ended = true;
    this.list = [];
    try {
      this.options.storage?.removeItem(outboxStorageKey(this.boardId));
    } catch {
      // Nothing stored to remove.
    }
    for (const listener of this.listeners) listener();
  }

  private commit(list: readonly QueuedNote[], save = true): void {
    if (this.ended) return;
    this.list = list;
    if (save) this.write();
    for (const listener of this.listeners) listener();
  }

  private read(): QueuedNote[] {
    try {
      const raw = this.options.storage?.getItem(outboxStorageKey(this.boardId));
      if (!raw) return [];
      const parsed = JSON.parse(raw) as { v?: unknown; items?: unknown };
      if (parsed.v !== STORAGE_VERSION || !Array.isArray(parsed.items)) return [];
      return parsed.items.flatMap((item) => {
        const note = readStoredNote(item);
        return note ? [note] : [];
      });
    } catch {
      return [];
    }
  }

  private write(): void {
    const storage = this.options.storage;
    if (!storage) return;
    try {
      // Another tab may have queued notes since this one read: keep theirs too.
      const key = outboxStorageKey(this.boardId);
      const others = this.read().filter((n) => !this.removed.has(n.key) && !this.list.some((m) => m.key === n.key));
      const items = [...this.list, ...others].sort((a, b) => a.createdAt - b.createdAt);
      storage.setItem(key, JSON.stringify({ v: STORAGE_VERSION, items }));
    } catch {
      // Storage full or refused (private browsing): the note is still in memory and still sent.
    }
  }
}

function readStoredNote(value: unknown): QueuedNote | null {
  if (typeof value !== "object" || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.key !== "string" || typeof v.text !== "string" || typeof v.color !== "string") return null;
  const statuses: readonly QueuedStatus[] = ["waiting", "sending", "sent", "failed"];
  const status = statuses.includes(v.status as QueuedStatus) ? (v.status as QueuedStatus) : "waiting";
  return {
    key: v.key,
    text: v.text,
    color: v.color,
    allowIdentityNumber: v.allowIdentityNumber === true,
    ...(typeof v.signed === "boolean" ? { signed: v.signed } : {}),
    ...(typeof v.category === "number" && Number.isInteger(v.category) && v.category >= 0 && v.category < 64 ? { category: v.category } : {}),
    createdAt: typeof v.createdAt === "number" ? v.createdAt : 0,
    // A request that was on its way when the page closed: try again (the key keeps it to one note).
    status: status === "sending" ? "waiting" : status,
    attempts: typeof v.attempts === "number" ? v.attempts : status === "waiting" ? 0 : 1,
    ...(typeof v.noteId === "string" ? { noteId: v.noteId } : {}),
    ...(v.noteState === "held" || v.noteState === "placed" ? { noteState: v.noteState } : {}),
    ...(typeof v.sentAt === "number" ? { sentAt: v.sentAt } : {}),
    ...(typeof v.error === "string" ? { error: v.error } : {}),
  };
}
