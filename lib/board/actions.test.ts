import assert from "node:assert/strict";
import { describe, test } from "node:test";
import * as Y from "yjs";
import { countUpdates } from "../testing/count-updates";
import { notesOf } from "../schema/board";
import { LIMITS } from "../schema/limits";
import { DEFAULT_NOTE_COLOR, DEFAULT_NOTE_SIZE, NOTE_COLORS, readNote, type NoteSnapshot } from "../schema/note";
import { bringToFront, createNote, deleteNotes, moveNotes, recolorNotes, textOfNote, topZ, undoMayDelete } from "./actions";

const PINK = NOTE_COLORS[1].hex;
const BLUE = NOTE_COLORS[3].hex;

function note(doc: Y.Doc, id: string): NoteSnapshot {
  const map = notesOf(doc).get(id);
  assert.ok(map, `no note ${id}`);
  return readNote(id, map);
}


/** Ids ordered bottom to top. */
function stack(doc: Y.Doc): string[] {
  return [...notesOf(doc).keys()].sort((a, b) => note(doc, a).z - note(doc, b).z);
}

function docWithNotes(...ids: string[]): Y.Doc {
  const doc = new Y.Doc();
  ids.forEach((id, i) => createNote(doc, { id, x: i * 200, y: 0, now: i + 1 }, "setup"));
  return doc;
}

describe("createNote", () => {
  test("creates a note with the defaults, its text as a Y.Text and z above every note", () => {
    const doc = new Y.Doc();
    createNote(doc, { id: "a", x: 12.5, y: -40, text: "Hej", now: 1700000000000 }, "me");
    assert.deepEqual(note(doc, "a"), {
      id: "a",
      text: "Hej",
      x: 12.5,
      y: -40,
      width: DEFAULT_NOTE_SIZE,
      height: DEFAULT_NOTE_SIZE,
      color: DEFAULT_NOTE_COLOR,
      createdAt: 1700000000000,
      z: 1,
    });
    assert.ok(textOfNote(doc, "a") instanceof Y.Text);
    createNote(doc, { id: "b", x: 0, y: 0, now: 2 }, "me");
    assert.equal(note(doc, "b").z, 2);
    assert.equal(note(doc, "b").text, "");
    assert.equal(topZ(doc), 2);
  });

  test("runs in one transaction with the given origin", () => {
    const doc = new Y.Doc();
    const origins: unknown[] = [];
    doc.on("update", (_u: Uint8Array, origin: unknown) => origins.push(origin));
    createNote(doc, { id: "a", x: 0, y: 0, text: "x", now: 1 }, "me");
    assert.deepEqual(origins, ["me"]);
  });

  test("keeps a post-it colour and ignores an unknown one", () => {
    const doc = new Y.Doc();
    createNote(doc, { id: "pink", x: 0, y: 0, color: PINK, now: 1 }, "me");
    createNote(doc, { id: "red", x: 0, y: 0, color: "#ff0000", now: 1 }, "me");
    createNote(doc, { id: "named", x: 0, y: 0, color: "pink", now: 1 }, "me");
    assert.equal(note(doc, "pink").color, PINK);
    assert.equal(note(doc, "red").color, DEFAULT_NOTE_COLOR);
    assert.equal(note(doc, "named").color, DEFAULT_NOTE_COLOR);
  });

  test("cuts the text at maxNoteTextChars", () => {
    const doc = new Y.Doc();
    createNote(doc, { id: "a", x: 0, y: 0, text: "x".repeat(LIMITS.maxNoteTextChars + 50), now: 1 }, "me");
    assert.equal(note(doc, "a").text.length, LIMITS.maxNoteTextChars);
  });

  test("refuses a position off the board or a broken timestamp and writes nothing", () => {
    const doc = new Y.Doc();
    for (const input of [
      { id: "far", x: LIMITS.maxCoordinate + 1, y: 0, now: 1 },
      { id: "nan", x: Number.NaN, y: 0, now: 1 },
      { id: "time", x: 0, y: 0, now: -1 },
    ]) {
      assert.equal(
        countUpdates(doc, () => assert.throws(() => createNote(doc, input, "me"))),
        0,
      );
    }
    assert.equal(notesOf(doc).size, 0);
  });
});

