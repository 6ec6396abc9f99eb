import assert from "node:assert/strict";
import { describe, test } from "node:test";
import * as Y from "yjs";
import { createNote } from "../board/actions";
import { metaOf, notesOf, schemaVersionOf } from "./board";
import { MIGRATIONS, SCHEMA_VERSION, migrateDown, migrateToCurrent, type Migration } from "./migrations";
import { readNote, type NoteSnapshot } from "./note";
import { framesOf } from "./frame";
import { sessionMapOf } from "./session";

/** Builds a document in a given shape: one Y.Map per note, values set as given (strings stay strings). */
function docWith(notes: Record<string, Record<string, unknown>>, meta: Record<string, unknown> = {}): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    for (const [id, fields] of Object.entries(notes)) {
      const note = new Y.Map<unknown>();
      for (const [key, value] of Object.entries(fields)) note.set(key, value);
      notesOf(doc).set(id, note);
    }
    for (const [key, value] of Object.entries(meta)) metaOf(doc).set(key, value);
  });
  return doc;
}

function step(to: number): Migration {
  const found = MIGRATIONS.find((m) => m.to === to);
  assert.ok(found, `no migration to ${to}`);
  return found;
}

function notesJson(doc: Y.Doc): unknown {
  return notesOf(doc).toJSON();
}

function textKinds(doc: Y.Doc): Record<string, string> {
  const kinds: Record<string, string> = {};
  for (const [id, note] of notesOf(doc).entries()) {
    const text = note.get("text");
    kinds[id] = text instanceof Y.Text ? "Y.Text" : typeof text;
  }
  return kinds;
}

describe("the migration list", () => {
  test("steps are numbered 1, 2, … in order and SCHEMA_VERSION is the last", () => {
    assert.deepEqual(
      MIGRATIONS.map((m) => m.to),
      MIGRATIONS.map((_, i) => i + 1),
    );
    assert.equal(SCHEMA_VERSION, MIGRATIONS.length);
    for (const m of MIGRATIONS) assert.ok(m.description.length > 0);
  });
});

describe("step 1: note text becomes a Y.Text, createdAt is required", () => {
  const before = {
    a: { x: 10, y: 20, width: 160, height: 160, color: "#fff176", text: "Hej" },
    b: { x: -5, y: 0, width: 200, height: 100, color: "#f8bbd0", text: "Med tid", createdAt: 1234 },
    c: { x: 0, y: 0, width: 160, height: 160, color: "#c5e1a5" },
    d: { x: 0, y: 0, width: 160, height: 160, color: "#c5e1a5", text: 42, createdAt: "igår" },
  };
  const afterUp = {
    a: { x: 10, y: 20, width: 160, height: 160, color: "#fff176", text: "Hej", createdAt: 0 },
    b: { x: -5, y: 0, width: 200, height: 100, color: "#f8bbd0", text: "Med tid", createdAt: 1234 },
    c: { x: 0, y: 0, width: 160, height: 160, color: "#c5e1a5", text: "", createdAt: 0 },
    d: { x: 0, y: 0, width: 160, height: 160, color: "#c5e1a5", text: "", createdAt: 0 },
  };
  // Down gives the text back as a plain string; createdAt stays (v0 allowed it, it cannot know who lacked it).
  const afterDown = afterUp;

  test("up", () => {
    const doc = docWith(before);
    assert.deepEqual(textKinds(doc), { a: "string", b: "string", c: "undefined", d: "number" });
    step(1).up(doc, new Y.Doc());
    assert.deepEqual(notesJson(doc), afterUp);
    assert.deepEqual(textKinds(doc), { a: "Y.Text", b: "Y.Text", c: "Y.Text", d: "Y.Text" });
  });

  test("up leaves an existing Y.Text alone (the same instance, with its content)", () => {
    const doc = docWith({ a: { x: 0, y: 0, width: 160, height: 160, color: "#fff176", createdAt: 5 } });
    const text = new Y.Text("redan text");
    notesOf(doc).get("a")!.set("text", text);
    step(1).up(doc, new Y.Doc());
    assert.equal(notesOf(doc).get("a")!.get("text"), text);
    assert.deepEqual(notesJson(doc), { a: { x: 0, y: 0, width: 160, height: 160, color: "#fff176", text: "redan text", createdAt: 5 } });
  });

  test("down", () => {
    const doc = docWith(before);
    step(1).up(doc, new Y.Doc());
    step(1).down(doc, new Y.Doc());
    assert.deepEqual(notesJson(doc), afterDown);
    assert.deepEqual(textKinds(doc), { a: "string", b: "string", c: "string", d: "string" });
  });

  test("up after down gives the up literal again", () => {
    const doc = docWith(before);
    step(1).up(doc, new Y.Doc());
    step(1).down(doc, new Y.Doc());
    step(1).up(doc, new Y.Doc());
    assert.deepEqual(notesJson(doc), afterUp);
    assert.deepEqual(textKinds(doc), { a: "Y.Text", b: "Y.Text", c: "Y.Text", d: "Y.Text" });
  });
});

