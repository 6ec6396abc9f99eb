import assert from "node:assert/strict";
import { test } from "node:test";
import WebSocket from "ws";
import * as Y from "yjs";
import { createNote } from "../../lib/board/actions";
import { notesOf } from "../../lib/schema/board";
import { connectClient, createBoard, spawnServer, tempDir, waitFor, waitForDoc, whenSynced } from "../integration/helpers";
import { MB, megabytes, resetPeak, statusBytes } from "./support/memory";
import { Prober } from "./support/prober";
import { channelUrl } from "./support/raw-peer";

/**
 * Issue: "slow readers grew the server by 64 MB". A reader that never reads makes the server keep
 * everything it sends that reader; the server closes a reader whose unsent bytes pass
 * `sendBufferBytes` (1013) and drops what it held. Here ten viewers stop reading and a member
 * pushes far more through the board than the bound allows the server to hold.
 *
 * The bound: each slow reader holds at most sendBufferBytes plus one message before it is closed,
 * and what it holds is freed when it is cut off (at the latest 5 s after its close). So the
 * server's resident memory may grow by at most readers × (sendBufferBytes + largest message), plus
 * the working memory of handling 640 updates of 256 KB (V8 keeps strings that large outside its
 * young generation until a full collection, SQLite's page cache): measured with no reader at all it
 * is +81 MB, so 100 MB of margin. The test sets sendBufferBytes to 2 MB, so the bound is 122.5 MB
 * (with the default 8 MB: 10 × 8.25 + 100 = 182.5 MB); what passes, 160 MB, would all stay
 * resident without the limit (measured with sendBufferBytes at 1 GB: +235 MB).
 */
const READERS = 10;
const SEND_BUFFER = 2 * MB;
const MESSAGE = 256 * 1024;
const PUSHED = 160 * MB;
/** Enough to fill a stalled reader's share of the kernel's socket buffers and then SEND_BUFFER. */
const PAST_THE_LIMIT = 16 * MB;
const BOUND = READERS * (SEND_BUFFER + MESSAGE) + 100 * MB;

/** A viewer that connects, then never reads again: its socket is paused below the websocket. */
async function stalledViewer(wsBase: string, boardId: string, token: string) {
  const ws = new WebSocket(channelUrl(wsBase, boardId, "board", token));
  let code: number | null = null;
  ws.on("close", (c) => (code = c));
  ws.on("error", () => undefined);
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  ws.pause();
  return {
    resume: () => ws.resume(),
    code: () => code,
    terminate: () => ws.terminate(),
  };
}

/** A member's updates that each overwrite one 256 KB value: the board stays small, the traffic does not. */
function bigValues(count: number): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => updates.push(update));
  createNote(doc, { id: "heavy", x: 0, y: 0, text: "tung", now: 1 }, "w");
  for (let i = 0; i < count; i++) notesOf(doc).get("heavy")!.set("blob", String.fromCharCode(97 + (i % 26)).repeat(MESSAGE));
  return updates;
}

test(`${READERS} viewers that never read are closed (1013) and the server's memory stays within ${megabytes(BOUND)} while ${megabytes(PUSHED)} pass`, async (t) => {
  const server = await spawnServer(tempDir(), 0, {
    SAMLA_LIMIT_SEND_BUFFER_BYTES: String(SEND_BUFFER),
    SAMLA_LIMIT_BYTES_PER_SECOND: String(1024 * MB),
    SAMLA_LIMIT_MESSAGES_PER_SECOND: "100000",
  });
  const pid = server.child.pid!;
  t.after(() => server.kill());
  const board = await createBoard(server.http);
  const readers = await Promise.all(Array.from({ length: READERS }, () => stalledViewer(server.ws, board.id, board.viewerToken)));
  t.after(() => readers.forEach((r) => r.terminate()));
  const writer = await Prober.open(server.ws, board.id, board.memberToken);
  const updates = bigValues(PUSHED / MESSAGE);

  const baseline = statusBytes(pid, "VmRSS");
  resetPeak(pid);
  let highest = baseline;
  const push = async (batch: Uint8Array[]) => {
    for (const update of batch) {
      assert.equal(await writer.send(update), "kept");
      highest = Math.max(highest, statusBytes(pid, "VmRSS"));
    }
  };
  const early = PAST_THE_LIMIT / MESSAGE;
  await push(updates.slice(0, early));
  // Half the viewers read again at once, while their close frame still waits behind what they did
  // not read (a closed reader is cut off 5 s later): they read to it and find 1013.
  const first = readers.slice(0, READERS / 2);
  for (const r of first) r.resume();
  await waitFor(() => first.every((r) => r.code() !== null), 15_000, "the first viewers to find their connection closed");
  assert.deepEqual(first.map((r) => r.code()), first.map(() => 1013), "closed as too slow");

  await push(updates.slice(early));
  const peak = Math.max(highest, statusBytes(pid, "VmHWM"));
  t.diagnostic(`server RSS ${megabytes(baseline)} before, peak ${megabytes(peak)} (+${megabytes(peak - baseline)}), bound +${megabytes(BOUND)}`);
  assert.ok(peak - baseline <= BOUND, `the server grew by ${megabytes(peak - baseline)} with ${READERS} stalled readers`);

  // The others read again long after: their connections were closed, then cut off; none was served the rest.
  const rest = readers.slice(READERS / 2);
  for (const r of rest) r.resume();
  await waitFor(() => rest.every((r) => r.code() !== null), 15_000, "every stalled viewer to find its connection closed");
  const codes = rest.map((r) => r.code());
  assert.ok(codes.every((code) => code === 1013 || code === 1006), `close codes ${codes}`);

  // The board and the room are fine: a newcomer syncs, a note goes round.
  const a = connectClient(server.ws, board.id, board.memberToken);
  const b = connectClient(server.ws, board.id, board.viewerToken);
  try {
    await Promise.all([whenSynced(a.provider), whenSynced(b.provider)]);
    createNote(a.doc, { id: "after-the-flood", x: 0, y: 400, text: "Fortfarande här", now: 2 }, "page");
    await waitForDoc(b.doc, () => notesOf(b.doc).has("after-the-flood"), 5_000, "a note after the flood");
  } finally {
    a.destroy();
    b.destroy();
    writer.close();
  }
});
