import type { WebSocket } from "ws";
import type { LinkKind, Role } from "../../lib/roles";
import type { ServerLimits } from "../../lib/schema/limits";
import { TokenBucket } from "../limits/token-bucket";
import type { Logger } from "../log";
import { relayTo } from "./framed-send";
import { decodeMessage, MESSAGE, type IncomingMessage } from "./messages";
import { CLOSE, type Channel, type Peer } from "./peer";
import { BoardGone } from "./rooms";

export { CLOSE } from "./peer";

const PING_INTERVAL_MS = 30_000;
/** How long a connection has to answer a ping when someone else claims its presence. */
const PROBE_MS = 3_000;
/** A closed slow reader that never reads its close frame is cut off after this. */
const CLOSE_GRACE_MS = 5_000;

export interface ConnectionInfo {
  boardId: string;
  channel: Channel;
  role: Role;
  link: LinkKind;
  writer: string;
  account?: string;
  /** Whether its link was renewed after its token was checked (a renewal closes only the joined). */
  revoked?: () => boolean;
}

/** What serves a board's connections: its room, where the board is held, or a copy of it (copy.ts). */
export interface BoardHost {
  run<T>(task: () => T | Promise<T>): Promise<T>;
  join(peer: Peer): void;
  leave(peer: Peer): void;
  receive(peer: Peer, message: IncomingMessage): void | Promise<void>;
}

export interface BoardHosts<Host extends BoardHost> {
  acquire(boardId: string): Promise<Host>;
  release(host: Host): Promise<void>;
}

type ConnectionLimits = Pick<ServerLimits, "messagesPerSecond" | "bytesPerSecond" | "sendBufferBytes">;

/**
 * Serves one authenticated websocket for one board until it closes: moves bytes between the
 * socket and the room, in the room's order. What a message may do is the room's decision
 * (Room.receive); here only what concerns the socket itself: a malformed frame, a flood (more
 * messages or bytes per second than any client sends), a reader too slow to keep up.
 */
export function serveConnection<Host extends BoardHost>(ws: WebSocket, info: ConnectionInfo, rooms: BoardHosts<Host>, limits: ConnectionLimits, log: Logger): void {
  const { boardId } = info;
  const sendToAll = relayTo(ws);
  let closing = false;

  const close = (code: number, reason: string) => {
    if (closing || ws.readyState !== ws.OPEN) return;
    closing = true;
    ws.close(code, reason);
    // A peer that never reads never reads its close frame either.
    setTimeout(() => ws.terminate(), CLOSE_GRACE_MS).unref();
  };

  /** Unsent bytes past the bound: the reader cannot keep up, and nothing more is buffered for it. */
  const fallenBehind = () => {
    if (ws.bufferedAmount <= limits.sendBufferBytes) return false;
    log("ws.too_slow", { board: boardId, buffered: ws.bufferedAmount });
    close(CLOSE.tooSlow, "too slow to keep up");
    return true;
  };

  // The stock client (y-websocket) answers every presence message it hears with one of its own,
  // an echo: in a room of ten moving cursors that is ~200 messages a second from each connection,
  // none of its own making. Each relay of someone else's presence lets one come back outside the
  // message rate (the room drops echoes unapplied, server/realtime/presence.ts). Answers to the
  // connection itself (`send`: its own presence, a presence snapshot, the session channel's
  // empty presence) earn nothing, or a connection could pay for its messages with their answers.
  const echoes = new EchoCredit(limits.messagesPerSecond * 10);
  const { revoked, ...peerInfo } = info;
  const peer: Peer = {
    ...peerInfo,
    send: (message) => {
      if (ws.readyState === ws.OPEN && !closing && !fallenBehind()) ws.send(message);
    },
    relay: (message) => {
      if (closing || fallenBehind()) return;
      echoes.relayed(message);
      sendToAll(message);
    },
    close,
    isAlive: () =>
      new Promise<boolean>((resolve) => {
        if (ws.readyState !== ws.OPEN) return resolve(false);
        const answered = () => {
          clearTimeout(timer);
          resolve(true);
        };
        const timer = setTimeout(() => {
          ws.off("pong", answered);
          ws.terminate();
          resolve(false);
        }, PROBE_MS);
        ws.once("pong", answered);
        ws.ping();
      }),
  };

  const roomReady = rooms.acquire(boardId);
  const fail = (error: unknown) => {
    if (error instanceof BoardGone) return close(CLOSE.deleted, "board deleted");
    log("ws.closed_on_error", { board: boardId, code: CLOSE.serverError, reason: String(error) });
    close(CLOSE.serverError, "server error, reconnect");
  };
  // Messages that arrive while the room loads wait in the room's queue, in order.
  const enqueue = (task: (room: Host) => void | Promise<void>) =>
    void roomReady.then((room) => room.run(() => task(room))).catch(fail);

  enqueue((room) => (revoked?.() ? close(CLOSE.revoked, "link renewed") : room.join(peer)));

  const messages = new TokenBucket(limits.messagesPerSecond, limits.messagesPerSecond * 3);
  const bytes = new TokenBucket(limits.bytesPerSecond, limits.bytesPerSecond * 4);
  ws.on("message", (data: Buffer, isBinary: boolean) => {
    if (closing) return;
    if (!echoes.takeFor(data) && !messages.take()) return flooding();
    if (!bytes.take(data.byteLength)) return flooding();
    if (!isBinary) return malformed("text frames are not part of the protocol");
    let message: IncomingMessage;
    try {
      message = decodeMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    } catch (error) {
      return malformed(`malformed message: ${(error as Error).message}`);
    }
    enqueue((room) => room.receive(peer, message));
  });

  const flooding = () => {
    log("ws.closed_on_error", { board: boardId, code: CLOSE.flooding, reason: "too many messages or bytes per second" });
    close(CLOSE.flooding, "too many messages");
  };

  const malformed = (reason: string) => {
    log("ws.closed_on_error", { board: boardId, code: CLOSE.malformed, reason });
    close(CLOSE.malformed, "malformed message");
  };

  let alive = true;
  ws.on("pong", () => (alive = true));
  const ping = setInterval(() => {
    if (!alive) return ws.terminate();
    alive = false;
    ws.ping();
  }, PING_INTERVAL_MS);

  ws.on("error", (error) => log("ws.error", { board: boardId, error: error.message }));
  ws.on("close", () => {
    clearInterval(ping);
    void roomReady
      .then(async (room) => {
        await room.run(() => room.leave(peer)).catch(() => room.leave(peer));
        await rooms.release(room);
      })
      .catch((error: unknown) => log("room.release_failed", { board: boardId, error: String(error) }));
  });
}

/** Presence messages a connection may send back for those relayed to it, up to a cap. */
class EchoCredit {
  private credit = 0;

  constructor(private readonly cap: number) {}

  relayed(message: Uint8Array): void {
    if (isPresence(message)) this.credit = Math.min(this.cap, this.credit + 1);
  }

  /** Spends one credit on an incoming presence message; false for anything else or when none is left. */
  takeFor(message: Uint8Array): boolean {
    if (!isPresence(message) || this.credit === 0) return false;
    this.credit--;
    return true;
  }
}

/** A y-websocket message's type is a varuint first; presence (1) fits in the first byte. */
const isPresence = (message: Uint8Array) => message.byteLength > 0 && message[0] === MESSAGE.awareness;
