import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { LIMITS, SERVER_LIMITS, type ServerLimits } from "../lib/schema/limits";
import { JoinKeys } from "./auth/join-key";
import { TokenService } from "./auth/tokens";
import { WriterIdentity } from "./auth/writer";
import { LinkRenewals } from "./auth/link-renewals";
import { createApi } from "./http/api";
import { trustedProxyList } from "./http/client-address";
import { applySecurityHeaders } from "./http/security-headers";
import { consoleLogger, redactUrl, type Logger } from "./log";
import { attachRealtime } from "./realtime/server";
import { RoomRegistry } from "./realtime/rooms";
import { DEFAULT_RETENTION_DAYS } from "./config";
import type { Storage } from "./storage/types";
import { createAccounts } from "./accounts/accounts";
import { clusterFront } from "./cluster/front";
import { CLOSE } from "./realtime/peer";
import type { BoardLeases } from "./storage/postgres/board-leases";
import type { OidcConfig } from "./accounts/oidc-config";
import type { Redis } from "ioredis";
import { BOARD_STREAMS, StreamFollower, StreamPublisher } from "./cluster/board-stream";
import { CopyRegistry } from "./realtime/copies";
import { ClusterPhoneCounts, clusterLiveSource } from "./cluster/phones";
import { PresenceInbox, PresenceOutbox } from "./cluster/presence-inbox";
import type { Relayed } from "./realtime/room";
import type { BoardNews } from "./realtime/rooms";

export interface SamlaServerOptions {
  storage: Storage;
  secret: Buffer;
  log?: Logger;
  maxMessageBytes?: number;
  compactEvery?: number;
  /** How phones reach this server (join links); found from the request when absent. */
  publicUrl?: string;
  /** What one address, connection or board may do (lib/schema/limits.ts); defaults when absent. */
  limits?: Partial<ServerLimits>;
  /** Proxies (CIDRs) whose `X-Forwarded-For` is believed; none by default. */
  trustedProxies?: string[];
  /** Serves the pages (Next.js). Tests of the API and sync run without it. */
  pages?: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
  pagesUpgrade?: (req: IncomingMessage, socket: Duplex, head: Buffer) => void;
  /** `npm run dev`: the pages' policy allows what React's dev tooling needs (eval). */
  dev?: boolean;
  /** The longest a board is kept without use, in days (SAMLA_RETENTION_DAYS); 90 when absent. */
  retentionDays?: number;
  /** The clock retention reads; tests move it on. */
  now?: () => number;
  /** The organisation's identity provider (OIDC_*): creating a board then needs sign-in. */
  oidc?: OidcConfig;
  /** One of several instances on one PostgreSQL: each board's lease says which serves it (server/cluster). */
  leases?: BoardLeases;
  /** With `leases`: the cluster's Redis, for each board's live stream and the shared limits (server/cluster). */
  redis?: Redis;
}

const RETENTION_SWEEP_MS = 60 * 60 * 1000;

