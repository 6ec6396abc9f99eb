import assert from "node:assert/strict";
import { test } from "node:test";
import type { JoinResponse, RenewLinkResponse } from "../../lib/api/schemas";
import { createNote } from "../../lib/board/actions";
import { notesOf } from "../../lib/schema/board";
import { startServer, waitFor, waitForDoc, whenSynced } from "../integration/helpers";
import { call, openEvents } from "../integration/participation-helpers";
import { openBrowser } from "./support/browser";
import { RawPeer, channelUrl, upgrade } from "./support/raw-peer";
import { openWorkshop } from "./support/workshop";

/**
 * Issue, attack 4: links could not be taken back. Someone holds a forwarded member link with
 * everything it gives: both channels open, a participant identity made through it, that
 * identity's event stream, and a phone joined with the code. The facilitator renews the link and
 * removes the phone: all of it stops at once, and nothing of it comes back with the old token.
 */
const tokenOf = (link: string) => decodeURIComponent(link.slice(link.indexOf("#token=") + "#token=".length));

test("a renewed link and a removed participant stop at once, sockets, identities and streams alike", async (t) => {
  const server = await startServer();
  const w = await openWorkshop(server, { phones: ["Okänd"] });
  const opened: RawPeer[] = [];
  t.after(async () => {
    for (const peer of opened) peer.close();
    w.close();
    await server.close();
  });
  const { board } = w;
  const old = board.memberToken;
  for (const channel of ["board", "session"] as const) opened.push(await RawPeer.open(server.ws, board.id, old, channel));
  const identity = (await call<JoinResponse>(server.http, "POST", `/api/boards/${board.id}/participants`, { token: old, body: { name: "Via länken" } })).body;
  const stream = await openEvents(server.http, board.id, identity.participantToken);
  await stream.next(() => true);
  const phoneStream = await openEvents(server.http, board.id, w.phones[0].participantToken);
  await phoneStream.next(() => true);

  const renewed = await call<RenewLinkResponse>(server.http, "POST", `/api/boards/${board.id}/links/member/renew`, { token: board.facilitatorToken });
  assert.equal(renewed.status, 200);
  for (const peer of opened) assert.equal(await peer.closeCodeWithin(), 4401, `the ${peer.channel} socket on the old link`);
  await waitFor(() => w.member.closeCodes.includes(4401), 5_000, "the colleague's browser on the old link to hear 4401");
  await stream.ended;

  for (const channel of ["board", "session"] as const) {
    const again = await upgrade(channelUrl(server.ws, board.id, channel, old));
    assert.equal(again.ok ? 101 : again.status, 401, `the old token at the ${channel} upgrade`);
  }
  assert.equal((await call(server.http, "GET", `/api/boards/${board.id}/session`, { token: old })).status, 401, "the old token on the API");
  assert.equal((await call(server.http, "POST", `/api/boards/${board.id}/session`, { body: { token: old } })).status, 401, "trading the old token for a cookie");
  assert.equal((await call(server.http, "GET", `/api/boards/${board.id}/me`, { token: identity.participantToken })).body.error, "not_joined", "the identity made through it");

  // The phone that joined with the code is taken off by the facilitator.
  const phone = w.phones[0];
  assert.equal((await call(server.http, "DELETE", `/api/boards/${board.id}/participants/${phone.participantId}`, { token: board.facilitatorToken })).status, 204);
  await phoneStream.ended;
  const note = await call(server.http, "POST", `/api/boards/${board.id}/notes`, { token: phone.participantToken, body: { text: "Ändå?", idempotencyKey: "after-removal-1" } });
  assert.equal(note.status, 401);
  assert.equal(note.body.error, "not_joined");

  // The colleague with the new link goes on; the facilitator was never touched.
  const colleague = await openBrowser(server.http, server.ws, board.id, tokenOf(renewed.body.links.member), "colleague, new link");
  try {
    await whenSynced(colleague.provider);
    createNote(colleague.doc, { id: "new-link", x: 0, y: 0, text: "Med nya länken", now: 1 }, "page");
    await waitForDoc(w.facilitator.doc, () => notesOf(w.facilitator.doc).has("new-link"), 5_000, "a note over the new link");
    assert.deepEqual(w.facilitator.closeCodes, []);
  } finally {
    colleague.destroy();
  }
});
