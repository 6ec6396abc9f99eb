import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, mock, test } from "node:test";
import Database from "better-sqlite3";
import * as decoding from "lib0/decoding";
import * as Y from "yjs";
import { createNote, textOfNote } from "../../lib/board/actions";
import { createFrame, moveFrame, setFrameLocked } from "../../lib/board/frames";
import type { Role } from "../../lib/roles";
import { notesOf } from "../../lib/schema/board";
import { framesOf } from "../../lib/schema/frame";
import { SERVER_LIMITS } from "../../lib/schema/limits";
import { readSession } from "../../lib/schema/session";
import { deletesOnly, encodeHandUpdate } from "../../lib/testing/hand-made-updates";
import { stateOf } from "../../lib/schema/update-structure";
import { encodePresence } from "../../lib/schema/presence-guard";
import { silentLogger } from "../log";
import { openSqliteStorage } from "../storage/sqlite";
import type { Storage } from "../storage/types";
import { CLOSE, Room, type Channel, type Peer } from "./room";

const dir = mkdtempSync(join(tmpdir(), "samla-room-test-"));
after(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
async function freshStorage(): Promise<{ storage: Storage; file: string }> {
  const file = join(dir, `${++files}`, "samla.db");
  const storage = openSqliteStorage(file);
  await storage.createBoard({ id: "board-1", title: "Tavla", createdAt: 1700000000000, tokenSalt: "salt" });
  return { storage, file };
}

function openRoom(storage: Storage): Room {
  return new Room("board-1", storage, silentLogger, { compactEvery: 500, limits: SERVER_LIMITS });
}

/** A connection that has joined the room. */
async function joined(room: Room, role: Role, writer?: string, channel?: Channel) {
  const connection = peer(role, writer, channel);
  await room.run(() => room.join(connection.peer));
  return connection;
}

/** A connection as the room sees it, recording what it is sent and how it is closed. */
function peer(role: Role, writer = `link:${role}`, channel: Channel = "board") {
  const sent: Uint8Array[] = [];
  const closed: number[] = [];
  const self: Peer = {
    link: role,
    role,
    channel,
    writer,
    send: (message) => sent.push(message),
    relay: (message) => sent.push(message),
    close: (code) => closed.push(code),
    isAlive: async () => true,
  };
  return { peer: self, sent, closed };
}

async function send(room: Room, from: Peer, update: Uint8Array): Promise<void> {
  await room.run(() => room.receive(from, { kind: "update", update }));
}

async function roomWithNotes(count: number, storage?: Storage): Promise<Room> {
  const room = openRoom(storage ?? (await freshStorage()).storage);
  const author = new Y.Doc();
  for (let i = 0; i < count; i++) createNote(author, { id: `n${i}`, x: i * 200, y: 0, text: `Lapp ${i}`, now: i }, "test");
  const member = peer("member");
  await room.run(() => room.join(member.peer));
  await send(room, member.peer, Y.encodeStateAsUpdate(author));
  return room;
}

/** What a stock client does with a sync step 2: apply its update to its document. */
function applyAnswer(doc: Y.Doc, answer: Uint8Array): void {
  const decoder = decoding.createDecoder(answer);
  decoding.readVarUint(decoder); // sync
  decoding.readVarUint(decoder); // step 2
  Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
}

/** The board as storage holds it, read straight from the file the way a restart would. */
async function reloaded(storage: Storage): Promise<Room> {
  const room = openRoom(storage);
  await room.run(() => undefined);
  return room;
}

test("everyone who opens the board with nothing gets the whole board, encoded once until it changes", async () => {
  const room = await roomWithNotes(50);
  const first = room.syncAnswer(Uint8Array.of(0));
  assert.equal(room.syncAnswer(Uint8Array.of(0)), first, "the same bytes for the next person");
  const fresh = new Y.Doc();
  applyAnswer(fresh, first);
  assert.equal(notesOf(fresh).size, 50);

  const writer = new Y.Doc();
  applyAnswer(writer, first);
  const before = Y.encodeStateVector(writer);
  createNote(writer, { id: "late", x: 0, y: 400, text: "Sen lapp", now: 99 }, "test");
  await send(room, (await joined(room, "member")).peer, Y.encodeStateAsUpdate(writer, before));
  const after = room.syncAnswer(Uint8Array.of(0));
  assert.notEqual(after, first, "a change makes a new answer");
  const later = new Y.Doc();
  applyAnswer(later, after);
  assert.equal(notesOf(later).size, 51);
  await room.close();
});

test("a peer that has part of the board gets only what it lacks", async () => {
  const room = await roomWithNotes(20);
  const client = new Y.Doc();
  applyAnswer(client, room.syncAnswer(Uint8Array.of(0)));
  const diff = room.syncAnswer(Y.encodeStateVector(client));
  assert.ok(diff.length < 10, `nothing to send, got ${diff.length} bytes`);
  await room.close();
});

test("an update refused for what it refers to is neither applied, stored nor relayed, and its sender is closed with 4400", async () => {
  const { storage } = await freshStorage();
  const room = await roomWithNotes(3, storage);
  const attacker = peer("member");
  const witness = peer("viewer");
  await room.run(() => room.join(attacker.peer));
  await room.run(() => room.join(witness.peer));
  const relayedBefore = witness.sent.length;
  const futureDelete = deletesOnly(room.doc.clientID, stateOf(room.doc, room.doc.clientID), 100_000);
  await send(room, attacker.peer, futureDelete);
  assert.deepEqual(attacker.closed, [CLOSE.malformed]);
  assert.equal(witness.sent.length, relayedBefore, "nothing relayed");
  assert.equal(room.doc.store.pendingDs, null, "nothing pending");
  // The server's next write is not deleted by it.
  await room.run(() => room.applyServerChange((doc) => createNote(doc, { id: "placed", x: 0, y: 900, text: "Från mobilen", now: 5 }, "server")));
  assert.ok(notesOf(room.doc).has("placed"));
  await room.close();
  const again = await reloaded(storage);
  assert.ok(notesOf(again.doc).has("placed"));
  assert.equal(notesOf(again.doc).size, 4);
  await again.close();
});

test("an update that builds on the sender's own history the server lost is dropped, the sender asked to sync, and nothing is lost", async () => {
  const room = await roomWithNotes(1);
  const laptop = await joined(room, "member", "device:laptop");
  const client = new Y.Doc();
  applyAnswer(client, room.syncAnswer(Uint8Array.of(0)));
  // An update of the laptop's the server never got (say, in flight when the server was killed) …
  const synced = Y.encodeStateVector(client);
  createNote(client, { id: "lost", x: 0, y: 300, text: "Skickad precis före omstarten", now: 3 }, "me");
  const afterLost = Y.encodeStateVector(client);
  // … and the typing that follows it, which arrives first.
  textOfNote(client, "lost")!.insert(0, "Ja! ");
  const typing = Y.encodeStateAsUpdate(client, afterLost);
  const heardBefore = laptop.sent.length;
  await send(room, laptop.peer, typing);
  assert.deepEqual(laptop.closed, [], "an honest client is not closed");
  assert.equal(notesOf(room.doc).has("lost"), false, "nothing of it applied");
  assert.equal(room.doc.store.pendingStructs, null, "nothing kept pending");
  assert.deepEqual([...laptop.sent[heardBefore]].slice(0, 2), [0, 0], "asked for a sync step 2 (sent a step 1)");
  // Its answer: everything the server lacks.
  await send(room, laptop.peer, Y.encodeStateAsUpdate(client, synced));
  assert.equal(textOfNote(room.doc, "lost")!.toString(), "Ja! Skickad precis före omstarten");
  await room.close();
});

test("a client id bound to one writer cannot be written by another: the second gets 4403, the first goes on", async () => {
  const room = await roomWithNotes(1);
  const laptop = await joined(room, "member", "device:laptop");
  const attacker = await joined(room, "member", "device:attacker");
  const client = new Y.Doc();
  applyAnswer(client, room.syncAnswer(Uint8Array.of(0)));
  let before = Y.encodeStateVector(client);
  createNote(client, { id: "mine", x: 0, y: 300, text: "Min lapp", now: 3 }, "me");
  await send(room, laptop.peer, Y.encodeStateAsUpdate(client, before));
  // The attacker writes at the laptop's next clocks, as the laptop's client id.
  const forged = encodeHandUpdate({ blocks: [{ client: client.clientID, clock: stateOf(room.doc, client.clientID), structs: [{ gc: 50 }] }] });
  await send(room, attacker.peer, forged);
  assert.deepEqual(attacker.closed, [CLOSE.forbidden]);
  before = Y.encodeStateVector(client);
  createNote(client, { id: "next", x: 0, y: 600, text: "Nästa", now: 4 }, "me");
  await send(room, laptop.peer, Y.encodeStateAsUpdate(client, before));
  assert.deepEqual(laptop.closed, []);
  assert.ok(notesOf(room.doc).has("next"), "the laptop's later note is not lost to the forgery");
  await room.close();
});

test("a member's move of a locked worksheet is put back in the same stored update, which the member hears too", async () => {
  const { storage, file } = await freshStorage();
  const room = openRoom(storage);
  await room.run(() => room.applyServerChange((doc, session) => {
    createFrame(doc, { id: "w", kind: "flipchart", title: "Mål", x: 0, y: 0, now: 1 }, "server");
    setFrameLocked(session, "w", true);
  }));
  const member = peer("member");
  await room.run(() => room.join(member.peer));
  const client = new Y.Doc();
  applyAnswer(client, room.syncAnswer(Uint8Array.of(0)));
  const before = Y.encodeStateVector(client);
  moveFrame(client, "w", 900, 900, "me");
  const rowsBefore = countUpdateRows(file);
  const heardBefore = member.sent.length;
  const serverId = room.doc.clientID;
  await send(room, member.peer, Y.encodeStateAsUpdate(client, before));
  assert.equal(framesOf(room.doc).get("w")!.get("x"), 0);
  assert.equal(room.doc.clientID, serverId, "the server writes the put-back as itself: its client id stays bound to it");
  assert.equal(countUpdateRows(file), rowsBefore + 1, "the member's change and its put-back are one row: a crash cannot split them");
  assert.equal(member.sent.length, heardBefore + 1, "the member hears the put-back");
  assert.deepEqual(readSession(room.session).locks, { w: true });
  await room.close();
});

test("an update in storage that cannot be applied is moved aside and the board loads from the rest", async () => {
  const { storage, file } = await freshStorage();
  const room = await roomWithNotes(5, storage);
  await room.close();
  // The 49-byte kind: an item whose parent is itself. Written past the room, as an old server did.
  const self = { client: 777, clock: 0 };
  const brick = encodeHandUpdate({ blocks: [{ client: 777, clock: 0, structs: [{ item: { parent: self, parentSub: "a", content: { type: "map" } } }] }] });
  await storage.append("board-1", { board: brick });
  const after = new Y.Doc();
  createNote(after, { id: "after", x: 0, y: 2000, text: "Efter", now: 9 }, "test");
  await storage.append("board-1", { board: Y.encodeStateAsUpdate(after) });
  const again = await reloaded(storage);
  assert.equal(notesOf(again.doc).size, 6, "everything but the broken update");
  assert.equal(quarantined(file), 1);
  await again.close();
  const third = await reloaded(storage);
  assert.equal(notesOf(third.doc).size, 6);
  assert.equal(quarantined(file), 1, "moved aside once; the repaired board was compacted");
  await third.close();
});

test("updates stored out of order (an older server kept them pending) still load", async () => {
  const { storage, file } = await freshStorage();
  const writer = new Y.Doc();
  const first = captureUpdate(writer, () => createNote(writer, { id: "a", x: 0, y: 0, text: "Först", now: 1 }, "w"));
  const second = captureUpdate(writer, () => createNote(writer, { id: "b", x: 200, y: 0, text: "Sedan", now: 2 }, "w"));
  await storage.append("board-1", { board: second });
  await storage.append("board-1", { board: first });
  const room = await reloaded(storage);
  assert.deepEqual([...notesOf(room.doc).keys()].sort(), ["a", "b"]);
  assert.equal(quarantined(file), 0);
  await room.close();
});

test("the session channel is read-only: updates sent there are dropped, presence gets an empty answer", async () => {
  const room = await roomWithNotes(1);
  const listener = peer("facilitator", "link:facilitator", "session");
  await room.run(() => room.join(listener.peer));
  const forged = new Y.Doc();
  forged.getMap("session").set("privateWriting", false);
  await send(room, listener.peer, Y.encodeStateAsUpdate(forged));
  assert.equal(room.session.getMap("session").get("privateWriting"), undefined);
  assert.deepEqual(listener.closed, []);
  await room.run(() => room.receive(listener.peer, { kind: "awareness", update: Uint8Array.of(1, 5, 1, 2, 123, 125) }));
  assert.deepEqual([...listener.sent[listener.sent.length - 1]], [1, 1, 0], "an empty presence message");
  await room.close();
});

function captureUpdate(doc: Y.Doc, change: () => void): Uint8Array {
  const before = Y.encodeStateVector(doc);
  change();
  return Y.encodeStateAsUpdate(doc, before);
}

function countUpdateRows(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM updates").get()!.n;
  } finally {
    db.close();
  }
}

