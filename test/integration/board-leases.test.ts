import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import pg from "pg";
import * as Y from "yjs";
import { BoardLeases, leaseFence } from "../../server/storage/postgres/board-leases";
import { ClaimLostError } from "../../server/storage/postgres/fence";
import { joinCluster, LoneServerError } from "../../server/storage/postgres/cluster-membership";
import { claimSoleServer, DatabaseInUseError } from "../../server/storage/postgres/sole-server";
import { openPool } from "../../server/storage/postgres/pool";
import { openPostgresStorage, type PostgresStorage } from "../../server/storage/postgres/postgres";
import { createTestDatabase } from "../../server/storage/postgres/test-database";
import { delay } from "./helpers";

/**
 * Each board's lease and the epoch that fences its writes (server/storage/postgres/board-leases.ts),
 * for two instances on one database, without their servers: what the cluster tests cannot time
 * (a write of a paused holder that reaches PostgreSQL after the takeover) is made to happen here.
 * PostgreSQL on every pass; fails, never skips, when it is unreachable.
 */


describe("board leases on PostgreSQL", () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  // Clients, not a pool: a pool's end() resolves before its connections have closed, and the
  // database's forced drop would end them under it.
  let adminClient: pg.Client;
  const admin = () => adminClient;
  const connectAdmin = async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    return client;
  };
  const opened: Array<{ close(): Promise<void> }> = [];

  before(async () => {
    database = await createTestDatabase();
    adminClient = await connectAdmin();
    opened.push({ close: () => adminClient.end() });
  });
  after(async () => {
    for (const thing of opened.reverse()) await thing.close();
    await database?.drop();
  });

  /** An instance's leases (never renewed by a timer here) and its store, fenced by them. */
  async function instance(name: string) {
    const pool = openPool(database.url);
    const leases = new BoardLeases(pool, { instanceId: `${name}-${Math.random()}`, instanceUrl: `http://${name}:3000` });
    const storage: PostgresStorage = await openPostgresStorage(database.url, { fence: leaseFence(leases) });
    const lost: string[] = [];
    leases.whenLost((boardId) => lost.push(boardId));
    opened.push({ close: () => storage.close() }, { close: () => pool.end() });
    return { leases, storage, lost };
  }

  async function newBoard(storage: PostgresStorage, id: string) {
    await storage.createBoard({ id, title: "Test", createdAt: Date.now(), tokenSalt: "salt" });
  }

  const update = (text: string) => {
    const doc = new Y.Doc();
    doc.getText("t").insert(0, text);
    return Y.encodeStateAsUpdate(doc);
  };

  test("one instance holds a board; the other is told where it is served, and takes it at once when it is let go, at the next epoch", async () => {
    const a = await instance("a");
    const b = await instance("b");
    await newBoard(a.storage, "lease-1");
    assert.deepEqual(await a.leases.claim("lease-1"), { here: true });
    const elsewhere = await b.leases.claim("lease-1");
    assert.equal(elsewhere.here, false);
    assert.equal(!elsewhere.here && elsewhere.ownerUrl, "http://a:3000");
    assert.equal(a.leases.epochOf("lease-1"), 1);

    await a.leases.release("lease-1");
    assert.deepEqual(await b.leases.claim("lease-1"), { here: true });
    assert.equal(b.leases.epochOf("lease-1"), 2);
    await b.storage.append("lease-1", { board: update("b") });
    await assert.rejects(a.storage.append("lease-1", { board: update("a") }), ClaimLostError, "a let it go");
  });

  test("a holder whose lease ran out is taken over, and then writes nothing: no append, no compaction; its renewal finds the board lost", async () => {
    const a = await instance("a");
    const b = await instance("b");
    await newBoard(a.storage, "lease-2");
    await a.leases.claim("lease-2");
    await a.storage.append("lease-2", { board: update("before") });
    assert.equal((await b.leases.claim("lease-2")).here, false, "not before the lease runs out");

    // Its time runs out (in PostgreSQL's clock, the one every instance reads).
    await admin().query("UPDATE board_leases SET expires_at = now() WHERE board_id = 'lease-2'");
    assert.deepEqual(await b.leases.claim("lease-2"), { here: true });
    // The paused holder wakes up and writes before it has renewed: PostgreSQL refuses every write.
    await assert.rejects(a.storage.append("lease-2", { board: update("stale") }), ClaimLostError);
    await assert.rejects(a.storage.append("lease-2", { board: update("stale"), session: update("stale") }), ClaimLostError);
    await assert.rejects(a.storage.compact("lease-2", update("stale snapshot"), 999), ClaimLostError);
    await b.storage.append("lease-2", { board: update("after") });

    const stored = await b.storage.loadDocument("lease-2");
    const doc = new Y.Doc();
    for (const each of stored.updates) Y.applyUpdate(doc, each);
    assert.equal(stored.snapshot, null, "the stale compaction wrote no snapshot");
    assert.equal(stored.updates.length, 2);
    assert.ok(!doc.getText("t").toString().includes("stale"));

    await a.leases.renew();
    assert.deepEqual(a.lost, ["lease-2"]);
    assert.equal(a.leases.epochOf("lease-2"), null);
  });

  test("what the server decides beside the document is fenced too: a stale holder adds, edits, places or deletes no held note, moves no dot and erases nobody", async () => {
    const a = await instance("a");
    const b = await instance("b");
    await newBoard(a.storage, "lease-6");
    await a.leases.claim("lease-6");
    const person = { boardId: "lease-6", id: "p1", name: "Eva", createdAt: 1, via: "code" as const };
    await a.storage.addParticipant(person);
    const held = (id: string, text: string) => ({
      boardId: "lease-6",
      id,
      participantId: "p1",
      idempotencyKey: id,
      text,
      color: "yellow",
      held: true,
      author: null,
      createdAt: 2,
      target: null,
    });
    await a.storage.addParticipantNote(held("n1", "while held"));
    await a.storage.setDots("lease-6", "v1", "p1", "n1", 1);

    await admin().query("UPDATE board_leases SET expires_at = now() WHERE board_id = 'lease-6'");
    assert.deepEqual(await b.leases.claim("lease-6"), { here: true });
    await assert.rejects(a.storage.addParticipantNote(held("n2", "stale")), ClaimLostError);
    await assert.rejects(a.storage.updateParticipantNote("lease-6", "n1", { text: "stale edit" }), ClaimLostError);
    await assert.rejects(a.storage.markPlaced("lease-6", ["n1"]), ClaimLostError);
    await assert.rejects(a.storage.deleteParticipantNote("lease-6", "n1"), ClaimLostError);
    await assert.rejects(a.storage.setDots("lease-6", "v1", "p1", "n1", 3), ClaimLostError);
    await assert.rejects(a.storage.setDots("lease-6", "v1", "p1", "n1", 0), ClaimLostError);
    await assert.rejects(a.storage.eraseParticipant("lease-6", "p1", "remove"), ClaimLostError);

    assert.deepEqual(
      (await b.storage.listHeldNotes("lease-6")).map((note) => [note.id, note.text]),
      [["n1", "while held"]],
    );
    assert.deepEqual(await b.storage.tally("lease-6", "v1"), { n1: 1 });
    assert.ok(await b.storage.getParticipant("lease-6", "p1"));
    // The holder now writes all of it.
    await b.storage.setDots("lease-6", "v1", "p1", "n1", 2);
    await b.storage.markPlaced("lease-6", ["n1"]);
    assert.deepEqual(await b.storage.tally("lease-6", "v1"), { n1: 2 });
    assert.deepEqual(await b.storage.listHeldNotes("lease-6"), []);
    assert.ok(await b.storage.eraseParticipant("lease-6", "p1", "remove"));
  });

  test("a write checked before a takeover commits is refused once the takeover commits: the fence locks the lease row", async () => {
    const a = await instance("a");
    await newBoard(a.storage, "lease-5");
    await a.leases.claim("lease-5");
    const takeover = await connectAdmin();
    try {
      await takeover.query("BEGIN");
      await takeover.query("UPDATE board_leases SET owner = 'b', epoch = epoch + 1 WHERE board_id = 'lease-5'");
      const stale = a.storage.append("lease-5", { board: update("stale") });
      const outcome = stale.then(() => "written", (error: unknown) => (error instanceof ClaimLostError ? "refused" : String(error)));
      await delay(200);
      await takeover.query("COMMIT");
      assert.equal(await outcome, "refused");
    } finally {
      await takeover.end();
    }
    assert.equal((await a.storage.loadDocument("lease-5")).updates.length, 0);
  });

  test("a holder found gone is taken over before its lease runs out, once: a second takeover of the same epoch does nothing", async () => {
    const a = await instance("a");
    const b = await instance("b");
    const c = await instance("c");
    await newBoard(a.storage, "lease-3");
    await a.leases.claim("lease-3");
    const seen = await b.leases.placement("lease-3");
    assert.equal(seen.here, false);
    if (seen.here) return;
    assert.equal(await b.leases.takeOverFrom("lease-3", seen), true);
    assert.equal(await c.leases.takeOverFrom("lease-3", seen), false, "the epoch moved on");
    assert.equal(b.leases.epochOf("lease-3"), 2);
    await assert.rejects(a.storage.append("lease-3", { board: update("a") }), ClaimLostError);
  });

  test("a lone server and the instances of a cluster never share a database: whichever came second is refused", async () => {
    const instance = await joinCluster(database.url, { onTaken: () => assert.fail("not taken") });
    await assert.rejects(claimSoleServer(database.url, { waitMs: 200, retryMs: 50, onTaken: () => undefined }), DatabaseInUseError);
    const second = await joinCluster(database.url, { onTaken: () => assert.fail("not taken") });
    await second.leave();
    await instance.leave();

    const lone = await claimSoleServer(database.url, { waitMs: 200, onTaken: () => undefined });
    try {
      await assert.rejects(joinCluster(database.url, { onTaken: () => undefined }), LoneServerError);
    } finally {
      await lone.release();
    }
  });

  test("a board is deleted only by the instance holding it", async () => {
    const a = await instance("a");
    const b = await instance("b");
    await newBoard(a.storage, "lease-4");
    await a.leases.claim("lease-4");
    await assert.rejects(b.storage.deleteBoard("lease-4"), ClaimLostError);
    assert.ok(await a.storage.getBoard("lease-4"));
    await a.leases.release("lease-4");
    await assert.rejects(b.storage.deleteBoard("lease-4"), ClaimLostError, "not taken yet");
    await b.leases.claim("lease-4");
    assert.equal(await b.storage.deleteBoard("lease-4"), true);
    assert.equal(await a.storage.getBoard("lease-4"), null);
  });
});
