import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import { boardIdSchema } from "../../lib/api/schemas";
import type { ServerLimits } from "../../lib/schema/limits";
import { resolveAccess, sameOrigin, sentByBrowser, type BoardAccess, type SignedInLookup } from "../auth/board-access";
import type { TokenService } from "../auth/tokens";
import type { LinkRenewals } from "../auth/link-renewals";
import { deviceCookieName, type WriterIdentity } from "../auth/writer";
import { clientAddress } from "../http/client-address";
import { readCookie } from "../http/cookies";
import { decodeSegment, requestUrl } from "../http/request-url";
import { redactUrl, type Logger } from "../log";
import type { AccountStorage, BoardStorage } from "../storage/types";
import { canEdit } from "../../lib/roles";
import { serveConnection, type BoardHost, type BoardHosts } from "./connection";
import type { CopyRegistry } from "./copies";
import { CLOSE, type Channel } from "./peer";
import { BoardElsewhere, BoardGone, RoomsFull, type RoomRegistry } from "./rooms";

export const REALTIME_PATH = "/yjs";

export interface RealtimeOptions {
  storage: BoardStorage & Pick<AccountStorage, "facilitatorRole">;
  tokens: TokenService;
  writers: WriterIdentity;
  renewals: LinkRenewals;
  log: Logger;
  maxMessageBytes: number;
  rooms: RoomRegistry;
  limits: ServerLimits;
  trustedProxies: string[];
  /** Signed-in facilitators open their boards without a link; absent when the server has no sign-in. */
  signedIn?: SignedInLookup;
  /** Upgrades on other paths (Next's dev reload, say); without it they are refused. */
  otherUpgrade?: (req: IncomingMessage, socket: Duplex, head: Buffer) => void;
  /** In a cluster: passes the upgrade on to the instance serving its board, answering true (server/cluster). */
  forward?: (req: IncomingMessage, socket: Duplex, head: Buffer, here: ServeHere) => Promise<boolean>;
  /** In a cluster with Redis: copies of boards other instances hold, for this instance's readers. */
  copies?: CopyRegistry;
}

/** What a cluster's front may do with an upgrade instead of passing it on. */
export interface ServeHere {
  /** Serve it here: from the board's room, or (a reader of a board held elsewhere) from a copy. */
  serve(fromCopy: boolean): void;
  /** Whether its link only reads the board (a viewer's, a projector's), so a copy may serve it. */
  isReader(): Promise<boolean>;
}

/**
 * The y-websocket endpoint: `ws://HOST/yjs/BOARD_ID` for the board and `…/BOARD_ID/session` for
 * its session document, authenticated before the upgrade so a refused client never holds a
 * websocket.
 */
