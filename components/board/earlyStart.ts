/**
 * The board page's first moments. Its scripts take most of a second to arrive, compile and start
 * on a slow laptop, and only then would the page trade its link for a cookie and ask for the
 * board. A few lines inline in the page's HTML (`earlyStartScript`) do both at once instead: the
 * trade leaves with the HTML's first bytes and, once it is good, the board's two channels open and
 * their first messages (the whole board) wait in memory. The page's code takes over what was
 * started (`takeEarlyTrade`, `EarlyOrNewWebSocket`) and goes on as if it had asked itself.
 *
 * Nothing here widens what a page can do: the token still leaves only in a POST body, and the
 * channels are the same ones, opened with the cookie the trade set. An early channel asks for the
 * whole board even when the device has a copy (it cannot read the copy that soon); a socket the
 * page never takes is closed after `UNCLAIMED_MS`.
 */

/** The two channels of a board: its document and the server's read-only session. */
export function boardRooms(boardId: string): { board: string; session: string } {
  return { board: boardId, session: `${boardId}/session` };
}

/** Where the realtime endpoint is, seen from the page (the server's REALTIME_PATH). */
export const REALTIME_PATH = "/yjs";

import { sessionUrl } from "./sessionUrl";

const UNCLAIMED_MS = 30_000;

/** What the inline script leaves on `window` for the page's code. */
interface EarlyStart {
  boardId: string;
  token: string | null;
  trade: Promise<Response> | null;
  sockets: Record<string, EarlySocket>;
}

interface EarlySocket {
  ws: WebSocket;
  /** Messages that arrived before the page's provider took the socket, in order. */
  held: ArrayBuffer[];
  hold(event: MessageEvent): void;
  greet(): void;
}

declare global {
  interface Window {
    __samlaEarly?: EarlyStart;
  }
}

/**
 * JSON that is safe inside a `<script>` element: `<` can never close it, and the two line
 * separators JavaScript once refused in strings are escaped too.
 */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

/**
 * The inline script, plain ES2017 (it runs before any of the page's code). The first message on
 * each channel is the stock client's sync step 1 with an empty state vector: "send me everything".
 */
export function earlyStartScript(boardId: string): string {
  const rooms = boardRooms(boardId);
  return `(function (boardId, url, rooms, path, unclaimedMs) {
  var early = { boardId: boardId, token: null, trade: null, sockets: {} };
  window.__samlaEarly = early;
  try { early.token = new URLSearchParams(location.hash.slice(1)).get("token"); } catch (e) { return; }
  var request = early.token
    ? fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ token: early.token }) })
    : fetch(url);
  early.trade = request.then(function (res) {
    // The trade is good whatever becomes of the channels: the page opens its own if these fail.
    if (res.ok) try { openChannels(); } catch (e) {}
    return res;
  });
  early.trade.catch(function () {});
  function openChannels() {
    var base = (location.protocol === "https:" ? "wss" : "ws") + "://" + location.host + path + "/";
    rooms.forEach(function (room) {
      var ws = new WebSocket(base + room);
      ws.binaryType = "arraybuffer";
      var socket = { ws: ws, held: [] };
      socket.hold = function (event) { socket.held.push(event.data); };
      socket.greet = function () { ws.send(new Uint8Array([0, 0, 1, 0])); };
      ws.addEventListener("message", socket.hold);
      ws.addEventListener("open", socket.greet);
      early.sockets[base + room] = socket;
    });
    setTimeout(function () {
      for (var key in early.sockets) early.sockets[key].ws.close();
      early.sockets = {};
    }, unclaimedMs);
  }
})(${scriptJson(boardId)}, ${scriptJson(sessionUrl(boardId))}, ${scriptJson([rooms.board, rooms.session])}, ${scriptJson(REALTIME_PATH)}, ${UNCLAIMED_MS});`;
}

/**
 * The link's trade the inline script started, for this board and this token, once; `null` when
 * there is none (a page reached by navigation inside the app, another board, a script that did
 * not run).
 */
export function takeEarlyTrade(boardId: string, token: string | null): Promise<Response> | null {
  const early = typeof window === "undefined" ? undefined : window.__samlaEarly;
  if (!early) return null;
  const matches = early.boardId === boardId && early.token === token;
  const trade = early.trade;
  // Asked once: the token leaves memory with the address bar's copy, whether it was used or not.
  early.token = null;
  early.trade = null;
  return matches ? trade : null;
}

/**
 * Hands an early socket to the provider that asked for its address. What the socket heard so far
 * is replayed to the provider's handlers right after it has set them (a microtask, before any
 * further message can arrive), then "open", so the provider's own sync step 1 follows the board
 * it already has and the server answers with what is missing, not with everything again.
 */
function takeEarlySocket(url: string): WebSocket | null {
  const early = window.__samlaEarly;
  const socket = early?.sockets[url];
  if (!early || !socket) return null;
  delete early.sockets[url];
  const { ws } = socket;
  if (ws.readyState !== WebSocket.CONNECTING && ws.readyState !== WebSocket.OPEN) return null;
  ws.removeEventListener("open", socket.greet); // still connecting: the provider greets
  queueMicrotask(() => {
    ws.removeEventListener("message", socket.hold);
    // Dispatched as the socket's own events: a handler that throws on one message is reported
    // and the next still arrives, as with messages off the network.
    for (const data of socket.held) ws.dispatchEvent(new MessageEvent("message", { data }));
    if (ws.readyState === WebSocket.OPEN) ws.dispatchEvent(new Event("open"));
  });
  return ws;
}

/**
 * A WebSocket constructor for y-websocket's `WebSocketPolyfill`: the early socket for its
 * address when there is one, a new socket otherwise (and on every reconnect).
 */
export const EarlyOrNewWebSocket = function EarlyOrNewWebSocket(url: string | URL, protocols?: string | string[]) {
  return takeEarlySocket(String(url)) ?? new WebSocket(url, protocols);
} as unknown as typeof WebSocket;