describe("step 2: notes get a stacking order z", () => {
  const note = (createdAt: number, extra: Record<string, unknown> = {}) => ({
    x: 0,
    y: 0,
    width: 160,
    height: 160,
    color: "#fff176",
    createdAt,
    ...extra,
  });

  function v1Doc(): Y.Doc {
    const doc = docWith({ late: note(300), early: note(100), tieB: note(200), tieA: note(200) });
    for (const n of notesOf(doc).values()) n.set("text", new Y.Text("t"));
    return doc;
  }

  const afterUp = {
    early: { ...note(100), text: "t", z: 0 },
    tieA: { ...note(200), text: "t", z: 1 },
    tieB: { ...note(200), text: "t", z: 2 },
    late: { ...note(300), text: "t", z: 3 },
  };
  const afterDown = {
    early: { ...note(100), text: "t" },
    tieA: { ...note(200), text: "t" },
    tieB: { ...note(200), text: "t" },
    late: { ...note(300), text: "t" },
  };

  test("up ranks notes by age, ties broken by id", () => {
    const doc = v1Doc();
    assert.deepEqual(notesJson(doc), afterDown);
    step(2).up(doc, new Y.Doc());
    assert.deepEqual(notesJson(doc), afterUp);
  });

  test("up keeps a z that is already there", () => {
    const doc = docWith({ a: note(1, { z: 50 }), b: note(2) });
    step(2).up(doc, new Y.Doc());
    assert.deepEqual(notesJson(doc), { a: note(1, { z: 50 }), b: note(2, { z: 1 }) });
  });

  test("down removes z and nothing else", () => {
    const doc = v1Doc();
    step(2).up(doc, new Y.Doc());
    step(2).down(doc, new Y.Doc());
    assert.deepEqual(notesJson(doc), afterDown);
  });
});

