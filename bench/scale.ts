/**
 * One board, one writer on its holder, and 500 then 1,500 readers (viewer links) spread over 1, 2
 * and 3 instances with Redis (REDIS_URL): readers on an instance that does not hold the board are
 * served from its copy, fed by the board's Redis stream. Measures the delivery of a note to every
 * reader and what it costs the holder (its CPU time per note). Then 200 boards with 10 clients
 * each (a writer on the board's holder, nine readers spread over the three instances), every writer
 * writing at once: deliveries per second, their p50/p99, and each instance's CPU. Readers are raw
 * websockets that only receive, so the bench process is not what is measured.
 */
import { spawn } from "node:child_process";
import { Redis } from "ioredis";
import WebSocket from "ws";
import { createNote } from "../lib/board/actions";
import { createTestDatabase } from "../server/storage/postgres/test-database";
import {
  benchSecret,
  connectClient,
  createBoard,
  freePort,
  ms,
  processCpuSeconds,
  removeTempDir,
  sleep,
  spawnInstance,
  summarize,
  tempDir,
  trackChild,
  waitFor,
  type Client,
  type PartResult,
  type Row,
  type ServerProcess,
} from "./common";

const READERS = [500, 1_500];
const SPREADS = [1, 2, 3];
const NOTES = 30;
const NOTE_EVERY_MS = 200;
const BOARDS = 200;
const READERS_PER_BOARD = 9;
const NOTES_PER_BOARD = 10;
/** Each writer writes a note this often; 200 boards make 200 notes and 1,800 deliveries a second. */
const BOARD_NOTE_EVERY_MS = 1_000;

interface Reader {
  socket: WebSocket;
  arrivals: Map<string, number>;
}

function openReader(url: string, expecting: string[]): Promise<Reader> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    const reader: Reader = { socket, arrivals: new Map() };
    const ids = expecting.map((id) => [id, Buffer.from(id)] as const);
    socket.on("message", (data: Buffer) => {
      const at = performance.now();
      for (const [id, bytes] of ids) if (!reader.arrivals.has(id) && data.includes(bytes)) reader.arrivals.set(id, at);
    });
    socket.once("open", () => resolve(reader));
    socket.once("error", reject);
  });
}

async function redisAnswers(port: number): Promise<void> {
  const probe = new Redis(port, "127.0.0.1", { retryStrategy: () => 50, maxRetriesPerRequest: null });
  probe.on("error", () => undefined);
  await probe.ping();
  probe.disconnect();
}

