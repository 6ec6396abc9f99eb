import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import net from "node:net";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import pg from "pg";
import * as Y from "yjs";
import { createNote } from "../../lib/board/actions";
import { notesOf } from "../../lib/schema/board";
import { openConfiguredStorage } from "../../server/storage/open";
import { claimHeldBy, ClaimLostError } from "../../server/storage/postgres/fence";
import { CLAIM_TOKEN_LOCKS } from "../../server/storage/postgres/locks";
import { MIGRATIONS } from "../../server/storage/postgres/migrations";
import { openPostgresStorage } from "../../server/storage/postgres/postgres";
import { claimSoleServer, DatabaseInUseError, SOLE_SERVER_LOCK } from "../../server/storage/postgres/sole-server";
import { createTestDatabase, testDatabaseFor, TEST_POSTGRES_URL } from "../../server/storage/postgres/test-database";
import { connectClient, createBoard, delay, spawnServer, storedBoard, tempDir, waitFor, waitForDoc, whenSynced } from "./helpers";

/**
 * Samla on PostgreSQL as an operator runs it: `DATABASE_URL` set, the schema made on start, the
 * database going away and coming back. Always on the machine's PostgreSQL, whichever store the
 * rest of the suite runs on; fails, not skips, without it.
 */

/** Runs one statement as the administrator (pg_terminate_backend, ALTER DATABASE, pg_stat_activity). */
async function asAdmin<Row extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<pg.QueryResult<Row>> {
  const admin = new pg.Client(TEST_POSTGRES_URL);
  await admin.connect();
  try {
    return await admin.query<Row>(text, values);
  } finally {
    await admin.end();
  }
}

const databaseName = (url: string) => new URL(url).pathname.slice(1);

/** The process id of the PostgreSQL backend that holds the sole-server lock on `url`'s database, or null. */
async function lockHolder(url: string): Promise<number | null> {
  const result = await asAdmin<{ pid: number }>(
    "SELECT l.pid FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE l.locktype = 'advisory' AND l.granted AND l.objid = $1 AND d.datname = $2",
    [SOLE_SERVER_LOCK, databaseName(url)],
  );
  return result.rows[0]?.pid ?? null;
}

/** Ends every connection the server holds to its database, as a PostgreSQL restart or failover would. */
const cutConnections = (url: string) => asAdmin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [databaseName(url)]);

/**
 * A TCP relay to PostgreSQL that can go silent: `silence()` stops carrying what the connections
 * open now send, without closing them, as a stalled network between a server and PostgreSQL
 * would (the client gives up; PostgreSQL still counts the backend alive). New connections pass.
 */
async function silentLink(target: { host: string; port: number }): Promise<{ port: number; silence(): void; close(): Promise<void> }> {
  const open: Array<[net.Socket, net.Socket]> = [];
  const silenced: net.Socket[] = [];
  const server = net.createServer((inbound) => {
    const outbound = net.connect(target.port, target.host);
    inbound.pipe(outbound);
    outbound.pipe(inbound);
    for (const socket of [inbound, outbound]) socket.on("error", () => undefined);
    open.push([inbound, outbound]);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    silence() {
      for (const [inbound, outbound] of open.splice(0)) {
        inbound.unpipe(outbound);
        outbound.unpipe(inbound);
        // Neither end hears of the other's close: PostgreSQL's side stays open until the test ends.
        for (const socket of [inbound, outbound]) {
          socket.pause();
          socket.removeAllListeners("end");
          silenced.push(socket);
        }
      }
    },
    async close() {
      for (const socket of silenced.splice(0)) socket.destroy();
      for (const pair of open.splice(0)) for (const socket of pair) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Starts the test server on `url` expecting it to refuse: its exit code and what it wrote to stderr. */
function refusedServer(url: string): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "test/integration/fixtures/serve.ts"], {
    env: { ...process.env, PORT: "0", DATA_DIR: tempDir(), DATABASE_URL: url, SAMLA_TEST_STORE: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout!.on("data", (chunk: Buffer) => {
    if (chunk.toString().includes("listening")) child.kill("SIGKILL");
  });
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, stderr })));
}

