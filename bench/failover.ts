/**
 * A server on PostgreSQL lost mid-workshop, with a standby (SAMLA_STANDBY=1) waiting: the time from
 * the running server's end to the last client served again, and whether every note survived.
 * A small TCP balancer stands in for HAProxy: each new connection goes to the first server that
 * accepts it, as a balancer with health checks would send it to the one that is up.
 */
import pg from "pg";
import * as Y from "yjs";
import { createNote } from "../lib/board/actions";
import { balancer } from "./balancer";
import { notesOf } from "../lib/schema/board";
import { SOLE_SERVER_APPLICATION } from "../server/storage/postgres/sole-server";
import { createTestDatabase } from "../server/storage/postgres/test-database";
import {
  benchSecret,
  connectClient,
  createBoard,
  ms,
  removeTempDir,
  sleep,
  spawnServer,
  summarize,
  tempDir,
  waitFor,
  type Client,
  type PartResult,
  type Row,
  type ServerProcess,
} from "./common";

const CLIENTS = 20;
const RUNS_KILLED = 10;
const RUNS_STOPPED = 5;
const WRITE_EVERY_MS = 100;

/** Whether a standby is asking for the database: a second claim connection beside the running server's. */
async function standbyWaiting(url: string): Promise<boolean> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    const result = await client.query("SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()", [SOLE_SERVER_APPLICATION]);
    return (result.rowCount ?? 0) >= 2;
  } finally {
    await client.end();
  }
}

export async function run(): Promise<PartResult> {
  const database = await createTestDatabase();
  const dirs = [tempDir("failover-a"), tempDir("failover-b")];
  const secret = benchSecret();
  const live = new Set<ServerProcess>();
  const start = (dir: string, standby: boolean) =>
    spawnServer(
      "test/integration/fixtures/serve.ts",
      { PORT: "0", DATA_DIR: dir, SAMLA_SECRET: secret, DATABASE_URL: database.url, SAMLA_STANDBY: standby ? "1" : "", SAMLA_TEST_STORE: "", SAMLA_LIMIT_WEBSOCKETS_PER_ADDRESS: "100000" },
      /listening (\d+)/,
      120_000,
    ).then((server) => {
      live.add(server);
      server.child.once("exit", () => live.delete(server));
      return server;
    });
  const { server: lb, port } = await balancer(() => [...live].map((server) => server.port));
  const clients: Client[] = [];
  try {
    let active = await start(dirs[0], false);
    let standby = start(dirs[1], true);
    const board = await createBoard(`http://127.0.0.1:${port}`, "Failover");
    const url = `ws://127.0.0.1:${port}/yjs`;
    const writerDoc = new Y.Doc();
    clients.push(connectClient(url, board.id, board.facilitatorToken, writerDoc));
    for (let i = 1; i < CLIENTS; i++) clients.push(connectClient(url, board.id, board.facilitatorToken));
    await waitFor(() => clients.every((c) => c.provider.synced), 30_000, "every client synced");

    let written = 0;
    let writing = true;
    const writes = (async () => {
      while (writing) {
        createNote(writerDoc, { id: `f${written}`, x: (written % 50) * 10, y: Math.floor(written / 50) * 10, text: `Lapp ${written}`, now: Date.now() }, "bench");
        written++;
        await sleep(WRITE_EVERY_MS);
      }
    })();

    const killed: number[] = [];
    const stopped: number[] = [];
    let dir = 0;
    for (let run = 0; run < RUNS_KILLED + RUNS_STOPPED; run++) {
      const deadline = Date.now() + 30_000;
      while (!(await standbyWaiting(database.url))) {
        if (Date.now() > deadline) throw new Error("the standby never queued for the database");
        await sleep(100);
      }
      await sleep(1_000);
      const kill = run < RUNS_KILLED;
      const t0 = performance.now();
      active.child.kill(kill ? "SIGKILL" : "SIGTERM");
      // Every client notices the loss, then is served again (synced) by the standby.
      await waitFor(() => clients.some((c) => !c.provider.synced), 10_000, "the clients to notice");
      await waitFor(() => clients.every((c) => c.provider.synced && c.sessionProvider.synced), 60_000, "every client served again");
      (kill ? killed : stopped).push(performance.now() - t0);
      active = await standby;
      dir = 1 - dir;
      standby = start(dirs[dir], true);
    }

    writing = false;
    await writes;
    await waitFor(() => clients.every((c) => notesOf(c.doc).size === written), 30_000, "every note on every client");
    const check = connectClient(url, board.id, board.facilitatorToken);
    clients.push(check);
    await waitFor(() => check.provider.synced && notesOf(check.doc).size === written, 30_000, "every note on a client that joins after");

    const k = summarize(killed);
    const s = summarize(stopped);
    const row = (metric: string, value: string): Row => ({ part: "failover", scenario: `1 server + standby on PostgreSQL, ${CLIENTS} stock clients through a balancer`, metric, value });
    return {
      part: "failover",
      rows: [
        row(`SIGKILL to the last client served again, ${RUNS_KILLED} runs: median / max`, `${ms(k.p50, 0)} / ${ms(k.max, 0)}`),
        row(`SIGTERM to the last client served again, ${RUNS_STOPPED} runs: median / max`, `${ms(s.p50, 0)} / ${ms(s.max, 0)}`),
        row("notes written across the runs / on every client at the end", `${written} / ${written}`),
      ],
      warnings: [],
      notes: [
        `failover: a note every ${WRITE_EVERY_MS} ms throughout; each run kills (or stops) the server that serves and starts the next standby. The stock client retries with its own backoff (100 ms doubling to 2.5 s); the standby waits in PostgreSQL's queue for the database and has it the moment the old connection ends.`,
      ],
      data: { killed, stopped, written, clients: CLIENTS },
    };
  } finally {
    for (const client of clients) client.destroy();
    for (const server of live) server.child.kill("SIGKILL");
    lb.close();
    await database.drop();
    for (const d of dirs) removeTempDir(d);
  }
}
