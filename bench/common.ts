/**
 * Shared pieces of the benchmark harness: real servers in child processes, the stock y-websocket
 * client, /proc readings, percentiles. Everything listens and connects on 127.0.0.1 only.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { WebsocketProvider } from "y-websocket";

export const PROJECT_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");

/** One line of the printed table. */
export interface Row {
  part: string;
  scenario: string;
  metric: string;
  value: string;
}

export interface PartResult {
  part: string;
  rows: Row[];
  /** Loud problems: shown after the table and kept in the JSON. */
  warnings: string[];
  /** Caveats that belong next to the numbers (how they were measured). */
  notes: string[];
  /** Raw numbers for the JSON file. */
  data: Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------
// Numbers

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export interface Summary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : NaN,
    mean: sorted.length ? sum / sorted.length : NaN,
  };
}

export function ms(value: number, digits = 1): string {
  return Number.isFinite(value) ? `${value.toFixed(digits)} ms` : "n/a";
}

export function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

export function median(values: readonly number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

export const sleep = (millis: number) => new Promise<void>((resolve) => setTimeout(resolve, millis));

export async function waitFor(predicate: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

// ---------------------------------------------------------------------------------------------
// Temp folders and child processes, cleaned up however the run ends

const tempDirs = new Set<string>();
const children = new Set<ChildProcess>();

export function tempDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `samla-bench-${label}-`));
  tempDirs.add(dir);
  return dir;
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  tempDirs.delete(dir);
}

/** A child process this run started: killed by cleanupAll however the run ends. */
export function trackChild(child: ChildProcess): void {
  children.add(child);
  child.once("exit", () => children.delete(child));
}

/** Kills what this run started (by pid) and removes its temp folders. Safe to call twice. */
export function cleanupAll(): void {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  children.clear();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

export interface ServerProcess {
  child: ChildProcess;
  pid: number;
  port: number;
  http: string;
  ws: string;
  /** SIGTERM (the server flushes its rooms), SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  stderr(): string;
}

/**
 * Starts `node --import tsx <script>` in the project folder (plain `node` for a peer's own
 * JavaScript) and waits until `ready` matches its output; the first capture group is the port.
 */
export async function spawnServer(
  script: string,
  env: Record<string, string>,
  ready: RegExp,
  timeoutMs: number,
  options: { plainNode?: boolean } = {},
): Promise<ServerProcess> {
  const loader = options.plainNode ? [] : ["--import", "tsx"];
  // BENCH_PROFILE_DIR=/some/dir: every server writes a V8 CPU profile there when it stops.
  const profile = process.env.BENCH_PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  const child = spawn(process.execPath, [...profile, ...loader, script], {
    cwd: PROJECT_DIR,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  trackChild(child);
  let output = "";
  let errors = "";
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL"); // a server that never said it was ready must not run on into the next part
      reject(new Error(`${script} did not start within ${timeoutMs} ms:\n${errors.slice(-2000)}`));
    }, timeoutMs);
    const onData = (chunk: Buffer, isError: boolean) => {
      const text = chunk.toString();
      if (isError) errors = (errors + text).slice(-20_000);
      output = (output + text).slice(-20_000);
      const match = ready.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout!.on("data", (chunk: Buffer) => onData(chunk, false));
    child.stderr!.on("data", (chunk: Buffer) => onData(chunk, true));
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited early (${code ?? signal}):\n${errors.slice(-2000)}`));
    });
  });
  const stop = (graceMs = 10_000) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      child.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill("SIGTERM");
    });
  return {
    child,
    pid: child.pid!,
    port,
    http: `http://127.0.0.1:${port}`,
    ws: `ws://127.0.0.1:${port}/yjs`,
    stop,
    stderr: () => errors,
  };
}

/** One cluster instance on PostgreSQL (and Redis, given its URL), at `port`, as bench/cluster.ts and bench/scale.ts run them. */
export function spawnInstance(port: number, cluster: { dataDir: string; secret: string; databaseUrl: string; redisUrl?: string }): Promise<ServerProcess> {
  return spawnServer(
    "test/integration/fixtures/serve.ts",
    {
      PORT: String(port),
      DATA_DIR: cluster.dataDir,
      SAMLA_SECRET: cluster.secret,
      DATABASE_URL: cluster.databaseUrl,
      SAMLA_INSTANCE_URL: `http://127.0.0.1:${port}`,
      // Empty is unset: a REDIS_URL in the shell must not turn a cluster without Redis into one with it.
      REDIS_URL: cluster.redisUrl ?? "",
      SAMLA_TEST_STORE: "",
      // Every simulated reader comes from 127.0.0.1.
      SAMLA_LIMIT_WEBSOCKETS_PER_ADDRESS: "100000",
      SAMLA_LIMIT_BOARDS_PER_ADDRESS_PER_HOUR: "10000",
    },
    /listening (\d+)/,
    120_000,
  );
}

export const benchSecret = () => randomBytes(32).toString("base64url");

/** The realtime server without pages (test/integration/fixtures/serve.ts): API + y-websocket. */
export function spawnSyncServer(dataDir: string): Promise<ServerProcess> {
  // Thousands of clients come from this one machine's address here; real ones come from many.
  const oneAddress = { SAMLA_LIMIT_WEBSOCKETS_PER_ADDRESS: "1000000", SAMLA_LIMIT_BOARDS_PER_ADDRESS_PER_HOUR: "100000" };
  return spawnServer("test/integration/fixtures/serve.ts", { PORT: "0", DATA_DIR: dataDir, SAMLA_SECRET: benchSecret(), ...oneAddress }, /listening (\d+)/, 30_000);
}

/** The whole app as `npm start` runs it (server/main.ts with the built pages), on loopback. */
export function spawnAppServer(dataDir: string): Promise<ServerProcess> {
  return spawnServer(
    "server/main.ts",
    { PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, SAMLA_SECRET: benchSecret() },
    /server\.listening port=(\d+)/,
    120_000,
  );
}

// ---------------------------------------------------------------------------------------------
// /proc readings of a child process (Linux)

const CLOCK_TICKS_PER_SECOND = 100; // `getconf CLK_TCK` on Linux x86-64 and arm64

/** User + system CPU seconds the process has used so far. */
export function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // The command name (field 2) may hold spaces; the fields after its closing parenthesis are fixed.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const utime = Number(fields[11]); // field 14
  const stime = Number(fields[12]); // field 15
  return (utime + stime) / CLOCK_TICKS_PER_SECOND;
}

/** Resident memory now (VmRSS) and its peak so far (VmHWM), in bytes. */
export function processMemory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kib("VmRSS"), peak: kib("VmHWM") };
}