function quarantined(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM quarantined_updates").get()!.n;
  } finally {
    db.close();
  }
}

test("a reader on another instance's copy is in presence like a connection here, and lets go of its ids once its instance falls silent", async () => {
  const { storage } = await freshStorage();
  const room = openRoom(storage);
  mock.timers.enable({ apis: ["Date"], now: 1_700_000_000_000 });
  try {
    const vera = (clock: number, name: string) => encodePresence([{ client: 42, clock, state: { user: { name } } }]);
    const nameOf42 = () => (room.awareness.getStates().get(42) as { user?: { name?: string } } | undefined)?.user?.name;
    const remote = { kind: "presence", conn: "b/1", link: "viewer", role: "viewer", writer: "link:viewer" } as const;
    await room.run(() => room.remotePresence({ ...remote, update: vera(1, "Vera på B") }));
    assert.equal(nameOf42(), "Vera på B");

    // The same link's stock client here claims the id while the copy still speaks for it: refused.
    const local = await joined(room, "viewer");
    await room.run(() => room.receive(local.peer, { kind: "awareness", update: vera(2, "Vera här") }));
    assert.equal(nameOf42(), "Vera på B");

    // B was killed (no word that its reader left): 30 s after its last message the id is free.
    mock.timers.tick(31_000);
    await room.run(() => room.receive(local.peer, { kind: "awareness", update: vera(3, "Vera här") }));
    await new Promise((resolve) => setImmediate(resolve));
    await room.run(() => room.receive(local.peer, { kind: "awareness", update: vera(4, "Vera här") }));
    assert.equal(nameOf42(), "Vera här");

    // A reader that leaves on its copy leaves presence here at once.
    await room.run(() => room.remotePresence({ ...remote, conn: "c/7", update: encodePresence([{ client: 77, clock: 1, state: { user: { name: "Ola" } } }]) }));
    assert.ok(room.awareness.getStates().has(77));
    await room.run(() => room.remotePresence({ kind: "left", conn: "c/7" }));
    assert.equal(room.awareness.getStates().has(77), false);
  } finally {
    mock.timers.reset();
    await room.close();
  }
});
