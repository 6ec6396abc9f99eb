import Database from "better-sqlite3";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, describe, test } from "node:test";
import * as Y from "yjs";
import { MIGRATED_TABLES, migrateSqliteToPostgres, redactDatabaseUrl, verifyMigration } from "./migrate-to-postgres";
import { openPool } from "./postgres/pool";
import { openPostgresStorage } from "./postgres/postgres";
import { createTestDatabase } from "./postgres/test-database";
import { openSqliteStorage } from "./sqlite";
import type { BoardRecord, DocName, Storage, StoredDocument } from "./types";

// Runs against the real PostgreSQL (server/storage/postgres/test-database.ts): when it cannot be
// reached, `before` rejects and every test here fails; none is skipped.

const dir = mkdtempSync(join(tmpdir(), "samla-migrate-test-"));
const databases: Array<{ url: string; drop(): Promise<void> }> = [];
after(async () => {
  await Promise.all(databases.map((database) => database.drop()));
  rmSync(dir, { recursive: true, force: true });
});

async function freshDatabase(): Promise<string> {
  const database = await createTestDatabase();
  databases.push(database);
  return database.url;
}

function board(id: string): BoardRecord {
  return { id, title: `Tavla ${id}`, createdAt: 1700000000000, lastActiveAt: 1700000000000, tokenSalt: `salt-${id}`, kit: null };
}

/** A Yjs document whose every update is appended to one of the board's documents, as a room does. */
function recording(storage: Storage, boardId: string, name: DocName): { doc: Y.Doc; seqs: Promise<number>[] } {
  const doc = new Y.Doc();
  const seqs: Promise<number>[] = [];
  doc.on("update", (update: Uint8Array) => seqs.push(storage.append(boardId, { [name]: update }).then((answer) => answer[name]!)));
  return { doc, seqs };
}

function loaded(stored: StoredDocument): Y.Doc {
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const update of stored.updates) Y.applyUpdate(doc, update);
  return doc;
}

const AT = 1700000100000;

/**
 * A data directory with something in every table: `alpha` with its updates as written (and a
 * session update, writers, one quarantined update), `beta` written last and compacted (so its
 * snapshot's through_seq is the highest seq ever given, in no `updates` row), and around them
 * what phones, series and accounts store.
 */
async function seedSqlite(file: string): Promise<{ alpha: Y.Doc; alphaSession: Y.Doc; beta: Y.Doc; userId: string }> {
  const storage = openSqliteStorage(file);
  try {
    await storage.createBoard(board("alpha"));
    await storage.createBoard(board("beta"));
    await storage.setLinkSalt("alpha", "viewer", "renewed-viewer-salt");
    await storage.setRetentionDays("beta", 30);

    const alpha = recording(storage, "alpha", "board");
    alpha.doc.getMap("meta").set("title", "Retro");
    alpha.doc.getMap("notes").set("n1", "Mer fika");
    alpha.doc.getMap("notes").set("n2", "Färre möten");
    alpha.doc.getMap("notes").delete("n1");
    const alphaSession = recording(storage, "alpha", "session");
    alphaSession.doc.getMap("timer").set("endsAt", AT + 300_000);
    await Promise.all([...alpha.seqs, ...alphaSession.seqs]);
    await storage.append("alpha", { writers: [[alpha.doc.clientID, "device-hmac-1"], [alphaSession.doc.clientID, "server"]] });
    // An update that never applied, moved aside as a load would.
    const broken = (await storage.append("alpha", { board: new Uint8Array([1, 2, 3]) })).board!;
    await storage.quarantine("alpha", "board", broken, "test: does not decode");

    const beta = recording(storage, "beta", "board");
    for (let i = 0; i < 5; i++) beta.doc.getMap("notes").set(`b${i}`, `Lapp ${i}`);
    const betaSeqs = await Promise.all(beta.seqs);
    await storage.compact("beta", Y.encodeStateAsUpdate(beta.doc), betaSeqs[betaSeqs.length - 1]);

    await storage.setJoinCode({ boardId: "alpha", code: "123456", open: true, participantBudget: null });
    await storage.setJoinCode({ boardId: "beta", code: "654321", open: false, participantBudget: 40 });
    for (const [id, name] of [["p1", "Ada"], ["p3", "Cyd"], ["p2", "Bo"]]) await storage.addParticipant({ boardId: "alpha", id, name, createdAt: AT, via: "code" });
    await storage.addParticipantNote({ boardId: "alpha", id: "held1", participantId: "p1", idempotencyKey: "k1", text: "Hemlig tanke", color: "yellow", held: true, author: null, createdAt: AT });
    await storage.addParticipantNote({
      boardId: "alpha",
      id: "placed1",
      participantId: "p2",
      idempotencyKey: "k2",
      text: "Redan på tavlan",
      color: "pink",
      held: true,
      author: "Bo",
      createdAt: AT + 1,
      target: { frame: "frame-1", cell: 2 },
    });
    await storage.markPlaced("alpha", ["placed1"]);
    await storage.setDots("alpha", "vote1", "p1", "placed1", 3);
    await storage.setDots("alpha", "vote1", "p3", "placed1", 1);
    await storage.addPersonalNote({ boardId: "alpha", id: "pn1", participantId: "p1", idempotencyKey: "pk1", area: "Att göra", text: "Ringa Bo", createdAt: AT });
    await storage.addAudit("alpha", { at: AT, role: "facilitator", action: "board.created", detail: "" });
    await storage.addAudit("alpha", { at: AT + 5, role: "facilitator", action: "participant.erased", detail: "remove", actor: { userId: "u-x", name: "Eva" } });
    await storage.continueSeries("alpha", "beta", "series-1", AT, true);
    await storage.addHomework({ boardId: "beta", id: "hw1", participantId: "p1", idempotencyKey: "hk1", text: "Läs rapporten", color: "green", createdAt: AT });
    const user = await storage.upsertUser({ subject: "oidc-sub-1", name: "Eva", email: "eva@example.org", at: AT });
    await storage.addUserSession("token-hash-1", user.id, AT);
    await storage.addFacilitator("alpha", user.id, "owner", AT);
    return { alpha: alpha.doc, alphaSession: alphaSession.doc, beta: beta.doc, userId: user.id };
  } finally {
    await storage.close();
  }
}

