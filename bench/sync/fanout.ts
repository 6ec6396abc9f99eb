/**
 * One fan-out run: a fresh server, one room, N readers, one writer adding a note every 20 ms.
 * For every delivery, the time from the writer's change to the reader's observer (stock client)
 * or to the frame arriving (raw client); the server's CPU and memory from /proc.
 */
import { availableParallelism } from "node:os";
import { processCpuSeconds, processMemory, sleep, summarize, type Summary } from "../common";
import { ClientPool } from "./pool";
import type { ClientKind } from "./protocol";
import { startTarget, type TargetName } from "./targets";

export interface FanOutOptions {
  readers: number;
  kind: ClientKind;
  notes: number;
  intervalMs: number;
  readerProcesses: number;
  /** How long to wait for stragglers after the last write. */
  drainMs: number;
}

export interface FanOutResult {
  target: TargetName;
  readers: number;
  kind: ClientKind;
  notesWritten: number;
  expected: number;
  delivered: number;
  latency: Summary;
  serverCpuSeconds: number;
  /** Server CPU seconds per 1,000 deliveries. */
  serverCpuPer1000: number;
  serverRssBefore: number;
  serverRssPeak: number;
  connectSeconds: number;
  /** CPU of the reader processes, as a share of what they could use (one core each). */
  readerCpuShare: number;
  /** All the run's processes together, as a share of the machine. */
  machineShare: number;
  writerLatenessP95: number;
}

const CONNECT_TIMEOUT_MS = 120_000;

export async function runFanOut(name: TargetName, options: FanOutOptions): Promise<FanOutResult> {
  const target = await startTarget(name);
  const pools: ClientPool[] = [];
  let rssTimer: NodeJS.Timeout | undefined;
  try {
    const address = await target.newRoom(`Sync ${options.readers}`);
    const connectStart = performance.now();
    const base = { capacity: options.notes, expectNotes: 0, batch: options.kind === "raw" ? 100 : 25, presence: false, timeoutMs: CONNECT_TIMEOUT_MS };
    const { pool: readers } = await ClientPool.start(address, { ...base, count: options.readers, kind: options.kind, role: "reader", processes: options.readerProcesses });
    pools.push(readers);
    const { pool: writer } = await ClientPool.start(address, { ...base, count: 1, kind: "stock", role: "writer", processes: 1 });
    pools.push(writer);
    const connectSeconds = (performance.now() - connectStart) / 1000;
    await sleep(1000); // the connections' presence messages settle

    const rssBefore = processMemory(target.pid).rss;
    let rssPeak = rssBefore;
    rssTimer = setInterval(() => (rssPeak = Math.max(rssPeak, processMemory(target.pid).rss)), 200);
    const cpu = () => ({ server: processCpuSeconds(target.pid), readers: readers.cpuSeconds(), writer: writer.cpuSeconds(), wall: performance.now() });
    const before = cpu();

    const { firstIndex, sentAt } = await writer.write(options.notes, options.intervalMs);
    if (firstIndex !== 0) throw new Error("the readers record notes from index 0: the writer must be fresh");
    const expected = options.notes * options.readers;
    const drainUntil = performance.now() + options.drainMs;
    while ((await readers.delivered()) < expected && performance.now() < drainUntil) await sleep(100);

    const after = cpu();
    clearInterval(rssTimer);
    rssPeak = Math.max(rssPeak, processMemory(target.pid).rss);
    const latencies: number[] = [];
    for (const row of await readers.receipts()) {
      for (let i = 0; i < options.notes; i++) if (!Number.isNaN(row[i])) latencies.push(row[i] - sentAt[i]);
    }
    const wallSeconds = (after.wall - before.wall) / 1000;
    const serverCpuSeconds = after.server - before.server;
    const used = serverCpuSeconds + (after.readers - before.readers) + (after.writer - before.writer);
    const lateness = Array.from(sentAt, (at, n) => at - (sentAt[0] + n * options.intervalMs));
    return {
      target: name,
      readers: options.readers,
      kind: options.kind,
      notesWritten: options.notes,
      expected,
      delivered: latencies.length,
      latency: summarize(latencies),
      serverCpuSeconds,
      serverCpuPer1000: latencies.length > 0 ? (serverCpuSeconds / latencies.length) * 1000 : NaN,
      serverRssBefore: rssBefore,
      serverRssPeak: rssPeak,
      connectSeconds,
      readerCpuShare: (after.readers - before.readers) / (wallSeconds * readers.pids().length),
      machineShare: used / (wallSeconds * availableParallelism()),
      writerLatenessP95: summarize(lateness).p95,
    };
  } finally {
    clearInterval(rssTimer);
    await Promise.all(pools.map((p) => p.stop()));
    await target.stop();
  }
}
