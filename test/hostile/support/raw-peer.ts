import WebSocket from "ws";
import * as Y from "yjs";
import { readServerMessage, syncStep1, SYNC_STEP_2 } from "./wire";

export type Channel = "board" | "session";

/** How an upgrade ended: a socket, or the HTTP answer that refused it. */
export type Upgrade = { ok: true; ws: WebSocket } | { ok: false; status: number; retryAfter: string | null };

/** Opens a websocket; a refused upgrade (401, 429, 503) resolves with its status instead of throwing. */
export function upgrade(url: string, headers: Record<string, string> = {}): Promise<Upgrade> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once("open", () => resolve({ ok: true, ws }));
    ws.once("unexpected-response", (_req, res) => {
      resolve({ ok: false, status: res.statusCode ?? 0, retryAfter: (res.headers["retry-after"] as string | undefined) ?? null });
      res.resume();
      ws.terminate();
    });
    ws.once("error", (error) => reject(error));
  });
}

export function channelUrl(wsBase: string, boardId: string, channel: Channel, token?: string): string {
  const path = channel === "session" ? `${boardId}/session` : boardId;
  return `${wsBase}/${path}${token ? `?token=${encodeURIComponent(token)}` : ""}`;
}

/**
 * One raw websocket as an attacker (or a recorder) holds it: every frame it receives is kept, and
 * what the server relays is applied to a shadow copy of the document, so the attacker knows every
 * Yjs client id and clock the server has shown it. Nothing here answers the server on its own.
 */
export class RawPeer {
  /** The server's document as this socket has been shown it. */
  readonly shadow = new Y.Doc();
  readonly frames: Buffer[] = [];
  /** Presence entries the server relayed, by client id (the last one wins). */
  readonly presence = new Map<number, { clock: number; state: unknown }>();
  /** Frames that did not decode as y-websocket, or updates Yjs could not apply: the server's fault. */
  readonly badFrames: string[] = [];
  closeCode: number | null = null;
  readonly closed: Promise<number>;
  private stepTwos = 0;
  private readonly waiters = new Set<() => void>();

  private constructor(
    readonly ws: WebSocket,
    readonly channel: Channel,
  ) {
    this.closed = new Promise((resolve) =>
      ws.once("close", (code) => {
        this.closeCode = code;
        this.wake();
        resolve(code);
      }),
    );
    ws.on("message", (data: Buffer) => this.receive(Buffer.from(data)));
    ws.on("error", () => undefined);
  }

  /** Listens from the first byte: frames can arrive in the same packet as the upgrade's answer. */
  static async open(wsBase: string, boardId: string, token: string, channel: Channel = "board", headers: Record<string, string> = {}): Promise<RawPeer> {
    const ws = new WebSocket(channelUrl(wsBase, boardId, channel, token), { headers });
    const peer = new RawPeer(ws, channel);
    await new Promise<void>((resolve, reject) => {
      ws.once("open", () => resolve());
      ws.once("unexpected-response", (_req, res) => {
        res.resume();
        reject(new Error(`upgrade refused: HTTP ${res.statusCode}`));
      });
      ws.once("error", reject);
    });
    return peer;
  }

  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  send(bytes: Uint8Array): void {
    if (this.open) this.ws.send(bytes);
  }

  /**
   * A round trip: asks for what the shadow lacks and waits for the answer. The server answers in
   * its room's order, so every frame it sent this socket before has arrived once this resolves.
   */
  async sync(timeoutMs = 10_000): Promise<void> {
    const before = this.stepTwos;
    this.send(syncStep1(Y.encodeStateVector(this.shadow)));
    await this.until(() => this.stepTwos > before || this.closeCode !== null, timeoutMs, "a sync answer");
    if (this.stepTwos === before) throw new Error(`the server closed the ${this.channel} socket (${this.closeCode}) instead of answering`);
  }

  /** Waits for the server to close this socket; answers the close code. */
  async closeCodeWithin(timeoutMs = 10_000): Promise<number> {
    await this.until(() => this.closeCode !== null, timeoutMs, "the server to close the socket");
    return this.closeCode!;
  }

  /** Every Yjs client id this socket has been shown: in the document, and in presence. */
  seenClients(): Set<number> {
    return new Set([...Y.decodeStateVector(Y.encodeStateVector(this.shadow)).keys(), ...this.presence.keys()]);
  }

  /** Whether any frame so far carries `text` as UTF-8 (how Yjs writes strings). */
  saw(text: string): boolean {
    const needle = Buffer.from(text, "utf8");
    return this.frames.some((frame) => frame.includes(needle));
  }

  hasPending(): boolean {
    return this.shadow.store.pendingStructs !== null || this.shadow.store.pendingDs !== null;
  }

  close(): void {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.terminate();
    this.shadow.destroy();
  }

  async until(predicate: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what} (${this.channel} socket, close code ${this.closeCode})`);
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, Math.min(left, 200));
        this.waiters.add(wake);
      });
    }
  }

  private receive(frame: Buffer): void {
    this.frames.push(frame);
    try {
      const message = readServerMessage(new Uint8Array(frame.buffer, frame.byteOffset, frame.byteLength));
      if (message.kind === "sync" && message.syncType !== 0) {
        Y.applyUpdate(this.shadow, message.payload);
        if (message.syncType === SYNC_STEP_2) this.stepTwos++;
      } else if (message.kind === "presence") {
        for (const entry of message.entries) this.presence.set(entry.client, { clock: entry.clock, state: entry.state });
      }
    } catch (error) {
      this.badFrames.push(String(error));
    }
    this.wake();
  }

  private wake(): void {
    for (const wake of [...this.waiters]) wake();
  }
}
