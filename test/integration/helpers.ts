import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { createServer as createNetServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import type { CreateBoardResponse } from "../../lib/api/schemas";
import type { ServerLimits } from "../../lib/schema/limits";
import { createSamlaServer } from "../../server/app";
import { silentLogger } from "../../server/log";
import { openSqliteStorage } from "../../server/storage/sqlite";
import { openPostgresStorage } from "../../server/storage/postgres/postgres";
import { testDatabaseFor } from "../../server/storage/postgres/test-database";
import type { BoardStorage, Storage } from "../../server/storage/types";
import type { OidcConfig } from "../../server/accounts/oidc-config";

export const SECRET = randomBytes(32);

// Every stock provider listens for the process's exit; tests hold dozens (two per client) at once.
process.setMaxListeners(200);

/** A port nobody listens on now, for a server that must be told its port before it starts (its address is shared). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "samla-test-"));
}

/** A real server in this process on a free port, with real SQLite in a temp folder (or PostgreSQL, openTestStorage). */
export async function startServer(
  options: {
    dataDir?: string;
    wrapStorage?: (s: Storage) => Storage;
    maxMessageBytes?: number;
    compactEvery?: number;
    port?: number;
    publicUrl?: string;
    /** Small limits for a test (lib/schema/limits.ts SERVER_LIMITS); the defaults otherwise. */
    limits?: Partial<ServerLimits>;
    trustedProxies?: string[];
    /** The clock retention reads, and the longest a board is kept without use (days). */
    now?: () => number;
    retentionDays?: number;
    /** Sign-in with an identity provider (test/integration/oidc-provider.ts). */
    oidc?: OidcConfig;
  } = {},
) {
  const dataDir = options.dataDir ?? tempDir();
  const stored = await openTestStorage(dataDir);
  const storage = options.wrapStorage ? options.wrapStorage(stored) : stored;
  const samla = createSamlaServer({
    storage,
    secret: SECRET,
    log: silentLogger,
    maxMessageBytes: options.maxMessageBytes,
    compactEvery: options.compactEvery,
    publicUrl: options.publicUrl,
    limits: options.limits,
    trustedProxies: options.trustedProxies,
    now: options.now,
    retentionDays: options.retentionDays,
    oidc: options.oidc,
  });
  const port = await samla.listen(options.port ?? 0, "127.0.0.1");
  return { ...samla, port, dataDir, storage, http: `http://127.0.0.1:${port}`, ws: `ws://127.0.0.1:${port}/yjs` };
}

/** A real server in a child process, to be killed with SIGKILL. */
export async function spawnServer(dataDir: string, port = 0, env: Record<string, string> = {}) {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "test/integration/fixtures/serve.ts"], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, SAMLA_SECRET: SECRET.toString("base64url"), ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const actualPort = await new Promise<number>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening (\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.once("exit", (code) => reject(new Error(`server exited early with ${code}`)));
  });
  return {
    child,
    port: actualPort,
    http: `http://127.0.0.1:${actualPort}`,
    ws: `ws://127.0.0.1:${actualPort}/yjs`,
    kill: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGKILL");
      }),
  };
}

export async function createBoard(http: string, title = "Test"): Promise<CreateBoardResponse> {
  const res = await fetch(`${http}/api/boards`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ title }),
  });
  if (res.status !== 201) throw new Error(`create board: ${res.status}`);
  return (await res.json()) as CreateBoardResponse;
}

/**
 * The stock y-websocket client, exactly as a third-party tool would use it: one provider for the
 * board, and one for its session document (`BOARD_ID/session`, read-only), as our pages do.
 */
