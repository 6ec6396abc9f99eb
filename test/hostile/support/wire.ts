import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";

/**
 * y-websocket messages as bytes (y-protocols PROTOCOL.md), written and read by hand: an attacker
 * speaks the public protocol without a Yjs provider in the way.
 */
const SYNC = 0;
const AWARENESS = 1;
const QUERY_AWARENESS = 3;
export const SYNC_STEP_1 = 0;
export const SYNC_STEP_2 = 1;
export const SYNC_UPDATE = 2;

function message(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

/** Sync step 1: "this is what I have, send me the rest". */
export function syncStep1(stateVector: Uint8Array = Uint8Array.of(0)): Uint8Array {
  return syncMessage(SYNC_STEP_1, stateVector);
}

/** A Yjs update as a sync update message (the server treats step 2 alike). */
export function updateFrame(update: Uint8Array): Uint8Array {
  return syncMessage(SYNC_UPDATE, update);
}

export function syncMessage(syncType: number, payload: Uint8Array): Uint8Array {
  return message((e) => {
    encoding.writeVarUint(e, SYNC);
    encoding.writeVarUint(e, syncType);
    encoding.writeVarUint8Array(e, payload);
  });
}

export interface PresenceEntry {
  client: number;
  clock: number;
  /** Written as is: a test may send a string that is no JSON, or JSON nested 20,000 deep. */
  json: string;
}

/** An awareness message carrying `entries` exactly as given. */
export function presenceFrame(entries: readonly PresenceEntry[]): Uint8Array {
  return message((e) => {
    encoding.writeVarUint(e, AWARENESS);
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, entries.length);
    for (const entry of entries) {
      encoding.writeVarUint(inner, entry.client);
      encoding.writeVarUint(inner, entry.clock);
      encoding.writeVarString(inner, entry.json);
    }
    encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
  });
}

export function queryPresence(): Uint8Array {
  return Uint8Array.of(QUERY_AWARENESS);
}

export type ServerMessage =
  | { kind: "sync"; syncType: number; payload: Uint8Array }
  | { kind: "presence"; entries: Array<{ client: number; clock: number; state: unknown }> }
  | { kind: "other"; type: number };

/** Reads one frame the server sent; throws on bytes that are not y-websocket. */
export function readServerMessage(frame: Uint8Array): ServerMessage {
  const d = decoding.createDecoder(frame);
  const type = decoding.readVarUint(d);
  if (type === SYNC) {
    const syncType = decoding.readVarUint(d);
    return { kind: "sync", syncType, payload: decoding.readVarUint8Array(d) };
  }
  if (type !== AWARENESS) return { kind: "other", type };
  const inner = decoding.createDecoder(decoding.readVarUint8Array(d));
  const entries: Array<{ client: number; clock: number; state: unknown }> = [];
  for (let count = decoding.readVarUint(inner); count > 0; count--) {
    const client = decoding.readVarUint(inner);
    const clock = decoding.readVarUint(inner);
    entries.push({ client, clock, state: JSON.parse(decoding.readVarString(inner)) as unknown });
  }
  return { kind: "presence", entries };
}
