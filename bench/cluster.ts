/**
 * Three instances on one PostgreSQL (SAMLA_INSTANCE_URL) behind a round-robin balancer that knows
 * nothing of boards: what a delivery costs when the client reached another instance than the
 * board's holder (the request is passed on), and how long the board is away when its holder is
 * killed (SIGKILL) or stopped (SIGTERM), with every note kept.
 */
import pg from "pg";
import * as Y from "yjs";
import { createNote } from "../lib/board/actions";
import { notesOf } from "../lib/schema/board";
import { createTestDatabase } from "../server/storage/postgres/test-database";
import { balancer } from "./balancer";
import {
  benchSecret,
  connectClient,
  createBoard,
  freePort,
  ms,
  removeTempDir,
  sleep,
  spawnInstance,
  summarize,
  tempDir,
  waitFor,
  type Client,
  type PartResult,
  type Row,
  type ServerProcess,
} from "./common";

const INSTANCES = 3;
const CLIENTS = 20;
const DELIVERIES = 200;
const RUNS_KILLED = 10;
const RUNS_STOPPED = 5;
const WRITE_EVERY_MS = 100;

/** The time from a note written on `writer` to its arrival on each of `readers`, `count` times. */
async function deliveries(writer: Client, readers: Client[], count: number, prefix: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const id = `${prefix}${i}`;
    const arrived = readers.map(
      (reader) =>
        new Promise<number>((resolve) => {
          const check = () => {
            if (!notesOf(reader.doc).has(id)) return;
            reader.doc.off("update", check);
            resolve(performance.now());
          };
          reader.doc.on("update", check);
        }),
    );
    const sentAt = performance.now();
    createNote(writer.doc, { id, x: i * 10, y: 0, text: `Lapp ${i}`, now: Date.now() }, "bench");
    for (const at of await Promise.all(arrived)) times.push(at - sentAt);
  }
  return times;
}

