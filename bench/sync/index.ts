/**
 * The sync part: Samla's server beside the y-websocket reference server and Hocuspocus, in one
 * run, with their stock clients (fan-out at N = 50, 200, 500 and join cost), then Samla alone
 * pushed to thousands of raw protocol clients. Targets are ratios to the best peer of the same run.
 */
import { mib, ms, type PartResult, type Row } from "../common";
import { runFanOut, type FanOutResult } from "./fanout";
import { runJoin, type JoinResult } from "./join";
import { ensurePeersInstalled } from "./peers";

/** Installs the peers if need be; says why when they cannot be had (offline, say), so Samla is still measured. */
function peersUnavailable(): string | null {
  try {
    ensurePeersInstalled();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
import { targetLabel, TARGETS } from "./targets";

const STOCK_READERS = [50, 200, 500];
const RAW_READERS = [1000, 2000, 3000, 4000, 5000];
const WRITE_INTERVAL_MS = 20;
const NOTES_PER_RUN = 500; // 10 s of writing
const RAW_NOTES_PER_RUN = 250; // 5 s: thousands of readers make every note cost more
const RAW_P99_LIMIT_MS = 100;
const JOIN = { clients: 200, notes: 2000 };
/** p99 at or below the best peer's; CPU per delivery at most this share of the best peer's. */
const CPU_TARGET_RATIO = 0.8;

const readerProcessesFor = (readers: number) => (readers >= 200 ? 2 : 1);

function fanOutRows(r: FanOutResult, scenario: string): Row[] {
  const row = (metric: string, value: string): Row => ({ part: "sync", scenario, metric, value });
  const share = r.delivered / r.expected;
  return [
    row("latency p50 / p95 / p99 / max", [r.latency.p50, r.latency.p95, r.latency.p99, r.latency.max].map((v) => v.toFixed(1)).join(" / ") + " ms"),
    row("delivered / expected", `${r.delivered} / ${r.expected} (${(share * 100).toFixed(2)} %)`),
    row("server CPU per 1,000 deliveries", `${r.serverCpuPer1000.toFixed(3)} s (${r.serverCpuSeconds.toFixed(2)} s in all)`),
    row("server RSS before / peak", `${mib(r.serverRssBefore)} / ${mib(r.serverRssPeak)}`),
    row("client processes' CPU / whole machine busy", `${(r.readerCpuShare * 100).toFixed(0)} % / ${(r.machineShare * 100).toFixed(0)} %`),
  ];
}

function fanOutWarnings(r: FanOutResult, label: string): string[] {
  const warnings: string[] = [];
  if (r.delivered < r.expected) warnings.push(`WARNING: ${label}: only ${r.delivered} of ${r.expected} deliveries (${((r.delivered / r.expected) * 100).toFixed(2)} %) — a lost update is a bug`);
  if (r.writerLatenessP95 > WRITE_INTERVAL_MS) warnings.push(`WARNING: ${label}: the writer ran ${ms(r.writerLatenessP95)} behind its schedule (p95); the machine was saturated`);
  if (r.machineShare > 0.9) warnings.push(`NOTE: ${label}: server and clients kept ${(r.machineShare * 100).toFixed(0)} % of both cores busy, so its latencies include waiting for a core`);
  else if (r.readerCpuShare > 0.8) warnings.push(`NOTE: ${label}: the reader processes were ${(r.readerCpuShare * 100).toFixed(0)} % busy, so the tail of its latencies is theirs as much as the server's`);
  return warnings;
}

/** Samla against the best peer at one N: the two target ratios. */
function ratioRows(readers: number, runs: FanOutResult[]): Row[] {
  const samla = runs.find((r) => r.target === "samla")!;
  const peers = runs.filter((r) => r.target !== "samla" && r.delivered === r.expected);
  if (peers.length === 0) return [{ part: "sync", scenario: `Samla vs best peer, ${readers} readers`, metric: "ratios", value: "no peer delivered everything" }];
  const bestP99 = peers.reduce((a, b) => (b.latency.p99 < a.latency.p99 ? b : a));
  const bestCpu = peers.reduce((a, b) => (b.serverCpuPer1000 < a.serverCpuPer1000 ? b : a));
  const p99Ratio = samla.latency.p99 / bestP99.latency.p99;
  const cpuRatio = samla.serverCpuPer1000 / bestCpu.serverCpuPer1000;
  const complete = samla.delivered === samla.expected;
  const verdict = (ok: boolean) => (ok && complete ? "met" : complete ? "MISSED" : "MISSED (Samla lost updates)");
  const scenario = `Samla vs best peer, ${readers} readers`;
  return [
    { part: "sync", scenario, metric: `p99 ÷ best peer's p99 (target ≤ 1)`, value: `${p99Ratio.toFixed(2)} (${bestP99.target}) ${verdict(p99Ratio <= 1)}` },
    { part: "sync", scenario, metric: `CPU per delivery ÷ best peer's (target ≤ ${CPU_TARGET_RATIO})`, value: `${cpuRatio.toFixed(2)} (${bestCpu.target}) ${verdict(cpuRatio <= CPU_TARGET_RATIO)}` },
  ];
}

function joinRows(r: JoinResult): Row[] {
  const scenario = `join: ${r.clients} clients, ${r.notes} notes, ${targetLabel(r.target)}`;
  return [
    { part: "sync", scenario, metric: "all joined / per client p50 / p95", value: `${ms(r.allJoinedMs, 0)} / ${ms(r.perClient.p50, 0)} / ${ms(r.perClient.p95, 0)}` },
    { part: "sync", scenario, metric: "server CPU / RSS after", value: `${r.serverCpuSeconds.toFixed(2)} s / ${mib(r.serverRssAfter)}` },
  ];
}

export async function run(): Promise<PartResult> {
  const rows: Row[] = [];
  const warnings: string[] = [];
  const peersMissing = peersUnavailable();
  if (peersMissing) warnings.push(`WARNING: sync measured Samla alone, without the peers: ${peersMissing}`);
  const targets = peersMissing ? (["samla"] as const) : TARGETS;
  const stock: FanOutResult[] = [];
  for (const readers of STOCK_READERS) {
    const runs: FanOutResult[] = [];
    for (const target of targets) {
      process.stderr.write(`bench: sync ${target}, ${readers} stock readers …\n`);
      const r = await runFanOut(target, { readers, kind: "stock", notes: NOTES_PER_RUN, intervalMs: WRITE_INTERVAL_MS, readerProcesses: readerProcessesFor(readers), drainMs: 10_000 });
      const scenario = `${targetLabel(target)}, 1 writer → ${readers} readers`;
      rows.push(...fanOutRows(r, scenario));
      warnings.push(...fanOutWarnings(r, scenario));
      runs.push(r);
    }
    if (!peersMissing) rows.push(...ratioRows(readers, runs));
    stock.push(...runs);
  }

  const raw: FanOutResult[] = [];
  for (const readers of RAW_READERS) {
    process.stderr.write(`bench: sync samla, ${readers} raw readers …\n`);
    const r = await runFanOut("samla", { readers, kind: "raw", notes: RAW_NOTES_PER_RUN, intervalMs: WRITE_INTERVAL_MS, readerProcesses: 2, drainMs: 15_000 });
    const scenario = `Samla, 1 writer → ${readers} raw clients`;
    rows.push(...fanOutRows(r, scenario).slice(0, 3));
    warnings.push(...fanOutWarnings(r, scenario).filter((w) => w.startsWith("WARNING")));
    raw.push(r);
  }
  const passing = raw.filter((r) => r.delivered === r.expected && r.latency.p99 < RAW_P99_LIMIT_MS);
  const largest = passing.length > 0 ? Math.max(...passing.map((r) => r.readers)) : null;
  rows.push({ part: "sync", scenario: "Samla, raw clients", metric: `largest N with p99 < ${RAW_P99_LIMIT_MS} ms and nothing lost`, value: largest ? `${largest} (of ${RAW_READERS.join(", ")})` : `none of ${RAW_READERS.join(", ")}` });

  const joins: JoinResult[] = [];
  for (const target of targets) {
    process.stderr.write(`bench: sync join ${target} …\n`);
    const r = await runJoin(target, { ...JOIN, readerProcesses: 2 });
    rows.push(...joinRows(r));
    joins.push(r);
  }

  return {
    part: "sync",
    rows,
    warnings,
    notes: [
      `sync: each server in its own process, fresh for every run; ${NOTES_PER_RUN} notes (Samla's createNote: a Y.Map with ~40 characters of text, position, colour) one every ${WRITE_INTERVAL_MS} ms from a writer process; ` +
        "readers in one (50) or two (200, 500) other processes; latency from the writer's change to each reader's observer, on the shared monotonic clock. Samla stores every update in SQLite before it relays it; the peers keep documents in memory only " +
        "and also send every update back to its writer (Hocuspocus adds an acknowledgement), one send in N+1 more than Samla. Fan-out clients publish no presence; join clients do.",
      `sync, raw clients: the y-websocket protocol by hand (sync step 1 and 2, no Y.Doc), note ids read from the update bytes; ${RAW_NOTES_PER_RUN} notes per run.`,
    ],
    data: { writeIntervalMs: WRITE_INTERVAL_MS, notesPerRun: NOTES_PER_RUN, rawNotesPerRun: RAW_NOTES_PER_RUN, stock, raw, joins },
  };
}
