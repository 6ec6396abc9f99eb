import type { Socket } from "node:net";
import * as wsModule from "ws";
import type WebSocket from "ws";

/** ws's own framing (RFC 6455), which its type definitions leave out. */
const { Sender } = wsModule as unknown as {
  Sender: { frame(data: Buffer, options: { fin: boolean; opcode: number; mask: boolean; readOnly: boolean; rsv1: boolean }): Buffer[] };
};
const BINARY = 2;

const frames = new WeakMap<Uint8Array, Buffer>();

/**
 * One binary frame per message, made once however many peers get it: a room relays each update
 * to everyone as the same bytes, and ws would frame it again for every socket.
 */
export function frameOf(message: Uint8Array): Buffer {
  let frame = frames.get(message);
  if (!frame) {
    const data = Buffer.from(message.buffer, message.byteOffset, message.byteLength);
    frame = Buffer.concat(Sender.frame(data, { fin: true, opcode: BINARY, mask: false, readOnly: false, rsv1: false }));
    frames.set(message, frame);
  }
  return frame;
}

/**
 * How a connection relays what the room sends everyone: the shared frame, written straight to
 * the socket under ws (one write instead of ws's cork and two). Only without extensions (no
 * compression, which Samla's server never turns on): then ws writes each of its own frames (pings,
 * close) at once too, so the order on the wire is kept. Extensions are settled at the handshake.
 */
export function relayTo(ws: WebSocket): (message: Uint8Array) => void {
  const socket = (ws as unknown as { _socket?: Socket })._socket;
  if (!socket || ws.extensions !== "") return (message) => ws.readyState === ws.OPEN && ws.send(message);
  return (message) => {
    if (ws.readyState === ws.OPEN) socket.write(frameOf(message));
  };
}
