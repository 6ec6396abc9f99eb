import assert from "node:assert/strict";
import { test } from "node:test";
import { createNote, textOfNote } from "../../lib/board/actions";
import { notesOf } from "../../lib/schema/board";
import { encodeHandUpdate } from "../../lib/testing/hand-made-updates";
import { createBoard, readStoredBoard, spawnServer, tempDir, waitFor, waitForDoc, whenSynced } from "../integration/helpers";
import { updateAlone } from "./support/attack";
import { openBrowser, type Browser } from "./support/browser";
import { duplicateBlocks, FORBIDDEN_CONTENTS, forbiddenContent, gapStart, noteAt, originCycle, ownFutureOrigin, parentCycle, selfParent, withSkip } from "./support/hostile-updates";
import { quarantinedRows } from "./support/stored";
import { boardJson } from "./support/workshop";

/**
 * Issue, attack 2: a 49-byte update (an item whose parent chain runs in a circle) was stored, and
 * after a crash the board no longer loaded. Every update shape that Yjs cannot apply in full now is
 * sent by a member; each must be refused (4400) before it is stored, so that a SIGKILL and a
 * restart load the board with every honest change and nothing set aside.
 */
const threeCycle = (a: number) =>
  encodeHandUpdate({
    blocks: [0, 1, 2].map((i) => ({
      client: a + i,
      clock: 0,
      structs: [{ item: { parent: { client: a + ((i + 1) % 3), clock: 0 }, parentSub: "k", content: { type: "map" as const } } }],
    })),
  });

test("updates Yjs cannot apply in full are refused (4400, or dropped when only the sender's own history is missing) and never stored: after SIGKILL and a restart the board loads with everything", async (t) => {
  const dataDir = tempDir();
  let server = await spawnServer(dataDir);
  const port = server.port;
  const browsers: Browser[] = [];
  t.after(async () => {
    for (const b of browsers) b.destroy();
    await server.kill();
  });
  const board = await createBoard(server.http);
  const facilitator = await openBrowser(server.http, server.ws, board.id, board.facilitatorToken, "facilitator");
  const member = await openBrowser(server.http, server.ws, board.id, board.memberToken, "member");
  browsers.push(facilitator, member);
  await Promise.all(browsers.map((b) => whenSynced(b.provider)));

  let written = 0;
  const honestNote = async () => {
    const id = `honest-${++written}`;
    createNote(written % 2 ? facilitator.doc : member.doc, { id, x: written * 200, y: 0, text: `Ärlig lapp ${written}`, now: written }, "page");
    await waitForDoc((written % 2 ? member : facilitator).doc, () => notesOf((written % 2 ? member : facilitator).doc).has(id), 5_000, id);
  };
  await honestNote();

  let id = 4_000_000_000;
  const attacks: Array<[string, Uint8Array]> = [
    ["an item whose parent is itself", selfParent(++id)],
    ["two clients whose items are each other's parent", parentCycle(++id, ++id)],
    ["three clients in a parent circle", threeCycle((id += 3))],
    ["two clients whose items are each other's left neighbour", originCycle(++id, ++id)],
    ["an item whose left neighbour is its own later clock", ownFutureOrigin(++id)],
    ["a skip inside a block", withSkip(++id)],
    ["one client in two blocks", duplicateBlocks((id += 2))],
    ["a new client starting at clock 7", gapStart(++id)],
    ["a note and a delete past its own end", encodeHandUpdate({ blocks: [{ client: ++id, clock: 0, structs: [{ item: { parent: "notes", parentSub: "d", content: { type: "map" } } }] }], deletes: [{ client: id, ranges: [{ clock: 0, len: 5 }] }] })],
    ...FORBIDDEN_CONTENTS.map(([name, content]): [string, Uint8Array] => [`a note made of ${name}`, forbiddenContent(++id, content)]),
  ];
  // An update that lacks only its sender's own earlier history is what an honest client sends
  // after a message of its was lost: it is dropped unstored and the sender asked for what it has
  // (sync step 1), not closed, since the stock client never reconnects after a 44xx close.
  const ownHistoryLacking = new Set(["a new client starting at clock 7", "a note and a delete past its own end"]);
  for (const [name, update] of attacks) {
    const expected = ownHistoryLacking.has(name) ? "kept" : 4400;
    assert.equal(await updateAlone(server.ws, board.id, board.memberToken, "board", update), expected, `${name} (${update.length} bytes)`);
    await honestNote();
  }
  // A valid control sent the same way is accepted: the refusals are about the shapes, not the sender.
  assert.equal(await updateAlone(server.ws, board.id, board.memberToken, "board", noteAt(++id, 0, "control")), "kept");
  await waitForDoc(facilitator.doc, () => notesOf(facilitator.doc).has("control"));

  // Typing in a note and killing the server before anyone else looks.
  textOfNote(member.doc, "honest-2")!.insert(0, "Sista: ");
  await waitForDoc(facilitator.doc, () => textOfNote(facilitator.doc, "honest-2")?.toString().startsWith("Sista: ") === true);
  const seen = boardJson(facilitator.doc);
  await server.kill();
  const onDisk = await readStoredBoard(dataDir, board.id);
  assert.deepEqual(boardJson(onDisk.doc).notes, seen.notes, "what the browsers saw is on disk");

  server = await spawnServer(dataDir, port);
  await waitFor(() => browsers.every((b) => b.provider.synced), 20_000, "the browsers back on the restarted server");
  await waitForDoc(facilitator.doc, () => notesOf(facilitator.doc).size === written + 1);
  assert.equal(await quarantinedRows(dataDir), 0, "nothing stored had to be set aside at load");
  await honestNote();
  assert.deepEqual(boardJson(member.doc).notes, boardJson(facilitator.doc).notes);
  for (const b of browsers) assert.deepEqual(b.closeCodes.filter((code) => code !== 1006), [], `${b.name}: only the kill closed it`);
});