/** One HTTP server, one port: the API, the realtime endpoint and the pages. */
export function createSamlaServer(options: SamlaServerOptions) {
  const log = options.log ?? consoleLogger();
  const tokens = new TokenService(options.secret);
  const limits: ServerLimits = { ...SERVER_LIMITS, ...options.limits };
  const trustedProxies = options.trustedProxies ?? [];
  trustedProxyList(trustedProxies); // a list that does not parse stops here, not at the first request
  const joinKeys = new JoinKeys(options.secret);
  const now = options.now ?? Date.now;
  const retention = { maxDays: options.retentionDays ?? DEFAULT_RETENTION_DAYS, everyMs: RETENTION_SWEEP_MS, now };
  const leases = options.leases;
  const redis = leases ? options.redis : undefined;
  const cluster = leases ? clusterFront(leases, options.secret, trustedProxies, log, { readersFromCopies: !!redis }) : null;
  const stream = redis ? { publisher: new StreamPublisher(redis, log), follower: new StreamFollower(redis, log, BOARD_STREAMS) } : null;
  const renewals = new LinkRenewals();
  // Readers' presence from the copies to each board's holder (server/cluster/presence-inbox.ts).
  const presenceOutbox = redis && leases ? new PresenceOutbox(redis, log, leases.instanceId, limits) : undefined;
  const presenceInbox = redis
    ? new PresenceInbox(redis, log, (boardId, entries) => {
        const room = rooms.loaded(boardId);
        room?.run(() => entries.forEach((entry) => room.remotePresence(entry))).catch((error: unknown) => log("presence.inbox_failed", { board: boardId, error: String(error) }));
      })
    : null;
  const copies = stream
    ? new CopyRegistry(
        options.storage,
        stream.follower,
        log,
        limits.roomLingerMs,
        (boardId, link) => {
          renewals.renewed(boardId, link);
          api.linkRenewedElsewhere(boardId, link);
        },
        presenceOutbox,
      )
    : undefined;
  const rooms = new RoomRegistry(options.storage, log, {
    compactEvery: options.compactEvery ?? 500,
    limits,
    lingerMs: limits.roomLingerMs,
    maxRooms: limits.loadedRooms,
    // Retention counts from the last time a board was loaded or let go.
    onActivity: (boardId) => void options.storage.touchBoard(boardId, now()).catch((error: unknown) => log("board.touch_failed", { board: boardId, error: String(error) })),
    beforeLoad: cluster
      ? async (boardId: string) => {
          await cluster.beforeLoad(boardId);
          presenceInbox?.follow(boardId);
        }
      : undefined,
    afterUnload: (boardId) => {
      presenceInbox?.unfollow(boardId);
      stream?.publisher.forget(boardId);
      cluster?.afterUnload(boardId);
    },
    ...(stream && leases
      ? {
          relayed: (boardId: string, kind: Relayed, message: Uint8Array) => stream.publisher.publish(boardId, leases.epochOf(boardId) ?? 0, kind, message),
          announce: (boardId: string, news: BoardNews) =>
            void stream.publisher.announce(boardId, news).catch((error: unknown) => log("stream.announce_failed", { board: boardId, kind: news.kind, error: String(error) })),
        }
      : {}),
  });
  // Another instance took a board over: its clients here reconnect, and are passed on to it.
  cluster?.whenLost((boardId) => {
    log("cluster.board_lost", { board: boardId });
    api.boardMoved(boardId);
    void rooms.evict(boardId, CLOSE.restarting, "board moved to another server");
  });
  const headerOptions = { dev: options.dev ?? false, publicUrl: options.publicUrl };
  const accounts = createAccounts(options.oidc, options.storage, now);
  const phoneCounts = stream && leases && redis ? new ClusterPhoneCounts(redis, leases.instanceId, rooms, log) : null;
  const phones =
    stream && leases && copies && phoneCounts
      ? {
          source: clusterLiveSource(rooms, copies, leases, log),
          countPhones: phoneCounts.count,
          onNotify: (boardId: string) => {
            const epoch = leases.epochOf(boardId);
            if (epoch !== null) stream.publisher.publishPhones(boardId, epoch);
          },
        }
      : undefined;
  const api = createApi({ storage: options.storage, tokens, joinKeys, log, rooms, publicUrl: options.publicUrl, limits, trustedProxies, renewals, retention, accounts, passOn: cluster?.passOn, redis, phones });

  const server = createServer(async (req, res) => {
    try {
      if (cluster && (await cluster.http(req, res))) return;
      applySecurityHeaders(req, res, headerOptions);
      if (await api(req, res)) return;
      if (options.pages) return await options.pages(req, res);
      res.writeHead(404, { "Content-Type": "text/plain" }).end("Not found");
    } catch (error) {
      // One bad request must never take the server, and every board on it, down.
      log("http.failed", { url: redactUrl(req.url), error: String(error) });
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain" });
      res.end();
    }
  });

  const realtime = attachRealtime(server, {
    storage: options.storage,
    rooms,
    tokens,
    writers: new WriterIdentity(options.secret),
    renewals,
    log,
    maxMessageBytes: options.maxMessageBytes ?? LIMITS.maxMessageBytes,
    limits,
    trustedProxies,
    signedIn: accounts?.sessions,
    otherUpgrade: options.pagesUpgrade,
    forward: cluster?.upgrade,
    copies,
  });

  return {
    server,
    realtime,
    sweepRetention: api.sweepRetention,
    listen(port: number, host?: string): Promise<number> {
      return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          const address = server.address();
          resolve(typeof address === "object" && address ? address.port : port);
        });
      });
    },
    /** Stops taking connections, flushes every board, closes storage. */
    async close(): Promise<void> {
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      await api.close();
      await phoneCounts?.stop();
      await realtime.close();
      stream?.publisher.stop();
      await stream?.follower.stop();
      await presenceInbox?.stop();
      cluster?.closeForwarded();
      server.closeAllConnections();
      await stopped;
      // After the rooms' last writes: the boards are free for the other instances at once.
      await cluster?.stop();
      await options.storage.close();
      redis?.disconnect();
    },
  };
}
