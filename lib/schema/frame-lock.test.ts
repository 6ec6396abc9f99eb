import assert from "node:assert/strict";
import { describe, test } from "node:test";
import * as Y from "yjs";
import { countUpdates } from "../testing/count-updates";
import { createNote, moveNotes } from "../board/actions";
import { createFrame, deleteFrame, moveFrame, setFrameLocked, updateFrame } from "../board/frames";
import { notesOf } from "./board";
import { framesOf } from "./frame";
import { captureFrames, restoreFrames } from "./frame-lock";

/**
 * The server's side of a member's update: capture, apply what the member did (here straight on a
 * copy of the server's document, as the update would), then restore. The member's own document
 * gets the restore as an update, like every other peer.
 */
function board() {
  const server = new Y.Doc();
  createFrame(server, { id: "locked", kind: "columns", title: "Låst", x: 0, y: 0, now: 1, cellLabels: ["a", "b", "c"] }, "setup");
  createFrame(server, { id: "open", kind: "flipchart", title: "Öppen", x: 3000, y: 0, now: 2 }, "setup");
  const session = new Y.Doc();
  setFrameLocked(session, "locked", true);
  createNote(server, { id: "in", x: 0, y: 0, now: 1 }, "setup");
  moveNotes(server, [{ id: "in", x: 100, y: 200 }], "setup");
  const member = new Y.Doc();
  Y.applyUpdate(member, Y.encodeStateAsUpdate(server));
  return { server, member, session };
}

/** Sends what `change` does in the member's document to the server, restoring as the server does. */
function memberUpdate({ server, member, session }: ReturnType<typeof board>, change: (doc: Y.Doc) => void): boolean {
  const before = Y.encodeStateVector(server);
  change(member);
  const capture = captureFrames(server, session);
  Y.applyUpdate(server, Y.encodeStateAsUpdate(member, before), "member");
  let restored = false;
  const updates = countUpdates(server, () => (restored = restoreFrames(server, capture, "server")));
  assert.equal(updates, restored ? 1 : 0, "the restore is one update, or none");
  Y.applyUpdate(member, Y.encodeStateAsUpdate(server, Y.encodeStateVector(member)), "server");
  return restored;
}

const json = (doc: Y.Doc, id: string) => framesOf(doc).get(id)?.toJSON();

