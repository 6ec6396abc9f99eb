/**
 * Sync fan-out: one writer adds a note every 20 ms for ~10 s while N stock y-websocket readers
 * watch the same board. The server runs in its own process (test/integration/fixtures/serve.ts)
 * so its CPU and memory are read from /proc; writer and readers share this process, which means
 * the latency figures include the time this process needs to decode N copies of every update.
 */
import { monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";
import { createNote } from "../lib/board/actions";
import {
  connectClient,
  createBoard,
  mib,
  ms,
  noteTextFor,
  processCpuSeconds,
  processMemory,
  removeTempDir,
  sleep,
  spawnSyncServer,
  summarize,
  tempDir,
  whenSynced,
  type Client,
  type PartResult,
  type Row,
} from "./common";

const READER_COUNTS = [50, 200];
const WRITE_INTERVAL_MS = 20;
const WRITE_DURATION_MS = 10_000;
const NOTES_TO_WRITE = WRITE_DURATION_MS / WRITE_INTERVAL_MS; // 500
/** Hard bound on the write loop if this process falls behind. */
const WRITE_DEADLINE_MS = 20_000;
/** How long to wait for stragglers after the last write. */
const DRAIN_TIMEOUT_MS = 10_000;
const CONNECT_BATCH = 25;
const CONNECT_TIMEOUT_MS = 60_000;
const WRITER_ORIGIN = Symbol("bench writer");

interface RunResult {
  readers: number;
  notesWritten: number;
  writeSeconds: number;
  expected: number;
  delivered: number;
  latency: ReturnType<typeof summarize>;
  serverCpuSeconds: number;
  serverCpuPer1000: number;
  serverRssBeforeWrites: number;
  serverRssPeakDuringWrites: number;
  serverRssHighWater: number;
  clientCpuSeconds: number;
  clientCpuShareOfOneCore: number;
  connectSeconds: number;
  latenessOfWritesP95: number;
  /** Per second of the write phase (by send time): p95 and max latency, to see when the tail happens. */
  latencyBySecond: Array<{ second: number; p95: number; max: number }>;
  /** Garbage-collection pauses during the write phase, server (--trace-gc) and this process. */
  serverGc: GcSummary;
  benchGc: GcSummary;
  /** Longest time this process's event loop was blocked during the write phase. */
  benchEventLoopMaxMs: number;
  /** The slowest notes: when they were sent and how long the first and the last reader waited. */
  slowestNotes: Array<{ id: string; second: number; firstReaderMs: number; lastReaderMs: number }>;
}

interface GcEvent {
  second: number;
  kind: string;
  pauseMs: number;
}

interface GcSummary {
  count: number;
  totalPauseMs: number;
  maxPauseMs: number;
  /** Pauses of 20 ms or more, with the second of the write phase they happened in. */
  long: GcEvent[];
}

function gcSummary(events: GcEvent[]): GcSummary {
  return {
    count: events.length,
    totalPauseMs: Number(events.reduce((sum, e) => sum + e.pauseMs, 0).toFixed(1)),
    maxPauseMs: events.reduce((max, e) => Math.max(max, e.pauseMs), 0),
    long: events.filter((e) => e.pauseMs >= 20).map((e) => ({ ...e, pauseMs: Number(e.pauseMs.toFixed(1)), second: Number(e.second.toFixed(2)) })),
  };
}

const GC_KINDS: Record<number, string> = { 1: "minor", 2: "major", 4: "incremental", 8: "weakcb" };

async function runOnce(readerCount: number): Promise<RunResult> {
  const dataDir = tempDir("sync");
  const serverGcEvents: GcEvent[] = [];
  const benchGcEvents: GcEvent[] = [];
  let phaseStart = Infinity;
  const server = await spawnSyncServer(dataDir, ({ kind, pauseMs }) => {
    const second = (performance.now() - phaseStart) / 1000;
    if (second >= 0) serverGcEvents.push({ second, kind, pauseMs });
  });
  const gcObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const second = (entry.startTime - phaseStart) / 1000;
      const kind = GC_KINDS[(entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind ?? 0] ?? "gc";
      if (second >= 0) benchGcEvents.push({ second, kind, pauseMs: entry.duration });
    }
  });
  gcObserver.observe({ entryTypes: ["gc"] });
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  const clients: Client[] = [];
  const rssTimer: { id?: NodeJS.Timeout } = {};
  try {
    const board = await createBoard(server.http, `Sync ${readerCount}`);
    const sentAt = new Map<string, number>();
    const received: Array<Map<string, number>> = [];

    const connectStart = performance.now();
    for (let i = 0; i < readerCount; i += CONNECT_BATCH) {
      const batch: Client[] = [];
      for (let j = i; j < Math.min(readerCount, i + CONNECT_BATCH); j++) {
        const reader = connectClient(server.ws, board.id, board.memberToken);
        const seen = new Map<string, number>();
        received.push(seen);
        reader.doc.getMap("notes").observe((event) => {
          const now = performance.now();
          for (const key of event.keysChanged) if (sentAt.has(key) && !seen.has(key)) seen.set(key, now);
        });
        batch.push(reader);
      }
      clients.push(...batch);
      await Promise.all(batch.map((c) => whenSynced(c.provider, CONNECT_TIMEOUT_MS)));
    }
    const writer = connectClient(server.ws, board.id, board.facilitatorToken);
    clients.push(writer);
    await whenSynced(writer.provider, CONNECT_TIMEOUT_MS);
    const connectSeconds = (performance.now() - connectStart) / 1000;
    await sleep(1000); // let the presence messages of the connections settle

    const rssBefore = processMemory(server.pid).rss;
    let rssPeak = rssBefore;
    rssTimer.id = setInterval(() => {
      rssPeak = Math.max(rssPeak, processMemory(server.pid).rss);
    }, 200);
    const cpuStart = processCpuSeconds(server.pid);
    const clientCpuStart = process.cpuUsage();
    const wallStart = performance.now();
    phaseStart = wallStart;
    loopDelay.enable();

    // The writer: one realistic note every 20 ms, on an absolute schedule so lateness shows.
    const lateness: number[] = [];
    let written = 0;
    for (let i = 0; i < NOTES_TO_WRITE; i++) {
      const due = wallStart + i * WRITE_INTERVAL_MS;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      if (performance.now() - wallStart > WRITE_DEADLINE_MS) break;
      const id = `bench-${i.toString().padStart(4, "0")}`;
      const now = performance.now();
      lateness.push(now - due);
      sentAt.set(id, now);
      createNote(
        writer.doc,
        { id, x: (i % 25) * 200, y: Math.floor(i / 25) * 200, text: noteTextFor(i), now: Date.now() },
        WRITER_ORIGIN,
      );
      written++;
    }
    const writeEnd = performance.now();
    const expected = written * readerCount;
    const deliveredNow = () => received.reduce((sum, seen) => sum + seen.size, 0);
    const drainDeadline = writeEnd + DRAIN_TIMEOUT_MS;
    while (deliveredNow() < expected && performance.now() < drainDeadline) await sleep(20);
    const wallEnd = performance.now();

    loopDelay.disable();
    const serverCpuSeconds = processCpuSeconds(server.pid) - cpuStart;
    const clientCpu = process.cpuUsage(clientCpuStart);
    clearInterval(rssTimer.id);
    rssPeak = Math.max(rssPeak, processMemory(server.pid).rss);
    const highWater = processMemory(server.pid).peak;

    const latencies: number[] = [];
    const bySecond = new Map<number, number[]>();
    for (const seen of received) {
      for (const [id, at] of seen) {
        const sent = sentAt.get(id)!;
        latencies.push(at - sent);
        const second = Math.floor((sent - wallStart) / 1000);
        if (!bySecond.has(second)) bySecond.set(second, []);
        bySecond.get(second)!.push(at - sent);
      }
    }
    const perNote = new Map<string, { first: number; last: number }>();
    for (const seen of received) {
      for (const [id, at] of seen) {
        const note = perNote.get(id) ?? { first: Infinity, last: -Infinity };
        note.first = Math.min(note.first, at);
        note.last = Math.max(note.last, at);
        perNote.set(id, note);
      }
    }
    const slowestNotes = [...perNote]
      .map(([id, { first, last }]) => {
        const sent = sentAt.get(id)!;
        return { id, second: Number(((sent - wallStart) / 1000).toFixed(2)), firstReaderMs: Number((first - sent).toFixed(1)), lastReaderMs: Number((last - sent).toFixed(1)) };
      })
      .sort((a, b) => b.lastReaderMs - a.lastReaderMs)
      .slice(0, 5);
    const latencyBySecond = [...bySecond].sort((a, b) => a[0] - b[0]).map(([second, values]) => {
      const sum = summarize(values);
      return { second, p95: Number(sum.p95.toFixed(1)), max: Number(sum.max.toFixed(1)) };
    });
    const delivered = latencies.length;
    const clientCpuSeconds = (clientCpu.user + clientCpu.system) / 1e6;
    return {
      readers: readerCount,
      notesWritten: written,
      writeSeconds: (writeEnd - wallStart) / 1000,
      expected,
      delivered,
      latency: summarize(latencies),
      serverCpuSeconds,
      serverCpuPer1000: delivered > 0 ? (serverCpuSeconds / delivered) * 1000 : NaN,
      serverRssBeforeWrites: rssBefore,
      serverRssPeakDuringWrites: rssPeak,
      serverRssHighWater: highWater,
      clientCpuSeconds,
      clientCpuShareOfOneCore: clientCpuSeconds / ((wallEnd - wallStart) / 1000),
      connectSeconds,
      latenessOfWritesP95: summarize(lateness).p95,
      latencyBySecond,
      serverGc: gcSummary(serverGcEvents),
      benchGc: gcSummary(benchGcEvents),
      benchEventLoopMaxMs: loopDelay.max / 1e6,
      slowestNotes,
    };
  } finally {
    gcObserver.disconnect();
    loopDelay.disable();
    clearInterval(rssTimer.id);
    for (const client of clients) client.destroy();
    await server.stop();
    removeTempDir(dataDir);
  }
}

