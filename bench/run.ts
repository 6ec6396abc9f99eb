/**
 * `npm run bench` runs every part; `npm run bench -- sync` (or render, phone, storage, stores, failover, cluster, scale) runs one.
 * Prints one table (Markdown) and writes bench/results/<part>-<ISO date>.json per part.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { freemem, totalmem } from "node:os";
import { join } from "node:path";
import { cleanupAll, machine, PROJECT_DIR, startLoadMonitor, waitForQuietMachine, type PartResult, type Row } from "./common";

const PARTS = {
  sync: () => import("./sync/index"),
  render: () => import("./render"),
  phone: () => import("./phone"),
  storage: () => import("./storage"),
  stores: () => import("./stores"),
  failover: () => import("./failover"),
  cluster: () => import("./cluster"),
  scale: () => import("./scale"),
} as const;
type PartName = keyof typeof PARTS;

/** The whole run must end inside fifteen minutes; a stuck part is killed, not waited for. */
const WATCHDOG_MS = 14.5 * 60_000;
/** Share of the machine other processes may use during a part before its numbers are flagged. */
const OTHER_LOAD_LIMIT = 0.1;
/** Before each part, wait this long at most for a quiet machine (this box is shared). */
const QUIET_WAIT_MS = 45_000;

function gitCommit(): string {
  try {
    const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: PROJECT_DIR, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { cwd: PROJECT_DIR, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    return dirty ? `${commit} (with uncommitted changes)` : commit;
  } catch {
    return "unknown";
  }
}

/** ISO 8601 in its basic form (no colons), so it is a valid file name everywhere. */
function isoStamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
}

function table(rows: Row[]): string {
  const header: Row = { part: "part", scenario: "scenario", metric: "metric", value: "value" };
  const all = [header, ...rows];
  const keys = ["part", "scenario", "metric", "value"] as const;
  const width = Object.fromEntries(keys.map((k) => [k, Math.max(...all.map((r) => r[k].length))])) as Record<(typeof keys)[number], number>;
  const line = (r: Row) => `| ${keys.map((k) => r[k].padEnd(width[k])).join(" | ")} |`;
  const rule = `| ${keys.map((k) => "-".repeat(width[k])).join(" | ")} |`;
  return [line(header), rule, ...rows.map(line)].join("\n");
}

function writeResult(result: PartResult, context: Record<string, unknown>, stamp: string): string {
  const dir = join(PROJECT_DIR, "bench", "results");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${result.part}-${stamp}.json`);
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify({ ...context, ...result }, null, 2) + "\n");
  renameSync(tmp, file);
  return file;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2).filter((a) => a !== "--");
  const unknown = args.filter((a) => !(a in PARTS));
  if (unknown.length > 0) {
    process.stderr.write(`unknown part(s): ${unknown.join(", ")}; choose from ${Object.keys(PARTS).join(", ")}\n`);
    return 2;
  }
  const selected = (args.length > 0 ? args : Object.keys(PARTS)) as PartName[];
  const started = new Date();
  const context = {
    date: started.toISOString(),
    commit: gitCommit(),
    machine: { ...machine(), memoryTotalBytes: totalmem(), memoryFreeBytesAtStart: freemem() },
  };
  process.stderr.write(`bench: ${selected.join(", ")} on ${context.machine.cpus} cores, node ${context.machine.node}, commit ${context.commit}\n`);

  const results: PartResult[] = [];
  const files: string[] = [];
  let failed = false;
  for (const name of selected) {
    const t0 = performance.now();
    process.stderr.write(`bench: ${name} …\n`);
    const quiet = await waitForQuietMachine(OTHER_LOAD_LIMIT / 2, QUIET_WAIT_MS);
    if (quiet.waitedMs > 2_500) process.stderr.write(`bench: waited ${(quiet.waitedMs / 1000).toFixed(0)} s for other work on the machine to calm down (now ${(quiet.share * 100).toFixed(0)} %)\n`);
    const load = startLoadMonitor();
    try {
      const part = await PARTS[name]();
      const result = await part.run();
      const machineLoad = load.stop();
      result.data.machineLoad = machineLoad;
      const share = `${(machineLoad.otherShare * 100).toFixed(0)} %`;
      if (machineLoad.otherShare > OTHER_LOAD_LIMIT) {
        result.warnings.push(`WARNING: other processes used ${share} of this ${machineLoad.cores}-core machine during ${name} (${machineLoad.otherSeconds.toFixed(1)} CPU s); its numbers are not trustworthy, run it again on a quiet machine`);
      } else {
        result.notes.push(`${name}: other processes used ${share} of the machine meanwhile.`);
      }
      results.push(result);
      files.push(writeResult(result, context, isoStamp(started)));
    } catch (error) {
      load.stop();
      failed = true;
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      process.stderr.write(`bench: ${name} FAILED: ${message}\n`);
      results.push({ part: name, rows: [{ part: name, scenario: "—", metric: "FAILED", value: String(error).slice(0, 120) }], warnings: [`WARNING: ${name} failed: ${String(error)}`], notes: [], data: {} });
    }
    process.stderr.write(`bench: ${name} took ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  }

  const rows = results.flatMap((r) => r.rows);
  const out: string[] = [];
  out.push(`Samla benchmarks, ${context.date}, commit ${context.commit}, ${context.machine.cpus} cores, node ${context.machine.node}`, "");
  out.push(table(rows), "");
  for (const note of results.flatMap((r) => r.notes)) out.push(`- ${note}`);
  const warnings = results.flatMap((r) => r.warnings);
  if (warnings.length > 0) {
    out.push("", "!".repeat(80));
    for (const w of warnings) out.push(w);
    out.push("!".repeat(80));
  }
  out.push("", `total ${((Date.now() - started.getTime()) / 1000).toFixed(0)} s; results: ${files.map((f) => f.slice(PROJECT_DIR.length + 1)).join(", ") || "none"}`);
  process.stdout.write(out.join("\n") + "\n");
  return failed ? 1 : 0;
}

const watchdog = setTimeout(() => {
  process.stderr.write(`bench: WATCHDOG: still running after ${WATCHDOG_MS / 60_000} minutes, stopping\n`);
  cleanupAll();
  process.exit(3);
}, WATCHDOG_MS);
watchdog.unref();

// Whatever goes wrong, no server or client process of this run outlives it.
process.once("uncaughtException", (error) => {
  process.stderr.write(`bench: ${error.stack ?? String(error)}\n`);
  cleanupAll();
  process.exit(1);
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    cleanupAll();
    process.exit(130);
  });
}

main().then(
  (code) => {
    cleanupAll();
    process.exit(code);
  },
  (error: unknown) => {
    process.stderr.write(`bench: ${String(error)}\n`);
    cleanupAll();
    process.exit(1);
  },
);
