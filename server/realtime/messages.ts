import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import type * as Y from "yjs";

/** The y-websocket wire format (see y-protocols PROTOCOL.md): one message per websocket frame. */
export const MESSAGE = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const;

export type IncomingMessage =
  | { kind: "syncStep1"; stateVector: Uint8Array }
  | { kind: "update"; update: Uint8Array }
  | { kind: "awareness"; update: Uint8Array }
  | { kind: "queryAwareness" };

/** Decodes a client frame; throws on anything that is not a well-formed message we speak. */
export function decodeMessage(data: Uint8Array): IncomingMessage {
  const decoder = decoding.createDecoder(data);
  const type = decoding.readVarUint(decoder);
  let message: IncomingMessage;
  if (type === MESSAGE.sync) {
    const syncType = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    if (syncType === syncProtocol.messageYjsSyncStep1) message = { kind: "syncStep1", stateVector: checkStateVector(payload) };
    else if (syncType === syncProtocol.messageYjsSyncStep2 || syncType === syncProtocol.messageYjsUpdate)
      message = { kind: "update", update: payload };
    else throw new Error(`unknown sync message ${syncType}`);
  } else if (type === MESSAGE.awareness) {
    message = { kind: "awareness", update: decoding.readVarUint8Array(decoder) };
  } else if (type === MESSAGE.queryAwareness) {
    message = { kind: "queryAwareness" };
  } else {
    throw new Error(`unknown message type ${type}`);
  }
  if (decoding.hasContent(decoder)) throw new Error("trailing bytes after message");
  return message;
}

/** Reads a state vector the way Yjs will (a count, then client and clock pairs); throws if it cannot. */
function checkStateVector(payload: Uint8Array): Uint8Array {
  const decoder = decoding.createDecoder(payload);
  for (let count = decoding.readVarUint(decoder); count > 0; count--) {
    decoding.readVarUint(decoder);
    decoding.readVarUint(decoder);
  }
  return payload;
}

function encode(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export function syncStep1Message(doc: Y.Doc): Uint8Array {
  return encode((e) => {
    encoding.writeVarUint(e, MESSAGE.sync);
    syncProtocol.writeSyncStep1(e, doc);
  });
}

export function syncStep2Message(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  return encode((e) => {
    encoding.writeVarUint(e, MESSAGE.sync);
    syncProtocol.writeSyncStep2(e, doc, stateVector);
  });
}

export function updateMessage(update: Uint8Array): Uint8Array {
  return encode((e) => {
    encoding.writeVarUint(e, MESSAGE.sync);
    syncProtocol.writeUpdate(e, update);
  });
}

export function awarenessMessage(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  return encode((e) => {
    encoding.writeVarUint(e, MESSAGE.awareness);
    encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  });
}

/** A presence message with no entries: tells a stock client the connection is alive, changes nothing. */
export function emptyPresenceMessage(): Uint8Array {
  return encode((e) => {
    encoding.writeVarUint(e, MESSAGE.awareness);
    encoding.writeVarUint8Array(e, Uint8Array.of(0));
  });
}