// ---------------------------------------------------------------------------------------------
// The public API and the stock client

// The same stock-client helpers the integration tests use: one way to talk to a Samla server.
export { connectClient, createBoard, freePort } from "../test/integration/helpers";
import type { connectClient } from "../test/integration/helpers";

export type Client = ReturnType<typeof connectClient>;

export function whenSynced(provider: WebsocketProvider, timeoutMs: number): Promise<void> {
  return waitFor(() => provider.synced, timeoutMs, "the stock client to sync");
}

// ---------------------------------------------------------------------------------------------
// Realistic note text

const PHRASES = [
  "Fika kl 15 i personalrummet, ta med kopp",
  "Fler händer på morgonen vid frukosten",
  "Brukarnas önskemål om promenader ute",
  "Dokumentera i journalen samma dag tack",
  "Bemanning under semestern: vem täcker?",
  "Nyckelhantering hemtjänsten, nytt skåp",
  "Läkemedelsgenomgång varje månad, ansvar",
  "Introduktion för nya vikarier i juni",
  "Anhörigträff på torsdag, bjud in alla",
  "Bättre överlämning mellan kväll och natt",
];

/** About 40 characters of workshop text, a little different each time. */
export function noteTextFor(i: number): string {
  return `${PHRASES[i % PHRASES.length]} ${i}`.slice(0, 44);
}

// ---------------------------------------------------------------------------------------------
// Machine description

export function machine() {
  return {
    cpus: availableParallelism(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

// ---------------------------------------------------------------------------------------------
// Other load on the machine: this box is shared, so every part says how busy it was meanwhile

function systemBusyTicks(): number {
  const cpu = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal
  return cpu[0] + cpu[1] + cpu[2] + cpu[5] + cpu[6] + (cpu[7] ?? 0);
}

function allProcesses(): Map<number, { ppid: number; ticks: number }> {
  const out = new Map<number, { ppid: number; ticks: number }>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      out.set(Number(name), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // the process ended between readdir and read
    }
  }
  return out;
}

/**
 * Samples the whole machine's CPU and this harness's process tree (itself, its servers,
 * Chromium) twice a second; what is left is other people's work on the same machine.
 */
export function startLoadMonitor() {
  const cores = availableParallelism();
  const busyStart = systemBusyTicks();
  const wallStart = performance.now();
  const base = new Map<number, number>();
  const latest = new Map<number, number>();
  const sample = (first: boolean) => {
    const procs = allProcesses();
    const ours = new Set<number>([process.pid]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const [pid, p] of procs) {
        if (ours.has(pid) || !ours.has(p.ppid)) continue;
        ours.add(pid);
        grew = true;
      }
    }
    for (const pid of ours) {
      const ticks = procs.get(pid)?.ticks;
      if (ticks === undefined) continue;
      if (!base.has(pid)) base.set(pid, first ? ticks : 0);
      latest.set(pid, ticks);
    }
  };
  sample(true);
  const timer = setInterval(() => sample(false), 500);
  timer.unref();
  return {
    stop() {
      sample(false);
      clearInterval(timer);
      const seconds = (performance.now() - wallStart) / 1000;
      const busy = (systemBusyTicks() - busyStart) / CLOCK_TICKS_PER_SECOND;
      let ours = 0;
      for (const [pid, ticks] of latest) ours += ticks - (base.get(pid) ?? 0);
      ours /= CLOCK_TICKS_PER_SECOND;
      const others = Math.max(0, busy - ours);
      return { seconds, cores, busySeconds: busy, benchSeconds: ours, otherSeconds: others, otherShare: others / (seconds * cores) };
    },
  };
}

/**
 * Waits (at most `maxWaitMs`) for a `windowMs` stretch in which other processes use less than
 * `limit` of the machine. Returns the share seen in the last window.
 */
export async function waitForQuietMachine(limit: number, maxWaitMs: number, windowMs = 2_000): Promise<{ share: number; waitedMs: number }> {
  const t0 = performance.now();
  for (;;) {
    const monitor = startLoadMonitor();
    await sleep(windowMs);
    const { otherShare } = monitor.stop();
    const waitedMs = performance.now() - t0;
    if (otherShare < limit || waitedMs >= maxWaitMs) return { share: otherShare, waitedMs };
  }
}
