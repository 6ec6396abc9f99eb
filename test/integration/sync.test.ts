import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import WebSocket from "ws";
import * as Y from "yjs";
import { createNote, moveNotes } from "../../lib/board/actions";
import { notesOf } from "../../lib/schema/board";
import { SCHEMA_VERSION } from "../../lib/schema/migrations";
import { connectClient, createBoard, notesJson, rawSocket, startServer, waitFor, whenSynced } from "./helpers";

describe("sync with the stock WebsocketProvider", async () => {
  const server = await startServer();
  after(() => server.close());

  test("two members converge on each other's notes", async () => {
    const board = await createBoard(server.http);
    const a = connectClient(server.ws, board.id, board.memberToken);
    const b = connectClient(server.ws, board.id, board.facilitatorToken);
    await Promise.all([whenSynced(a.provider), whenSynced(b.provider)]);
    createNote(a.doc, { id: "n1", x: 10, y: 20, text: "Från A", now: 1 }, "test");
    createNote(b.doc, { id: "n2", x: 300, y: 20, text: "Från B", now: 2 }, "test");
    await waitFor(() => notesOf(a.doc).size === 2 && notesOf(b.doc).size === 2);
    moveNotes(b.doc, [{ id: "n1", x: 500, y: 600 }], "test");
    await waitFor(() => notesOf(a.doc).get("n1")?.get("x") === 500);
    assert.deepEqual(notesJson(a.doc), notesJson(b.doc));
    assert.equal(a.doc.getMap("meta").get("schemaVersion"), SCHEMA_VERSION);
    a.destroy();
    b.destroy();
  });

  test("a viewer receives everything but its writes are neither applied nor relayed", async () => {
    const board = await createBoard(server.http);
    const writer = connectClient(server.ws, board.id, board.memberToken);
    const viewer = connectClient(server.ws, board.id, board.viewerToken);
    await Promise.all([whenSynced(writer.provider), whenSynced(viewer.provider)]);
    createNote(writer.doc, { id: "w", x: 0, y: 0, text: "synlig", now: 1 }, "test");
    await waitFor(() => notesOf(viewer.doc).has("w"));
    createNote(viewer.doc, { id: "v", x: 0, y: 0, text: "förbjuden", now: 2 }, "test");
    // A later write from the member proves the viewer's earlier one had its chance to travel.
    createNote(writer.doc, { id: "w2", x: 0, y: 0, now: 3 }, "test");
    await waitFor(() => notesOf(viewer.doc).has("w2"));
    assert.equal(notesOf(writer.doc).has("v"), false);
    const fresh = connectClient(server.ws, board.id, board.memberToken);
    await whenSynced(fresh.provider);
    assert.deepEqual([...notesOf(fresh.doc).keys()].sort(), ["w", "w2"]);
    for (const c of [writer, viewer, fresh]) c.destroy();
  });

  test("a missing or wrong token is refused with 401 at the upgrade", async () => {
    const board = await createBoard(server.http);
    await assert.rejects(rawSocket(`${server.ws}/${board.id}`), /HTTP 401/);
    await assert.rejects(rawSocket(`${server.ws}/${board.id}?token=${"x".repeat(43)}`), /HTTP 401/);
    const other = await createBoard(server.http);
    await assert.rejects(rawSocket(`${server.ws}/${board.id}?token=${other.facilitatorToken}`), /HTTP 401/);
  });

  test("the board cookie opens the websocket only from the board's own origin", async () => {
    const board = await createBoard(server.http);
    const session = await fetch(`${server.http}/api/boards/${board.id}/session`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ token: board.memberToken }),
    });
    const cookie = session.headers.get("set-cookie")!.split(";")[0];
    const host = new URL(server.http).host;
    const open = (origin?: string) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(`${server.ws}/${board.id}`, { headers: { Cookie: cookie, ...(origin ? { Origin: origin } : {}) } });
        ws.once("open", () => (ws.close(), resolve("open")));
        ws.once("unexpected-response", (_req, res) => resolve(`HTTP ${res.statusCode}`));
      });
    assert.equal(await open(`http://${host}`), "open");
    assert.equal(await open("http://127.0.0.1:1"), "HTTP 401");
    assert.equal(await open(), "HTTP 401");
  });

  test("a member may not write the board's meta", async () => {
    const board = await createBoard(server.http);
    const member = connectClient(server.ws, board.id, board.memberToken);
    await whenSynced(member.provider);
    const closed = new Promise<number>((resolve) => member.provider.ws!.addEventListener("close", (e) => resolve(e.code)));
    member.doc.getMap("meta").set("schemaVersion", 99);
    assert.equal(await closed, 4403);
    member.destroy();
    const check = connectClient(server.ws, board.id, board.facilitatorToken, new Y.Doc());
    await whenSynced(check.provider);
    assert.equal(check.doc.getMap("meta").get("schemaVersion"), SCHEMA_VERSION);
    check.destroy();
  });
});
