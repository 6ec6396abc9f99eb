import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";

/**
 * Awareness fields only some roles may announce. `presenting` (lib/follow/presenting.ts) moves
 * everyone's view who follows: a member or viewer must not be able to steer the room's screens.
 */
export const FACILITATOR_ONLY_FIELDS = ["presenting"] as const;

/**
 * Removes `fields` from every state in an awareness update (y-protocols' format: a count, then
 * client id, clock and JSON state per entry), keeping ids, clocks and every other field, so the
 * peer's presence goes on working. Returns the update itself when nothing had to go. Expects an
 * update that already decoded once (messages.ts checks every incoming one).
 */
export function withoutAwarenessFields(update: Uint8Array, fields: readonly string[]): Uint8Array {
  const decoder = decoding.createDecoder(update);
  const entries: Array<{ client: number; clock: number; state: string }> = [];
  let changed = false;
  for (let count = decoding.readVarUint(decoder); count > 0; count--) {
    const client = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    let state = decoding.readVarString(decoder);
    const parsed: unknown = JSON.parse(state);
    if (parsed !== null && typeof parsed === "object" && fields.some((field) => field in parsed)) {
      const kept = { ...(parsed as Record<string, unknown>) };
      for (const field of fields) delete kept[field];
      state = JSON.stringify(kept);
      changed = true;
    }
    entries.push({ client, clock, state });
  }
  if (!changed) return update;
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.client);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.state);
  }
  return encoding.toUint8Array(encoder);
}