describe("restoreFrames", () => {
  test("puts a locked frame's fields back after a member changed them, for every peer", () => {
    const setup = board();
    const { server, member } = setup;
    const locked = json(server, "locked");
    const restored = memberUpdate(setup, (doc) => {
      moveFrame(doc, "locked", 900, 900, "member");
      updateFrame(doc, "locked", { title: "Min titel", cellLabels: ["x", "y", "z"] }, "member");
      framesOf(doc).get("locked")!.set("extra", 1);
      framesOf(doc).get("locked")!.delete("createdAt");
    });
    assert.equal(restored, true);
    assert.deepEqual(json(server, "locked"), locked);
    assert.deepEqual(json(member, "locked"), locked);
  });

  test("re-creates a locked frame a member deleted, with all its fields", () => {
    const setup = board();
    const { server, member } = setup;
    const locked = json(server, "locked");
    assert.equal(
      memberUpdate(setup, (doc) => framesOf(doc).delete("locked")),
      true,
    );
    assert.deepEqual(json(server, "locked"), locked);
    assert.deepEqual(json(member, "locked"), locked);
  });

  test("deleteFrame of a locked frame: the frame comes back and its notes keep their membership", () => {
    const setup = board();
    const { server, member } = setup;
    const locked = json(server, "locked");
    memberUpdate(setup, (doc) => deleteFrame(doc, "locked", "member"));
    assert.deepEqual(json(member, "locked"), locked);
    for (const doc of [server, member]) assert.deepEqual([notesOf(doc).get("in")!.get("frame"), notesOf(doc).get("in")!.get("cell")], ["locked", 0]);
  });

  test("removes a `locked` key a member (an old client) set on a frame: locks are the session's", () => {
    const setup = board();
    const { server, member } = setup;
    memberUpdate(setup, (doc) => {
      framesOf(doc).get("open")!.set("locked", true);
      createFrame(doc, { id: "new", kind: "parking", title: "Ny", x: 0, y: 3000, now: 3 }, "member");
      framesOf(doc).get("new")!.set("locked", true);
    });
    for (const doc of [server, member]) {
      assert.equal(framesOf(doc).get("open")!.has("locked"), false);
      assert.equal(framesOf(doc).get("new")!.has("locked"), false);
      assert.equal(json(doc, "new")?.title, "Ny", "the new frame itself stays");
    }
  });

  test("leaves unlocked frames' other changes alone, and changes nothing when nothing needs putting back", () => {
    const setup = board();
    const { server, member } = setup;
    const restored = memberUpdate(setup, (doc) => {
      moveFrame(doc, "open", 4000, 500, "member");
      updateFrame(doc, "open", { title: "Flyttad" }, "member");
    });
    assert.equal(restored, false);
    for (const doc of [server, member]) assert.deepEqual([json(doc, "open")?.x, json(doc, "open")?.y, json(doc, "open")?.title], [4000, 500, "Flyttad"]);
  });

  test("a member may move a note inside a locked frame", () => {
    const setup = board();
    const { server, member } = setup;
    assert.equal(
      memberUpdate(setup, (doc) => moveNotes(doc, [{ id: "in", x: 600, y: 300 }], "member")),
      false,
    );
    for (const doc of [server, member]) {
      const n = notesOf(doc).get("in")!;
      assert.deepEqual([n.get("x"), n.get("y"), n.get("frame"), n.get("cell")], [600, 300, "locked", 1]);
    }
  });

  test("a member's moveFrame of a locked frame puts its notes back with it", () => {
    const setup = board();
    const { server, member } = setup;
    createNote(member, { id: "mine", x: 2000, y: 2000, now: 5 }, "member");
    memberUpdate(setup, (doc) => moveFrame(doc, "locked", 900, 900, "member"));
    for (const doc of [server, member]) {
      assert.deepEqual([json(doc, "locked")?.x, json(doc, "locked")?.y], [0, 0]);
      const n = notesOf(doc).get("in")!;
      assert.deepEqual([n.get("x"), n.get("y"), n.get("frame"), n.get("cell")], [100, 200, "locked", 0]);
    }
  });

  test("a member may drag a note out of a locked frame, and a note they move on its own stays moved", () => {
    const setup = board();
    const { server, member } = setup;
    memberUpdate(setup, (doc) => moveNotes(doc, [{ id: "in", x: 5000, y: 5000 }], "member"));
    for (const doc of [server, member]) {
      const n = notesOf(doc).get("in")!;
      assert.deepEqual([n.get("x"), n.get("y"), n.get("frame"), n.get("cell")], [5000, 5000, undefined, undefined]);
    }
  });

  test("a frame a member deletes comes back, unlocked ones too, with their notes in their cells", () => {
    const setup = board();
    const { server, member } = setup;
    createNote(server, { id: "chart", x: 3100, y: 200, now: 3 }, "setup");
    moveNotes(server, [{ id: "chart", x: 3100, y: 200 }], "setup");
    Y.applyUpdate(member, Y.encodeStateAsUpdate(server, Y.encodeStateVector(member)));
    assert.equal(notesOf(server).get("chart")!.get("frame"), "open");
    assert.equal(memberUpdate(setup, (doc) => deleteFrame(doc, "open", "member")), true);
    for (const doc of [server, member]) {
      assert.equal(json(doc, "open")?.title, "Öppen");
      assert.equal(notesOf(doc).get("chart")!.get("frame"), "open");
    }
  });

  test("a member cannot make a frame a group's copy: group and copyOf go back", () => {
    const setup = board();
    const { server, member } = setup;
    const restored = memberUpdate(setup, (doc) => {
      framesOf(doc).get("open")!.set("group", 2);
      framesOf(doc).get("open")!.set("copyOf", "locked");
    });
    assert.equal(restored, true);
    for (const doc of [server, member]) assert.deepEqual([json(doc, "open")?.group, json(doc, "open")?.copyOf], [undefined, undefined]);
  });
});
