/**
 * What the sync benchmark's parent and its client processes say to each other over IPC
 * (fork with advanced serialization, so typed arrays travel as they are). Times are
 * CLOCK_MONOTONIC milliseconds (process.hrtime), which every process on the machine shares.
 */
import type { RoomAddress, TargetName } from "./targets";

export type ClientKind = "stock" | "raw";

export type ToClients =
  /** Load the target's client library now, so that no join time includes it. */
  | { type: "prepare"; target: TargetName }
  /**
   * `capacity`: how many notes the readers will be asked about; `expectNotes`: what the room holds
   * already; `startAt`: the moment join times count from (the same for every process).
   */
  | {
      type: "connect";
      address: RoomAddress;
      count: number;
      kind: ClientKind;
      role: "reader" | "writer";
      capacity: number;
      expectNotes: number;
      batch: number;
      presence: boolean;
      startAt: number;
      timeoutMs: number;
    }
  | { type: "write"; count: number; intervalMs: number }
  | { type: "count" }
  | { type: "report" }
  | { type: "stop" };

export type FromClients =
  | { type: "prepared" }
  | { type: "connected"; joinMs: Float64Array }
  /** When note firstIndex + i was written. */
  | { type: "written"; firstIndex: number; sentAt: Float64Array }
  | { type: "count"; delivered: number }
  /** One row per client: when it saw note i (NaN if never). */
  | { type: "receipts"; rows: Float64Array[] }
  | { type: "failed"; error: string };

/** Note ids carry their index, so a raw client finds them in the update's bytes without Yjs. */
export const NOTE_ID_PREFIX = "bench-";
export const NOTE_ID_DIGITS = 5;

export function noteId(index: number): string {
  return NOTE_ID_PREFIX + index.toString().padStart(NOTE_ID_DIGITS, "0");
}

export function noteIndex(id: string): number {
  return id.startsWith(NOTE_ID_PREFIX) ? Number(id.slice(NOTE_ID_PREFIX.length)) : NaN;
}

export const monotonicMs = (): number => Number(process.hrtime.bigint()) / 1e6;