describe("Samla on PostgreSQL", () => {
  const dataDir = tempDir();
  const servers: Array<{ kill(): Promise<void> }> = [];
  after(async () => {
    for (const server of servers) await server.kill();
  });

  test("a server given DATABASE_URL makes the schema, says it is ready, and its boards survive a SIGKILL", async () => {
    const server = await spawnServer(dataDir, 0, { SAMLA_TEST_STORE: "postgres" });
    servers.push(server);
    assert.equal((await fetch(`${server.http}/readyz`)).status, 200);
    const board = await createBoard(server.http, "Arbetsmöte 1");
    const writer = connectClient(server.ws, board.id, board.facilitatorToken);
    await whenSynced(writer.provider);
    createNote(writer.doc, { id: "kept", x: 0, y: 0, text: "Morgonrutiner", now: Date.now() }, "test");
    const url = readFileSync(join(dataDir, "test-postgres-url"), "utf8");
    const storage = await openPostgresStorage(url);
    try {
      await waitFor(async () => notesOf((await storedBoard(storage, board.id)).doc).has("kept"), 5_000, "the note in PostgreSQL");
    } finally {
      await storage.close();
    }
    writer.destroy();
    await server.kill();

    const again = await spawnServer(dataDir, 0, { SAMLA_TEST_STORE: "postgres" });
    servers.push(again);
    const reader = connectClient(again.ws, board.id, board.facilitatorToken);
    try {
      await whenSynced(reader.provider);
      assert.equal(notesOf(reader.doc).get("kept")?.get("x"), 0);
    } finally {
      reader.destroy();
      await again.kill();
    }
  });

  test("PostgreSQL cutting the server's connections mid-session loses no note: writes go on, and /readyz follows the database", async () => {
    const server = await spawnServer(dataDir, 0, { SAMLA_TEST_STORE: "postgres" });
    servers.push(server);
    const url = await testDatabaseFor(dataDir);
    const board = await createBoard(server.http, "Avbrott");
    const writer = connectClient(server.ws, board.id, board.facilitatorToken);
    const reader = connectClient(server.ws, board.id, board.facilitatorToken);
    try {
      await Promise.all([whenSynced(writer.provider), whenSynced(reader.provider)]);
      const written: string[] = [];
      for (let i = 0; i < 12; i++) {
        if (i === 4) await cutConnections(url);
        createNote(writer.doc, { id: `n${i}`, x: i * 10, y: 0, text: `Lapp ${i}`, now: Date.now() }, "test");
        written.push(`n${i}`);
        await delay(30);
      }
      await waitForDoc(reader.doc, () => written.every((id) => notesOf(reader.doc).has(id)), 15_000, "every note on the other client");

      // The database refuses connections for a while: not ready; back: ready again, nothing lost.
      await asAdmin(`ALTER DATABASE ${databaseName(url)} ALLOW_CONNECTIONS false`);
      await cutConnections(url);
      await waitFor(async () => (await fetch(`${server.http}/readyz`)).status === 503, 5_000, "/readyz says 503 without the database");
      await asAdmin(`ALTER DATABASE ${databaseName(url)} ALLOW_CONNECTIONS true`);
      await waitFor(async () => (await fetch(`${server.http}/readyz`)).status === 200, 5_000, "/readyz says 200 again");
      createNote(writer.doc, { id: "after", x: 0, y: 100, text: "Efter", now: Date.now() }, "test");
      await waitForDoc(reader.doc, () => notesOf(reader.doc).has("after"), 15_000, "a note written after the database came back");

      const storage = await openPostgresStorage(url);
      try {
        const stored = (await storedBoard(storage, board.id)).doc;
        assert.deepEqual([...written, "after"].filter((id) => !notesOf(stored).has(id)), [], "every note is in PostgreSQL");
      } finally {
        await storage.close();
      }
    } finally {
      writer.destroy();
      reader.destroy();
    }
  });

  test("a second server on the same database is refused with a clear message; the first keeps serving, and its successor starts once it is gone", async () => {
    const ownDir = tempDir();
    const first = await spawnServer(ownDir, 0, { SAMLA_TEST_STORE: "postgres" });
    servers.push(first);
    const url = await testDatabaseFor(ownDir);
    const refused = await refusedServer(url);
    assert.notEqual(refused.code, 0, "the second server does not start");
    assert.match(refused.stderr, /Another Samla server is using this database/);
    assert.equal((await fetch(`${first.http}/readyz`)).status, 200);
    const board = await createBoard(first.http, "Bara en server");
    assert.ok(board.id);

    await first.kill();
    const successor = await spawnServer(ownDir, 0, { SAMLA_TEST_STORE: "postgres" });
    servers.push(successor);
    assert.equal((await fetch(`${successor.http}/readyz`)).status, 200);
  });

  test("SIGTERM mid-session (a restart or upgrade): clients are told the server restarts (1012), a successor waiting for the database takes over, and no note is lost", async () => {
    const ownDir = tempDir();
    const first = await spawnServer(ownDir, 0, { SAMLA_TEST_STORE: "postgres" });
    servers.push(first);
    const board = await createBoard(first.http, "Omstart");
    const doc = new Y.Doc();
    const writer = connectClient(first.ws, board.id, board.facilitatorToken, doc);
    const closeCodes: number[] = [];
    writer.provider.on("connection-close", (event) => closeCodes.push(event?.code ?? 0));
    await whenSynced(writer.provider);
    let writing = true;
    let written = 0;
    const writes = (async () => {
      while (writing) {
        createNote(doc, { id: `r${written}`, x: written * 10, y: 0, text: `Lapp ${written}`, now: Date.now() }, "test");
        written++;
        await delay(20);
      }
    })();
    // The successor starts while the first still serves (a rolling upgrade); it waits for the database.
    const successorStarting = spawnServer(ownDir, 0, { SAMLA_TEST_STORE: "postgres" });
    await delay(500);
    // What was sent this long before the stop is the server's to keep, with no help from the writer.
    const sentBefore = written;
    await delay(300);
    const exited = new Promise<number | null>((resolve) => first.child.once("exit", (code) => resolve(code)));
    first.child.kill("SIGTERM");
    assert.equal(await exited, 0, "the first server stops cleanly");
    const successor = await successorStarting;
    servers.push(successor);
    writing = false;
    await writes;
    writer.destroy();
    assert.ok(closeCodes.includes(1012), `the client was told the server restarts (saw ${closeCodes.join(", ")})`);
    assert.ok(written > 10, "notes were written across the stop");

    const reader = connectClient(successor.ws, board.id, board.facilitatorToken);
    let back: ReturnType<typeof connectClient> | null = null;
    try {
      await whenSynced(reader.provider);
      const kept = Array.from({ length: sentBefore }, (_, i) => `r${i}`).filter((id) => !notesOf(reader.doc).has(id));
      assert.deepEqual(kept, [], "every note sent before the stop was stored by the server that stopped");
      // The writer's client comes back (its own backoff would take it to the successor behind a balancer) with the rest.
      back = connectClient(successor.ws, board.id, board.facilitatorToken, doc);
      await whenSynced(back.provider);
      await waitForDoc(reader.doc, () => notesOf(reader.doc).size === written, 15_000, "every note on a reader of the successor");
    } finally {
      back?.destroy();
      reader.destroy();
    }
  });

  test("a standby (SAMLA_STANDBY=1) waits without serving while another server holds the database, and takes over with every note when that server is killed", async () => {
    const ownDir = tempDir();
    const first = await spawnServer(ownDir, 0, { SAMLA_TEST_STORE: "postgres" });
    servers.push(first);
    const board = await createBoard(first.http, "Reserv");
    const doc = new Y.Doc();
    const writer = connectClient(first.ws, board.id, board.facilitatorToken, doc);
    await whenSynced(writer.provider);
    let standbyListening = false;
    const standbyStarting = spawnServer(ownDir, 0, { SAMLA_TEST_STORE: "postgres", SAMLA_STANDBY: "1" }).then((server) => {
      standbyListening = true;
      servers.push(server);
      return server;
    });
    for (let i = 0; i < 20; i++) {
      createNote(doc, { id: `s${i}`, x: i * 10, y: 0, text: `Lapp ${i}`, now: Date.now() }, "test");
      await delay(50);
    }
    // Well past the 5 s an ordinary second server waits before it refuses.
    await delay(6_000);
    assert.equal(standbyListening, false, "the standby does not serve while the first holds the database");
    await waitFor(async () => (await fetch(`${first.http}/readyz`)).status === 200, 1_000, "the first still ready");

    await first.kill();
    const standby = await standbyStarting;
    writer.destroy();
    // A reader alone: the notes are in the database the standby took over, not only on the writer.
    const reader = connectClient(standby.ws, board.id, board.facilitatorToken);
    try {
      await whenSynced(reader.provider);
      assert.equal(notesOf(reader.doc).size, 20, "every note on a reader of the standby");
      assert.equal((await fetch(`${standby.http}/readyz`)).status, 200);
    } finally {
      reader.destroy();
    }
  });

  test("a standby whose database does not exist says so and stops, instead of waiting for ever", async () => {
    const url = new URL(TEST_POSTGRES_URL);
    url.pathname = "/samla_no_such_database";
    await assert.rejects(claimSoleServer(url.toString(), { standby: true, onTaken: () => undefined }), /database "samla_no_such_database" does not exist/);
  });

  test("a server whose claim on the database is lost takes it back; if another took it meanwhile, the server is told to stop", async () => {
    const database = await createTestDatabase();
    try {
      let taken = false;
      const claim = await claimSoleServer(database.url, { onTaken: () => (taken = true) });
      await assert.rejects(claimSoleServer(database.url, { waitMs: 300, onTaken: () => undefined }), DatabaseInUseError);

      const before = await lockHolder(database.url);
      await asAdmin("SELECT pg_terminate_backend($1)", [before]);
      await waitFor(() => !claim.held(), 5_000, "the claim seen lost when its connection ended");
      await waitFor(async () => claim.held() && (await lockHolder(database.url)) !== before, 5_000, "the claim taken back on a new connection");
      assert.equal(taken, false);

      // Another takes the lock the moment the claim's connection ends (a blocking request waits in line for it).
      const rival = new pg.Client({ connectionString: database.url, query_timeout: 10_000 });
      await rival.connect();
      try {
        const rivalClaim = rival.query("SELECT pg_advisory_lock($1)", [SOLE_SERVER_LOCK]);
        await delay(100);
        await asAdmin("SELECT pg_terminate_backend($1)", [await lockHolder(database.url)]);
        await rivalClaim;
        await waitFor(() => taken, 5_000, "the server told another took its database");
        assert.equal(claim.held(), false);
      } finally {
        await rival.end();
        await claim.release();
      }
    } finally {
      await database.drop();
    }
  });

  test("a server whose claim's connection stalled writes no history until it has taken the claim back from its own old connection, and is not told to stop", async () => {
    const database = await createTestDatabase();
    let stopped: number | null = null;
    try {
      let taken = false;
      const storage = await openConfiguredStorage({ dataDir: tempDir(), databaseUrl: database.url, standby: false }, { onDatabaseTaken: () => (taken = true), log: () => undefined });
      await storage.createBoard({ id: "stalled1", title: "Stannad", createdAt: Date.now(), tokenSalt: "salt" });
      const update = () => {
        const doc = new Y.Doc();
        doc.getMap("probe").set("at", Date.now());
        return Y.encodeStateAsUpdate(doc);
      };
      await storage.append("stalled1", { board: update() });

      // The backend freezes (as a stalled network leaves it): PostgreSQL holds the lock for it, but it answers nothing.
      const holder = await lockHolder(database.url);
      assert.ok(holder, "the lock is held");
      assert.match(readFileSync(`/proc/${holder}/cmdline`, "utf8"), /postgres/, "PostgreSQL runs on this machine: the test pauses one of its processes");
      stopped = holder;
      process.kill(holder, "SIGSTOP");
      await waitFor(() => storage.checkHealth().then(() => false, () => true), 15_000, "the heartbeat gives up on the stalled connection");
      await assert.rejects(storage.append("stalled1", { board: update() }), /no longer holds the database/);
      await assert.rejects(storage.compact("stalled1", update(), 1), /no longer holds the database/);
      process.kill(holder, "SIGCONT");
      stopped = null;

      await waitFor(() => storage.checkHealth().then(() => true, () => false), 10_000, "the claim taken back");
      assert.notEqual(await lockHolder(database.url), holder, "on a new connection");
      assert.equal(taken, false, "its own old connection is not another server");
      await storage.append("stalled1", { board: update() });
      assert.equal((await storage.loadDocument("stalled1")).updates.length, 2, "the two writes made while claimed, not the refused one");
      await storage.close();
    } finally {
      if (stopped !== null) process.kill(stopped, "SIGCONT");
      await database.drop();
    }
  });

  test("a server whose connection to PostgreSQL went silent ends its own old backend, which still holds the database, and claims it again", async () => {
    const database = await createTestDatabase();
    const direct = new URL(database.url);
    const link = await silentLink({ host: direct.hostname, port: Number(direct.port || 5432) });
    const throughLink = Object.assign(new URL(database.url), { host: `127.0.0.1:${link.port}` }).toString();
    let taken = false;
    const claim = await claimSoleServer(throughLink, { onTaken: () => (taken = true) });
    try {
      const first = await lockHolder(database.url);
      assert.ok(first, "the claim holds the lock");

      link.silence();
      await waitFor(() => !claim.held(), 15_000, "the heartbeat gives up on the silent connection");
      // PostgreSQL never heard of it: unless the server ends that backend, the lock stays with it for good.
      await waitFor(() => claim.held(), 15_000, "the claim taken back");
      const second = await lockHolder(database.url);
      assert.ok(second !== null && second !== first, "held by a new backend");
      const left = await asAdmin("SELECT 1 FROM pg_stat_activity WHERE pid = $1", [first]);
      assert.equal(left.rowCount, 0, "the old backend was ended");
      assert.equal(taken, false, "its own old backend is not another server");
    } finally {
      await claim.release();
      await link.close();
      await database.drop();
    }
  });

  test("PostgreSQL itself refuses a board's history from a server whose claim has ended, and a new claim waits for the writes still in flight", async () => {
    const database = await createTestDatabase();
    const holder = new pg.Client(database.url);
    const inFlight = new pg.Client(database.url);
    let successor: Promise<{ release(): Promise<void> }> | null = null;
    try {
      // A claim as sole-server.ts makes it: the database's lock and the claim's own token lock.
      await holder.connect();
      const token = 123_456;
      await holder.query("SELECT pg_advisory_lock($1), pg_advisory_lock($2, $3)", [SOLE_SERVER_LOCK, CLAIM_TOKEN_LOCKS, token]);
      const storage = await openPostgresStorage(database.url, { claim: () => token });
      await storage.createBoard({ id: "fenced01", title: "Staket", createdAt: Date.now(), tokenSalt: "salt" });
      const update = () => {
        const doc = new Y.Doc();
        doc.getMap("probe").set("at", Math.random());
        return Y.encodeStateAsUpdate(doc);
      };
      await storage.append("fenced01", { board: update() });
      await storage.append("fenced01", { board: update(), session: update() });

      // A write that has passed the fence and not yet committed when the claim's connection ends:
      await inFlight.connect();
      await inFlight.query("BEGIN");
      const [{ held }] = (await inFlight.query<{ held: boolean }>(`SELECT ${claimHeldBy("$1")} AS held`, [token])).rows;
      assert.equal(held, true);
      await holder.end();
      let claimed = false;
      successor = claimSoleServer(database.url, { onTaken: () => undefined }).then((claim) => ((claimed = true), claim));
      await delay(500);
      assert.equal(claimed, false, "the new claim waits for the write in flight");
      await inFlight.query("COMMIT");
      await successor;

      // The old server has not noticed yet and still names its old backend: PostgreSQL says no.
      await assert.rejects(storage.append("fenced01", { board: update() }), ClaimLostError);
      await assert.rejects(storage.append("fenced01", { board: update(), session: update() }), ClaimLostError);
      await assert.rejects(storage.compact("fenced01", update(), 1), ClaimLostError);
      await assert.rejects(storage.deleteBoard("fenced01"), ClaimLostError, "nor may it empty the board");
      assert.equal((await storage.loadDocument("fenced01")).updates.length, 2, "only the writes made while the claim held");
      await storage.close();
    } finally {
      await inFlight.end().catch(() => undefined);
      await (await successor?.catch(() => null))?.release();
      await holder.end().catch(() => undefined);
      await database.drop();
    }
  });

  test("a migration that fails says which step and why, changes nothing, and lets the next start try again", async () => {
    const database = await createTestDatabase();
    try {
      // Something else's table where Samla's first step wants its own.
      const other = new pg.Client(database.url);
      await other.connect();
      await other.query("CREATE TABLE boards (name TEXT)");
      await assert.rejects(openPostgresStorage(database.url), /migration 1 \(the tables of the SQLite store\) failed: relation "boards" already exists/);
      const applied = await other.query("SELECT version FROM schema_migrations");
      assert.equal(applied.rowCount, 0, "no step recorded");
      await other.query("DROP TABLE boards");
      await other.end();
      const storage = await openPostgresStorage(database.url);
      assert.equal(await storage.migrated(), true, "the lock was let go: the next start migrates");
      await storage.close();
    } finally {
      await database.drop();
    }
  });

  test("two servers starting on a new database at once make its schema once", async () => {
    const database = await createTestDatabase();
    try {
      const [one, two] = await Promise.all([openPostgresStorage(database.url), openPostgresStorage(database.url)]);
      await Promise.all([one.checkHealth(), two.checkHealth()]);
      assert.equal(await one.migrated(), true);
      await Promise.all([one.close(), two.close()]);
      const client = new pg.Client(database.url);
      await client.connect();
      const steps = await client.query("SELECT version FROM schema_migrations");
      await client.end();
      assert.deepEqual(steps.rows.map((row: { version: number }) => row.version).sort(), MIGRATIONS.map((step) => step.version));
    } finally {
      await database.drop();
    }
  });
});
