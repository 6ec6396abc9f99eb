import WebSocket from "ws";
import type { Answer } from "./attack";
import { channelUrl } from "./raw-peer";
import { readServerMessage, syncStep1, SYNC_STEP_1, SYNC_STEP_2, updateFrame } from "./wire";

/**
 * A light attacker socket for floods of updates: it keeps no copy of the board, only the state
 * vector the server last announced, so that its round trip ("anything new?") is answered with next
 * to nothing however large the board has grown.
 */
export class Prober {
  private answers = 0;
  private closeCode: number | null = null;
  private wake: (() => void) | null = null;
  /** The server's state vector from its last sync step 1 (or a step 2's round trip before it). */
  static stateVector: Uint8Array = Uint8Array.of(0);

  private constructor(private readonly ws: WebSocket) {
    ws.on("message", (data: Buffer) => {
      try {
        const message = readServerMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
        if (message.kind === "sync" && message.syncType === SYNC_STEP_1) Prober.stateVector = message.payload;
        if (message.kind === "sync" && message.syncType === SYNC_STEP_2) this.answers++;
      } catch {
        // Counted nowhere: the test's honest clients judge what the server sent.
      }
      this.wake?.();
    });
    ws.on("close", (code) => {
      this.closeCode = code;
      this.wake?.();
    });
    ws.on("error", () => undefined);
  }

  static open(wsBase: string, boardId: string, token: string): Promise<Prober> {
    const ws = new WebSocket(channelUrl(wsBase, boardId, "board", token));
    const prober = new Prober(ws);
    return new Promise((resolve, reject) => {
      ws.once("open", () => resolve(prober));
      ws.once("unexpected-response", (_req, res) => reject(new Error(`upgrade refused: HTTP ${res.statusCode}`)));
      ws.once("error", reject);
    });
  }

  get closed(): boolean {
    return this.closeCode !== null || this.ws.readyState !== WebSocket.OPEN;
  }

  /** Sends one update and answers what the server did with it: a close code, or "kept". */
  async send(update: Uint8Array, timeoutMs = 20_000): Promise<Answer> {
    const before = this.answers;
    this.ws.send(updateFrame(update));
    this.ws.send(syncStep1(Prober.stateVector));
    const deadline = Date.now() + timeoutMs;
    while (this.answers === before && this.closeCode === null) {
      if (Date.now() > deadline) throw new Error("no answer from the server");
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, 500);
      });
    }
    return this.closeCode ?? "kept";
  }

  close(): void {
    this.ws.terminate();
  }
}
