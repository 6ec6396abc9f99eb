import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import { boardIdSchema } from "../../lib/api/schemas";
import type { ServerLimits } from "../../lib/schema/limits";
import { resolveAccess, sameOrigin } from "../auth/board-access";
import type { TokenService } from "../auth/tokens";
import { decodeSegment, requestUrl } from "../http/request-url";
import { redactUrl, type Logger } from "../log";
import type { BoardStorage } from "../storage/types";
import { serveConnection } from "./connection";
import type { RoomRegistry } from "./rooms";

export const REALTIME_PATH = "/yjs";

export interface RealtimeOptions {
  storage: BoardStorage;
  tokens: TokenService;
  log: Logger;
  maxMessageBytes: number;
  rooms: RoomRegistry;
  limits: ServerLimits;
  trustedProxies: string[];
  /** Upgrades on other paths (Next's dev reload, say); without it they are refused. */
  otherUpgrade?: (req: IncomingMessage, socket: Duplex, head: Buffer) => void;
}

/**
 * The y-websocket endpoint: `ws://HOST/yjs/BOARD_ID`, authenticated before the upgrade so a
 * refused client never holds a websocket.
 */
export function attachRealtime(server: Server, options: RealtimeOptions) {
  const { storage, tokens, log } = options;
  const { rooms } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes });

  const refuse = (socket: Duplex, status: string) => {
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  };

  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on("error", () => socket.destroy());
    const url = requestUrl(req);
    if (!url) return refuse(socket, "400 Bad Request");
    if (!url.pathname.startsWith(`${REALTIME_PATH}/`)) {
      if (options.otherUpgrade) return options.otherUpgrade(req, socket, head);
      return refuse(socket, "404 Not Found");
    }
    const boardId = boardIdSchema.safeParse(decodeSegment(url.pathname.slice(REALTIME_PATH.length + 1)));
    if (!boardId.success) return refuse(socket, "404 Not Found");
    resolveAccess(req, boardId.data, storage, tokens, url.searchParams.get("token"))
      .then((access) => {
        if (!access || (access.via === "cookie" && !sameOrigin(req))) {
          log("ws.refused", { url: redactUrl(req.url), origin: req.headers.origin ?? null });
          return refuse(socket, "401 Unauthorized");
        }
        wss.handleUpgrade(req, socket, head, (ws) => {
          log("ws.connected", { board: access.board.id, role: access.role });
          serveConnection(ws, access.board.id, access, rooms, log);
        });
      })
      .catch((error: unknown) => {
        log("ws.upgrade_failed", { url: redactUrl(req.url), error: String(error) });
        refuse(socket, "503 Service Unavailable");
      });
  });

  return {
    rooms,
    /** Closes every socket, then flushes every room. */
    async close(): Promise<void> {
      for (const client of wss.clients) client.close(1001, "server shutting down");
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await rooms.closeAll();
    },
  };
}
