/**
 * One board, one writer on its holder, and 500 then 1,500 readers (viewer links) spread over 1, 2
 * and 3 instances with Redis (REDIS_URL): readers on an instance that does not hold the board are
 * served from its copy, fed by the board's Redis stream. Measures the delivery of a note to every
 * reader and what it costs the holder (its CPU time per note). Readers are raw websockets that
 * only receive, so the bench process is not what is measured.
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
  spawnServer,
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
        await spawnServer(
          "test/integration/fixtures/serve.ts",
          {
            PORT: String(port),
            DATA_DIR: dir,
            SAMLA_SECRET: secret,
            DATABASE_URL: database.url,
            SAMLA_INSTANCE_URL: `http://127.0.0.1:${port}`,
            REDIS_URL: `redis://127.0.0.1:${redisPort}`,
            SAMLA_TEST_STORE: "",
            SAMLA_LIMIT_WEBSOCKETS_PER_ADDRESS: "100000",
          },
          /listening (\d+)/,
          120_000,
        ),
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
    return {
      part: "scale",
      rows,
      warnings: [],
      notes: [
        `scale: ${SPREADS.length} instances on one PostgreSQL and one Redis (a redis-server of the bench's own), the writer on the board's holder; readers are viewer-link websockets spread round-robin over the first 1, 2 or 3 instances, those not on the holder served from that instance's copy. A note every ${NOTE_EVERY_MS} ms. Everything shares this machine's two cores: the numbers compare layouts, they do not say what separate machines sustain.`,
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
