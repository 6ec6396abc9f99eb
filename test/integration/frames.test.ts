import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import * as Y from "yjs";
import { createNote, moveNotes } from "../../lib/board/actions";
import { createFrame, moveFrame, updateFrame } from "../../lib/board/frames";
import { notesOf } from "../../lib/schema/board";
import { framesOf, readFrame, type FrameSnapshot } from "../../lib/schema/frame";
import { readNote } from "../../lib/schema/note";
import { isLocked } from "../../lib/schema/session";
import { connectClient, createBoard, delay, sameStateVector, startServer, waitFor, whenSynced } from "./helpers";
import { call } from "./participation-helpers";

type Client = ReturnType<typeof connectClient>;

function frameIn(doc: Y.Doc, id: string): FrameSnapshot | null {
  const map = framesOf(doc).get(id);
  return map ? readFrame(id, map) : null;
}

/** Where a note is and which cell it says it is in, as [x, y, frame, cell]. */
function spot(doc: Y.Doc, id: string): unknown[] | null {
  const map = notesOf(doc).get(id);
  if (!map) return null;
  const note = readNote(id, map);
  return [note.x, note.y, note.frame, note.cell];
}

/** The facilitator locks or unlocks through the API: the lock is the server's, in the session document. */
async function setLocked(http: string, boardId: string, token: string, locked: boolean, frameId = "f"): Promise<number> {
  return (await call(http, "POST", `/api/boards/${boardId}/frames/${frameId}/lock`, { token, body: { locked } })).status;
}

function lockedFor(clients: Client[], locked: boolean): boolean {
  return clients.every((c) => isLocked(c.session, "f") === locked);
}

function converged(clients: Client[]): boolean {
  return clients.every((c) => sameStateVector(clients[0].doc, c.doc));
}

/** Every status change and every close of a client's websocket, from now on. */
function watchConnection(client: Client) {
  const seen = { closes: 0, statuses: [] as string[] };
  client.provider.on("status", ({ status }: { status: string }) => seen.statuses.push(status));
  client.provider.on("connection-close", () => seen.closes++);
  return seen;
}

/**
 * A board with a columns frame "f" at the origin (cells 500 wide from y 72) and a note "n" in its
 * first cell, seen by a facilitator and two members.
 */
async function boardWithFrame(ws: string, http: string, clients: Client[]) {
  const board = await createBoard(http);
  const facilitator = connectClient(ws, board.id, board.facilitatorToken);
  const member = connectClient(ws, board.id, board.memberToken);
  const other = connectClient(ws, board.id, board.memberToken);
  clients.push(facilitator, member, other);
  await Promise.all([facilitator, member, other].flatMap((c) => [whenSynced(c.provider), whenSynced(c.sessionProvider)]));
  createFrame(facilitator.doc, { id: "f", kind: "columns", title: "Bra / Mindre bra / Idéer", x: 0, y: 0, now: 1, cellLabels: ["Bra", "Mindre bra", "Idéer"] }, "test");
  createNote(facilitator.doc, { id: "n", x: 0, y: 0, text: "Fika ihop", now: 2 }, "test");
  moveNotes(facilitator.doc, [{ id: "n", x: 100, y: 200 }], "test");
  const all = [facilitator, member, other];
  await waitFor(() => all.every((c) => spot(c.doc, "n")?.[2] === "f" && frameIn(c.doc, "f") !== null), 10_000, "everyone to see the frame and its note");
  return { board, facilitator, member, other, all };
}

