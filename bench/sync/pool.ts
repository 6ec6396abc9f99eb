/**
 * Client processes seen from the benchmark: forks bench/sync/clients.ts (one or more times),
 * splits the clients between the forks, and asks them over IPC. Readers and the writer live
 * outside the parent so the parent can watch the clock and /proc without being the bottleneck.
 */
import { fork, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { PROJECT_DIR, processCpuSeconds, trackChild } from "../common";
import type { ClientKind, FromClients, ToClients } from "./protocol";
import type { RoomAddress } from "./targets";

const SCRIPT = join(PROJECT_DIR, "bench", "sync", "clients.ts");

type Reply<T extends FromClients["type"]> = Extract<FromClients, { type: T }>;

function ask<T extends FromClients["type"]>(child: ChildProcess, message: ToClients, reply: T): Promise<Reply<T>> {
  return new Promise((resolve, reject) => {
    const onMessage = (answer: FromClients) => {
      if (answer.type === "failed") return done(() => reject(new Error(`client process: ${answer.error}`)));
      if (answer.type === reply) done(() => resolve(answer as Reply<T>));
    };
    const onExit = (code: number | null) => done(() => reject(new Error(`client process exited (${code}) before answering ${message.type}`)));
    const done = (settle: () => void) => {
      child.off("message", onMessage);
      child.off("exit", onExit);
      settle();
    };
    child.on("message", onMessage);
    child.once("exit", onExit);
    child.send(message);
  });
}

export interface PoolOptions {
  count: number;
  kind: ClientKind;
  role: "reader" | "writer";
  processes: number;
  /** How many written notes the readers record (the notes of one fan-out run). */
  capacity: number;
  /** Notes the room holds already: a reader has joined when it has them all. */
  expectNotes: number;
  /** Clients each process connects at once before it waits for them to sync. */
  batch: number;
  timeoutMs: number;
}

export class ClientPool {
  private constructor(private readonly children: ChildProcess[]) {}

  /** Connects every client; resolves with each client's time to join, in ms. */
  static async start(address: RoomAddress, options: PoolOptions): Promise<{ pool: ClientPool; joinMs: number[] }> {
    const processes = Math.max(1, Math.min(options.processes, options.count));
    const children = Array.from({ length: processes }, () => {
      const child = fork(SCRIPT, [], { execArgv: ["--import", "tsx"], serialization: "advanced", stdio: ["ignore", "inherit", "inherit", "ipc"] });
      trackChild(child);
      return child;
    });
    const pool = new ClientPool(children);
    try {
      const shares = children.map((_, i) => Math.floor(options.count / processes) + (i < options.count % processes ? 1 : 0));
      const replies = await Promise.all(children.map((child, i) => ask(child, { type: "connect", address, ...options, count: shares[i] }, "connected")));
      return { pool, joinMs: replies.flatMap((r) => [...r.joinMs]) };
    } catch (error) {
      await pool.stop();
      throw error;
    }
  }

  pids(): number[] {
    return this.children.map((c) => c.pid!);
  }

  /** User + system CPU seconds the client processes have used so far. */
  cpuSeconds(): number {
    return this.children.reduce((sum, child) => sum + processCpuSeconds(child.pid!), 0);
  }

  /** The writer's notes (one per `intervalMs`, or as fast as it can with 0); resolves with when each was sent. */
  async write(count: number, intervalMs: number): Promise<Float64Array> {
    return (await ask(this.children[0], { type: "write", count, intervalMs }, "written")).sentAt;
  }

  /** Deliveries so far, all readers together. */
  async delivered(): Promise<number> {
    const replies = await Promise.all(this.children.map((child) => ask(child, { type: "count" }, "count")));
    return replies.reduce((sum, r) => sum + r.delivered, 0);
  }

  /** For every reader, when it saw each note (NaN: never). */
  async receipts(): Promise<Float64Array[]> {
    const replies = await Promise.all(this.children.map((child) => ask(child, { type: "report" }, "receipts")));
    return replies.flatMap((r) => r.rows);
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
            child.once("exit", () => {
              clearTimeout(timer);
              resolve();
            });
            child.send({ type: "stop" } satisfies ToClients);
          }),
      ),
    );
  }
}
