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

import * as decoding from "lib0/decoding";
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

const MESSAGE_SYNC = 0; // y-websocket's message type
const SYNC_STEP_2 = 1; // y-protocols/sync: "here is what you lack"

/** The update a sync step 2 message carries, or null for any other message (or a malformed one). */
function syncStep2Update(message: ArrayBuffer): Uint8Array | null {
  try {
    const decoder = decoding.createDecoder(new Uint8Array(message));
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC || decoding.readVarUint(decoder) !== SYNC_STEP_2) return null;
    return decoding.readVarUint8Array(decoder);
  } catch {
    return null;
  }
}

/**
 * Takes the whole copy out of an early socket's held messages: the first sync step 2, the
 * server's answer to the inline script's "send me everything". The other messages keep their
 * order for the provider.
 */
export function takeWholeCopy(held: ArrayBuffer[]): Uint8Array | null {
  for (let i = 0; i < held.length; i++) {
    const update = syncStep2Update(held[i]);
    if (update) {
      held.splice(i, 1);
      return update;
    }
  }
  return null;
}

/**
 * The whole copy of a channel, when it reached the early socket for `url` before the page's code
 * did: the page applies it to the channel's document before anything listens to that document.
 * Applied later, by the provider, Yjs would encode the whole board once more for the document's
 * update listeners and build change events for every note (about 0.1 s of a laptop's main thread
 * at 1,000 notes, all of it before the first note is drawn). The provider's own sync step 1 then
 * carries the document's state, so the server answers with what changed since, not everything.
 */
export function takeEarlyCopy(url: string): Uint8Array | null {
  const socket = typeof window === "undefined" ? undefined : window.__samlaEarly?.sockets[url];
  return socket ? takeWholeCopy(socket.held) : null;
}

/**
 * A WebSocket constructor for y-websocket's `WebSocketPolyfill`: the early socket for its
 * address when there is one, a new socket otherwise (and on every reconnect).
 */
export const EarlyOrNewWebSocket = function EarlyOrNewWebSocket(url: string | URL, protocols?: string | string[]) {
  return takeEarlySocket(String(url)) ?? new WebSocket(url, protocols);
} as unknown as typeof WebSocket;
