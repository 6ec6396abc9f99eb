import assert from "node:assert/strict";
import { connect as connectTcp } from "node:net";
import { after, before, describe, test } from "node:test";
import pg from "pg";
import * as Y from "yjs";
import type { CreateBoardResponse } from "../../lib/api/schemas";
import { createNote } from "../../lib/board/actions";
import { notesOf } from "../../lib/schema/board";
import { openPostgresStorage } from "../../server/storage/postgres/postgres";
import { testDatabaseFor } from "../../server/storage/postgres/test-database";
import type { Storage } from "../../server/storage/types";
import { LEASE_MS } from "../../server/storage/postgres/board-leases";
import { boardsHeldWith, leaseHolder, startInstance, type Instance } from "./cluster-helpers";
import { connectClient, createBoard, delay, freePort, storedBoard, tempDir, waitFor, waitForDoc, whenSynced } from "./helpers";
import { boardWithPhones, call, frameRecorder, postNote, sessionOf, writeNote } from "./participation-helpers";

/**
 * Several instances on one PostgreSQL (SAMLA_INSTANCE_URL, docs/deploy.md): whichever instance a
 * client reaches, the board is served by the one holding its lease, and another takes it over
 * when that one is killed. Runs on PostgreSQL in both passes (the SQLite pass too): a cluster
 * needs it, and the test fails, never skips, when it is unreachable.
 */

type Client = ReturnType<typeof connectClient>;

/** One raw HTTP request; answers the status code. */
function rawRequest(port: number, request: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connectTcp(port, "127.0.0.1", () => socket.write(request));
    let answer = "";
    socket.on("data", (chunk: Buffer) => (answer += chunk.toString()));
    socket.on("close", () => resolve(Number(/^HTTP\/1\.1 (\d+)/.exec(answer)?.[1] ?? 0)));
    socket.on("error", reject);
  });
}