export function connectClient(wsUrl: string, boardId: string, token: string, doc = new Y.Doc(), socketClass: new (url: string, protocols?: string | string[]) => WebSocket = WebSocket) {
  const options = { WebSocketPolyfill: socketClass as unknown as typeof globalThis.WebSocket, params: { token }, disableBc: true };
  const provider = new WebsocketProvider(wsUrl, boardId, doc, options);
  const session = new Y.Doc();
  const sessionProvider = new WebsocketProvider(wsUrl, `${boardId}/session`, session, options);
  // The stock provider leaves its Awareness (and the Awareness's 15 s timer) alive on destroy,
  // which keeps a test process from ever exiting; destroying it too is what an app does.
  return {
    doc,
    provider,
    session,
    sessionProvider,
    destroy: () => {
      provider.destroy();
      provider.awareness.destroy();
      sessionProvider.destroy();
      sessionProvider.awareness.destroy();
    },
  };
}

export function whenSynced(provider: WebsocketProvider, timeoutMs = 10_000): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return waitFor(() => provider.synced, timeoutMs, "provider synced");
}

export async function waitFor(predicate: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = "condition"): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function notesJson(doc: Y.Doc): unknown {
  return doc.getMap("notes").toJSON();
}

/** A raw websocket to the server, for sending bytes no well-behaved client would. */
export function rawSocket(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once("open", () => resolve(ws));
    ws.once("error", reject);
    ws.once("unexpected-response", (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The board as a storage holds it: its snapshot, then the updates after it, applied to a fresh doc; its session document too. */
export async function storedBoard(storage: BoardStorage, boardId: string) {
  const stored = await storage.loadDocument(boardId);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const update of stored.updates) Y.applyUpdate(doc, update);
  const storedSession = await storage.loadDocument(boardId, "session");
  const session = new Y.Doc();
  if (storedSession.snapshot) Y.applyUpdate(session, storedSession.snapshot);
  for (const update of storedSession.updates) Y.applyUpdate(session, update);
  return { doc, session, ...stored };
}

/**
 * The store of a data directory: its SQLite file, or with `SAMLA_TEST_STORE=postgres` (npm run
 * test:integration:postgres) a PostgreSQL database of its own, so the same tests check both stores.
 */
export async function openTestStorage(dataDir: string): Promise<Storage> {
  if (process.env.SAMLA_TEST_STORE === "postgres") return openPostgresStorage(await testDatabaseFor(dataDir));
  return openSqliteStorage(join(dataDir, "samla.sqlite"));
}

/** Opens the store of a stopped (or killed) server, reads one board and closes it again. */
export async function readStoredBoard(dataDir: string, boardId: string) {
  const storage = await openTestStorage(dataDir);
  try {
    return await storedBoard(storage, boardId);
  } finally {
    await storage.close();
  }
}

/** Client id → clock: how much of each writer's history a document holds. */
export function stateOf(doc: Y.Doc): Map<number, number> {
  return Y.decodeStateVector(Y.encodeStateVector(doc));
}

export function sameStateVector(a: Y.Doc, b: Y.Doc): boolean {
  return Buffer.from(Y.encodeStateVector(a)).equals(Buffer.from(Y.encodeStateVector(b)));
}

/** Writers (client id: have < needed) whose history `need` holds further than `have` does. */
export function missingHistory(have: Y.Doc, need: Y.Doc, ignoreClient?: number): string[] {
  const held = stateOf(have);
  const missing: string[] = [];
  for (const [client, clock] of stateOf(need)) {
    if (client === ignoreClient) continue;
    if ((held.get(client) ?? 0) < clock) missing.push(`${client}: ${held.get(client) ?? 0} < ${clock}`);
  }
  return missing;
}

/** Resolves once `predicate` holds, checked now and after each update `doc` applies; faster than polling. */
export function waitForDoc(doc: Y.Doc, predicate: () => boolean, timeoutMs = 10_000, what = "document condition"): Promise<void> {
  if (predicate()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!predicate()) return;
      done();
      resolve();
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`timed out waiting for ${what}`));
    }, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      doc.off("afterTransaction", check);
    };
    doc.on("afterTransaction", check);
  });
}
