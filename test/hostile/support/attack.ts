import { RawPeer, type Channel } from "./raw-peer";
import { updateFrame } from "./wire";

/** The server's answer to one hostile message: a close code, or "kept" (the socket stayed open). */
export type Answer = number | "kept";

/**
 * Sends `message` on a socket of its own and answers what the server did: closed it (with which
 * code) or kept it open, proven by a sync round trip after it (the server handles a socket's
 * messages in order, so an answer to the next one means the first was dealt with).
 */
export async function sendAlone(wsBase: string, boardId: string, token: string, channel: Channel, message: Uint8Array): Promise<Answer> {
  const peer = await RawPeer.open(wsBase, boardId, token, channel);
  try {
    await peer.sync();
    peer.send(message);
    try {
      await peer.sync();
    } catch {
      // No answer: the socket was closed (or is being closed) for the message.
    }
    if (peer.closeCode === null && peer.open) return "kept";
    return await peer.closeCodeWithin();
  } finally {
    peer.close();
  }
}

/** `sendAlone` with a Yjs update. */
export function updateAlone(wsBase: string, boardId: string, token: string, channel: Channel, update: Uint8Array): Promise<Answer> {
  return sendAlone(wsBase, boardId, token, channel, updateFrame(update));
}
