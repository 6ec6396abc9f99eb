import type { IncomingMessage, ServerResponse } from "node:http";
import type { ServerLimits } from "../../lib/schema/limits";
import type { JoinKeys } from "../auth/join-key";
import type { LinkRenewals } from "../auth/link-renewals";
import type { TokenService } from "../auth/tokens";
import type { SignedInLookup } from "../auth/board-access";
import type { Logger } from "../log";
import type { RoomRegistry } from "../realtime/rooms";
import type { Storage } from "../storage/types";
import type { LiveViews } from "./live";
import type { Throttle } from "./throttle";

/** What the participation modules share: storage, the loaded rooms, and the phones listening. */
export interface ParticipationContext {
  storage: Storage;
  rooms: RoomRegistry;
  tokens: TokenService;
  /** The keys QR codes carry beside the join code. */
  joinKeys: JoinKeys;
  log: Logger;
  live: LiveViews;
  throttle: Throttle;
  /** When links were renewed: a socket checked just before takes note as it joins. */
  renewals: LinkRenewals;
  limits: ServerLimits;
  /** Proxies (CIDRs) whose `X-Forwarded-For` names the client that limits count. */
  trustedProxies: string[];
  /** How long boards are kept without use (server/lifecycle/retention.ts), and the clock it reads. */
  retention: { maxDays: number; now: () => number };
  /** Signed-in facilitators (server/accounts/sessions.ts); absent when the server has no sign-in. */
  signedIn?: SignedInLookup | null;
  /**
   * In a cluster (server/cluster/front.ts): passes a request whose board is known only from its
   * body (a join code) on to the instance serving that board, with the body read; answers true.
   */
  passOn?: (req: IncomingMessage, res: ServerResponse, boardId: string, body: unknown) => Promise<boolean>;
}
