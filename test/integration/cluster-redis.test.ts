import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { after, before, describe, test } from "node:test";
import { Redis } from "ioredis";
import pg from "pg";
import { createNote } from "../../lib/board/actions";
import { notesOf } from "../../lib/schema/board";
import { openPostgresStorage } from "../../server/storage/postgres/postgres";
import { testDatabaseFor } from "../../server/storage/postgres/test-database";
import type { Storage } from "../../server/storage/types";
import { boardsHeldWith, leaseHolder, startInstance, startRedis, stopProcess, type Instance } from "./cluster-helpers";
import { connectClient, createBoard, delay, freePort, storedBoard, tempDir, waitFor, waitForDoc, whenSynced } from "./helpers";
import type { JoinResponse } from "../../lib/api/schemas";
import { RawPeer } from "../hostile/support/raw-peer";
import { presenceFrame } from "../hostile/support/wire";
import { boardWithPhones, call, frameRecorder, openEvents, postNote, sessionOf, writeNote } from "./participation-helpers";

/** Whether `promise` settles within `ms`. */
function settledWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return Promise.race([promise.then(() => true, () => true), delay(ms).then(() => false)]);
}

async function withTimeout(promise: Promise<unknown>, ms: number, what: string): Promise<void> {
  assert.ok(await settledWithin(promise, ms), `timed out: ${what}`);
}

/**
 * Several instances with Redis (REDIS_URL, docs/deploy.md): readers (viewer and projector links)
 * are served by whichever instance they reached, from its copy of the board fed by the board's
 * Redis stream; writers still reach the holder. The suite runs its own redis-server (the machine's
 * binary) so it can restart it; it fails, never skips, when there is none.
 */

type Client = ReturnType<typeof connectClient>;

/** Whether a client's board channel stayed open: counts its disconnects. */
function countDisconnects(client: Client): () => number {
  let disconnects = 0;
  client.provider.on("status", ({ status }: { status: string }) => {
    if (status === "disconnected") disconnects++;
  });
  return () => disconnects;
}

