import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import * as Y from "yjs";
import { createNote } from "../../lib/board/actions";
import { notesOf } from "../../lib/schema/board";
import { silentLogger } from "../../server/log";
import { BoardCopy } from "../../server/realtime/copy";
import { updateMessage } from "../../server/realtime/messages";
import type { Storage } from "../../server/storage/types";
import { openTestStorage, tempDir, waitFor } from "./helpers";

/**
 * A copy of a board (server/realtime/copy.ts) against a real store, fed stream entries by hand:
 * what a holder stored but never streamed (it died between the two) reaches the copy's readers.
 */

let storage: Storage;
before(async () => {
  storage = await openTestStorage(tempDir());
});
after(() => storage.close());

/** Writes a note as the holder does: stored; answers the update, for a stream entry. */
async function storeNote(boardId: string, holder: Y.Doc, id: string): Promise<Uint8Array> {
  const before = Y.encodeStateVector(holder);
  createNote(holder, { id, x: 0, y: 0, text: id, now: 1 }, "test");
  const update = Y.encodeStateAsUpdate(holder, before);
  await storage.append(boardId, { board: update, writers: [] });
  return update;
}

async function boardWithCopy(id: string, tail: { epoch: number; n: number } | null, onDeleted: () => void = () => undefined) {
  await storage.createBoard({ id, title: "Kopia", createdAt: Date.now(), tokenSalt: "salt" });
  const holder = new Y.Doc();
  await storeNote(id, holder, "first");
  const copy = new BoardCopy(id, storage, silentLogger, onDeleted, () => undefined);
  copy.positioned(tail);
  await copy.load();
  assert.ok(notesOf(copy.doc).has("first"));
  return { holder, copy };
}

test("a new holder's first entry after one the copy never saw: the note stored but not streamed reaches the copy", async () => {
  const { holder, copy } = await boardWithCopy("copy0001", { epoch: 5, n: 100 });
  await storeNote("copy0001", holder, "stored-not-streamed");
  const next = await storeNote("copy0001", holder, "by-the-new-holder");
  copy.entries([{ kind: "board", epoch: 6, n: 1, message: updateMessage(next) }]);
  await waitFor(() => notesOf(copy.doc).has("stored-not-streamed"), 5_000, "the note only PostgreSQL had");
  copy.destroy();
});

test("a stream that held nothing when following began: its first entry is checked against PostgreSQL", async () => {
  const { holder, copy } = await boardWithCopy("copy0002", null);
  await storeNote("copy0002", holder, "missed");
  const next = await storeNote("copy0002", holder, "streamed");
  copy.entries([{ kind: "board", epoch: 1, n: 7, message: updateMessage(next) }]);
  await waitFor(() => notesOf(copy.doc).has("missed"), 5_000, "the note the stream never carried");
  copy.destroy();
});

test("entries that follow on need no reload: the next number is trusted", async () => {
  const { holder, copy } = await boardWithCopy("copy0003", { epoch: 2, n: 4 });
  await storeNote("copy0003", holder, "unstreamed");
  const next = await storeNote("copy0003", holder, "next");
  copy.entries([{ kind: "board", epoch: 2, n: 5, message: updateMessage(next) }]);
  await new Promise((resolve) => setTimeout(resolve, 300));
  // Proof the check is by number: with n following on, the copy did not go to PostgreSQL.
  assert.equal(notesOf(copy.doc).has("unstreamed"), false);
  copy.destroy();
});

test("a board PostgreSQL no longer has: the copy's readers are told it is deleted", async () => {
  let deleted = false;
  const { copy } = await boardWithCopy("copy0004", { epoch: 1, n: 1 }, () => (deleted = true));
  const closes: number[] = [];
  const peer = { link: "viewer", role: "viewer", channel: "board", writer: "link:viewer", send: () => undefined, relay: () => undefined, close: (code: number) => closes.push(code), isAlive: async () => true } as const;
  copy.join(peer);
  await storage.deleteBoard("copy0004");
  copy.lost();
  await waitFor(() => deleted && closes.includes(4410), 5_000, "the copy's reader closed with 4410");
  copy.destroy();
});

test("phones following a copy hear of every change: a streamed update, a 'phones' entry, and the board's end", async () => {
  const { holder, copy } = await boardWithCopy("copy0005", { epoch: 3, n: 1 });
  let changes = 0;
  const stop = copy.onChange(() => changes++);
  const next = await storeNote("copy0005", holder, "streamed");
  copy.entries([{ kind: "board", epoch: 3, n: 2, message: updateMessage(next) }]);
  assert.equal(changes, 1, "a streamed update");
  copy.entries([{ kind: "phones", epoch: 3, n: 3 }]);
  assert.equal(changes, 2, "a held note or a dot changed on the holder");
  // A "phones" entry is numbered like the rest: one that skips a number makes the copy look in PostgreSQL.
  await storeNote("copy0005", holder, "stored-not-streamed");
  copy.entries([{ kind: "phones", epoch: 3, n: 5 }]);
  await waitFor(() => notesOf(copy.doc).has("stored-not-streamed"), 5_000, "the note behind the gap");
  // A lost entry behind a gap may have been a "phones" one, which PostgreSQL's documents do not show: phones look again anyway.
  const beforeGap = changes;
  copy.entries([{ kind: "tick", epoch: 3, n: 9 }]);
  await waitFor(() => changes > beforeGap, 5_000, "phones told to look again after a gap with nothing new in the documents");
  assert.equal(copy.hasEnded, false);
  const before = changes;
  copy.destroy();
  assert.equal(copy.hasEnded, true);
  assert.ok(changes > before, "told when the copy ends");
  stop();
});
