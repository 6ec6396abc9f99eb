import assert from "node:assert/strict";
import { test } from "node:test";
import * as decoding from "lib0/decoding";
import { announceOnlyOurselves } from "../../components/board/quietPresence";
import { connectClient, createBoard, delay, startServer, waitFor, whenSynced } from "./helpers";

/** The client ids named by each presence message a provider's socket sends. */
function recordAnnouncements(provider: ReturnType<typeof connectClient>["provider"]): number[][] {
  const announced: number[][] = [];
  const ws = provider.ws as unknown as { send(data: Uint8Array): void };
  const send = ws.send.bind(ws);
  ws.send = (data: Uint8Array) => {
    const decoder = decoding.createDecoder(new Uint8Array(data));
    if (decoding.readVarUint(decoder) === 1) {
      const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
      const ids: number[] = [];
      for (let i = decoding.readVarUint(update); i > 0; i--) {
        ids.push(decoding.readVarUint(update));
        decoding.readVarUint(update);
        decoding.readVarString(update);
      }
      announced.push(ids);
    }
    send(data);
  };
  return announced;
}

test("our pages announce only their own presence: others' cursors are not sent back, their own still arrive", async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const board = await createBoard(server.http);
  const quiet = connectClient(server.ws, board.id, board.memberToken);
  const stock = connectClient(server.ws, board.id, board.memberToken);
  t.after(() => [quiet, stock].forEach((c) => c.destroy()));
  announceOnlyOurselves(quiet.provider);
  await Promise.all([whenSynced(quiet.provider), whenSynced(stock.provider)]);
  const quietSent = recordAnnouncements(quiet.provider);
  const stockSent = recordAnnouncements(stock.provider);

  for (let x = 1; x <= 20; x++) {
    stock.provider.awareness.setLocalStateField("cursor", { x, y: 0 });
    quiet.provider.awareness.setLocalStateField("cursor", { x: -x, y: 0 });
    await delay(10);
  }
  const cursorAt = (from: typeof quiet, of: typeof quiet) => (from.provider.awareness.getStates().get(of.provider.awareness.clientID) as { cursor?: { x: number } } | undefined)?.cursor?.x;
  await waitFor(() => cursorAt(quiet, stock) === 20 && cursorAt(stock, quiet) === -20, 5_000, "both cursors across");

  const quietId = quiet.provider.awareness.clientID;
  assert.ok(quietSent.length >= 20, "the quiet page announced each of its own moves");
  assert.deepEqual(quietSent.flat().filter((id) => id !== quietId), [], "and nobody else's");
  assert.ok(stockSent.flat().includes(quietId), "the stock client echoes what it hears: the case this is for");

  // Its own leaving still goes out (the wrapper passes its own removals on).
  quiet.provider.awareness.setLocalState(null);
  await waitFor(() => !stock.provider.awareness.getStates().has(quietId), 5_000, "the quiet page gone from the other's presence");
});
