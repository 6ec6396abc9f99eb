import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { connectClient, createBoard, startServer, waitFor, whenSynced } from "./helpers";

type Client = ReturnType<typeof connectClient>;
const RECT = { x: 100, y: 200, width: 1280, height: 720 };

/** The state `observer` holds for `peer`'s browser, once its name (`user.name`) has arrived. */
async function seenBy(observer: Client, peer: Client, name: string): Promise<Record<string, unknown>> {
  const id = peer.provider.awareness.clientID;
  await waitFor(() => (observer.provider.awareness.getStates().get(id) as { user?: { name?: string } } | undefined)?.user?.name === name, 10_000, `${name} seen`);
  return observer.provider.awareness.getStates().get(id) as Record<string, unknown>;
}

describe("follow me: who may present", async () => {
  const server = await startServer();
  const clients: Client[] = [];
  // Closed even when an assertion fails, so a failing run ends instead of hanging.
  after(async () => {
    for (const client of clients) client.destroy();
    await server.close();
  });
  const connect = (boardId: string, token: string) => {
    const client = connectClient(server.ws, boardId, token);
    clients.push(client);
    return client;
  };

  test("a member's or viewer's `presenting` never reaches others; their name and cursor do; a facilitator's does", async () => {
    const board = await createBoard(server.http);
    const observer = connect(board.id, board.memberToken);
    const member = connect(board.id, board.memberToken);
    const viewer = connect(board.id, board.viewerToken);
    const facilitator = connect(board.id, board.facilitatorToken);
    const all = [observer, member, viewer, facilitator];
    await Promise.all(all.map((c) => whenSynced(c.provider)));

    // One state each, sent as one update: when the name arrives, so did everything sent with it.
    member.provider.awareness.setLocalState({ user: { name: "Medlem" }, cursor: { x: 1, y: 2 }, presenting: RECT });
    viewer.provider.awareness.setLocalState({ user: { name: "Tittare" }, presenting: RECT });
    facilitator.provider.awareness.setLocalState({ user: { name: "Processledare" }, presenting: RECT });

    assert.deepEqual(await seenBy(observer, member, "Medlem"), { user: { name: "Medlem" }, cursor: { x: 1, y: 2 } });
    assert.deepEqual(await seenBy(observer, viewer, "Tittare"), { user: { name: "Tittare" } });
    assert.deepEqual(await seenBy(observer, facilitator, "Processledare"), { user: { name: "Processledare" }, presenting: RECT });
    assert.equal((await seenBy(facilitator, member, "Medlem")).presenting, undefined);

    // Someone who arrives later gets the server's snapshot: the same, no more.
    const late = connect(board.id, board.viewerToken);
    await whenSynced(late.provider);
    assert.equal((await seenBy(late, member, "Medlem")).presenting, undefined);
    assert.deepEqual((await seenBy(late, facilitator, "Processledare")).presenting, RECT);

  });

  test("when the facilitator stops presenting, followers see the field go", async () => {
    const board = await createBoard(server.http);
    const follower = connect(board.id, board.memberToken);
    const facilitator = connect(board.id, board.facilitatorToken);
    await Promise.all([whenSynced(follower.provider), whenSynced(facilitator.provider)]);
    facilitator.provider.awareness.setLocalState({ user: { name: "Anna" }, presenting: RECT });
    assert.deepEqual((await seenBy(follower, facilitator, "Anna")).presenting, RECT);
    facilitator.provider.awareness.setLocalStateField("presenting", null);
    const id = facilitator.provider.awareness.clientID;
    await waitFor(() => (follower.provider.awareness.getStates().get(id) as { presenting?: unknown })?.presenting === null, 10_000, "presenting cleared");
  });
});
