import type { WebSocket } from "ws";
import { canEdit, writableRoots, type LinkKind, type Role } from "../../lib/roles";
import { isPrivateWriting } from "../../lib/schema/session";
import { ROOT } from "../../lib/schema/board";
import { captureFrames, restoreFrames } from "../../lib/schema/frame-lock";
import { checkIncomingUpdate } from "../../lib/schema/update-guard";
import type { Logger } from "../log";
import { FACILITATOR_ONLY_FIELDS, withoutAwarenessFields } from "./awareness-filter";
import { relayTo } from "./framed-send";
import { decodeMessage, syncStep1Message, type IncomingMessage } from "./messages";
import { SERVER_ORIGIN, type Peer, type Room } from "./room";
import type { RoomRegistry } from "./rooms";

/** Close codes a client sees; documented in docs/api.md. */
export const CLOSE = {
  malformed: 4400,
  unauthorized: 4401,
  forbiddenUpdate: 4403,
  serverError: 1011,
  goingAway: 1001,
} as const;

const CLOSE_REASON: Record<number, string> = {
  [CLOSE.malformed]: "malformed message",
  [CLOSE.forbiddenUpdate]: "update refused",
  [CLOSE.serverError]: "server error, reconnect",
};

const PING_INTERVAL_MS = 30_000;

class ProtocolError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** Serves one authenticated websocket for one board until it closes. */
export function serveConnection(ws: WebSocket, boardId: string, access: { role: Role; link: LinkKind }, rooms: RoomRegistry, log: Logger): void {
  const { role } = access;
  const sendToAll = relayTo(ws);
  const peer: Peer = {
    link: access.link,
    role,
    close: (code, reason) => ws.readyState === ws.OPEN && ws.close(code, reason),
    send: (message) => ws.readyState === ws.OPEN && ws.send(message),
    relay: sendToAll,
  };
  const roomReady = rooms.acquire(boardId);

  const fail = (error: unknown) => {
    const code = error instanceof ProtocolError ? error.code : CLOSE.serverError;
    const reason = error instanceof Error ? error.message : String(error);
    log("ws.closed_on_error", { board: boardId, code, reason });
    // The details go to the log; the close frame carries a fixed phrase (a reason is limited to
    // 123 bytes, and client-chosen text in it could exceed that).
    if (ws.readyState === ws.OPEN) ws.close(code, CLOSE_REASON[code] ?? "error");
  };

  // Messages that arrive while the room loads wait in the room's queue, in order.
  const enqueue = (task: (room: Room) => void | Promise<void>) =>
    void roomReady.then((room) => room.run(() => task(room))).catch(fail);

  enqueue((room) => {
    room.addPeer(peer);
    peer.send(syncStep1Message(room.doc));
    const presence = room.awarenessSnapshot();
    if (presence) peer.send(presence);
  });

  ws.on("message", (data: Buffer, isBinary: boolean) => {
    if (!isBinary) return fail(new ProtocolError(CLOSE.malformed, "text frames are not part of the protocol"));
    let message: IncomingMessage;
    try {
      message = decodeMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    } catch (error) {
      return fail(new ProtocolError(CLOSE.malformed, `malformed message: ${(error as Error).message}`));
    }
    enqueue((room) => handle(room, message));
  });

  const handle = async (room: Room, message: IncomingMessage) => {
    switch (message.kind) {
      case "syncStep1":
        peer.send(room.syncAnswer(message.stateVector));
        return;
      case "update": {
        // A read-only peer's writes are dropped silently: the stock client sends its local
        // state during every sync, and a viewer must stay connected.
        if (!canEdit(role)) return;
        const privateWriting = isPrivateWriting(room.doc);
        const verdict = checkIncomingUpdate(room.doc, message.update, writableRoots(role), { privateWriting });
        if (!verdict.ok && verdict.held) {
          // Our pages send private notes through the API; this is a stale or stock client. Its
          // update stays on its device and comes back on the next sync, after the reveal.
          log("ws.update_held_back", { board: boardId, reason: verdict.reason });
          return;
        }
        if (!verdict.ok) {
          // An update that does not even decode is a malformed message, not a refused write.
          const code = verdict.reason === "malformed update" ? CLOSE.malformed : CLOSE.forbiddenUpdate;
          throw new ProtocolError(code, `update refused: ${verdict.reason}`);
        }
        // Only the facilitator locks, deletes or changes locked frames; anyone else's change to them
        // is undone by the server right after, so every peer ends where the lock says. Captured
        // only when the update writes frames: most updates are typing and note moves.
        const frames = role === "facilitator" || !verdict.roots.has(ROOT.frames) ? null : captureFrames(room.doc);
        await room.applyClientUpdate(message.update, peer);
        if (frames) await room.applyServerChange((doc) => restoreFrames(doc, frames, SERVER_ORIGIN));
        return;
      }
      case "awareness":
        // Only a facilitator may present (move the views of those who follow); from anyone else
        // the field is dropped before the room applies or relays the update.
        room.applyAwarenessUpdate(role === "facilitator" ? message.update : withoutAwarenessFields(message.update, FACILITATOR_ONLY_FIELDS), peer);
        return;
      case "queryAwareness": {
        const presence = room.awarenessSnapshot();
        if (presence) peer.send(presence);
        return;
      }
    }
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
        await room.run(() => room.removePeer(peer)).catch(() => undefined);
        await rooms.release(room);
      })
      .catch((error: unknown) => log("room.release_failed", { board: boardId, error: String(error) }));
  });
}
