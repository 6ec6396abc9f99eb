import assert from "node:assert/strict";
import { describe, test } from "node:test";
import * as Y from "yjs";
import { countUpdates } from "../testing/count-updates";
import { writableRoots, ROLES } from "../roles";
import { ROOT } from "./board";
import { isPrivateWriting, readSession, sessionMapOf, writeSession, type Vote } from "./session";

/** What an empty or broken session reads as, written out. */
const DEFAULTS = { privateWriting: false, heldCount: 0, signedNotes: false, prompt: "", vote: null, voteCounts: {}, inbox: null, agenda: null, timer: null, groups: null, keptGroups: null, scaleMarkers: {}, personal: null, personalWriters: 0, erasures: 0, phonesLive: 0, voters: 0, voterTotal: 0, locks: {}, seriesFrames: [], homework: null, previousMeeting: null };
const VOTE: Vote = { id: "v1", noteIds: ["a", "b"], dotsPerPerson: 3, allowMultiplePerNote: false, showLive: false, status: "open" };


describe("the session map", () => {
  test("is the top-level type named session, and no role may write it over the websocket", () => {
    const doc = new Y.Doc();
    assert.equal(ROOT.session, "session");
    assert.equal(sessionMapOf(doc), doc.getMap("session"));
    for (const role of ROLES) assert.equal(writableRoots(role).has(ROOT.session), false, role);
  });

  test("an empty document reads as the defaults", () => {
    assert.deepEqual(readSession(new Y.Doc()), DEFAULTS);
    assert.equal(isPrivateWriting(new Y.Doc()), false);
  });

  test("writeSession writes, readSession reads back", () => {
    const doc = new Y.Doc();
    writeSession(doc, { privateWriting: true, heldCount: 4, prompt: "Vad gick bra?", vote: VOTE, voteCounts: { a: 2 }, inbox: { x: 10, y: -20 } });
    const session = readSession(doc);
    assert.equal(session.privateWriting, true);
    assert.equal(session.heldCount, 4);
    assert.equal(session.prompt, "Vad gick bra?");
    assert.deepEqual(session.vote, VOTE);
    assert.deepEqual(session.voteCounts, { a: 2 });
    assert.deepEqual(session.inbox, { x: 10, y: -20 });
    assert.equal(isPrivateWriting(doc), true);
  });

  test("values are plain JSON that another document receives as they are", () => {
    const server = new Y.Doc();
    writeSession(server, { vote: VOTE, voteCounts: { a: 1, b: 3 }, heldCount: 2 });
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    assert.deepEqual(readSession(client), readSession(server));
    assert.deepEqual(client.getMap("session").get("vote"), VOTE);
  });

  test("writing the values already there makes no update; a change makes one", () => {
    const doc = new Y.Doc();
    // The server writes inside its own transaction (Room.applyServerChange); so does this test.
    const write = (changes: Parameters<typeof writeSession>[1]) => countUpdates(doc, () => doc.transact(() => writeSession(doc, changes)));
    write({ prompt: "a", vote: VOTE, heldCount: 1 });
    assert.equal(write({ prompt: "a", vote: { ...VOTE }, heldCount: 1 }), 0);
    assert.equal(write({}), 0);
    assert.equal(write({ prompt: "b", heldCount: 2 }), 1);
    assert.equal(readSession(doc).prompt, "b");
  });

  test("leaves the keys it is not given alone", () => {
    const doc = new Y.Doc();
    writeSession(doc, { privateWriting: true, prompt: "kvar" });
    writeSession(doc, { heldCount: 3 });
    assert.equal(readSession(doc).privateWriting, true);
    assert.equal(readSession(doc).prompt, "kvar");
  });

  test("broken or foreign values are repaired to the defaults, field by field, without throwing", () => {
    const doc = new Y.Doc();
    const map = sessionMapOf(doc);
    map.set("privateWriting", "yes");
    map.set("heldCount", -1);
    map.set("signedNotes", 1);
    map.set("prompt", "x".repeat(501));
    map.set("vote", { ...VOTE, dotsPerPerson: 0 });
    map.set("voteCounts", { a: 1.5 });
    map.set("inbox", { x: Infinity, y: 0 });
    map.set("personal", { title: "Plan", areas: "Delaktighet" });
    map.set("personalWriters", -2);
    map.set("unknown", 42);
    assert.deepEqual(readSession(doc), DEFAULTS);
    assert.equal(isPrivateWriting(doc), false, "only the boolean true counts");
  });

  test("a vote with a status other than open or closed is no vote", () => {
    const doc = new Y.Doc();
    sessionMapOf(doc).set("vote", { ...VOTE, status: "paused" });
    assert.equal(readSession(doc).vote, null);
    sessionMapOf(doc).set("vote", { ...VOTE, status: "closed" });
    assert.equal(readSession(doc).vote?.status, "closed");
  });
});
