/**
 * Join cost: a board of 2,000 notes, then 200 stock clients open it at the same moment (a room
 * of people opening the link together) while the facilitator's client is in it. A client has
 * joined when its provider is synced and its document holds all 2,000 notes; times count from
 * one shared start.
 */
import { processCpuSeconds, processMemory, sleep, summarize, type Summary } from "../common";
import { ClientPool } from "./pool";
import { startTarget, type TargetName } from "./targets";

export interface JoinOptions {
  clients: number;
  notes: number;
  readerProcesses: number;
}

export interface JoinResult {
  target: TargetName;
  clients: number;
  notes: number;
  /** From the first connection attempt until the last client has the whole board. */
  allJoinedMs: number;
  perClient: Summary;
  serverCpuSeconds: number;
  serverRssAfter: number;
}

const JOIN_TIMEOUT_MS = 120_000;

export async function runJoin(name: TargetName, options: JoinOptions): Promise<JoinResult> {
  const target = await startTarget(name);
  const pools: ClientPool[] = [];
  try {
    const address = await target.newRoom(`Join ${options.notes}`);
    // Presence on: people opening a board together announce themselves, and that is part of joining.
    const base = { capacity: 0, batch: options.clients, presence: true, timeoutMs: JOIN_TIMEOUT_MS };
    const { pool: writer } = await ClientPool.start(address, { ...base, count: 1, kind: "stock", role: "writer", processes: 1, expectNotes: 0 });
    pools.push(writer);
    await writer.write(options.notes, 0);
    // The board is complete on the server once a fresh client receives all of it. The writer
    // (the facilitator) stays: Hocuspocus without storage forgets a room its last client leaves.
    const { pool: probe } = await ClientPool.start(address, { ...base, count: 1, kind: "stock", role: "reader", processes: 1, expectNotes: options.notes });
    await probe.stop();
    await sleep(500);

    const cpuBefore = processCpuSeconds(target.pid);
    const { pool, joinMs } = await ClientPool.start(address, { ...base, count: options.clients, kind: "stock", role: "reader", processes: options.readerProcesses, expectNotes: options.notes });
    pools.push(pool);
    const serverCpuSeconds = processCpuSeconds(target.pid) - cpuBefore;
    const perClient = summarize(joinMs);
    return { target: name, clients: options.clients, notes: options.notes, allJoinedMs: perClient.max, perClient, serverCpuSeconds, serverRssAfter: processMemory(target.pid).rss };
  } finally {
    await Promise.all(pools.map((p) => p.stop()));
    await target.stop();
  }
}