describe("frames over the websocket", async () => {
  const server = await startServer();
  const clients: Client[] = [];
  after(async () => {
    for (const c of clients) c.destroy();
    await server.close();
  });

  test("a member moves an unlocked frame and everyone sees it, its note along with it", async () => {
    const { member, all } = await boardWithFrame(server.ws, server.http, clients);
    moveFrame(member.doc, "f", 500, 300, "test");
    await waitFor(() => all.every((c) => frameIn(c.doc, "f")?.x === 500 && frameIn(c.doc, "f")?.y === 300), 10_000, "everyone to see the move");
    for (const c of all) assert.deepEqual(spot(c.doc, "n"), [600, 500, "f", 0]);
  });

  test("once locked, a member's move and retitle are put back on every client, and the member stays connected", async () => {
    const { board, member, all } = await boardWithFrame(server.ws, server.http, clients);
    assert.equal(await setLocked(server.http, board.id, board.facilitatorToken, true), 200);
    await waitFor(() => lockedFor(all, true), 10_000, "everyone to see the lock");
    const connection = watchConnection(member);

    moveFrame(member.doc, "f", 2000, 2000, "test");
    updateFrame(member.doc, "f", { title: "Medlemmens titel" }, "test");
    await waitFor(
      () => converged(all) && all.every((c) => frameIn(c.doc, "f")?.x === 0 && frameIn(c.doc, "f")?.title === "Bra / Mindre bra / Idéer"),
      10_000,
      "every client to end with the locked position and title",
    );
    for (const c of all) {
      assert.deepEqual([frameIn(c.doc, "f")?.x, frameIn(c.doc, "f")?.y, isLocked(c.session, "f")], [0, 0, true]);
      assert.deepEqual(spot(c.doc, "n"), [100, 200, "f", 0], "the note went back with the frame");
    }

    // No close, no reconnect, no update sent back and forth: a second and a half of quiet.
    let updates = 0;
    const count = () => updates++;
    for (const c of all) c.doc.on("update", count);
    await delay(1500);
    for (const c of all) c.doc.off("update", count);
    assert.equal(updates, 0, "updates after the board settled");
    assert.equal(connection.closes, 0);
    assert.deepEqual(connection.statuses, []);
    assert.equal(member.provider.wsconnected, true);
  });

  test("only the facilitator locks and unlocks: a member's call is refused, a member's forged unlock changes nothing", async () => {
    const { board, member, other, all } = await boardWithFrame(server.ws, server.http, clients);
    assert.equal(await setLocked(server.http, board.id, board.memberToken, true), 403);
    assert.equal(await setLocked(server.http, board.id, board.viewerToken, true), 403);
    assert.equal(await setLocked(server.http, board.id, board.facilitatorToken, true, "no-such-frame"), 404);

    assert.equal(await setLocked(server.http, board.id, board.facilitatorToken, true), 200);
    await waitFor(() => lockedFor(all, true), 10_000, "the facilitator's lock");
    // A member writes an unlock into its copy of the session document, and a `locked: false` on the frame.
    member.session.getMap("session").set("locks", {});
    framesOf(member.doc).get("f")!.set("locked", false);
    createNote(other.doc, { id: "later", x: 5000, y: 0, now: 3 }, "test");
    await waitFor(() => notesOf(member.doc).has("later") && !framesOf(member.doc).get("f")!.has("locked"), 10_000, "the member's frame edit taken back");
    moveFrame(member.doc, "f", 3000, 3000, "test");
    await waitFor(() => converged(all) && frameIn(member.doc, "f")?.x === 0, 10_000, "the locked frame to stay put");
    for (const c of all.filter((c) => c !== member)) assert.equal(isLocked(c.session, "f"), true, "still locked for everyone else");

    assert.equal(await setLocked(server.http, board.id, board.facilitatorToken, false), 200);
    await waitFor(() => lockedFor(all.filter((c) => c !== member), false), 10_000, "the facilitator's unlock");
  });

  test("a member can still move a note inside a locked frame, into another cell", async () => {
    const { board, member, all } = await boardWithFrame(server.ws, server.http, clients);
    assert.equal(await setLocked(server.http, board.id, board.facilitatorToken, true), 200);
    await waitFor(() => lockedFor(all, true), 10_000, "everyone to see the lock");
    moveNotes(member.doc, [{ id: "n", x: 1100, y: 300 }], "test");
    await waitFor(() => converged(all) && all.every((c) => spot(c.doc, "n")?.[0] === 1100), 10_000, "everyone to see the note moved");
    for (const c of all) {
      assert.deepEqual(spot(c.doc, "n"), [1100, 300, "f", 2]);
      assert.equal(isLocked(c.session, "f"), true);
    }
  });
});

describe("frames are stored", () => {
  test("after a server restart the frame, its lock and its notes' cells are still there", async (t) => {
    const first = await startServer();
    const clients: Client[] = [];
    let second: Awaited<ReturnType<typeof startServer>> | null = null;
    let firstClosed = false;
    t.after(async () => {
      for (const c of clients) c.destroy();
      if (!firstClosed) await first.close();
      await second?.close();
    });

    const { board, facilitator, member, all } = await boardWithFrame(first.ws, first.http, clients);
    createFrame(facilitator.doc, { id: "p", kind: "parking", title: "Parkering", x: 2000, y: 0, now: 3 }, "test");
    assert.equal(await setLocked(first.http, board.id, board.facilitatorToken, true), 200);
    // The member's own document decides the note's cell: it must hold the parking lot first.
    await waitFor(() => frameIn(member.doc, "p") !== null, 10_000, "the member to see the parking lot");
    createNote(member.doc, { id: "park", x: 0, y: 0, text: "Schemat", now: 4 }, "test");
    moveNotes(member.doc, [{ id: "park", x: 2100, y: 200 }], "test");
    notesOf(member.doc).get("park")!.set("significance", "large");
    await waitFor(() => converged(all) && spot(facilitator.doc, "park")?.[2] === "p" && isLocked(member.session, "f"), 10_000, "everything to reach everyone");
    const frames = framesOf(facilitator.doc).toJSON();

    for (const c of clients.splice(0)) c.destroy();
    await first.close();
    firstClosed = true;
    second = await startServer({ dataDir: first.dataDir });
    const fresh = connectClient(second.ws, board.id, board.viewerToken);
    clients.push(fresh);
    await whenSynced(fresh.provider);
    await whenSynced(fresh.sessionProvider);

    assert.deepEqual(framesOf(fresh.doc).toJSON(), frames);
    assert.equal(isLocked(fresh.session, "f"), true);
    assert.deepEqual(spot(fresh.doc, "n"), [100, 200, "f", 0]);
    assert.deepEqual(spot(fresh.doc, "park"), [2100, 200, "p", 0]);
    assert.equal(notesOf(fresh.doc).get("park")!.get("significance"), "large");
  });
});
