import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { boardIdSchema } from "../../lib/api/schemas";
import { clientAddress, setForwardedClient } from "../http/client-address";
import { decodeSegment, requestUrl } from "../http/request-url";
import type { Logger } from "../log";
import { BoardElsewhere } from "../realtime/rooms";
import type { ServeHere } from "../realtime/server";
import type { BoardLeases } from "../storage/postgres/board-leases";
import { forwardHttp, forwardUpgrade } from "./forward";

/**
 * Several instances on one PostgreSQL (docs/deploy.md, "Several instances"): whatever concerns a
 * board is answered by the one instance that holds the board's lease. A request for a board
 * another instance holds is passed on to it; one for a board nobody holds is served here, and the
 * board's room takes the lease when it loads. So every decision the server makes for a board
 * (private writing, vote limits, locks, the update guard) is made in one place, as on one server.
 *
 * A forwarded request carries who the client is, signed with the cluster's shared secret, so the
 * holder counts limits by the client and never passes the request on again.
 */

const FORWARDED_HEADER = "x-samla-forwarded";

interface Target {
  ownerUrl: string;
  headers: Record<string, string>;
  takeOver(): Promise<boolean>;
}

/** The board a path is about: the API's `/api/boards/ID…` and the realtime `/yjs/ID…`. */
export function boardOfPath(pathname: string): string | null {
  const match = /^\/(?:api\/boards|yjs)\/([^/]+)/.exec(pathname);
  const parsed = boardIdSchema.safeParse(match ? decodeSegment(match[1]) : undefined);
  return parsed.success ? parsed.data : null;
}

/** What a phone reads: its view and its event stream (`GET /api/boards/ID/me`, `…/me/events`). */
function isPhoneView(req: IncomingMessage): boolean {
  const url = requestUrl(req);
  return req.method === "GET" && url !== null && /^\/api\/boards\/[^/]+\/me(?:\/events)?$/.test(url.pathname);
}

export interface FrontOptions {
  /** With Redis: readers and phones' views of a board held elsewhere are served here, from a copy, not passed on. */
  readersFromCopies?: boolean;
}

export function clusterFront(leases: BoardLeases, secret: Buffer, trustedProxies: string[], log: Logger, options: FrontOptions = {}) {
  const key = createHmac("sha256", secret).update("samla: a request passed on between instances").digest();
  const sign = (address: string, req: IncomingMessage) => createHmac("sha256", key).update(`${address}\n${req.method} ${req.url}`).digest("base64url");

  /** The client's address when another instance passed this request on, else null. */
  const forwardedClient = (req: IncomingMessage): string | null => {
    const value = req.headers[FORWARDED_HEADER];
    if (typeof value !== "string") return null;
    const [address, mac] = value.split(" ");
    if (!address || !mac) return null;
    const expected = Buffer.from(sign(address, req));
    const given = Buffer.from(mac);
    return given.length === expected.length && timingSafeEqual(given, expected) ? address : null;
  };

  /** Where the request goes: null to answer it here. */
  const route = async (req: IncomingMessage, knownBoard?: string): Promise<Target | null> => {
    const forwardedFrom = forwardedClient(req);
    if (forwardedFrom !== null) {
      setForwardedClient(req, forwardedFrom);
      return null;
    }
    // Only a path ("/…") is passed on: a request line naming a host ("http://…", "//…") is answered here.
    if (!req.url?.startsWith("/") || req.url.startsWith("//")) return null;
    const url = requestUrl(req);
    const boardId = knownBoard ?? (url ? boardOfPath(url.pathname) : null);
    if (!boardId) return null;
    const placement = await leases.placement(boardId);
    if (placement.here) return null;
    // Held by an earlier process at this very address (this one restarted): that process is gone.
    if (placement.ownerUrl === leases.instanceUrl) {
      await leases.takeOverFrom(boardId, placement);
      return null;
    }
    const address = clientAddress(req, trustedProxies);
    return {
      ownerUrl: placement.ownerUrl,
      headers: { [FORWARDED_HEADER]: `${address} ${sign(address, req)}` },
      // A holder that refuses connections is gone: the board is taken now, not when its lease runs out.
      takeOver: () => leases.takeOverFrom(boardId, placement),
    };
  };
  const takeOverInBackground = (target: Target) => () =>
    void target.takeOver().catch((error: unknown) => log("cluster.takeover_failed", { error: String(error) }));

  const releasing = new Map<string, Promise<void>>();
  /** Websockets passed on to another instance: not the HTTP server's nor ws's to close when this one stops. */
  const piped = new Set<Duplex>();

  return {
    /** The registry's hook: the board is taken for this instance before its room loads. */
    async beforeLoad(boardId: string): Promise<void> {
      await releasing.get(boardId);
      const placement = await leases.claim(boardId);
      if (!placement.here) throw new BoardElsewhere(boardId);
    },
    /** The registry's hook: the room is gone, so the next instance asked takes the board at once. */
    afterUnload(boardId: string): void {
      const released = leases
        .release(boardId)
        .catch((error: unknown) => log("cluster.release_failed", { board: boardId, error: String(error) }))
        .finally(() => releasing.delete(boardId));
      releasing.set(boardId, released);
    },
    /** Answers true when the request was passed on to the board's holder. */
    async http(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
      const target = await route(req);
      if (!target) return false;
      // A phone's view and its event stream are served here, from the board's copy (server/cluster/phones.ts).
      if (options.readersFromCopies && isPhoneView(req)) return false;
      await forwardHttp(req, res, target.ownerUrl, target.headers, FORWARDED_HEADER, takeOverInBackground(target));
      return true;
    },
    /** For a route that learns its board from the body (a join code): answers true when it passed the request on. */
    async passOn(req: IncomingMessage, res: ServerResponse, boardId: string, body: unknown): Promise<boolean> {
      const target = await route(req, boardId);
      if (!target) return false;
      await forwardHttp(req, res, target.ownerUrl, target.headers, FORWARDED_HEADER, takeOverInBackground(target), Buffer.from(JSON.stringify(body)));
      return true;
    },
    /**
     * Answers true when the upgrade was passed on or is served here from a copy; `here.serve` is
     * called if the holder turns out to be gone.
     */
    async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, here: ServeHere): Promise<boolean> {
      const target = await route(req);
      if (!target) return false;
      if (options.readersFromCopies && (await here.isReader())) {
        here.serve(true);
        return true;
      }
      piped.add(socket);
      socket.once("close", () => piped.delete(socket));
      forwardUpgrade(req, socket, head, target.ownerUrl, target.headers, FORWARDED_HEADER, () => {
        piped.delete(socket);
        // Taken here or by another instance meanwhile: either way the registry knows where to load it.
        target.takeOver().then(() => here.serve(false), (error: unknown) => {
          log("cluster.takeover_failed", { error: String(error) });
          socket.end("HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nRetry-After: 1\r\nContent-Length: 0\r\n\r\n");
        });
      });
      return true;
    },
    /** Ends the websockets passed on (their clients reconnect to another instance). */
    closeForwarded(): void {
      for (const socket of piped) socket.destroy();
      piped.clear();
    },
    whenLost: (listener: (boardId: string) => void) => leases.whenLost(listener),
    stop: () => leases.stop(),
  };
}

export type ClusterFront = ReturnType<typeof clusterFront>;