describe("moveNotes", () => {
  test("moves notes to rounded positions and ignores unknown ids", () => {
    const doc = docWithNotes("a", "b");
    moveNotes(doc, [{ id: "a", x: 10.4, y: -20.6 }, { id: "ghost", x: 1, y: 1 }], "me");
    assert.deepEqual([note(doc, "a").x, note(doc, "a").y], [10, -21]);
    assert.deepEqual([note(doc, "b").x, note(doc, "b").y], [200, 0]);
    assert.equal(notesOf(doc).has("ghost"), false);
  });

  test("clamps to the board", () => {
    const doc = docWithNotes("a", "b");
    moveNotes(doc, [{ id: "a", x: 5e9, y: -5e9 }, { id: "b", x: Infinity, y: -Infinity }], "me");
    assert.deepEqual([note(doc, "a").x, note(doc, "a").y], [LIMITS.maxCoordinate, -LIMITS.maxCoordinate]);
    assert.deepEqual([note(doc, "b").x, note(doc, "b").y], [LIMITS.maxCoordinate, -LIMITS.maxCoordinate]);
  });

  test("a move to NaN writes nothing into the shared document", () => {
    const doc = docWithNotes("a");
    moveNotes(doc, [{ id: "a", x: 30, y: 40 }], "me");
    const updates = countUpdates(doc, () => moveNotes(doc, [{ id: "a", x: Number.NaN, y: Number.NaN }], "me"));
    assert.equal(updates, 0);
    assert.equal(notesOf(doc).get("a")!.get("x"), 30);
    assert.equal(notesOf(doc).get("a")!.get("y"), 40);
  });

  test("a move to where the note already is emits no update", () => {
    const doc = docWithNotes("a");
    assert.equal(countUpdates(doc, () => moveNotes(doc, [{ id: "a", x: 0.2, y: -0.3 }], "me")), 0);
  });

  test("several notes move in one transaction", () => {
    const doc = docWithNotes("a", "b", "c");
    const updates = countUpdates(doc, () =>
      moveNotes(doc, [{ id: "a", x: 1, y: 1 }, { id: "b", x: 2, y: 2 }, { id: "c", x: 3, y: 3 }], "me"),
    );
    assert.equal(updates, 1);
  });
});

describe("deleteNotes", () => {
  test("deletes the given notes and ignores unknown ids", () => {
    const doc = docWithNotes("a", "b", "c");
    deleteNotes(doc, ["a", "c", "ghost"], "me");
    assert.deepEqual([...notesOf(doc).keys()], ["b"]);
  });

  test("accepts any iterable", () => {
    const doc = docWithNotes("a", "b");
    deleteNotes(doc, new Set(["b"]), "me");
    assert.deepEqual([...notesOf(doc).keys()], ["a"]);
  });
});

describe("recolorNotes", () => {
  test("recolours the given notes only", () => {
    const doc = docWithNotes("a", "b", "c");
    recolorNotes(doc, ["a", "c", "ghost"], BLUE, "me");
    assert.deepEqual(
      ["a", "b", "c"].map((id) => note(doc, id).color),
      [BLUE, DEFAULT_NOTE_COLOR, BLUE],
    );
    assert.equal(notesOf(doc).has("ghost"), false);
  });

  test("an unknown colour is ignored: nothing changes, no update", () => {
    const doc = docWithNotes("a");
    for (const color of ["#ff0000", "blue", "", "#B3E5FC"]) {
      assert.equal(countUpdates(doc, () => recolorNotes(doc, ["a"], color, "me")), 0);
    }
    assert.equal(note(doc, "a").color, DEFAULT_NOTE_COLOR);
  });
});

describe("bringToFront", () => {
  test("puts the notes above all others, keeping their order among themselves", () => {
    const doc = docWithNotes("a", "b", "c", "d", "e");
    assert.deepEqual(stack(doc), ["a", "b", "c", "d", "e"]);
    bringToFront(doc, ["c", "a"], "me");
    assert.deepEqual(stack(doc), ["b", "d", "e", "a", "c"]);
    const others = Math.max(note(doc, "b").z, note(doc, "d").z, note(doc, "e").z);
    assert.ok(note(doc, "a").z > others && note(doc, "c").z > note(doc, "a").z);
  });

  test("runs as one update with the given origin", () => {
    const doc = docWithNotes("a", "b", "c");
    const origins: unknown[] = [];
    doc.on("update", (_u: Uint8Array, origin: unknown) => origins.push(origin));
    bringToFront(doc, ["a", "b"], "me");
    assert.deepEqual(origins, ["me"]);
    assert.deepEqual(stack(doc), ["c", "a", "b"]);
  });

  test("notes already on top are left alone (no update)", () => {
    const doc = docWithNotes("a", "b", "c");
    assert.equal(countUpdates(doc, () => bringToFront(doc, ["c"], "me")), 0);
    assert.equal(countUpdates(doc, () => bringToFront(doc, ["b", "c"], "me")), 0);
    assert.equal(countUpdates(doc, () => bringToFront(doc, ["c", "b"], "me")), 0);
    assert.deepEqual(stack(doc), ["a", "b", "c"]);
  });

  test("unknown ids and an empty list do nothing", () => {
    const doc = docWithNotes("a", "b");
    assert.equal(countUpdates(doc, () => bringToFront(doc, [], "me")), 0);
    assert.equal(countUpdates(doc, () => bringToFront(doc, ["ghost"], "me")), 0);
    bringToFront(doc, ["ghost", "a"], "me");
    assert.deepEqual(stack(doc), ["b", "a"]);
  });

  test("a note that shares the top z with another (two people created at once) still comes above it", () => {
    const doc = docWithNotes("a", "b");
    notesOf(doc).get("a")!.set("z", 2);
    assert.equal(note(doc, "a").z, note(doc, "b").z);
    bringToFront(doc, ["a"], "me");
    assert.ok(note(doc, "a").z > note(doc, "b").z, `a.z=${note(doc, "a").z} b.z=${note(doc, "b").z}`);
    bringToFront(doc, ["b"], "me");
    assert.ok(note(doc, "b").z > note(doc, "a").z);
  });

  test("a chosen note tied with an unchosen one below the top also comes above it", () => {
    const doc = docWithNotes("a", "b", "c");
    notesOf(doc).get("a")!.set("z", 2); // a and b share z = 2, c is on top with 3
    bringToFront(doc, ["b", "c"], "me");
    const z = (id: string) => note(doc, id).z;
    assert.ok(z("b") > z("a") && z("c") > z("b"), JSON.stringify({ a: z("a"), b: z("b"), c: z("c") }));
  });
});

