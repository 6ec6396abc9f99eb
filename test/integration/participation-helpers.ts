import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import type WebSocket from "ws";
import type * as Y from "yjs";
import type { BoardInfoResponse, CreateBoardResponse, JoinResponse, ParticipantView } from "../../lib/api/schemas";
import { notesOf } from "../../lib/schema/board";
import { readNote, type NoteSnapshot } from "../../lib/schema/note";
import { readSession } from "../../lib/schema/session";
import { rawSocket } from "./helpers";

/** Helpers for the phone, private writing and voting API (docs/api.md, "Participants"). */

export interface Answer<T = Record<string, unknown>> {
  status: number;
  /** The answer's JSON; an error answer has `error` and `message` instead. */
  body: T & { error?: string; message?: string };
  headers: Headers;
}

export interface CallOptions {
  /** Sent as `Authorization: Bearer`. */
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Gives up after this long (the call then rejects), as a phone on a stalled connection would. */
  timeoutMs?: number;
}

/** One JSON API call; the body is parsed when there is one. */
export async function call<T = Record<string, unknown>>(http: string, method: string, path: string, options: CallOptions = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  const res = await fetch(`${http}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: options.timeoutMs === undefined ? undefined : AbortSignal.timeout(options.timeoutMs),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as Answer<T>["body"], headers: res.headers };
}

export async function boardInfo(http: string, boardId: string, token: string): Promise<BoardInfoResponse> {
  const answer = await call<BoardInfoResponse>(http, "GET", `/api/boards/${boardId}`, { token });
  if (answer.status !== 200) throw new Error(`board info: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

export interface Phone extends JoinResponse {
  /** `samla_p_<boardId>=<token>`, as a browser would send it back. */
  cookie: string;
  setCookie: string;
}

/** A phone joins with the board's code, as the join page does. */
export async function joinWithCode(http: string, code: string, name = "", cookie?: string): Promise<Phone> {
  // A browser rejoining from our own page sends its cookie with our Origin; only then does it count.
  const answer = await call<JoinResponse>(http, "POST", "/api/join", { body: { code, name }, headers: cookie ? { Cookie: cookie, Origin: new URL(http).origin } : {} });
  if (answer.status !== 201) throw new Error(`join: ${answer.status} ${JSON.stringify(answer.body)}`);
  const setCookie = answer.headers.get("set-cookie") ?? "";
  return { ...answer.body, setCookie, cookie: setCookie.split(";")[0] };
}

/** A board and `names.length` phones joined to it with its code. */
export async function boardWithPhones(http: string, board: CreateBoardResponse, names: string[]): Promise<Phone[]> {
  const { joinCode } = await boardInfo(http, board.id, board.facilitatorToken);
  const phones: Phone[] = [];
  for (const name of names) phones.push(await joinWithCode(http, joinCode!, name));
  return phones;
}

let keys = 0;
export function newIdempotencyKey(): string {
  return `key-${process.pid}-${Date.now()}-${++keys}`;
}

export interface NoteOptions {
  color?: string;
  timeoutMs?: number;
  idempotencyKey?: string;
  allowIdentityNumber?: boolean;
  /** What the phone showed as the note was written (signed or not). */
  signed?: boolean;
  /** The category (worksheet cell) chosen; anything, to test what the server refuses. */
  category?: unknown;
}

export function postNote(http: string, boardId: string, token: string, text: string, options: NoteOptions = {}) {
  return call<{ id: string; state: "held" | "placed" }>(http, "POST", `/api/boards/${boardId}/notes`, {
    token,
    body: { text, idempotencyKey: options.idempotencyKey ?? newIdempotencyKey(), ...options, timeoutMs: undefined },
    timeoutMs: options.timeoutMs,
  });
}

/** Posts a note that must be accepted; answers its id. */
export async function writeNote(http: string, boardId: string, token: string, text: string, options: NoteOptions = {}): Promise<string> {
  const answer = await postNote(http, boardId, token, text, options);
  if (answer.status !== 201) throw new Error(`note: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.id;
}

export async function myView(http: string, boardId: string, token: string): Promise<ParticipantView> {
  const answer = await call<ParticipantView>(http, "GET", `/api/boards/${boardId}/me`, { token });
  if (answer.status !== 200) throw new Error(`me: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

export function sessionOf(doc: Y.Doc) {
  return readSession(doc);
}

export function notesIn(doc: Y.Doc): NoteSnapshot[] {
  return [...notesOf(doc).entries()].map(([id, note]) => readNote(id, note));
}

export function noteIn(doc: Y.Doc, id: string): NoteSnapshot | null {
  const note = notesOf(doc).get(id);
  return note ? readNote(id, note) : null;
}

/**
 * A raw websocket speaking just enough y-websocket to be sent the board: it asks for everything
 * (sync step 1 with an empty state vector) and keeps every frame the server sends it.
 */
export async function frameRecorder(url: string) {
  const ws: WebSocket = await rawSocket(url);
  const frames: Buffer[] = [];
  let closed: number | null = null;
  ws.on("message", (data: Buffer) => frames.push(Buffer.from(data)));
  ws.on("close", (code) => (closed = code));
  const stepOne = encoding.createEncoder();
  encoding.writeVarUint(stepOne, 0);
  encoding.writeVarUint(stepOne, syncProtocol.messageYjsSyncStep1);
  encoding.writeVarUint8Array(stepOne, new Uint8Array([0]));
  ws.send(encoding.toUint8Array(stepOne));
  return {
    frames,
    closed: () => closed,
    /** Whether any frame received so far holds `text`, as UTF-8 (how Yjs encodes strings). */
    saw: (text: string) => frames.some((frame) => frame.includes(Buffer.from(text, "utf8"))),
    /** The sync step 2 frames (answers to our step 1): the whole board as the server has it. */
    syncStepTwos: () =>
      frames.filter((frame) => {
        const decoder = decoding.createDecoder(frame);
        return decoding.readVarUint(decoder) === 0 && decoding.readVarUint(decoder) === syncProtocol.messageYjsSyncStep2;
      }),
    close: () => ws.close(),
  };
}

/** Server-sent events from `/me/events`, read with fetch the way a phone's EventSource would. */
export async function openEvents(http: string, boardId: string, token: string) {
  const abort = new AbortController();
  const res = await fetch(`${http}/api/boards/${boardId}/me/events`, { headers: { Authorization: `Bearer ${token}` }, signal: abort.signal });
  if (res.status !== 200 || !res.body) throw new Error(`events: ${res.status}`);
  const events: Array<{ event: string; data: ParticipantView }> = [];
  const waiting = new Set<() => void>();
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const pump = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) events.push({ event, data: JSON.parse(data) as ParticipantView });
          for (const wake of waiting) wake();
        }
      }
    } catch {
      // Aborted by close().
    }
  })();
  return {
    contentType: res.headers.get("content-type"),
    events,
    /** The first event at index `from` or later that `predicate` accepts. */
    async next(predicate: (view: ParticipantView) => boolean, from = 0, timeoutMs = 5_000): Promise<{ index: number; view: ParticipantView }> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const index = events.findIndex((e, i) => i >= from && e.event === "view" && predicate(e.data));
        if (index >= 0) return { index, view: events[index].data };
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`timed out waiting for a view event (${events.length} so far)`);
        await new Promise<void>((resolve) => {
          const wake = () => {
            clearTimeout(timer);
            waiting.delete(wake);
            resolve();
          };
          const timer = setTimeout(wake, left);
          waiting.add(wake);
        });
      }
    },
    /** Settles when the stream ends: the server ended it, or close() was called. */
    ended: pump,
    async close() {
      abort.abort();
      await pump;
    },
  };
}
