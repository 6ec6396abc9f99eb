import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import * as decoding from "lib0/decoding";
import * as Y from "yjs";
import { createNote } from "../../lib/board/actions";
import { notesOf } from "../../lib/schema/board";
import { silentLogger } from "../log";
import { openSqliteStorage } from "../storage/sqlite";
import { Room, type Peer } from "./room";

const dir = mkdtempSync(join(tmpdir(), "samla-room-test-"));
after(() => rmSync(dir, { recursive: true, force: true }));

async function roomWithNotes(count: number): Promise<Room> {
  const storage = openSqliteStorage(join(dir, `${count}-${Date.now()}`, "samla.db"));
  await storage.createBoard({ id: "board-1", title: "Tavla", createdAt: 1700000000000, tokenSalt: "salt" });
  const room = new Room("board-1", storage, silentLogger, { compactEvery: 500 });
  const author = new Y.Doc();
  for (let i = 0; i < count; i++) createNote(author, { id: `n${i}`, x: i * 200, y: 0, text: `Lapp ${i}`, now: i }, "test");
  await room.run(() => room.applyClientUpdate(Y.encodeStateAsUpdate(author), nobody));
  return room;
}

const nobody: Peer = { link: "member", role: "member", close: () => undefined, send: () => undefined, relay: () => undefined };

/** What a stock client does with a sync step 2: apply its update to its document. */
function applyAnswer(doc: Y.Doc, answer: Uint8Array): void {
  const decoder = decoding.createDecoder(answer);
  decoding.readVarUint(decoder); // sync
  decoding.readVarUint(decoder); // step 2
  Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
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
  await room.run(() => room.applyClientUpdate(Y.encodeStateAsUpdate(writer, before), nobody));
  const after = room.syncAnswer(Uint8Array.of(0));
  assert.notEqual(after, first, "a change makes a new answer");
  const later = new Y.Doc();
  applyAnswer(later, after);
  assert.equal(notesOf(later).size, 51);
  await room.close();
});

test("a peer that has part of the board gets only what it lacks", async () => {
  const room = await roomWithNotes(20);
  const peer = new Y.Doc();
  applyAnswer(peer, room.syncAnswer(Uint8Array.of(0)));
  const diff = room.syncAnswer(Y.encodeStateVector(peer));
  assert.ok(diff.length < 10, `nothing to send, got ${diff.length} bytes`);
  await room.close();
});