describe("undo tracks only the local user's origin", () => {
  test("changes made with another origin on the same document are not undone", () => {
    const doc = new Y.Doc();
    const undo = new Y.UndoManager(notesOf(doc), { trackedOrigins: new Set(["me"]), captureTimeout: 0 });

    createNote(doc, { id: "mine", x: 0, y: 0, text: "min", now: 1 }, "me");
    createNote(doc, { id: "theirs", x: 500, y: 500, text: "deras", now: 2 }, "remote");
    moveNotes(doc, [{ id: "theirs", x: 100, y: 100 }], "me");
    recolorNotes(doc, ["theirs"], PINK, "remote");
    moveNotes(doc, [{ id: "mine", x: 7, y: 7 }], "remote");
    textOfNote(doc, "theirs")!.insert(5, "!");

    assert.equal(undo.undoStack.length, 2);

    undo.undo(); // my move of their note
    assert.deepEqual([note(doc, "theirs").x, note(doc, "theirs").y], [500, 500]);
    assert.equal(note(doc, "theirs").color, PINK);
    assert.equal(note(doc, "theirs").text, "deras!");
    assert.deepEqual([note(doc, "mine").x, note(doc, "mine").y], [7, 7]);

    undo.undo(); // my note
    assert.equal(notesOf(doc).has("mine"), false);
    assert.equal(notesOf(doc).has("theirs"), true);

    assert.equal(undo.undo(), null, "nothing of the remote origin is on the stack");
    assert.equal(notesOf(doc).has("theirs"), true);

    undo.redo();
    assert.equal(note(doc, "mine").text, "min");
    undo.redo();
    assert.deepEqual([note(doc, "theirs").x, note(doc, "theirs").y], [100, 100]);
    assert.equal(note(doc, "theirs").color, PINK);
  });

  test("updates from a second user's document, applied with origin remote, are not undone", () => {
    const mine = new Y.Doc();
    const theirs = new Y.Doc();
    theirs.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin !== "remote") Y.applyUpdate(mine, update, "remote");
    });
    mine.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin !== "remote") Y.applyUpdate(theirs, update, "remote");
    });
    const undo = new Y.UndoManager(notesOf(mine), { trackedOrigins: new Set(["me"]), captureTimeout: 0 });

    createNote(mine, { id: "m", x: 0, y: 0, now: 1 }, "me");
    createNote(theirs, { id: "t", x: 0, y: 0, now: 2 }, "user");
    bringToFront(mine, ["m"], "me");
    deleteNotes(theirs, ["t"], "user");
    assert.deepEqual([...notesOf(mine).keys()], ["m"]);

    undo.undo();
    undo.undo();
    assert.equal(undo.undo(), null);
    assert.deepEqual([...notesOf(mine).keys()], []);
    assert.deepEqual(notesOf(theirs).toJSON(), notesOf(mine).toJSON());
  });
});

describe("undoMayDelete", () => {
  const synced = () => {
    const mine = new Y.Doc();
    const theirs = new Y.Doc();
    mine.on("update", (u: Uint8Array, origin: unknown) => origin !== "sync" && Y.applyUpdate(theirs, u, "sync"));
    theirs.on("update", (u: Uint8Array, origin: unknown) => origin !== "sync" && Y.applyUpdate(mine, u, "sync"));
    const undo = new Y.UndoManager(notesOf(mine), {
      trackedOrigins: new Set(["me"]),
      deleteFilter: (item) => undoMayDelete(item, mine.clientID),
    });
    return { mine, theirs, undo };
  };

  test("undoing my new note keeps it when a colleague has written in it", () => {
    const { mine, theirs, undo } = synced();
    createNote(mine, { id: "n", x: 0, y: 0, text: "min", now: 1 }, "me");
    textOfNote(theirs, "n")!.insert(3, " och din");
    undo.undo();
    assert.equal(textOfNote(theirs, "n")?.toString(), "min och din");
    assert.equal(textOfNote(mine, "n")?.toString(), "min och din");
  });

  test("undoing my new note removes it when only I wrote in it", () => {
    const { mine, theirs, undo } = synced();
    createNote(mine, { id: "n", x: 0, y: 0, text: "bara min", now: 1 }, "me");
    undo.undo();
    assert.equal(notesOf(theirs).has("n"), false);
  });
});
