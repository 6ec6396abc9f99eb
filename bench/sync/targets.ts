/**
 * The three servers the sync benchmark compares, each started in its own process on loopback,
 * and each one's stock client: y-websocket's WebsocketProvider for Samla and the y-websocket
 * reference server, HocuspocusProvider for Hocuspocus (it speaks its own variant of the protocol).
 */
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import type * as Y from "yjs";
import { createBoard, freePort, removeTempDir, spawnServer, spawnSyncServer, tempDir, waitFor, type ServerProcess } from "../common";
import { importPeer, peerVersion, yWebsocketServerScript } from "./peers";

export const TARGETS = ["samla", "y-websocket", "hocuspocus"] as const;
export type TargetName = (typeof TARGETS)[number];

/** Where clients find one room, and what they must show to get in. */
export interface RoomAddress {
  target: TargetName;
  /** The base URL a stock client is given (the room name is added by the client). */
  url: string;
  room: string;
  /** Samla's readers use a member link, as a participant's laptop does. */
  readerToken?: string;
  writerToken?: string;
}

export interface RunningTarget {
  name: TargetName;
  pid: number;
  newRoom(title: string): Promise<RoomAddress>;
  stop(): Promise<void>;
}

export function targetLabel(name: TargetName): string {
  if (name === "samla") return "Samla";
  if (name === "y-websocket") return `y-websocket ${peerVersion("y-websocket")} reference server`;
  return `Hocuspocus ${peerVersion("@hocuspocus/server")}`;
}

async function startSamla(): Promise<RunningTarget> {
  const dataDir = tempDir("sync");
  const server = await spawnSyncServer(dataDir);
  return {
    name: "samla",
    pid: server.pid,
    async newRoom(title) {
      const board = await createBoard(server.http, title);
      return { target: "samla", url: server.ws, room: board.id, readerToken: board.memberToken, writerToken: board.facilitatorToken };
    },
    async stop() {
      await server.stop();
      removeTempDir(dataDir);
    },
  };
}

function peerTarget(name: TargetName, server: ServerProcess): RunningTarget {
  let rooms = 0;
  return {
    name,
    pid: server.pid,
    newRoom: async () => ({ target: name, url: `ws://127.0.0.1:${server.port}`, room: `bench-room-${++rooms}` }),
    stop: () => server.stop(),
  };
}

async function startYWebsocket(): Promise<RunningTarget> {
  const port = await freePort();
  const server = await spawnServer(yWebsocketServerScript(), { HOST: "127.0.0.1", PORT: String(port) }, /running at '127\.0\.0\.1' on port (\d+)/, 30_000, { plainNode: true });
  return peerTarget("y-websocket", server);
}

async function startHocuspocus(): Promise<RunningTarget> {
  const server = await spawnServer("bench/sync/hocuspocus-server.ts", { PORT: "0" }, /listening (\d+)/, 30_000);
  return peerTarget("hocuspocus", server);
}

export function startTarget(name: TargetName): Promise<RunningTarget> {
  if (name === "samla") return startSamla();
  if (name === "y-websocket") return startYWebsocket();
  return startHocuspocus();
}

// ---------------------------------------------------------------------------------------------
// Stock clients (used in the reader and writer processes)

export interface StockClient {
  isSynced(): boolean;
  destroy(): void;
}

interface HocuspocusProviderModule {
  HocuspocusProvider: new (configuration: Record<string, unknown>) => { isSynced: boolean; destroy(): void };
}

let hocuspocusModule: Promise<HocuspocusProviderModule> | null = null;

/** Loads a target's client library ahead of time, so no join time includes it. */
export async function loadClientLibrary(target: TargetName): Promise<void> {
  if (target === "hocuspocus") await (hocuspocusModule ??= importPeer<HocuspocusProviderModule>("@hocuspocus/provider"));
}

/**
 * A target's stock client. Without `presence` it never publishes a presence state: every stock
 * client renews its presence every 15 s and every server relays that to the whole room, which
 * in a fan-out run would add relays that depend on how long the readers took to connect.
 */
export async function connectStock(address: RoomAddress, role: "reader" | "writer", doc: Y.Doc, presence: boolean): Promise<StockClient> {
  if (address.target === "hocuspocus") {
    await loadClientLibrary("hocuspocus");
    const { HocuspocusProvider } = await hocuspocusModule!;
    const provider = new HocuspocusProvider({ url: address.url, name: address.room, document: doc, WebSocketPolyfill: WebSocket, ...(presence ? {} : { awareness: null }) });
    return { isSynced: () => provider.isSynced, destroy: () => provider.destroy() };
  }
  const token = role === "writer" ? address.writerToken : address.readerToken;
  const provider = new WebsocketProvider(address.url, address.room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: token ? { token } : {},
    disableBc: true,
  });
  if (!presence) provider.awareness.setLocalState(null); // before the socket opens: nothing is sent
  return {
    isSynced: () => provider.synced,
    destroy: () => {
      provider.destroy();
      provider.awareness.destroy(); // its 15 s timer would keep the process alive
    },
  };
}

export function whenAllSynced(clients: StockClient[], timeoutMs: number): Promise<void> {
  return waitFor(() => clients.every((c) => c.isSynced()), timeoutMs, `${clients.length} stock clients to sync`);
}