export async function run(): Promise<PartResult> {
  // Every stock provider adds a process 'exit' listener; 200 of them are expected here.
  process.setMaxListeners(READER_COUNTS[READER_COUNTS.length - 1] + 50);
  const rows: Row[] = [];
  const warnings: string[] = [];
  const runs: RunResult[] = [];
  for (const readers of READER_COUNTS) {
    const r = await runOnce(readers);
    runs.push(r);
    const scenario = `1 writer → ${readers} readers`;
    const share = r.delivered / r.expected;
    rows.push(
      { part: "sync", scenario, metric: "latency p50 / p95 / p99 / max", value: [r.latency.p50, r.latency.p95, r.latency.p99, r.latency.max].map((v) => v.toFixed(1)).join(" / ") + " ms" },
      { part: "sync", scenario, metric: "delivered / expected", value: `${r.delivered} / ${r.expected} (${(share * 100).toFixed(2)} %)` },
      { part: "sync", scenario, metric: "server CPU per 1,000 deliveries", value: `${r.serverCpuPer1000.toFixed(3)} s (${r.serverCpuSeconds.toFixed(2)} s for ${r.delivered})` },
      { part: "sync", scenario, metric: "server RSS before / peak during writes", value: `${mib(r.serverRssBeforeWrites)} / ${mib(r.serverRssPeakDuringWrites)}` },
      { part: "sync", scenario, metric: "bench process CPU (writer + readers)", value: `${(r.clientCpuShareOfOneCore * 100).toFixed(0)} % of one core` },
      {
        part: "sync",
        scenario,
        metric: "longest pause: server GC / bench GC / bench loop",
        value: `${r.serverGc.maxPauseMs.toFixed(0)} / ${r.benchGc.maxPauseMs.toFixed(0)} / ${r.benchEventLoopMaxMs.toFixed(0)} ms (GC total ${r.serverGc.totalPauseMs.toFixed(0)} / ${r.benchGc.totalPauseMs.toFixed(0)} ms)`,
      },
    );
    if (share < 1) {
      warnings.push(
        `WARNING: sync with ${readers} readers delivered only ${r.delivered} of ${r.expected} notes (${(share * 100).toFixed(2)} %) within ${DRAIN_TIMEOUT_MS / 1000} s of the last write`,
      );
    }
    if (r.notesWritten < NOTES_TO_WRITE) {
      warnings.push(`WARNING: sync with ${readers} readers: the writer managed only ${r.notesWritten} of ${NOTES_TO_WRITE} notes before its ${WRITE_DEADLINE_MS / 1000} s deadline`);
    }
    if (r.latenessOfWritesP95 > WRITE_INTERVAL_MS) {
      warnings.push(`WARNING: sync with ${readers} readers: writes ran late (p95 ${ms(r.latenessOfWritesP95)} behind schedule); this process was saturated, so latencies include harness queueing`);
    }
  }
  return {
    part: "sync",
    rows,
    warnings,
    notes: [
      `sync: ${NOTES_TO_WRITE} notes (createNote, ~40 characters of text) one every ${WRITE_INTERVAL_MS} ms; server in its own process, CPU and RSS from /proc/<pid>; ` +
        "writer and all readers share the bench process, so latency includes this process decoding every reader's copy in turn.",
    ],
    data: { writeIntervalMs: WRITE_INTERVAL_MS, notesPerRun: NOTES_TO_WRITE, runs },
  };
}
