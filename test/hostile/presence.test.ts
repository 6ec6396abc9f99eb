import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type WebSocket from "ws";
import { connectClient, createBoard, delay, startServer, waitFor, whenSynced } from "../integration/helpers";
import { openBrowser, type Browser } from "./support/browser";
import { RawPeer } from "./support/raw-peer";
import { presenceFrame, type PresenceEntry } from "./support/wire";
import { openWorkshop, type Workshop } from "./support/workshop";
import { sendAlone } from "./support/attack";

/**
 * Issue, attack 3: presence (awareness) is relayed to everyone and handed to every newcomer, so
 * one bad entry is everyone's problem. A viewer's state nested 20,000 deep broke every newcomer; an
 * entry with the facilitator's client id and clock 2^53-1 froze the facilitator's presence (and
 * with it, presenting); one message added ~19,000 fake people.
 */
const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;

function depthOf(value: unknown): number {
  if (value === null || typeof value !== "object") return 0;
  return 1 + Math.max(0, ...Object.values(value as Record<string, unknown>).map(depthOf));
}

describe("presence from an attacker", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let w: Workshop;
  let viewer: RawPeer;
  /** Client ids the attacker made up. */
  const made = new Set<number>();
  let last = 9_000_000;
  const fresh = () => {
    made.add(++last);
    return last;
  };

  const rect = (x: number) => ({ x, y: 0, width: 1280, height: 720 });
  /** The presented area the member's browser (a follower) sees for the facilitator. */
  const followed = () =>
    (w.member.provider.awareness.getStates().get(w.facilitator.provider.awareness.clientID) as { presenting?: { x: number } } | undefined)?.presenting?.x;

  before(async () => {
    server = await startServer();
    w = await openWorkshop(server);
    viewer = await RawPeer.open(server.ws, w.board.id, w.board.viewerToken);
    await viewer.sync();
    w.facilitator.provider.awareness.setLocalStateField("presenting", rect(0));
    await waitFor(() => followed() === 0, 5_000, "the facilitator presenting at the follower");
  });
  after(async () => {
    viewer?.close();
    w?.close();
    await server?.close();
  });

  test("poison states are dropped: newcomers connect, sync and see only sane presence", async () => {
    const poison: PresenceEntry[] = [
      { client: fresh(), clock: 1, json: nested(20_000) },
      { client: fresh(), clock: 1, json: nested(2_000) },
      { client: fresh(), clock: 1, json: nested(7) },
      { client: fresh(), clock: 1, json: JSON.stringify({ user: { name: "x".repeat(5000) } }) },
    ];
    for (const entry of poison) viewer.send(presenceFrame([entry]));
    viewer.send(presenceFrame([{ client: fresh(), clock: 1, json: "[1,2,3]" }]));
    const sane = { client: fresh(), clock: 1, json: JSON.stringify({ user: { name: "Tittaren", color: "#000" }, cursor: { x: 1, y: 2 } }) };
    viewer.send(presenceFrame([sane]));
    await viewer.sync();
    assert.equal(viewer.closeCode, null, "a dropped entry does not close the sender");

    const newcomers = [0, 1, 2].map(() => connectClient(server.ws, w.board.id, w.board.viewerToken));
    const raw = await RawPeer.open(server.ws, w.board.id, w.board.viewerToken);
    try {
      await Promise.all(newcomers.map((c) => whenSynced(c.provider)));
      await raw.sync();
      for (const c of newcomers) {
        await waitFor(() => c.provider.awareness.getStates().has(sane.client), 5_000, "the sane entry at a newcomer");
        for (const entry of poison) assert.equal(c.provider.awareness.getStates().has(entry.client), false, `poison ${entry.json.length} bytes reached a newcomer`);
        assert.ok(c.provider.awareness.getStates().has(w.facilitator.provider.awareness.clientID), "the facilitator's presence reached the newcomer");
      }
      assert.deepEqual(raw.badFrames, [], "every frame a newcomer gets decodes");
      for (const [client, entry] of raw.presence) assert.ok(depthOf(entry.state) <= 6 && JSON.stringify(entry.state).length <= 4096, `entry of ${client} is sane`);
      assert.equal(raw.presence.size, 3, "the facilitator, the member and the viewer's one sane entry");
    } finally {
      for (const c of newcomers) c.destroy();
      raw.close();
    }
    assert.equal(await sendAlone(server.ws, w.board.id, w.board.viewerToken, "board", presenceFrame([{ client: fresh(), clock: 1, json: "{not json" }])), 4400, "a state that is no JSON is no presence");
  });

  test("an entry with the facilitator's client id is dropped, whatever its clock: the facilitator's presenting still reaches followers", async () => {
    const facilitatorId = w.facilitator.provider.awareness.clientID;
    const clock = viewer.presence.get(facilitatorId)!.clock;
    for (const forged of [2 ** 53 - 1, 2 ** 32 - 1, clock + 1, clock + 2]) {
      viewer.send(presenceFrame([{ client: facilitatorId, clock: forged, json: JSON.stringify({ user: { name: "Anna" }, presenting: null }) }]));
      viewer.send(presenceFrame([{ client: facilitatorId, clock: forged + 1, json: "null" }]));
    }
    const member = await RawPeer.open(server.ws, w.board.id, w.board.memberToken);
    member.send(presenceFrame([{ client: facilitatorId, clock: 2 ** 53 - 1, json: JSON.stringify({ presenting: rect(-9999) }) }]));
    await Promise.all([viewer.sync(), member.sync()]);
    assert.equal(followed(), 0, "the follower still follows the facilitator's area");
    for (const x of [640, 1280]) {
      w.facilitator.provider.awareness.setLocalStateField("presenting", rect(x));
      await waitFor(() => followed() === x, 5_000, `the facilitator's next area (${x}) at the follower`);
    }
    member.close();
  });

  test("presenting from a member or viewer is stripped on the way", async () => {
    w.member.provider.awareness.setLocalStateField("presenting", rect(77));
    const memberId = w.member.provider.awareness.clientID;
    await waitFor(() => (w.facilitator.provider.awareness.getStates().get(memberId) as { user?: unknown } | undefined)?.user !== undefined);
    w.member.provider.awareness.setLocalStateField("cursor", { x: 5, y: 5 });
    await waitFor(() => JSON.stringify((w.facilitator.provider.awareness.getStates().get(memberId) as { cursor?: unknown }).cursor) === '{"x":5,"y":5}');
    assert.equal("presenting" in (w.facilitator.provider.awareness.getStates().get(memberId) as object), false);
    w.member.provider.awareness.setLocalStateField("presenting", null);
  });

  test("one message with 19,000 fake people is refused (4400) and adds nobody", async () => {
    const crowd = Array.from({ length: 19_000 }, () => ({ client: fresh(), clock: 1, json: '{"user":{"name":"fake"}}' }));
    assert.equal(await sendAlone(server.ws, w.board.id, w.board.viewerToken, "board", presenceFrame(crowd)), 4400);
    assert.equal(await sendAlone(server.ws, w.board.id, w.board.viewerToken, "board", presenceFrame(crowd.slice(0, 5))), 4400, "five at once is more than any client sends");
    const raw = await RawPeer.open(server.ws, w.board.id, w.board.viewerToken);
    await raw.sync();
    assert.equal([...raw.presence.keys()].filter((id) => made.has(id)).length, 1, "only the viewer's one sane entry from before");
    raw.close();
  });

  test("a connection cannot add people message by message: a newcomer sees at most a few from it", async () => {
    const crowd = await RawPeer.open(server.ws, w.board.id, w.board.viewerToken);
    const first = last + 1;
    // Four new people per message, as fast as the presence rate lets through.
    for (let i = 0; i < 60; i++) crowd.send(presenceFrame(Array.from({ length: 4 }, () => ({ client: fresh(), clock: 1, json: '{"user":{"name":"fake"}}' }))));
    await crowd.sync();
    const raw = await RawPeer.open(server.ws, w.board.id, w.board.viewerToken);
    await raw.sync();
    const fakes = [...raw.presence.keys()].filter((id) => made.has(id) && id >= first).length;
    assert.ok(fakes <= 4, `one connection put ${fakes} people in front of a newcomer`);
    raw.close();
    crowd.close();
  });

  test("presence on the session channel is answered with an empty message and reaches nobody", async () => {
    const session = await RawPeer.open(server.ws, w.board.id, w.board.memberToken, "session");
    const before = session.frames.length;
    session.send(presenceFrame([{ client: fresh(), clock: 1, json: '{"user":{"name":"i sessionen"}}' }]));
    await session.until(() => session.frames.length > before, 5_000, "the empty answer");
    assert.equal(session.presence.size, 0, "the answer holds no entries");
    await viewer.sync();
    assert.equal(viewer.presence.has(last), false, "nobody on the board channel heard of it");
    session.close();
  });
});

