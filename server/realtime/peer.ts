import type { LinkKind, Role } from "../../lib/roles";

/**
 * Which of a board's two documents a connection syncs (docs/api.md, "Realtime"): `board`, the
 * notes and worksheets people edit, at `/yjs/BOARD_ID`; `session`, what only the server decides,
 * at `/yjs/BOARD_ID/session`, read-only for everyone.
 */
export type Channel = "board" | "session";

/** Close codes a client sees; documented in docs/api.md. */
export const CLOSE = {
  goingAway: 1001,
  /** The server is stopping to restart or hand over (SIGTERM): come back at once. */
  restarting: 1012,
  tooBig: 1009,
  serverError: 1011,
  /** The connection cannot keep up with what the room sends (its unsent bytes pass a bound). */
  tooSlow: 1013,
  /** Not a y-protocols message, or an update that refers to what the server does not hold. */
  malformed: 4400,
  /** The link was renewed or the participant removed. */
  revoked: 4401,
  /** A write the connection's role may not make. */
  forbidden: 4403,
  /** The board was deleted (like HTTP 410 Gone): the client drops its copy. */
  deleted: 4410,
  /**
   * More messages or bytes per second than any client sends. A standard code, not a 44xx: the
   * stock client gives up for good on 4400-4499, and a client caught in a burst should come back.
   */
  flooding: 1008,
} as const;

/** A connection to a room, as the room sees it: what it may do, and how to reach it. */
export interface Peer {
  /** The link it came in with, and what that link may do. */
  readonly link: LinkKind;
  readonly role: Role;
  readonly channel: Channel;
  /**
   * Who writes through it (server/realtime/writers.ts): `device:…` for our pages (a per-board
   * cookie of the browser), `link:KIND` for clients that bring only the link's token.
   */
  readonly writer: string;
  /** The signed-in facilitator it came in as (server/accounts), if it came in by account. */
  readonly account?: string;
  /** A message for this peer alone (its sync answer, a presence snapshot). */
  send(message: Uint8Array): void;
  /**
   * Someone else's change, going to every peer of the room: a transport may prepare it once, and
   * may let a connection echo relayed presence back outside its message rate (stock clients do).
   */
  relay(message: Uint8Array): void;
  /** Ends the connection with a close code (docs/api.md, "Close codes"). */
  close(code: number, reason: string): void;
  /** Whether it still answers a ping; false (and closed) after a few seconds of silence. */
  isAlive(): Promise<boolean>;
}