describe("several instances on one PostgreSQL", () => {
  const dataDir = tempDir();
  let instances: Instance[] = [];
  let storage: Storage;
  let admin: pg.Pool;
  const clients: Client[] = [];

  before(async () => {
    // Made here first: three instances starting at once would each make a database of their own.
    const url = await testDatabaseFor(dataDir);
    instances = await Promise.all([startInstance(dataDir), startInstance(dataDir), startInstance(dataDir)]);
    storage = await openPostgresStorage(url);
    admin = new pg.Pool({ connectionString: url, max: 1 });
  });
  after(async () => {
    for (const client of clients) client.destroy();
    await Promise.all(instances.map((instance) => instance.kill()));
    await storage?.close();
    await admin?.end();
  });

  const connect = (instance: Instance, boardId: string, token: string) => {
    const client = connectClient(instance.ws, boardId, token);
    clients.push(client);
    return client;
  };
  const holderOf = (boardId: string) => leaseHolder(admin, instances, boardId);
  const boardHeldBy = boardsHeldWith(connect, holderOf);

  test("clients on three instances edit one board, held by one of them; phones write through each; private writing and vote limits hold across them", async (t) => {
    const [a, b, c] = instances;
    const board: CreateBoardResponse = await createBoard(a.http, "Arbetsmöte 1");
    const onA = connect(a, board.id, board.memberToken);
    const onB = connect(b, board.id, board.memberToken);
    const onC = connect(c, board.id, board.viewerToken);
    await Promise.all([onA, onB, onC].map((client) => whenSynced(client.provider)));
    const holder = await holderOf(board.id);
    assert.ok(holder, "one instance holds the board's lease");

    createNote(onA.doc, { id: "fran-a", x: 0, y: 0, text: "skriven via A", now: 1 }, "test");
    createNote(onB.doc, { id: "fran-b", x: 300, y: 0, text: "skriven via B", now: 2 }, "test");
    for (const client of [onA, onB, onC]) {
      await waitForDoc(client.doc, () => notesOf(client.doc).has("fran-a") && notesOf(client.doc).has("fran-b"), 10_000, "both notes on every client");
    }

    // Phones join and write through every instance.
    const phones = await boardWithPhones(b.http, board, ["Anna", "Bo"]);
    const viaC = await writeNote(c.http, board.id, phones[0].participantToken, "telefon via C");
    const viaA = await writeNote(a.http, board.id, phones[1].participantToken, "telefon via A");
    for (const client of [onA, onB, onC]) await waitForDoc(client.doc, () => notesOf(client.doc).has(viaC) && notesOf(client.doc).has(viaA), 10_000, "the phones' notes");

    // Private writing switched on through A; a note held through B never reaches a frame on B or C.
    const recorders = await Promise.all([b, c].map((instance) => frameRecorder(`${instance.ws}/${board.id}?token=${board.memberToken}`)));
    const sessionRecorders = await Promise.all([b, c].map((instance) => frameRecorder(`${instance.ws}/${board.id}/session?token=${board.memberToken}`)));
    t.after(() => [...recorders, ...sessionRecorders].forEach((recorder) => recorder.close()));
    assert.equal((await call(a.http, "POST", `/api/boards/${board.id}/private-writing`, { token: board.facilitatorToken, body: { on: true } })).status, 200);
    const secret = "HEMLIG-7f3a via B";
    const heldNote = await postNote(b.http, board.id, phones[0].participantToken, secret);
    assert.equal(heldNote.status, 201);
    assert.equal(heldNote.body.state, "held");
    await waitForDoc(onC.session, () => sessionOf(onC.session).heldCount === 1, 10_000, "the held count on C");
    for (const recorder of [...recorders, ...sessionRecorders]) assert.equal(recorder.saw("HEMLIG"), false, "a frame on B or C held the note's text before the reveal");
    assert.equal((await call(c.http, "POST", `/api/boards/${board.id}/reveal`, { token: board.facilitatorToken, body: {} })).status, 200);
    await waitForDoc(onB.doc, () => notesOf(onB.doc).has(heldNote.body.id), 10_000, "the revealed note on B");

    // One dot per person, spent through A, refused through B.
    const vote = await call(c.http, "POST", `/api/boards/${board.id}/vote`, { token: board.facilitatorToken, body: { dotsPerPerson: 1 } });
    assert.equal(vote.status, 201);
    const first = await call(a.http, "POST", `/api/boards/${board.id}/vote/dots`, { token: phones[1].participantToken, body: { noteId: viaA, delta: 1 } });
    assert.equal(first.status, 200);
    const second = await call(b.http, "POST", `/api/boards/${board.id}/vote/dots`, { token: phones[1].participantToken, body: { noteId: viaC, delta: 1 } });
    assert.equal(second.status, 409);
    assert.equal(second.body.error, "no_dots_left");

    // Every note in PostgreSQL, written by the one holder.
    const stored = await storedBoard(storage, board.id);
    for (const id of ["fran-a", "fran-b", viaA, viaC, heldNote.body.id]) assert.ok(notesOf(stored.doc).has(id), `${id} stored`);
  });

  test("passing on cannot be steered: a request line naming a host is answered where it arrived, and a chunked body reaches the holder whole", async () => {
    const [a, b] = instances;
    const { board, client: first } = await boardHeldBy(a, "Vidarebefordran");
    const [phone] = await boardWithPhones(a.http, board, ["Anna"]);

    // A request line with a host of the client's choosing, pointing at a closed port.
    const closedPort = await freePort();
    for (const target of [`http://127.0.0.1:${closedPort}/api/boards/${board.id}`, `//127.0.0.1:${closedPort}/api/boards/${board.id}`]) {
      const status = await rawRequest(b.port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${b.port}\r\nAuthorization: Bearer ${board.facilitatorToken}\r\nConnection: close\r\n\r\n`);
      assert.notEqual(status, 503, `${target} was passed on`);
    }
    assert.equal(await holderOf(board.id), a, "the board stayed with its holder");

    // A phone's note sent in chunks through another instance.
    const text = JSON.stringify({ text: "i bitar", idempotencyKey: "chunked-1" });
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(text.slice(0, 10)));
        controller.enqueue(new TextEncoder().encode(text.slice(10)));
        controller.close();
      },
    });
    const answer = await fetch(`${b.http}/api/boards/${board.id}/notes`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${phone.participantToken}` },
      body: chunked,
      duplex: "half",
    } as RequestInit);
    assert.equal(answer.status, 201, await answer.text());
    await waitForDoc(first.doc, () => [...notesOf(first.doc).values()].some((note) => String(note.get("text")) === "i bitar"), 10_000, "the chunked note on the board");

    // A chunked DELETE whose body is a request of its own: passed on unframed, the holder would run it.
    const smuggledBody = JSON.stringify({ text: "smugglad", idempotencyKey: "smuggled-1" });
    const inner =
      `POST /api/boards/${board.id}/notes HTTP/1.1\r\nHost: 127.0.0.1:${a.port}\r\nAuthorization: Bearer ${phone.participantToken}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(smuggledBody)}\r\n\r\n${smuggledBody}`;
    await rawRequest(
      b.port,
      `DELETE /api/boards/${board.id}/notes/nothing HTTP/1.1\r\nHost: 127.0.0.1:${b.port}\r\nAuthorization: Bearer ${phone.participantToken}\r\n` +
        `Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n${Buffer.byteLength(inner).toString(16)}\r\n${inner}\r\n0\r\n\r\n`,
    );
    // Anything the holder ran from that body came before this note, on the same holder.
    await writeNote(b.http, board.id, phone.participantToken, "efter smugglingen");
    await waitForDoc(first.doc, () => [...notesOf(first.doc).values()].some((note) => String(note.get("text")) === "efter smugglingen"), 10_000, "the note after");
    assert.ok(![...notesOf(first.doc).values()].some((note) => String(note.get("text")) === "smugglad"), "the body ran as a request on the holder");
  });

  test("every PostgreSQL connection ended mid-session (pg_terminate_backend): the holder recovers, and every note is on every client and stored once", async () => {
    const board = await createBoard(instances[0].http, "Avbruten databas");
    const first = connect(instances[0], board.id, board.memberToken);
    await whenSynced(first.provider);
    const writer = connect(instances[1], board.id, board.memberToken);
    await whenSynced(writer.provider);
    const texts: string[] = [];
    for (let i = 0; i < 40; i++) {
      if (i === 20) await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
      const text = `avbrott-${i}-${board.id}`;
      texts.push(text);
      createNote(writer.doc, { id: `n${i}`, x: i * 10, y: 0, text, now: i + 1 }, "test");
      await delay(25);
    }
    await waitForDoc(first.doc, () => texts.every((_, i) => notesOf(first.doc).has(`n${i}`)), 20_000, "every note on the holder's own client");
    await waitFor(async () => {
      const stored = await storedBoard(storage, board.id);
      return texts.every((_, i) => notesOf(stored.doc).has(`n${i}`));
    }, 10_000, "every note in PostgreSQL");
    const copies = await admin.query<{ text: string; n: number }>(
      "SELECT t.text, count(u.seq)::int AS n FROM unnest($2::text[]) AS t(text) LEFT JOIN updates u ON u.board_id = $1 AND position(convert_to(t.text, 'UTF8') in u.data) > 0 GROUP BY t.text",
      [board.id, texts],
    );
    assert.deepEqual(copies.rows.filter((row) => row.n !== 1), [], "a note stored more or less than once");
  });

  test("the holder SIGKILLed: another instance takes the board over within 15 s, and every note any client saw is on every client and in PostgreSQL", async () => {
    const board = await createBoard(instances[0].http, "Övertagande");
    // The first instance holds the board (its room loaded it first); the clients reach the other two.
    const first = connect(instances[0], board.id, board.memberToken);
    await whenSynced(first.provider);
    const holder = await holderOf(board.id);
    assert.equal(holder, instances[0]);
    const others = instances.slice(1);
    const writers = others.map((instance) => connect(instance, board.id, board.memberToken));
    await Promise.all(writers.map((client) => whenSynced(client.provider)));
    createNote(writers[0].doc, { id: "fore", x: 0, y: 0, text: "före", now: 1 }, "test");
    await waitForDoc(writers[1].doc, () => notesOf(writers[1].doc).has("fore"), 10_000, "the note on the other client");

    await holder.kill();
    const killedAt = Date.now();
    // Written while nobody serves the board: kept by the client, sent once it is served again.
    createNote(writers[1].doc, { id: "under", x: 300, y: 0, text: "under bytet", now: 2 }, "test");
    await Promise.all(writers.map((client) => waitForDoc(client.doc, () => notesOf(client.doc).has("under") && notesOf(client.doc).has("fore"), 15_000, "every note on every client")));
    const servedAgainMs = Date.now() - killedAt;
    assert.ok(servedAgainMs < 15_000, `served again after ${servedAgainMs} ms`);
    const successor = await holderOf(board.id);
    assert.ok(successor && successor !== holder && others.includes(successor), "a surviving instance holds the board");

    createNote(writers[0].doc, { id: "efter", x: 600, y: 0, text: "efter", now: 3 }, "test");
    await waitForDoc(writers[1].doc, () => notesOf(writers[1].doc).has("efter"), 10_000, "a note after the takeover");
    await waitFor(async () => {
      const stored = await storedBoard(storage, board.id);
      return ["fore", "under", "efter"].every((id) => notesOf(stored.doc).has(id));
    }, 10_000, "every note in PostgreSQL");

    // A late client on any instance gets the whole board.
    const late = new Y.Doc();
    const lateClient = connectClient(others[1].ws, board.id, board.viewerToken, late);
    clients.push(lateClient);
    await whenSynced(lateClient.provider);
    assert.deepEqual([...notesOf(late).keys()].sort(), ["efter", "fore", "under"]);
    instances = instances.filter((instance) => instance !== holder);
    instances.push(await startInstance(dataDir));
  });

  test("the holder stopped (SIGSTOP) past its lease: another takes the board over, and the old holder, resumed, writes nothing and moves its clients", async () => {
    const board = await createBoard(instances[0].http, "Paus");
    const first = connect(instances[0], board.id, board.memberToken);
    await whenSynced(first.provider);
    const holder = (await holderOf(board.id))!;
    assert.equal(holder, instances[0]);
    const viaB = connect(instances[1], board.id, board.memberToken);
    await whenSynced(viaB.provider);

    holder.child.kill("SIGSTOP");
    // Sent into the stopped holder's connection: it would reach the room when the process resumes.
    createNote(viaB.doc, { id: "stoppad", x: 0, y: 0, text: "skriven-till-en-stoppad-server", now: 1 }, "test");
    await delay(LEASE_MS + 1_000);
    // A new client makes the third instance take the expired lease.
    const viaC = connect(instances[2], board.id, board.memberToken);
    await whenSynced(viaC.provider, 15_000);
    const successor = await holderOf(board.id);
    assert.equal(successor, instances[2]);

    holder.child.kill("SIGCONT");
    // The old holder finds its lease gone (or its write refused) and closes its connections; the clients come back to the new holder.
    await waitForDoc(viaC.doc, () => notesOf(viaC.doc).has("stoppad"), 20_000, "the note written into the stopped server, resent to the new holder");
    createNote(viaC.doc, { id: "efter", x: 300, y: 0, text: "efter", now: 2 }, "test");
    await waitForDoc(viaB.doc, () => notesOf(viaB.doc).has("efter"), 15_000, "the new holder's note on the moved client");
    await waitForDoc(first.doc, () => notesOf(first.doc).has("efter"), 15_000, "the new holder's note on the old holder's own client");

    // Stored once: by the new holder only, never also by the old one after the takeover.
    const copies = await admin.query<{ n: number }>("SELECT count(*)::int AS n FROM updates WHERE board_id = $1 AND position($2::bytea in data) > 0", [
      board.id,
      Buffer.from("skriven-till-en-stoppad-server"),
    ]);
    assert.equal(copies.rows[0].n, 1);
  });

  test("a holder whose board was just taken over refuses a phone's dot with 503 board_moving and stores nothing; asked again, the new holder counts it once", async () => {
    const [a, b] = instances;
    const { board, client: member } = await boardHeldBy(a, "Omröstning");
    createNote(member.doc, { id: "lappen", x: 0, y: 0, text: "lappen", now: 1 }, "test");
    const [phone] = await boardWithPhones(a.http, board, ["Anna"]);
    assert.equal((await call(a.http, "POST", `/api/boards/${board.id}/vote`, { token: board.facilitatorToken, body: { dotsPerPerson: 1 } })).status, 201);
    await waitForDoc(member.session, () => sessionOf(member.session).vote?.status === "open", 10_000, "the vote open");

    // Another instance (gone at once: nothing listens at its address) takes the board; A has not
    // renewed yet and still serves it from memory. Should A renew first, it passes the request on
    // to that address, and answers the same.
    await admin.query(
      "UPDATE board_leases SET owner = 'successor', owner_url = 'http://127.0.0.1:9', epoch = epoch + 1, expires_at = now() + interval '10 seconds' WHERE board_id = $1",
      [board.id],
    );
    const stale = await call(a.http, "POST", `/api/boards/${board.id}/vote/dots`, { token: phone.participantToken, body: { noteId: "lappen", delta: 1 } });
    assert.equal(stale.status, 503);
    assert.equal(stale.body.error, "board_moving");
    assert.deepEqual(await storage.tally(board.id, sessionOf(member.session).vote!.id), {}, "the stale holder stored no dot");

    // The phone asks again, as its queue does after a 503: B finds the successor gone, takes the board and counts the dot once.
    let retried = 0;
    await waitFor(async () => {
      retried = (await call(b.http, "POST", `/api/boards/${board.id}/vote/dots`, { token: phone.participantToken, body: { noteId: "lappen", delta: 1 } })).status;
      return retried !== 503;
    }, 10_000, "the dot taken by the new holder");
    assert.equal(retried, 200);
    assert.equal(await holderOf(board.id), b);
    assert.deepEqual(await storage.tally(board.id, sessionOf(member.session).vote!.id), { lappen: 1 });
  });

  test("SIGTERM: the holder hands the board over, and its clients are served by another instance within 2 s", async () => {
    const board = await createBoard(instances[0].http, "Uppgradering");
    const first = connect(instances[0], board.id, board.memberToken);
    await whenSynced(first.provider);
    const holder = (await holderOf(board.id))!;
    const viaOthers = instances.filter((instance) => instance !== holder).map((instance) => connect(instance, board.id, board.memberToken));
    await Promise.all(viaOthers.map((client) => whenSynced(client.provider)));
    createNote(viaOthers[0].doc, { id: "fore", x: 0, y: 0, text: "före", now: 1 }, "test");
    await waitForDoc(viaOthers[1].doc, () => notesOf(viaOthers[1].doc).has("fore"), 10_000, "the note before the upgrade");

    const stoppedAt = Date.now();
    holder.child.kill("SIGTERM");
    await new Promise((resolve) => holder.child.once("exit", resolve));
    createNote(viaOthers[1].doc, { id: "under", x: 300, y: 0, text: "under", now: 2 }, "test");
    await waitForDoc(viaOthers[0].doc, () => notesOf(viaOthers[0].doc).has("under"), 10_000, "a note through the new holder");
    const handedOverMs = Date.now() - stoppedAt;
    assert.ok(handedOverMs < 2_000, `served again after ${handedOverMs} ms`);
    assert.ok(instances.includes((await holderOf(board.id))!), "a running instance holds the board");
    instances = instances.filter((instance) => instance !== holder);
  });
});
