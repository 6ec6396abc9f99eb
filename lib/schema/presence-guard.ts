import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";

/**
 * Presence (y-protocols awareness: a count, then client id, clock and a JSON state per entry) as
 * the server accepts it from a connection. Presence is relayed to everyone and handed to every
 * newcomer, so one bad state would be everyone's problem: a state is small, shallow JSON and clocks
 * stay in the range honest clients use (a state with the largest clock wins for good, so a clock
 * near 2^53 would freeze the presence of whoever it names). How many entries a message may carry
 * is the room's to judge (server/realtime/presence.ts): a stock client sends back everyone it has
 * heard of, so only the entries that would change something count.
 */
export interface PresenceEntry {
  client: number;
  clock: number;
  /** null: the client has left. */
  state: Record<string, unknown> | null;
}

export interface PresenceLimits {
  presenceStateBytes: number;
  presenceDepth: number;
  presenceClockLimit: number;
}

export type PresenceVerdict =
  | { ok: true; entries: PresenceEntry[]; dropped: string[] }
  /** The message itself is not presence. */
  | { ok: false; reason: string };

export function readPresence(update: Uint8Array, limits: PresenceLimits): PresenceVerdict {
  const entries: PresenceEntry[] = [];
  const dropped: string[] = [];
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    for (let i = 0; i < count; i++) {
      const client = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const json = decoding.readVarString(decoder);
      // Too large is dropped before it is parsed: parsing a megabyte of nesting costs for nothing.
      if (json.length > limits.presenceStateBytes) {
        dropped.push(`client ${client}: state too large`);
        continue;
      }
      const parsed = parseJson(json);
      // Not JSON at all is not presence: the message is refused, as y-protocols would throw on it.
      if (parsed === NOT_JSON) return { ok: false, reason: "presence state that is not JSON" };
      const problem = entryProblem(clock, json, parsed, limits);
      if (problem) {
        dropped.push(`client ${client}: ${problem}`);
        continue;
      }
      entries.push({ client, clock, state: parsed as Record<string, unknown> | null });
    }
    if (decoding.hasContent(decoder)) return { ok: false, reason: "trailing bytes after presence" };
  } catch (error) {
    return { ok: false, reason: `malformed presence: ${(error as Error).message}` };
  }
  return { ok: true, entries, dropped };
}

function entryProblem(clock: number, json: string, parsed: unknown, limits: PresenceLimits): string | null {
  if (clock >= limits.presenceClockLimit) return `clock ${clock} is far ahead`;
  // UTF-16 length bounds the UTF-8 size from below; the byte count is what we mean.
  if (json.length > limits.presenceStateBytes || utf8Length(json) > limits.presenceStateBytes) return "state too large";
  if (parsed !== null && (typeof parsed !== "object" || Array.isArray(parsed))) return "state is not an object";
  if (depthOf(parsed, limits.presenceDepth + 1) > limits.presenceDepth) return "state nests too deep";
  return null;
}

const NOT_JSON = Symbol("not JSON");

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return NOT_JSON;
  }
}

/** How deep a parsed JSON value nests, counting no further than `stop`. */
function depthOf(value: unknown, stop: number): number {
  if (value === null || typeof value !== "object") return 0;
  if (stop <= 0) return 1;
  let deepest = 0;
  for (const child of Object.values(value as Record<string, unknown>)) deepest = Math.max(deepest, depthOf(child, stop - 1));
  return deepest + 1;
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** Entries without the given fields in their states (roles that may not set them). */
export function withoutFields(entries: PresenceEntry[], fields: readonly string[]): PresenceEntry[] {
  return entries.map((entry) => {
    if (!entry.state || !fields.some((field) => field in entry.state!)) return entry;
    const state = { ...entry.state };
    for (const field of fields) delete state[field];
    return { ...entry, state };
  });
}

/** The update y-protocols' `applyAwarenessUpdate` reads. */
export function encodePresence(entries: PresenceEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.client);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, JSON.stringify(entry.state));
  }
  return encoding.toUint8Array(encoder);
}