describe("step 3: the session map and worksheet locks move to the session document", () => {
  const vote = { id: "v1", noteIds: ["a"], dotsPerPerson: 3, allowMultiplePerNote: false, showLive: false, status: "open" };
  /** A v2 board as the server kept it: session values in the board document, a locked frame. */
  function v2Board(): Y.Doc {
    const doc = docWith({}, { schemaVersion: 2 });
    doc.transact(() => {
      const legacy = sessionMapOf(doc);
      legacy.set("privateWriting", true);
      legacy.set("heldCount", 4);
      legacy.set("vote", vote);
      for (const [id, locked] of [["locked-one", true], ["open-one", false]] as const) {
        const frame = new Y.Map<unknown>();
        frame.set("kind", "quadrants");
        frame.set("title", id);
        if (locked) frame.set("locked", true);
        framesOf(doc).set(id, frame);
      }
      framesOf(doc).get("open-one")!.set("locked", false);
    });
    return doc;
  }
  const framesAfterUp = { "locked-one": { kind: "quadrants", title: "locked-one" }, "open-one": { kind: "quadrants", title: "open-one" } };
  const sessionAfterUp = { privateWriting: true, heldCount: 4, vote, locks: { "locked-one": true } };

  test("up", () => {
    const doc = v2Board();
    const session = new Y.Doc();
    step(3).up(doc, session);
    assert.deepEqual(sessionMapOf(doc).toJSON(), {}, "nothing server-decided is left where clients write");
    assert.deepEqual(framesOf(doc).toJSON(), framesAfterUp);
    assert.deepEqual(sessionMapOf(session).toJSON(), sessionAfterUp);
  });

  test("up keeps what the session document already has (a step cut short and run again)", () => {
    const doc = v2Board();
    const session = new Y.Doc();
    sessionMapOf(session).set("heldCount", 9);
    step(3).up(doc, session);
    assert.equal(sessionMapOf(session).get("heldCount"), 9);
    assert.equal(sessionMapOf(session).get("privateWriting"), true);
  });

  test("down puts the values and locks back where version 2 reads them", () => {
    const doc = v2Board();
    const session = new Y.Doc();
    step(3).up(doc, session);
    step(3).down(doc, session);
    assert.deepEqual(sessionMapOf(doc).toJSON(), { privateWriting: true, heldCount: 4, vote });
    assert.deepEqual(framesOf(doc).toJSON(), { ...framesAfterUp, "locked-one": { ...framesAfterUp["locked-one"], locked: true } });
  });

  test("migrateToCurrent carries a v2 board's state over, with one update per document", () => {
    const doc = v2Board();
    const session = new Y.Doc();
    let boardUpdates = 0;
    let sessionUpdates = 0;
    doc.on("update", () => boardUpdates++);
    session.on("update", () => sessionUpdates++);
    assert.deepEqual(migrateToCurrent(doc, session), { status: "migrated", from: 2, to: SCHEMA_VERSION });
    assert.deepEqual([boardUpdates, sessionUpdates], [1, 1]);
    assert.deepEqual(sessionMapOf(session).toJSON(), sessionAfterUp);
  });
});

describe("migrateToCurrent", () => {
  test("an empty document gets meta.schemaVersion = SCHEMA_VERSION", () => {
    const doc = new Y.Doc();
    assert.equal(schemaVersionOf(doc), 0);
    const result = migrateToCurrent(doc);
    assert.deepEqual(result, { status: "migrated", from: 0, to: SCHEMA_VERSION });
    assert.equal(metaOf(doc).get("schemaVersion"), SCHEMA_VERSION);
    assert.deepEqual(notesJson(doc), {});
  });

  test("a v0 document is migrated all the way in one transaction with the given origin", () => {
    const doc = docWith({
      b: { x: 1, y: 2, width: 160, height: 160, color: "#fff176", text: "andra", createdAt: 20 },
      a: { x: 3, y: 4, width: 160, height: 160, color: "#b3e5fc", text: "första", createdAt: 10 },
    });
    const origins: unknown[] = [];
    doc.on("update", (_update: Uint8Array, origin: unknown) => origins.push(origin));
    const result = migrateToCurrent(doc, new Y.Doc(), "boot");
    assert.deepEqual(result, { status: "migrated", from: 0, to: SCHEMA_VERSION });
    assert.deepEqual(origins, ["boot"]);
    assert.deepEqual(notesJson(doc), {
      a: { x: 3, y: 4, width: 160, height: 160, color: "#b3e5fc", text: "första", createdAt: 10, z: 0 },
      b: { x: 1, y: 2, width: 160, height: 160, color: "#fff176", text: "andra", createdAt: 20, z: 1 },
    });
    assert.deepEqual(textKinds(doc), { a: "Y.Text", b: "Y.Text" });
    assert.equal(schemaVersionOf(doc), SCHEMA_VERSION);
  });

  test("a v1 document runs only the later steps", () => {
    const doc = docWith({ a: { x: 0, y: 0, width: 160, height: 160, color: "#fff176", text: "v1-sträng", createdAt: 7 } }, { schemaVersion: 1 });
    const result = migrateToCurrent(doc);
    assert.deepEqual(result, { status: "migrated", from: 1, to: SCHEMA_VERSION });
    // Step 1 did not run again: a plain string stays a string in a document that claimed v1.
    assert.deepEqual(textKinds(doc), { a: "string" });
    assert.equal(notesOf(doc).get("a")!.get("z"), 0);
  });

  test("a current document is left alone: no update is emitted", () => {
    const doc = new Y.Doc();
    migrateToCurrent(doc);
    createNote(doc, { id: "n", x: 0, y: 0, text: "hej", now: 1 }, "me");
    const before = Y.encodeStateAsUpdate(doc);
    let updates = 0;
    doc.on("update", () => updates++);
    const result = migrateToCurrent(doc);
    assert.deepEqual(result, { status: "current", version: SCHEMA_VERSION });
    assert.equal(updates, 0);
    assert.deepEqual(Y.encodeStateAsUpdate(doc), before);
  });

  test("a document from a newer version is reported and not changed", () => {
    const newer = SCHEMA_VERSION + 1;
    const doc = docWith({ a: { x: 0, y: 0, width: 160, height: 160, color: "#fff176", text: "framtid", shape: "circle" } }, { schemaVersion: newer });
    const json = notesJson(doc);
    let updates = 0;
    doc.on("update", () => updates++);
    const result = migrateToCurrent(doc);
    assert.deepEqual(result, { status: "newer", version: newer });
    assert.equal(updates, 0);
    assert.deepEqual(notesJson(doc), json);
    assert.equal(metaOf(doc).get("schemaVersion"), newer);
  });
});