export async function run(): Promise<PartResult> {
  const database = await createTestDatabase();
  const admin = new pg.Pool({ connectionString: database.url, max: 1 });
  const dir = tempDir("cluster");
  const secret = benchSecret();
  const ports = await Promise.all(Array.from({ length: INSTANCES }, () => freePort()));
  const live = new Map<number, ServerProcess>();
  const start = (port: number) =>
    spawnInstance(port, { dataDir: dir, secret, databaseUrl: database.url }).then((server) => {
      live.set(port, server);
      server.child.once("exit", () => live.get(port) === server && live.delete(port));
      return server;
    });
  const holderPort = async (boardId: string) => {
    const lease = await admin.query<{ owner_url: string }>("SELECT owner_url FROM board_leases WHERE board_id = $1 AND expires_at > now()", [boardId]);
    return lease.rows[0] ? Number(new URL(lease.rows[0].owner_url).port) : null;
  };
  const { server: lb, port: lbPort } = await balancer(() => ports.filter((port) => live.has(port)), "round-robin");
  const clients: Client[] = [];
  try {
    await Promise.all(ports.map(start));
    const board = await createBoard(`http://127.0.0.1:${ports[0]}`, "Kluster");

    // Deliveries: a writer on the holder; readers on the holder and on the two others.
    const writer = connectClient(`ws://127.0.0.1:${ports[0]}/yjs`, board.id, board.facilitatorToken);
    clients.push(writer);
    await waitFor(() => writer.provider.synced, 30_000, "the writer synced");
    const holder = await holderPort(board.id);
    if (holder !== ports[0]) throw new Error("the first instance should hold the board it loaded first");
    const sameInstance = [0, 1].map(() => connectClient(`ws://127.0.0.1:${ports[0]}/yjs`, board.id, board.viewerToken));
    const passedOn = [1, 2].map((i) => connectClient(`ws://127.0.0.1:${ports[i]}/yjs`, board.id, board.viewerToken));
    clients.push(...sameInstance, ...passedOn);
    await waitFor(() => [...sameInstance, ...passedOn].every((c) => c.provider.synced), 30_000, "the readers synced");
    const direct = summarize(await deliveries(writer, sameInstance, DELIVERIES, "d"));
    const forwarded = summarize(await deliveries(writer, passedOn, DELIVERIES, "f"));

    // Failover: 20 clients through the balancer, a note every 100 ms throughout.
    const url = `ws://127.0.0.1:${lbPort}/yjs`;
    const writerDoc = new Y.Doc();
    const throughBalancer = [connectClient(url, board.id, board.facilitatorToken, writerDoc)];
    for (let i = 1; i < CLIENTS; i++) throughBalancer.push(connectClient(url, board.id, board.facilitatorToken));
    clients.push(...throughBalancer);
    await waitFor(() => throughBalancer.every((c) => c.provider.synced), 30_000, "every client synced");
    const before = notesOf(writerDoc).size;
    let written = 0;
    let writing = true;
    const writes = (async () => {
      while (writing) {
        createNote(writerDoc, { id: `w${written}`, x: (written % 50) * 10, y: 200 + Math.floor(written / 50) * 10, text: `Lapp ${written}`, now: Date.now() }, "bench");
        written++;
        await sleep(WRITE_EVERY_MS);
      }
    })();
    const killed: number[] = [];
    const stopped: number[] = [];
    for (let run = 0; run < RUNS_KILLED + RUNS_STOPPED; run++) {
      await sleep(1_000);
      const port = await holderPort(board.id);
      const serving = port === null ? undefined : live.get(port);
      if (!serving || port === null) throw new Error("no instance holds the board");
      const kill = run < RUNS_KILLED;
      const t0 = performance.now();
      serving.child.kill(kill ? "SIGKILL" : "SIGTERM");
      await new Promise((resolve) => serving.child.once("exit", resolve));
      // Every client whose connection ran through the holder notices, then is served again.
      await waitFor(() => throughBalancer.some((c) => !c.provider.synced), 10_000, "the clients to notice");
      await waitFor(() => throughBalancer.every((c) => c.provider.synced && c.sessionProvider.synced), 60_000, "every client served again");
      (kill ? killed : stopped).push(performance.now() - t0);
      await start(port);
    }
    writing = false;
    await writes;
    const total = before + written;
    await waitFor(() => throughBalancer.every((c) => notesOf(c.doc).size === total), 30_000, "every note on every client");
    const stored = await admin.query<{ n: number }>("SELECT count(*)::int AS n FROM updates WHERE board_id = $1", [board.id]);

    const d = (s: ReturnType<typeof summarize>) => `${ms(s.p50)} / ${ms(s.p99)}`;
    const k = summarize(killed);
    const s = summarize(stopped);
    const scenario = `${INSTANCES} instances on PostgreSQL, round-robin balancer`;
    const row = (metric: string, value: string): Row => ({ part: "cluster", scenario, metric, value });
    return {
      part: "cluster",
      rows: [
        row(`delivery to a reader on the holder, ${DELIVERIES} notes x 2 readers: p50 / p99`, d(direct)),
        row(`delivery to a reader on another instance (passed on), ${DELIVERIES} notes x 2 readers: p50 / p99`, d(forwarded)),
        row(`SIGKILL of the holder to the last of ${CLIENTS} clients served again, ${RUNS_KILLED} runs: median / max`, `${ms(k.p50, 0)} / ${ms(k.max, 0)}`),
        row(`SIGTERM of the holder to the last client served again, ${RUNS_STOPPED} runs: median / max`, `${ms(s.p50, 0)} / ${ms(s.max, 0)}`),
        row("notes written / on every client at the end", `${total} / ${total}`),
      ],
      warnings: [],
      notes: [
        `cluster: a note every ${WRITE_EVERY_MS} ms through the failovers; each run ends the instance holding the board and starts it again on its port. The stock client retries with its own backoff (100 ms doubling to 2.5 s); an instance that finds the holder refusing connections takes the board at once. ${stored.rows[0].n} update rows stored for the board.`,
      ],
      data: { direct, forwarded, killed, stopped, written: total },
    };
  } finally {
    for (const client of clients) client.destroy();
    for (const server of live.values()) server.child.kill("SIGKILL");
    lb.close();
    await admin.end();
    await database.drop();
    removeTempDir(dir);
  }
}
