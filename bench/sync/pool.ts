/**
 * Client processes seen from the benchmark: forks bench/sync/clients.ts (one or more times),
 * splits the clients between the forks, and asks them over IPC. Readers and the writer live
 * outside the parent so the parent can watch the clock and /proc without being the bottleneck.
 */
import { fork, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { PROJECT_DIR, processCpuSeconds, trackChild } from "../common";
import { monotonicMs, type ClientKind, type FromClients, type ToClients } from "./protocol";
import type { RoomAddress } from "./targets";

const SCRIPT = join(PROJECT_DIR, "bench", "sync", "clients.ts");

type Reply<T extends FromClients["type"]> = Extract<FromClients, { type: T }>;

/** One question to one client process; the pool never asks a process two things at once. */
function ask<T extends FromClients["type"]>(child: ChildProcess, message: ToClients, reply: T): Promise<Reply<T>> {
  return new Promise((resolve, reject) => {
    if (!child.connected) return reject(new Error(`client process ${child.pid} is gone (asked for ${message.type})`));
    const onMessage = (answer: FromClients) => {
      if (answer.type === "failed") return done(() => reject(new Error(`client process: ${answer.error}`)));
      if (answer.type === reply) done(() => resolve(answer as Reply<T>));
    };
    const onExit = (code: number | null) => done(() => reject(new Error(`client process exited (${code}) before answering ${message.type}`)));
    const onError = (error: Error) => done(() => reject(new Error(`client process ${child.pid}: ${error.message}`)));
    const done = (settle: () => void) => {
      child.off("message", onMessage);
      child.off("exit", onExit);
      child.off("error", onError);
      settle();
    };
    child.on("message", onMessage);
    child.once("exit", onExit);
    child.once("error", onError);
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
  /** Whether stock clients publish a presence state (see connectStock). */
  presence: boolean;
  timeoutMs: number;
}

export class ClientPool {
  private constructor(private readonly children: ChildProcess[]) {}

  /** Connects every client; resolves with each client's time to join, in ms. */
  static async start(address: RoomAddress, options: PoolOptions): Promise<{ pool: ClientPool; joinMs: number[] }> {
    const processes = Math.max(1, Math.min(options.processes, options.count));
    const children = Array.from({ length: processes }, () => {
      // The children's stdout goes to stderr: stdout is the table.
      const child = fork(SCRIPT, [], { execArgv: ["--import", "tsx"], serialization: "advanced", stdio: ["ignore", 2, "inherit", "ipc"] });
      trackChild(child);
      return child;
    });
    const pool = new ClientPool(children);
    try {
      const shares = children.map((_, i) => Math.floor(options.count / processes) + (i < options.count % processes ? 1 : 0));
      await Promise.all(children.map((child) => ask(child, { type: "prepare", target: address.target }, "prepared")));
      const startAt = monotonicMs();
      const replies = await Promise.all(children.map((child, i) => ask(child, { type: "connect", address, ...options, count: shares[i], startAt }, "connected")));
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
  async write(count: number, intervalMs: number): Promise<{ firstIndex: number; sentAt: Float64Array }> {
    const { firstIndex, sentAt } = await ask(this.children[0], { type: "write", count, intervalMs }, "written");
    return { firstIndex, sentAt };
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
            if (child.connected) child.send({ type: "stop" } satisfies ToClients);
            else child.kill("SIGKILL");
          }),
      ),
    );
  }
}