/**
 * The stock client (y-websocket 3, which our pages use) sends back every presence change it hears,
 * other people's included: the room's snapshot when it joins, every relayed cursor, every person
 * leaving. Limits on presence must leave such echoes alone, or they shut out honest people.
 */
describe("presence limits and honest rooms", () => {
  test("a sixth person joining five who are present is served (the echo of the room is no crowd)", async (t) => {
    const server = await startServer();
    t.after(() => server.close());
    const board = await createBoard(server.http);
    const people: Browser[] = [];
    t.after(() => people.forEach((p) => p.destroy()));
    for (let i = 0; i < 7; i++) {
      const person = await openBrowser(server.http, server.ws, board.id, board.memberToken, `person ${i}`);
      people.push(person);
      person.provider.awareness.setLocalStateField("user", { name: `Person ${i}` });
      await whenSynced(person.provider);
      await waitFor(() => people.every((p) => p.provider.awareness.getStates().size === people.length), 5_000, `everyone to see ${people.length} people`);
    }
    for (const p of people) assert.deepEqual(p.closeCodes, [], `${p.name} was not closed`);
  });

  test("someone whose connection drops is seen again once back (an echo of their leaving claims nothing)", async (t) => {
    const server = await startServer();
    t.after(() => server.close());
    const board = await createBoard(server.http);
    const people = await Promise.all(["Ada", "Bea", "Cai"].map((name) => openBrowser(server.http, server.ws, board.id, board.memberToken, name)));
    t.after(() => people.forEach((p) => p.destroy()));
    const [ada, , cai] = people;
    for (const p of people) p.provider.awareness.setLocalStateField("user", { name: p.name });
    await waitFor(() => people.every((p) => p.provider.awareness.getStates().size === 3), 5_000, "everyone present");
    const id = cai.provider.awareness.clientID;
    // The connection dies under the page (Wi-Fi): no goodbye, the server notices the close.
    (cai.provider.ws as unknown as WebSocket).terminate();
    await waitFor(() => !ada.provider.awareness.getStates().has(id), 5_000, "Cai gone for Ada");
    await waitFor(() => cai.provider.synced, 10_000, "Cai back");
    // y-protocols: the server counted Cai's leaving as a newer clock; Cai's moves go past it.
    for (let x = 1; x <= 3; x++) cai.provider.awareness.setLocalStateField("cursor", { x, y: 0 });
    await waitFor(() => (ada.provider.awareness.getStates().get(id) as { cursor?: { x: number } } | undefined)?.cursor?.x === 3, 5_000, "Cai's cursor at Ada after the drop");
  });

  test("a busy room: ten people moving their cursors for five seconds are not closed", async (t) => {
    const server = await startServer();
    t.after(() => server.close());
    const board = await createBoard(server.http);
    const people: Browser[] = [];
    t.after(() => people.forEach((p) => p.destroy()));
    for (let i = 0; i < 10; i++) people.push(await openBrowser(server.http, server.ws, board.id, board.memberToken, `person ${i}`));
    await Promise.all(people.map((p) => whenSynced(p.provider)));
    // About twenty cursor updates a second each, as the board page sends while the pointer moves.
    for (let tick = 0; tick < 100; tick++) {
      for (const p of people) p.provider.awareness.setLocalStateField("cursor", { x: tick, y: 0 });
      await delay(50);
    }
    const last = people[0].provider.awareness.clientID;
    await waitFor(() => people.every((p) => p.provider.awareness.getStates().size === 10), 10_000, "everyone still present");
    assert.deepEqual(people.map((p) => p.closeCodes), people.map(() => []), "nobody was closed");
    assert.equal((people[1].provider.awareness.getStates().get(last) as { cursor?: { x: number } }).cursor?.x, 99, "the last cursor arrived");
  });
});