describe("migrateDown", () => {
  function currentDoc(): Y.Doc {
    const doc = new Y.Doc();
    migrateToCurrent(doc);
    createNote(doc, { id: "first", x: 10, y: 20, text: "Ett", now: 1000 }, "me");
    createNote(doc, { id: "second", x: -30, y: 40, color: "#b3e5fc", text: "Två", now: 2000 }, "me");
    createNote(doc, { id: "third", x: 0, y: 0, now: 3000 }, "me");
    return doc;
  }

  test("down to 1 removes z and records version 1", () => {
    const doc = currentDoc();
    migrateDown(doc, 1);
    assert.equal(schemaVersionOf(doc), 1);
    for (const note of notesOf(doc).values()) assert.equal(note.has("z"), false);
    assert.deepEqual(textKinds(doc), { first: "Y.Text", second: "Y.Text", third: "Y.Text" });
  });

  test("down to 0 gives plain-string text and version 0", () => {
    const doc = currentDoc();
    migrateDown(doc, 0);
    assert.equal(schemaVersionOf(doc), 0);
    assert.deepEqual(textKinds(doc), { first: "string", second: "string", third: "string" });
    assert.equal(notesOf(doc).get("second")!.get("text"), "Två");
  });

  test("down to 0 and back up round-trips the note data (stacking follows creation order)", () => {
    const doc = currentDoc();
    const withoutZ = (d: Y.Doc) =>
      Object.fromEntries(
        [...notesOf(d).entries()].map(([id, n]) => {
          const snapshot: Partial<NoteSnapshot> = readNote(id, n);
          delete snapshot.z;
          return [id, snapshot];
        }),
      );
    const zOrder = (d: Y.Doc) =>
      [...notesOf(d).entries()].sort(([, a], [, b]) => Number(a.get("z")) - Number(b.get("z"))).map(([id]) => id);
    const original = withoutZ(doc);
    assert.deepEqual(zOrder(doc), ["first", "second", "third"]);

    migrateDown(doc, 0);
    assert.deepEqual(migrateToCurrent(doc), { status: "migrated", from: 0, to: SCHEMA_VERSION });

    assert.deepEqual(withoutZ(doc), original);
    assert.deepEqual(zOrder(doc), ["first", "second", "third"]);
    assert.deepEqual(textKinds(doc), { first: "Y.Text", second: "Y.Text", third: "Y.Text" });
    assert.equal(schemaVersionOf(doc), SCHEMA_VERSION);
  });
});