/** Every row of a table as SQLite holds it, in rowid order. */
function sqliteRows(file: string, query: string): Array<Record<string, unknown>> {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare<[], Record<string, unknown>>(query).all();
  } finally {
    db.close();
  }
}

async function pgRows(url: string, query: string, values: unknown[] = []): Promise<Array<Record<string, unknown>>> {
  const pool = openPool(url);
  try {
    return (await pool.query(query, values)).rows;
  } finally {
    await pool.end();
  }
}

async function tableCounts(url: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of MIGRATED_TABLES) counts[table] = Number((await pgRows(url, `SELECT COUNT(*) AS n FROM ${table}`))[0].n);
  return counts;
}

const EXPECTED_COUNTS = {
  boards: 2,
  users: 1,
  updates: 5, // alpha: 4 board updates and 1 session update; beta's were compacted away
  document_snapshots: 1,
  writers: 2,
  quarantined_updates: 1,
  join_codes: 2,
  participants: 3,
  participant_notes: 2,
  dots: 2,
  personal_notes: 1,
  audit: 2,
  user_sessions: 1,
  board_facilitators: 1,
  series_meetings: 2,
  homework_notes: 1,
};

describe("migrating SQLite to PostgreSQL", () => {
  const file = join(dir, "data", "samla.sqlite");
  let seeded: Awaited<ReturnType<typeof seedSqlite>>;
  let url: string;
  let logged: string[];
  let result: Awaited<ReturnType<typeof migrateSqliteToPostgres>>;

  before(async () => {
    seeded = await seedSqlite(file);
    url = await freshDatabase();
    logged = [];
    result = await migrateSqliteToPostgres({ sqliteFile: file, databaseUrl: url, log: (line) => logged.push(line) });
  });

  test("copies every table and answers the counts, which PostgreSQL holds", async () => {
    assert.deepEqual(result.copied, EXPECTED_COUNTS);
    assert.equal(result.boardsVerified, 2);
    assert.deepEqual(await tableCounts(url), EXPECTED_COUNTS);
    assert.ok(logged.some((line) => line === "copied updates: 5 rows"));
    assert.deepEqual(await pgRows(url, "SELECT COUNT(*)::int AS n FROM health"), [{ n: 0 }], "the health row is not copied");
  });

  test("the documents load from PostgreSQL with the same state and content", async () => {
    const postgres = await openPostgresStorage(url);
    const sqlite = openSqliteStorage(file);
    try {
      for (const [boardId, doc, expected] of [
        ["alpha", "board", seeded.alpha],
        ["alpha", "session", seeded.alphaSession],
        ["beta", "board", seeded.beta],
      ] as const) {
        const fromPg = await postgres.loadDocument(boardId, doc);
        const fromSqlite = await sqlite.loadDocument(boardId, doc);
        assert.deepEqual(fromPg, fromSqlite, `${boardId}/${doc} loads the same rows`);
        const rebuilt = loaded(fromPg);
        assert.deepEqual(Y.encodeStateVector(rebuilt), Y.encodeStateVector(loaded(fromSqlite)));
        assert.deepEqual(Y.encodeStateVector(rebuilt), Y.encodeStateVector(expected));
        // A loaded document knows its maps once asked for them by name, as the app does.
        for (const name of expected.share.keys()) assert.deepEqual(rebuilt.getMap(name).toJSON(), expected.getMap(name).toJSON());
      }
      assert.ok((await postgres.loadDocument("beta")).snapshot, "beta's snapshot came along");
      assert.deepEqual(await postgres.writersOf("alpha"), await sqlite.writersOf("alpha"));
      assert.equal((await postgres.writersOf("alpha")).get(seeded.alpha.clientID), "device-hmac-1");
      for (const id of ["alpha", "beta"]) assert.deepEqual(await postgres.getBoard(id), await sqlite.getBoard(id));
      assert.deepEqual((await postgres.getBoard("alpha"))?.linkSalts, { viewer: "renewed-viewer-salt" });
      assert.equal((await postgres.getBoard("beta"))?.retentionDays, 30);
    } finally {
      await postgres.close();
      await sqlite.close();
    }
  });

  test("keeps every value: seqs and ids, held notes' text, booleans, rowid order as ord", async () => {
    const seqs = (query: string) => sqliteRows(file, query).map((found) => Number(Object.values(found)[0]));
    assert.deepEqual((await pgRows(url, "SELECT seq FROM updates ORDER BY seq")).map((found) => found.seq), seqs("SELECT seq FROM updates ORDER BY seq"));
    assert.deepEqual((await pgRows(url, "SELECT id FROM audit ORDER BY id")).map((found) => found.id), seqs("SELECT id FROM audit ORDER BY id"));
    assert.deepEqual(await pgRows(url, "SELECT id, seq, reason FROM quarantined_updates"), sqliteRows(file, "SELECT id, seq, reason FROM quarantined_updates"));
    assert.deepEqual(await pgRows(url, "SELECT data FROM quarantined_updates"), [{ data: Buffer.from([1, 2, 3]) }]);

    const notes = await pgRows(url, "SELECT id, text, held, author, target_frame, target_cell FROM participant_notes ORDER BY ord");
    assert.deepEqual(notes, [
      { id: "held1", text: "Hemlig tanke", held: true, author: null, target_frame: null, target_cell: null },
      { id: "placed1", text: "", held: false, author: "Bo", target_frame: "frame-1", target_cell: 2 },
    ]);
    assert.deepEqual(await pgRows(url, "SELECT board_id, open, participant_budget FROM join_codes ORDER BY board_id"), [
      { board_id: "alpha", open: true, participant_budget: null },
      { board_id: "beta", open: false, participant_budget: 40 },
    ]);
    assert.deepEqual(await pgRows(url, "SELECT board_id, series_id, position, welcomes_previous, continues_board FROM series_meetings ORDER BY position"), [
      { board_id: "alpha", series_id: "series-1", position: 1, welcomes_previous: false, continues_board: null },
      { board_id: "beta", series_id: "series-1", position: 2, welcomes_previous: true, continues_board: "alpha" },
    ]);
    // Same created_at: only the order they were written in (SQLite's rowid, PostgreSQL's ord) tells them apart.
    assert.deepEqual((await pgRows(url, "SELECT id FROM participants ORDER BY created_at, ord")).map((found) => found.id), ["p1", "p3", "p2"]);
    assert.deepEqual(await pgRows(url, "SELECT area, text FROM personal_notes"), [{ area: "Att göra", text: "Ringa Bo" }]);
    assert.deepEqual(await pgRows(url, "SELECT actor_name, actor_user_id FROM audit ORDER BY id"), [
      { actor_name: null, actor_user_id: null },
      { actor_name: "Eva", actor_user_id: "u-x" },
    ]);
    assert.deepEqual(await pgRows(url, "SELECT id, subject, email FROM users"), [{ id: seeded.userId, subject: "oidc-sub-1", email: "eva@example.org" }]);
    assert.deepEqual(await pgRows(url, "SELECT user_id FROM user_sessions WHERE token_hash = 'token-hash-1'"), [{ user_id: seeded.userId }]);
    assert.deepEqual(await pgRows(url, "SELECT board_id, user_id, role FROM board_facilitators"), [{ board_id: "alpha", user_id: seeded.userId, role: "owner" }]);
    assert.deepEqual(await pgRows(url, "SELECT board_id, text FROM homework_notes"), [{ board_id: "beta", text: "Läs rapporten" }]);
  });

  test("rows written after the migration take new seqs and ids, past every migrated one", async () => {
    const highestSeq = Math.max(...sqliteRows(file, "SELECT seq FROM sqlite_sequence WHERE name = 'updates'").map((found) => Number(found.seq)));
    const betaThrough = Number(sqliteRows(file, "SELECT through_seq FROM document_snapshots WHERE board_id = 'beta'")[0].through_seq);
    assert.ok(betaThrough > Math.max(...sqliteRows(file, "SELECT seq FROM updates").map((found) => Number(found.seq))), "the highest seq is in no update row");
    const postgres = await openPostgresStorage(url);
    try {
      const more = new Y.Doc();
      Y.applyUpdate(more, Y.encodeStateAsUpdate(seeded.beta));
      let update: Uint8Array | null = null;
      more.on("update", (u: Uint8Array) => (update = u));
      more.getMap("notes").set("after", "Efter flytten");
      const seq = (await postgres.append("beta", { board: update! })).board!;
      assert.ok(seq > highestSeq && seq > betaThrough, `new seq ${seq} is past ${highestSeq}`);
      const stored = await postgres.loadDocument("beta");
      assert.deepEqual(stored.seqs, [seq], "the new update loads after the snapshot");
      assert.equal(loaded(stored).getMap("notes").get("after"), "Efter flytten");
    } finally {
      await postgres.close();
    }
    const audit = await pgRows(url, "INSERT INTO audit (board_id, at, role, action, detail) VALUES ('alpha', 1, 'server', 'x', '') RETURNING id");
    assert.ok(Number(audit[0].id) > Math.max(...sqliteRows(file, "SELECT id FROM audit").map((found) => Number(found.id))));
    const quarantined = await pgRows(url, "INSERT INTO quarantined_updates (board_id, doc, data, reason, quarantined_at) VALUES ('alpha', 'board', '\\x00', 'x', 1) RETURNING id");
    assert.ok(Number(quarantined[0].id) > 1);
    const participant = await pgRows(url, "INSERT INTO participants (board_id, id, name, created_at) VALUES ('alpha', 'p9', 'Dan', 1) RETURNING ord");
    const ords = await pgRows(url, "SELECT MAX(ord) AS max FROM participants WHERE id <> 'p9'");
    assert.ok(Number(participant[0].ord) > Number(ords[0].max));
    for (const table of ["participant_notes", "personal_notes", "board_facilitators", "series_meetings", "homework_notes"]) {
      const next = await pgRows(url, `SELECT nextval(pg_get_serial_sequence('${table}', 'ord')) AS next, (SELECT MAX(ord) FROM ${table}) AS max`);
      assert.ok(Number(next[0].next) > Number(next[0].max), `${table}.ord moves past the migrated rows`);
    }
  });

  test("refuses a database that holds data, and writes nothing", async () => {
    const before = await tableCounts(url);
    await assert.rejects(migrateSqliteToPostgres({ sqliteFile: file, databaseUrl: url }), /already holds data \(2 boards; rows in boards, /);
    assert.deepEqual(await tableCounts(url), before);

    // One board made by a server on PostgreSQL is enough to refuse.
    const other = await freshDatabase();
    const postgres = await openPostgresStorage(other);
    try {
      await postgres.createBoard(board("gamma"));
    } finally {
      await postgres.close();
    }
    await assert.rejects(migrateSqliteToPostgres({ sqliteFile: file, databaseUrl: other }), /already holds data \(1 board; rows in boards\)/);
    assert.deepEqual(await tableCounts(other), { ...Object.fromEntries(MIGRATED_TABLES.map((table) => [table, 0])), boards: 1 });
  });

  test("refuses a missing SQLite file without making one", async () => {
    const missing = join(dir, "nowhere", "samla.sqlite");
    await assert.rejects(migrateSqliteToPostgres({ sqliteFile: missing, databaseUrl: url }), /no SQLite database at/);
    assert.throws(() => new Database(missing, { fileMustExist: true }));
  });
});

describe("verifying a migration", () => {
  const file = join(dir, "verify", "samla.sqlite");
  before(() => seedSqlite(file));

  test("a deleted update row fails verification, naming the board", async () => {
    const url = await freshDatabase();
    await migrateSqliteToPostgres({ sqliteFile: file, databaseUrl: url });
    assert.deepEqual(await verifyMigration({ sqliteFile: file, databaseUrl: url }), { boards: 2 });
    await pgRows(url, "DELETE FROM updates WHERE seq = (SELECT MAX(seq) FROM updates WHERE board_id = 'alpha' AND doc = 'board')");
    await assert.rejects(verifyMigration({ sqliteFile: file, databaseUrl: url }), /board alpha: updates has 5 rows in SQLite and 4 in PostgreSQL/);
  });

  test("an update with other content fails verification, naming the board and document", async () => {
    const url = await freshDatabase();
    await migrateSqliteToPostgres({ sqliteFile: file, databaseUrl: url });
    const other = new Y.Doc();
    other.getMap("notes").set("n2", "Något annat");
    await pgRows(url, "UPDATE updates SET data = $1 WHERE seq = (SELECT MAX(seq) FROM updates WHERE board_id = 'alpha' AND doc = 'board')", [Buffer.from(Y.encodeStateAsUpdate(other))]);
    await assert.rejects(verifyMigration({ sqliteFile: file, databaseUrl: url }), /board alpha, board document: update seq \d+ differs in PostgreSQL/);
  });

  test("a changed board row fails verification", async () => {
    const url = await freshDatabase();
    await migrateSqliteToPostgres({ sqliteFile: file, databaseUrl: url });
    await pgRows(url, "UPDATE boards SET member_salt = 'forged' WHERE id = 'beta'");
    await assert.rejects(verifyMigration({ sqliteFile: file, databaseUrl: url }), /board beta: its row differs in PostgreSQL/);
  });
});

describe("npm run migrate", () => {
  test("prints what it copied and verified, never the password; a second run is refused with exit 1", async () => {
    const data = join(dir, "cli-data");
    await seedSqlite(join(data, "samla.sqlite"));
    const url = new URL(await freshDatabase());
    // The test server trusts local connections: the password is only there to be kept out of the output.
    url.password = "hemligt-l0senord";
    const run = () => spawnSync(process.execPath, ["--import", "tsx", fileURLToPath(new URL("./migrate-cli.ts", import.meta.url)), "--from", data, "--to", url.toString()], { encoding: "utf8", env: { ...process.env, DATABASE_URL: "" } });

    const first = run();
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /copied 29 rows in 16 tables, verified 2 boards/);
    assert.match(first.stdout, /updates +5\n/);
    assert.match(first.stdout, /postgres:\/\/postgres:\*\*\*@/);
    assert.doesNotMatch(first.stdout + first.stderr, /hemligt-l0senord/);

    const second = run();
    assert.equal(second.status, 1);
    assert.match(second.stderr, /^migration failed: the PostgreSQL database already holds data/m);
    assert.doesNotMatch(second.stdout + second.stderr, /hemligt-l0senord/);
  });

  test("the URL is printed without its password", () => {
    assert.equal(redactDatabaseUrl("postgres://samla:s3cret@db.example.org:5432/samla"), "postgres://samla:***@db.example.org:5432/samla");
    assert.equal(redactDatabaseUrl("postgres://db.example.org/samla?password=s3cret"), "postgres://db.example.org/samla?password=***");
    assert.equal(redactDatabaseUrl("postgres://samla@db.example.org/samla"), "postgres://samla@db.example.org/samla");
  });
});