export async function run(): Promise<PartResult> {
  const database = await createTestDatabase();
  const dir = tempDir("scale");
  const secret = benchSecret();
  const redisPort = await freePort();
  const redis = spawn("redis-server", ["--port", String(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  trackChild(redis);
  await redisAnswers(redisPort);
  const ports = await Promise.all(SPREADS.map(() => freePort()));
  const servers: ServerProcess[] = [];
  const rows: Row[] = [];
  const data: Record<string, unknown> = {};
  try {
    for (const port of ports) {
      servers.push(
        await spawnInstance(port, { dataDir: dir, secret, databaseUrl: database.url, redisUrl: `redis://127.0.0.1:${redisPort}` }),
      );
    }
    for (const readerCount of READERS) {
      for (const spread of SPREADS) {
        const board = await createBoard(`http://127.0.0.1:${ports[0]}`, `Kick-off ${readerCount}/${spread}`);
        const writer: Client = connectClient(`ws://127.0.0.1:${ports[0]}/yjs`, board.id, board.facilitatorToken);
        await waitFor(() => writer.provider.synced, 30_000, "the writer synced");
        const prefix = `n${readerCount}x${spread}-`;
        const ids = Array.from({ length: NOTES }, (_, i) => `${prefix}${i}`);
        const readers: Reader[] = [];
        for (let i = 0; i < readerCount; i += 50) {
          const batch = Array.from({ length: Math.min(50, readerCount - i) }, (_, j) => openReader(`ws://127.0.0.1:${ports[(i + j) % spread]}/yjs/${board.id}?token=${board.viewerToken}`, ids));
          readers.push(...(await Promise.all(batch)));
        }
        await sleep(1_000);
        const holderCpuBefore = processCpuSeconds(servers[0].child.pid!);
        const sentAt = new Map<string, number>();
        for (const id of ids) {
          sentAt.set(id, performance.now());
          createNote(writer.doc, { id, x: 0, y: 0, text: id, now: Date.now() }, "bench");
          await sleep(NOTE_EVERY_MS);
        }
        await waitFor(() => readers.every((reader) => reader.arrivals.size === NOTES), 60_000, "every note on every reader");
        const holderCpu = processCpuSeconds(servers[0].child.pid!) - holderCpuBefore;
        const times = readers.flatMap((reader) => ids.map((id) => reader.arrivals.get(id)! - sentAt.get(id)!));
        const summary = summarize(times);
        const scenario = `${readerCount} readers over ${spread} instance${spread > 1 ? "s" : ""}`;
        rows.push({ part: "scale", scenario, metric: `delivery of ${NOTES} notes to every reader: p50 / p99`, value: `${ms(summary.p50)} / ${ms(summary.p99)}` });
        rows.push({ part: "scale", scenario, metric: "holder CPU per note", value: ms((holderCpu * 1000) / NOTES) });
        data[scenario] = { delivery: summary, holderCpuSeconds: holderCpu };
        for (const reader of readers) reader.socket.terminate();
        writer.destroy();
        await sleep(500);
      }
    }
    Object.assign(data, await manyBoards(ports, servers, rows));
    return {
      part: "scale",
      rows,
      warnings: [],
      notes: [
        `scale: ${SPREADS.length} instances on one PostgreSQL and one Redis (a redis-server of the bench's own), the writer on the board's holder; readers are viewer-link websockets spread round-robin over the first 1, 2 or 3 instances, those not on the holder served from that instance's copy. A note every ${NOTE_EVERY_MS} ms. With ${BOARDS} boards, each board's writer is on the instance that took the board (the one it reached first, boards round-robin over the instances) and its ${READERS_PER_BOARD} readers round-robin over all three; every writer writes a note every ${BOARD_NOTE_EVERY_MS} ms, spread over the second. Everything shares this machine's two cores: the numbers compare layouts, they do not say what separate machines sustain.`,
      ],
      data,
    };
  } finally {
    for (const server of servers) server.child.kill("SIGKILL");
    redis.kill("SIGKILL");
    await database.drop();
    removeTempDir(dir);
  }
}

/** 200 boards at once, 10 clients each, over three instances: throughput, delivery times and each instance's CPU. */
async function manyBoards(ports: number[], servers: ServerProcess[], rows: Row[]): Promise<Record<string, unknown>> {
  const boards: { writer: Client; ids: string[]; readers: Reader[] }[] = [];
  // The stock provider listens for the process's exit, two per writer: 400 here, all meant.
  process.setMaxListeners(BOARDS * 2 + 50);
  for (let b = 0; b < BOARDS; b++) {
    const home = ports[b % ports.length];
    const board = await createBoard(`http://127.0.0.1:${home}`, `Enhet ${b}`);
    const writer: Client = connectClient(`ws://127.0.0.1:${home}/yjs`, board.id, board.memberToken);
    await waitFor(() => writer.provider.synced, 30_000, "a writer synced");
    const ids = Array.from({ length: NOTES_PER_BOARD }, (_, i) => `b${b}-${i}-`);
    const readers = await Promise.all(
      Array.from({ length: READERS_PER_BOARD }, (_, r) => openReader(`ws://127.0.0.1:${ports[(b + r) % ports.length]}/yjs/${board.id}?token=${board.viewerToken}`, ids)),
    );
    boards.push({ writer, ids, readers });
  }
  await sleep(2_000);
  const cpuBefore = servers.map((server) => processCpuSeconds(server.child.pid!));
  const sentAt = new Map<string, number>();
  const started = performance.now();
  const gap = BOARD_NOTE_EVERY_MS / BOARDS;
  for (let round = 0; round < NOTES_PER_BOARD; round++) {
    for (const [b, { writer, ids }] of boards.entries()) {
      // On a fixed schedule from the start, so a late timer does not slow the pace that follows.
      const due = started + (round * BOARDS + b) * gap;
      if (due > performance.now()) await sleep(due - performance.now());
      sentAt.set(ids[round], performance.now());
      createNote(writer.doc, { id: ids[round], x: round * 10, y: 0, text: ids[round], now: Date.now() }, "bench");
    }
  }
  const sendSeconds = (performance.now() - started) / 1000;
  const deliveries = BOARDS * READERS_PER_BOARD * NOTES_PER_BOARD;
  const arrived = () => boards.reduce((sum, board) => sum + board.readers.reduce((n, reader) => n + reader.arrivals.size, 0), 0);
  await waitFor(() => arrived() === deliveries, 120_000, "every note on every reader of every board").catch(() => undefined);
  const cpu = servers.map((server, i) => processCpuSeconds(server.child.pid!) - cpuBefore[i]);
  const times = boards.flatMap((board) => board.readers.flatMap((reader) => [...reader.arrivals].map(([id, at]) => at - sentAt.get(id)!)));
  const summary = summarize(times);
  const sent = BOARDS * NOTES_PER_BOARD;
  const scenario = `${BOARDS} boards × ${READERS_PER_BOARD + 1} clients over ${ports.length} instances`;
  rows.push({ part: "scale", scenario, metric: "notes sent per second (all boards)", value: `${Math.round(sent / sendSeconds)} /s` });
  rows.push({ part: "scale", scenario, metric: "deliveries per second while sending", value: `${Math.round((sent * READERS_PER_BOARD) / sendSeconds)} /s` });
  rows.push({ part: "scale", scenario, metric: "delivery p50 / p99", value: `${ms(summary.p50)} / ${ms(summary.p99)}` });
  rows.push({ part: "scale", scenario, metric: "lost deliveries", value: `${deliveries - times.length} of ${deliveries}` });
  rows.push({
    part: "scale",
    scenario,
    metric: "CPU per instance per 1,000 deliveries",
    value: cpu.map((value) => ms((value * 1000 * 1000) / times.length)).join(" / "),
  });
  for (const board of boards) {
    for (const reader of board.readers) reader.socket.terminate();
    board.writer.destroy();
  }
  return { [scenario]: { delivery: summary, deliveries: times.length, expected: deliveries, sendSeconds, cpuSeconds: cpu } };
}