describe("several instances with Redis: readers served from each instance's copy", () => {
  const dataDir = tempDir();
  let redisPort: number;
  let redisServer: ChildProcess;
  let instances: Instance[] = [];
  let storage: Storage;
  let admin: pg.Pool;
  const clients: Client[] = [];

  const startClusterInstance = () => startInstance(dataDir, redisPort);

  before(async () => {
    redisPort = await freePort();
    redisServer = await startRedis(redisPort);
    const url = await testDatabaseFor(dataDir);
    instances = await Promise.all([startClusterInstance(), startClusterInstance(), startClusterInstance()]);
    storage = await openPostgresStorage(url);
    admin = new pg.Pool({ connectionString: url, max: 1 });
  });
  after(async () => {
    for (const client of clients) client.destroy();
    await Promise.all(instances.map((instance) => instance.kill()));
    await storage?.close();
    await admin?.end();
    if (redisServer) await stopProcess(redisServer);
  });

  const connect = (instance: Instance, boardId: string, token: string) => {
    const client = connectClient(instance.ws, boardId, token);
    clients.push(client);
    return client;
  };
  const holderOf = (boardId: string) => leaseHolder(admin, instances, boardId);
  const boardHeldBy = boardsHeldWith(connect, holderOf);

  test("a viewer and a projector on other instances see every change, never a held note, and stay connected when the holder is killed", async (t) => {
    const [a, b, c] = instances;
    const { board, client: writer } = await boardHeldBy(a, "Kick-off");
    const viewerOnB = connect(b, board.id, board.viewerToken);
    const projectorOnC = connect(c, board.id, board.projectorToken);
    await Promise.all([viewerOnB, projectorOnC].map((client) => whenSynced(client.provider)));
    const disconnects = [viewerOnB, projectorOnC].map(countDisconnects);
    assert.equal(await holderOf(board.id), a, "readers elsewhere leave the board with its holder");

    createNote(writer.doc, { id: "forsta", x: 0, y: 0, text: "första", now: 1 }, "test");
    for (const reader of [viewerOnB, projectorOnC]) await waitForDoc(reader.doc, () => notesOf(reader.doc).has("forsta"), 10_000, "the note on the readers");

    // Private writing: a held note reaches no frame on the copies, before the reveal.
    const recorders = await Promise.all([b, c].map((instance) => frameRecorder(`${instance.ws}/${board.id}?token=${board.viewerToken}`)));
    t.after(() => recorders.forEach((recorder) => recorder.close()));
    const [phone] = await boardWithPhones(c.http, board, ["Anna"]);
    assert.equal((await call(b.http, "POST", `/api/boards/${board.id}/private-writing`, { token: board.facilitatorToken, body: { on: true } })).status, 200);
    const held = await postNote(b.http, board.id, phone.participantToken, "HEMLIG-91 via B");
    assert.equal(held.body.state, "held");
    await waitForDoc(projectorOnC.session, () => sessionOf(projectorOnC.session).heldCount === 1, 10_000, "the held count on the projector");
    for (const recorder of recorders) assert.equal(recorder.saw("HEMLIG"), false, "a frame on a copy held the note's text before the reveal");
    assert.equal((await call(c.http, "POST", `/api/boards/${board.id}/reveal`, { token: board.facilitatorToken, body: {} })).status, 200);
    for (const reader of [viewerOnB, projectorOnC]) await waitForDoc(reader.doc, () => notesOf(reader.doc).has(held.body.id), 10_000, "the revealed note on the readers");
    assert.equal((await call(c.http, "POST", `/api/boards/${board.id}/private-writing`, { token: board.facilitatorToken, body: { on: false } })).status, 200);

    // The holder dies: the readers' connections are to B and C, and stay open; a writer moves on.
    await a.kill();
    const writerOnC = connect(c, board.id, board.memberToken);
    await whenSynced(writerOnC.provider, 15_000);
    createNote(writerOnC.doc, { id: "efter", x: 300, y: 0, text: "efter att A dog", now: 2 }, "test");
    const viaPhone = await writeNote(b.http, board.id, phone.participantToken, "telefon efter A");
    for (const reader of [viewerOnB, projectorOnC]) {
      await waitForDoc(reader.doc, () => notesOf(reader.doc).has("efter") && notesOf(reader.doc).has(viaPhone), 15_000, "notes written through the new holder");
    }
    assert.deepEqual(
      disconnects.map((count) => count()),
      [0, 0],
      "a reader served from a copy stays connected when the holder is killed",
    );
    instances[0] = await startClusterInstance();
  });

  test("phones on instances that do not hold the board follow it from their copies: every change reaches them, each is counted once, and their streams outlive the holder", async () => {
    const [a, b, c] = instances;
    // The facilitator's link: the member link is renewed below.
    const { board, client: writer } = await boardHeldBy(a, "Telefoner", "facilitator");
    const [anna] = await boardWithPhones(a.http, board, ["Anna"]);
    const bo = (await call<JoinResponse>(c.http, "POST", `/api/boards/${board.id}/participants`, { token: board.memberToken, body: { name: "Bo" } })).body;
    const annaOnB = await openEvents(b.http, board.id, anna.participantToken);
    const boOnC = await openEvents(c.http, board.id, bo.participantToken);
    const annaOnA = await openEvents(a.http, board.id, anna.participantToken);
    await Promise.all([annaOnB, boOnC, annaOnA].map((stream) => stream.next(() => true)));
    // Two participants, whichever instances their three streams reached.
    await waitForDoc(writer.session, () => sessionOf(writer.session).phonesLive === 2, 10_000, "two phones counted on the board");

    // A held note, then edited: the edit changes neither document; the stream's "phones" entry tells B.
    assert.equal((await call(c.http, "POST", `/api/boards/${board.id}/private-writing`, { token: board.facilitatorToken, body: { on: true } })).status, 200);
    const held = await postNote(c.http, board.id, anna.participantToken, "första utkast");
    assert.equal(held.body.state, "held");
    await annaOnB.next((view) => view.notes.some((note) => note.text === "första utkast" && note.state === "held"), 0, 10_000);
    assert.equal((await call(c.http, "PATCH", `/api/boards/${board.id}/notes/${held.body.id}`, { token: anna.participantToken, body: { text: "andra utkast" } })).status, 200);
    await annaOnB.next((view) => view.notes.some((note) => note.text === "andra utkast"), 0, 10_000);
    assert.ok(!boOnC.events.some((event) => JSON.stringify(event.data).includes("utkast")), "another phone never sees Anna's held note");

    // Bo came in with the member link: renewed on A, his stream on C ends (his phone asks again and is refused).
    assert.equal((await call(a.http, "POST", `/api/boards/${board.id}/links/member/renew`, { token: board.facilitatorToken, body: {} })).status, 200);
    await withTimeout(boOnC.ended, 10_000, "Bo's stream on C ended when his link was renewed");
    await waitForDoc(writer.session, () => sessionOf(writer.session).phonesLive === 1, 10_000, "one phone counted once Bo's stream ended");

    // The holder dies: Anna's stream on B stays open, and hears of what the new holder does.
    await a.kill();
    await withTimeout(annaOnA.ended, 5_000, "the stream on the killed holder ended");
    const facilitatorOnC = connect(c, board.id, board.facilitatorToken);
    await whenSynced(facilitatorOnC.provider, 15_000);
    const from = annaOnB.events.length;
    assert.equal((await call(c.http, "POST", `/api/boards/${board.id}/reveal`, { token: board.facilitatorToken, body: {} })).status, 200);
    await annaOnB.next((view) => view.notes.some((note) => note.text === "andra utkast" && note.state === "placed"), from, 15_000);
    assert.equal(await settledWithin(annaOnB.ended, 100), false, "Anna's stream on B outlived the holder");

    // The board deleted: her stream ends too.
    assert.equal((await call(b.http, "DELETE", `/api/boards/${board.id}`, { token: board.facilitatorToken })).status, 204);
    await withTimeout(annaOnB.ended, 10_000, "Anna's stream ended with the board");
    instances[0] = await startClusterInstance();
  });

  test("a viewer on a copy is in the board's presence on every instance, checked by the holder: it cannot speak for someone else or present, and it leaves with its connection", async () => {
    const [a, b, c] = instances;
    const { board, client: member } = await boardHeldBy(a, "Närvaro");
    const viewerOnB = connect(b, board.id, board.viewerToken);
    const projectorOnC = connect(c, board.id, board.projectorToken);
    await Promise.all([viewerOnB, projectorOnC].map((client) => whenSynced(client.provider)));
    const nameOf = (client: Client, id: number) => (client.provider.awareness.getStates().get(id) as { user?: { name?: string } } | undefined)?.user?.name;

    member.provider.awareness.setLocalStateField("user", { name: "Maja" });
    viewerOnB.provider.awareness.setLocalStateField("user", { name: "Vera" });
    viewerOnB.provider.awareness.setLocalStateField("presenting", { x: 0, y: 0, width: 100, height: 100 });
    const vera = viewerOnB.doc.clientID;
    await waitFor(() => nameOf(member, vera) === "Vera", 10_000, "the viewer on B in presence on the holder");
    await waitFor(() => nameOf(projectorOnC, vera) === "Vera", 10_000, "the viewer on B in presence on C's copy");
    await waitFor(() => nameOf(viewerOnB, member.doc.clientID) === "Maja", 10_000, "the member in presence on B");
    const veraOnA = member.provider.awareness.getStates().get(vera) as Record<string, unknown>;
    assert.equal("presenting" in veraOnA, false, "a viewer presents nobody's view: the holder dropped the field");

    // A hand-made presence message on B speaking for the member's client id: the holder keeps the member's own.
    const raw = await RawPeer.open(b.ws, board.id, board.viewerToken);
    raw.send(presenceFrame([{ client: member.doc.clientID, clock: 1_000, json: JSON.stringify({ user: { name: "Falsk" } }) }]));
    viewerOnB.provider.awareness.setLocalStateField("user", { name: "Vera 2" });
    await waitFor(() => nameOf(member, vera) === "Vera 2", 10_000, "a later change of the viewer's, after the forged one");
    assert.equal(nameOf(member, member.doc.clientID), "Maja");
    assert.equal(nameOf(projectorOnC, member.doc.clientID), "Maja");
    raw.close();
    // Presence that is no JSON ends its connection on a copy as on the holder (4400), and nobody else's.
    const garbled = await RawPeer.open(b.ws, board.id, board.viewerToken);
    garbled.send(presenceFrame([{ client: 424_242, clock: 1, json: "{not json" }]));
    assert.equal(await garbled.closeCodeWithin(), 4400);
    viewerOnB.provider.awareness.setLocalStateField("user", { name: "Vera 3" });
    await waitFor(() => nameOf(member, vera) === "Vera 3", 10_000, "the viewer beside it still in presence");

    viewerOnB.destroy();
    await waitFor(() => !member.provider.awareness.getStates().has(vera), 10_000, "the viewer gone from presence on the holder");
    await waitFor(() => !projectorOnC.provider.awareness.getStates().has(vera), 10_000, "and on C");
  });

  test("an idle board is let go a linger after its last client, phones included: counting phones does not hold it", async () => {
    const lingering = await startInstance(dataDir, redisPort, { SAMLA_LIMIT_ROOM_LINGER_MS: "3000" });
    try {
      const board = await createBoard(lingering.http, "Tyst");
      const member = connect(lingering, board.id, board.memberToken);
      await whenSynced(member.provider);
      const [phone] = await boardWithPhones(lingering.http, board, ["Anna"]);
      const events = await openEvents(lingering.http, board.id, phone.participantToken);
      await events.next(() => true);
      await waitForDoc(member.session, () => sessionOf(member.session).phonesLive === 1, 10_000, "the phone counted");
      await events.close();
      member.destroy();
      const owner = async () => (await admin.query<{ owner: string }>("SELECT owner FROM board_leases WHERE board_id = $1", [board.id])).rows[0]?.owner;
      assert.notEqual(await owner(), "");
      await waitFor(async () => (await owner()) === "", 15_000, "the lease let go once the room unloaded");
    } finally {
      await lingering.kill();
    }
  });

  test("a renewed projector link and a deleted board end the readers on every instance", async () => {
    const [a, b, c] = instances;
    const board = await createBoard(a.http, "Förnyad länk");
    const writer = connect(a, board.id, board.memberToken);
    await whenSynced(writer.provider);
    const projectorOnB = connect(b, board.id, board.projectorToken);
    const viewerOnC = connect(c, board.id, board.viewerToken);
    await Promise.all([projectorOnB, viewerOnC].map((client) => whenSynced(client.provider)));
    const closes = new Map<Client, number[]>();
    for (const client of [projectorOnB, viewerOnC]) {
      closes.set(client, []);
      client.provider.on("connection-close", (event: CloseEvent | null) => closes.get(client)!.push(event?.code ?? 0));
    }
    assert.equal((await call(c.http, "POST", `/api/boards/${board.id}/links/projector/renew`, { token: board.facilitatorToken, body: {} })).status, 200);
    await waitFor(() => closes.get(projectorOnB)!.includes(4401), 10_000, "the projector on B closed with 4401");
    assert.deepEqual(closes.get(viewerOnC), [], "the viewer's link was not renewed");

    assert.equal((await call(b.http, "DELETE", `/api/boards/${board.id}`, { token: board.facilitatorToken })).status, 204);
    await waitFor(() => closes.get(viewerOnC)!.includes(4410), 10_000, "the viewer on C told the board is gone");
  });

  test("FLUSHALL and a Redis restart mid-session: the copies resync from PostgreSQL and nothing is lost", async (t) => {
    const [a, b, c] = instances;
    const board = await createBoard(a.http, "Redis borta");
    const writer = connect(a, board.id, board.memberToken);
    await whenSynced(writer.provider);
    const holder = (await holderOf(board.id))!;
    const readers = [b, c].filter((instance) => instance !== holder).map((instance) => connect(instance, board.id, board.viewerToken));
    await Promise.all(readers.map((client) => whenSynced(client.provider)));
    const redis = new Redis(redisPort, "127.0.0.1");
    // It loses its server below, on purpose: ioredis reconnects by itself.
    redis.on("error", () => undefined);
    t.after(() => redis.disconnect());

    const written: string[] = [];
    const write = (label: string, count: number) => {
      for (let i = 0; i < count; i++) {
        const id = `${label}-${i}`;
        createNote(writer.doc, { id, x: i * 10, y: 0, text: id, now: i }, "test");
        written.push(id);
      }
    };
    write("fore", 5);
    await redis.flushall();
    write("under-flush", 5);
    await delay(50);
    await redis.flushall();
    write("efter-flush", 5);
    await stopProcess(redisServer, "SIGKILL");
    write("utan-redis", 5);
    await delay(1_500);
    redisServer = await startRedis(redisPort);
    write("efter-omstart", 5);
    for (const reader of readers) {
      await waitForDoc(reader.doc, () => written.every((id) => notesOf(reader.doc).has(id)), 20_000, "every note on the readers after Redis came back");
    }
    const stored = await storedBoard(storage, board.id);
    assert.deepEqual(written.filter((id) => !notesOf(stored.doc).has(id)), [], "every note in PostgreSQL");
  });
});