export function attachRealtime(server: Server, options: RealtimeOptions) {
  const { storage, tokens, log, rooms, limits } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes });
  const openByAddress = new Map<string, number>();

  const refuse = (socket: Duplex, status: string, headers = "") => {
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n${headers}Content-Length: 0\r\n\r\n`);
  };

  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on("error", () => socket.destroy());
    const url = requestUrl(req);
    if (!url) return refuse(socket, "400 Bad Request");
    if (!url.pathname.startsWith(`${REALTIME_PATH}/`)) {
      if (options.otherUpgrade) return options.otherUpgrade(req, socket, head);
      return refuse(socket, "404 Not Found");
    }
    const target = parseTarget(url.pathname.slice(REALTIME_PATH.length + 1));
    if (!target) return refuse(socket, "404 Not Found");
    // One check of the token per upgrade, whether the front asks first or serveHere does.
    let checked: Promise<CheckedAccess> | undefined;
    const check = () => (checked ??= checkAccess(req, url, target.boardId));
    if (!options.forward) return serveHere(req, socket, head, url, target, false, check);
    const here: ServeHere = {
      serve: (fromCopy) => serveHere(req, socket, head, url, target, fromCopy, check),
      isReader: () => check().then(({ access }) => !!access && !canEdit(access.role)),
    };
    options.forward(req, socket, head, here).then(
      (forwarded) => forwarded || serveHere(req, socket, head, url, target, false, check),
      (error: unknown) => {
        log("ws.forward_failed", { url: redactUrl(req.url), error: String(error) });
        refuse(socket, "503 Service Unavailable", "Retry-After: 1\r\n");
      },
    );
  });

  /** The token's answer, and when it was given: a link renewed after that is caught by `renewedSince`. */
  const checkAccess = async (req: IncomingMessage, url: URL, boardId: string): Promise<CheckedAccess> => {
    const checkedAt = Date.now();
    return { access: await resolveAccess(req, boardId, storage, tokens, url.searchParams.get("token"), options.signedIn), checkedAt };
  };

  /** The re-check once a copy is held; lets the copy go unless the answer is yes (also when the check fails). */
  const stillAllowed = async (req: IncomingMessage, url: URL, boardId: string, letGo: () => Promise<void>): Promise<boolean> => {
    const allowed = await checkAccess(req, url, boardId).then(
      ({ access }) => access !== null,
      (error: unknown) => {
        void letGo();
        throw error;
      },
    );
    if (!allowed) void letGo();
    return allowed;
  };

  const serveHere = (req: IncomingMessage, socket: Duplex, head: Buffer, url: URL, target: { boardId: string; channel: Channel }, fromCopy: boolean, check: () => Promise<CheckedAccess>) => {
    const address = clientAddress(req, options.trustedProxies);
    if ((openByAddress.get(address) ?? 0) >= limits.websocketsPerAddress) {
      log("ws.refused", { reason: "connections per address", url: redactUrl(req.url) });
      return refuse(socket, "429 Too Many Requests", "Retry-After: 30\r\n");
    }
    check()
      .then(async ({ access, checkedAt }) => {
        if (!access || (sentByBrowser(access) && !sameOrigin(req))) {
          log("ws.refused", { url: redactUrl(req.url), origin: req.headers.origin ?? null });
          return refuse(socket, "401 Unauthorized");
        }
        const hosts: BoardHosts<BoardHost> = fromCopy && options.copies && !canEdit(access.role) ? options.copies : rooms;
        // Loaded before the upgrade: a server at its limit of open boards says so in HTTP.
        const room = await hosts.acquire(access.board.id);
        // A copy hears of renewed links from the moment it follows the board's stream: a renewal
        // between the token's check and that moment shows in the token, checked again.
        if (hosts !== rooms && !(await stillAllowed(req, url, target.boardId, () => hosts.release(room)))) {
          log("ws.refused", { url: redactUrl(req.url), reason: "link renewed while joining" });
          return refuse(socket, "401 Unauthorized");
        }
        let upgraded = false;
        wss.handleUpgrade(req, socket, head, (ws) => {
          upgraded = true;
          openByAddress.set(address, (openByAddress.get(address) ?? 0) + 1);
          ws.once("close", () => {
            const left = (openByAddress.get(address) ?? 1) - 1;
            if (left > 0) openByAddress.set(address, left);
            else openByAddress.delete(address);
          });
          log("ws.connected", { board: access.board.id, role: access.role, channel: target.channel, ...(hosts === rooms ? {} : { from: "copy" }) });
          const info = connectionInfo(access, target.channel, req);
          // Renewing the facilitator's link takes nothing from a signed-in facilitator, who used no
          // link; being taken off the board does, also while this connection waits to join its room.
          const account = info.account;
          const revoked =
            access.via === "account" && account
              ? () => options.renewals.removedSince(info.boardId, account, checkedAt)
              : () => options.renewals.renewedSince(info.boardId, info.link, checkedAt);
          serveConnection(ws, { ...info, revoked }, hosts, limits, log);
          // serveConnection holds the room now; this upgrade's hold ends.
          void hosts.release(room);
        });
        // ws calls back at once or never (a socket that closed meanwhile, a bad handshake).
        if (!upgraded) void hosts.release(room);
      })
      .catch((error: unknown) => {
        if (error instanceof RoomsFull) return refuse(socket, "503 Service Unavailable", "Retry-After: 30\r\n");
        if (error instanceof BoardElsewhere) return refuse(socket, "503 Service Unavailable", "Retry-After: 1\r\n");
        if (error instanceof BoardGone) return refuse(socket, "404 Not Found");
        log("ws.upgrade_failed", { url: redactUrl(req.url), error: String(error) });
        refuse(socket, "503 Service Unavailable");
      });
  };

  const connectionInfo = (access: BoardAccess, channel: Channel, req: IncomingMessage) => ({
    boardId: access.board.id,
    channel,
    role: access.role,
    link: access.link,
    ...(access.account ? { account: access.account } : {}),
    // Only our own pages (cookies, from our origin) carry the device cookie that tells browsers apart.
    writer: options.writers.of(access.board.id, sentByBrowser(access) ? readCookie(req, deviceCookieName(access.board.id)) : null, access.link),
  });

  return {
    rooms,
    /** Closes every socket, then flushes every room. */
    async close(): Promise<void> {
      for (const client of wss.clients) client.close(CLOSE.restarting, "server restarting");
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await rooms.closeAll();
      options.copies?.closeAll();
    },
  };
}

interface CheckedAccess {
  access: BoardAccess | null;
  checkedAt: number;
}

/** `BOARD_ID` or `BOARD_ID/session`. */
function parseTarget(path: string): { boardId: string; channel: Channel } | null {
  const [rawId, channel, ...rest] = path.split("/");
  if (rest.length > 0 || (channel !== undefined && channel !== "session")) return null;
  const boardId = boardIdSchema.safeParse(decodeSegment(rawId));
  return boardId.success ? { boardId: boardId.data, channel: channel === "session" ? "session" : "board" } : null;
}
