import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { sessionCookieName } from "../../../lib/api/schemas";

/**
 * An honest colleague as our pages connect: the link's token traded for the board cookie (and the
 * browser's device cookie, which tells this browser apart from everyone else on the same link),
 * then the stock y-websocket client for the board and its session channel, sending those cookies
 * from our own origin. Close codes the server sends are recorded: an honest client must never be
 * refused, whatever an attacker does.
 */
export interface Browser {
  name: string;
  doc: Y.Doc;
  session: Y.Doc;
  provider: WebsocketProvider;
  sessionProvider: WebsocketProvider;
  /** Every close code either socket was sent by the server. */
  closeCodes: number[];
  cookie: string;
  /** The board connection dies under the page (Wi-Fi), with no goodbye; the client comes back by itself. */
  drop(): void;
  destroy(): void;
}

/** POST …/session as the board page does; answers the Cookie header a browser would send back. */
export async function browserCookies(http: string, boardId: string, token: string): Promise<string> {
  const res = await fetch(`${http}/api/boards/${boardId}/session`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: new URL(http).origin },
    body: JSON.stringify({ token }),
  });
  if (res.status !== 200) throw new Error(`session: ${res.status}`);
  const pairs = res.headers.getSetCookie().map((cookie) => cookie.split(";")[0]);
  if (!pairs.some((pair) => pair.startsWith(`${sessionCookieName(boardId)}=`)) || pairs.length < 2) throw new Error(`session cookies: ${pairs.join(", ")}`);
  return pairs.join("; ");
}

/** A `WebSocket` for the stock provider that sends the browser's cookies and our Origin. */
function socketWith(headers: Record<string, string>): typeof globalThis.WebSocket {
  class BrowserSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  }
  return BrowserSocket as unknown as typeof globalThis.WebSocket;
}

export async function openBrowser(http: string, wsBase: string, boardId: string, token: string, name: string, doc = new Y.Doc()): Promise<Browser> {
  const cookie = await browserCookies(http, boardId, token);
  const options = { WebSocketPolyfill: socketWith({ Cookie: cookie, Origin: new URL(http).origin }), disableBc: true };
  const provider = new WebsocketProvider(wsBase, boardId, doc, options);
  const session = new Y.Doc();
  const sessionProvider = new WebsocketProvider(wsBase, `${boardId}/session`, session, options);
  const closeCodes: number[] = [];
  let drops = 0;
  for (const p of [provider, sessionProvider]) {
    p.on("connection-close", (event: CloseEvent | null) => {
      if (event && event.code === 1006 && p === provider && drops > 0) drops--;
      else if (event) closeCodes.push(event.code);
    });
  }
  return {
    name,
    doc,
    session,
    provider,
    sessionProvider,
    closeCodes,
    cookie,
    drop: () => {
      const ws = provider.ws as unknown as WebSocket | null;
      if (!ws || ws.readyState !== WebSocket.OPEN) return;
      drops++;
      ws.terminate();
    },
    destroy: () => {
      for (const p of [provider, sessionProvider]) {
        try {
          p.destroy();
        } catch {
          // The stock client throws here once its document's client id changed under it (someone
          // wrote as it): it announces its leaving under the new id, which its presence never had.
          p.ws?.close();
        }
        p.awareness.destroy();
      }
    },
  };
}
