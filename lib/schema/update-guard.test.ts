import assert from "node:assert/strict";
import { describe, test } from "node:test";
import * as Y from "yjs";
import { createNote, deleteNotes, moveNotes, textOfNote } from "../board/actions";
import { createFrame } from "../board/frames";
import { writableRoots } from "../roles";
import { metaOf, notesOf } from "./board";
import { LIMITS } from "./limits";
import { migrateToCurrent, SCHEMA_VERSION } from "./migrations";
import { checkIncomingUpdate, type UpdateVerdict } from "./update-guard";
import { encodeHandUpdate } from "../testing/hand-made-updates";
import { stateOf } from "./update-structure";

/** An accepted verdict without the roots it lists: most tests ask only whether it passed. */
function accepted(verdict: UpdateVerdict): UpdateVerdict | { ok: true } {
  return verdict.ok ? { ok: true } : verdict;
}

const NOTES = new Set(["notes"]);
const NOTES_AND_META = new Set(["notes", "meta"]);
const NOTHING = new Set<string>();

/** A server document as a room holds it: migrated, so meta.schemaVersion is already there. */
function serverDoc(): Y.Doc {
  const doc = new Y.Doc();
  migrateToCurrent(doc);
  return doc;
}

/** A client that has synced the server's state, as a WebsocketProvider would after step 2. */
function clientOf(server: Y.Doc): Y.Doc {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return client;
}

/** The update `change` produces on `doc`, as the client would send it. */
function updateFrom(doc: Y.Doc, change: () => void): Uint8Array {
  const updates: Uint8Array[] = [];
  const listener = (update: Uint8Array) => updates.push(update);
  doc.on("update", listener);
  try {
    change();
  } finally {
    doc.off("update", listener);
  }
  assert.ok(updates.length > 0, "the change produced no update");
  return Y.mergeUpdates(updates);
}

/** Applies an update that passed the guard, as the server would. */
function accept(server: Y.Doc, update: Uint8Array, roots: ReadonlySet<string>): void {
  assert.deepEqual(accepted(checkIncomingUpdate(server, update, roots)), { ok: true });
  Y.applyUpdate(server, update);
}

function refused(verdict: ReturnType<typeof checkIncomingUpdate>, reason?: RegExp): void {
  assert.equal(verdict.ok, false, "expected the update to be refused");
  if (reason && !verdict.ok) assert.match(verdict.reason, reason);
}

describe("checkIncomingUpdate", () => {
  test("a client creating a note is ok for a member", () => {
    const server = serverDoc();
    const client = clientOf(server);
    const update = updateFrom(client, () => createNote(client, { id: "n1", x: 10, y: 20, text: "Hej", now: 1 }, "me"));
    assert.deepEqual(accepted(checkIncomingUpdate(server, update, NOTES)), { ok: true });
    assert.deepEqual(accepted(checkIncomingUpdate(server, update, writableRoots("member"))), { ok: true });
    assert.deepEqual(accepted(checkIncomingUpdate(server, update, writableRoots("facilitator"))), { ok: true });
  });

  test("the check is pure: the server document is not changed", () => {
    const server = serverDoc();
    const before = Y.encodeStateAsUpdate(server);
    const client = clientOf(server);
    const update = updateFrom(client, () => createNote(client, { id: "n1", x: 0, y: 0, now: 1 }, "me"));
    checkIncomingUpdate(server, update, NOTES);
    assert.deepEqual(Y.encodeStateAsUpdate(server), before);
    assert.equal(notesOf(server).size, 0);
  });

  test("writing a new meta key is refused for a member and ok for a facilitator", () => {
    const server = serverDoc();
    const client = clientOf(server);
    const update = updateFrom(client, () => metaOf(client).set("title", "Kapad"));
    refused(checkIncomingUpdate(server, update, NOTES), /meta/);
    refused(checkIncomingUpdate(server, update, writableRoots("member")), /meta/);
    assert.deepEqual(accepted(checkIncomingUpdate(server, update, NOTES_AND_META)), { ok: true });
    assert.deepEqual(accepted(checkIncomingUpdate(server, update, writableRoots("facilitator"))), { ok: true });
  });

  test("overwriting an existing meta key (parent only implied by the origin) is refused for a member", () => {
    const server = serverDoc();
    assert.equal(metaOf(server).get("schemaVersion"), SCHEMA_VERSION);
    const client = clientOf(server);
    const update = updateFrom(client, () => metaOf(client).set("schemaVersion", 99));
    // The case the guard must look through: the new item names no parent, only the item it replaces.
    const items = Y.decodeUpdate(update).structs.filter((s): s is Y.Item => s instanceof Y.Item);
    assert.equal(items.length, 1);
    assert.equal(items[0].parent, null);
    assert.notEqual(items[0].origin, null);

    refused(checkIncomingUpdate(server, update, NOTES), /meta/);
    assert.deepEqual(accepted(checkIncomingUpdate(server, update, NOTES_AND_META)), { ok: true });
  });

  test("overwriting a meta key in the same update that created it is refused for a member", () => {
    const server = serverDoc();
    const client = clientOf(server);
    const update = updateFrom(client, () => {
      metaOf(client).set("title", "a");
      metaOf(client).set("title", "b");
    });
    refused(checkIncomingUpdate(server, update, NOTES), /meta/);
  });

  test("deleting a meta key is refused for a member and ok for a facilitator", () => {
    const server = serverDoc();
    const client = clientOf(server);
    const update = updateFrom(client, () => metaOf(client).delete("schemaVersion"));
    assert.equal(Y.decodeUpdate(update).structs.length, 0, "a pure delete carries only a delete set");
    refused(checkIncomingUpdate(server, update, NOTES), /delete/);
    assert.deepEqual(accepted(checkIncomingUpdate(server, update, NOTES_AND_META)), { ok: true });
  });

  test("a client's sync that repeats deletions the server made itself (overwritten session and meta values) is ok for a member", () => {
    const server = serverDoc();
    // The server overwrites its own values: each overwrite deletes the value before.
    server.transact(() => server.getMap("session").set("prompt", "ett"));
    server.transact(() => server.getMap("session").set("prompt", "två"));
    server.transact(() => metaOf(server).set("schemaVersion", SCHEMA_VERSION));
    const member = clientOf(server);
    // What a stock client sends on reconnect: everything the server lacks, and its whole delete set.
    const sync = Y.encodeStateAsUpdate(member, Y.encodeStateVector(server));
    assert.ok(Y.decodeUpdate(sync).ds.clients.size > 0, "the sync carries the server's deletions");
    assert.deepEqual(accepted(checkIncomingUpdate(server, sync, NOTES)), { ok: true });
    assert.deepEqual(accepted(checkIncomingUpdate(server, sync, NOTES, { privateWriting: true })), { ok: true });
    // Deleting a live value there is still refused.
    refused(checkIncomingUpdate(server, updateFrom(member, () => member.getMap("session").delete("prompt")), NOTES), /delete/);
  });

  test("a new top-level type is refused even for a facilitator", () => {
    const server = serverDoc();
    const client = clientOf(server);
    const update = updateFrom(client, () => client.getMap("secret").set("x", 1));
    refused(checkIncomingUpdate(server, update, NOTES_AND_META), /secret/);
  });

  test("editing an existing note (text insert, text delete, move, delete note) is ok for a member", () => {
    const server = serverDoc();
    const facilitator = clientOf(server);
    accept(server, updateFrom(facilitator, () => createNote(facilitator, { id: "n1", x: 0, y: 0, text: "Hej då", now: 1 }, "f")), NOTES_AND_META);

    const member = clientOf(server);
    const insert = updateFrom(member, () => textOfNote(member, "n1")!.insert(3, " och"));
    const inserted = Y.decodeUpdate(insert).structs.filter((s): s is Y.Item => s instanceof Y.Item);
    assert.ok(inserted.every((s) => s.parent === null && s.origin !== null), "text insert is placed by origin only");
    accept(server, insert, NOTES);
    assert.equal(textOfNote(server, "n1")!.toString(), "Hej och då");

    accept(server, updateFrom(member, () => textOfNote(member, "n1")!.delete(0, 4)), NOTES);
    assert.equal(textOfNote(server, "n1")!.toString(), "och då");
    accept(server, updateFrom(member, () => textOfNote(member, "n1")!.insert(0, "X")), NOTES);
    assert.equal(textOfNote(server, "n1")!.toString(), "Xoch då");
    accept(server, updateFrom(member, () => moveNotes(member, [{ id: "n1", x: 5, y: 6 }], "m")), NOTES);
    assert.equal(notesOf(server).get("n1")!.get("x"), 5);
    accept(server, updateFrom(member, () => deleteNotes(member, ["n1"], "m")), NOTES);
    assert.equal(notesOf(server).has("n1"), false);
  });

  test("typing into a note created in the same offline session is ok for a member", () => {
    const server = serverDoc();
    const member = clientOf(server);
    const update = updateFrom(member, () => {
      createNote(member, { id: "n1", x: 0, y: 0, now: 1 }, "m");
      textOfNote(member, "n1")!.insert(0, "ab");
      textOfNote(member, "n1")!.insert(1, "c");
    });
    assert.deepEqual(accepted(checkIncomingUpdate(server, update, NOTES)), { ok: true });
  });

  test("garbage bytes are refused", () => {
    const server = serverDoc();
    for (const bytes of [[], [1, 2, 3], [255, 255, 255, 255, 255, 255], [7, 7, 7, 7, 7, 7, 7, 7, 7, 7]]) {
      const verdict = checkIncomingUpdate(server, new Uint8Array(bytes), NOTES_AND_META);
      assert.equal(verdict.ok, false, `accepted ${JSON.stringify(bytes)}`);
    }
  });

  test("a text run longer than maxInsertedTextChars is refused; one at the limit is ok", () => {
    const server = serverDoc();
    const facilitator = clientOf(server);
    accept(server, updateFrom(facilitator, () => createNote(facilitator, { id: "n1", x: 0, y: 0, now: 1 }, "f")), NOTES_AND_META);

    const member = clientOf(server);
    const tooLong = updateFrom(member, () => textOfNote(member, "n1")!.insert(0, "x".repeat(LIMITS.maxInsertedTextChars + 1)));
    refused(checkIncomingUpdate(server, tooLong, NOTES_AND_META), /too long/);

    const other = clientOf(server);
    const atLimit = updateFrom(other, () => textOfNote(other, "n1")!.insert(0, "y".repeat(LIMITS.maxInsertedTextChars)));
    assert.deepEqual(accepted(checkIncomingUpdate(server, atLimit, NOTES)), { ok: true });
  });

  test("an empty set of roots (a viewer) refuses everything", () => {
    const server = serverDoc();
    const client = clientOf(server);
    const update = updateFrom(client, () => createNote(client, { id: "n1", x: 0, y: 0, now: 1 }, "v"));
    refused(checkIncomingUpdate(server, update, NOTHING), /read-only/);
    refused(checkIncomingUpdate(server, update, writableRoots("viewer")));
  });

  describe("the note limit", () => {
    /** A server with `count` notes, made in one transaction (the guard only counts keys). */
    function fullServer(count: number): Y.Doc {
      const server = serverDoc();
      server.transact(() => {
        for (let i = 0; i < count; i++) {
          const note = new Y.Map<unknown>();
          note.set("x", 0);
          notesOf(server).set(`seed${i}`, note);
        }
      });
      return server;
    }

    test("the last note that fits is ok, one more is refused", () => {
      const server = fullServer(LIMITS.maxNotesPerBoard - 1);
      const a = clientOf(server);
      accept(server, updateFrom(a, () => createNote(a, { id: "last", x: 0, y: 0, now: 1 }, "a")), NOTES);
      assert.equal(notesOf(server).size, LIMITS.maxNotesPerBoard);

      const b = clientOf(server);
      refused(checkIncomingUpdate(server, updateFrom(b, () => createNote(b, { id: "over", x: 0, y: 0, now: 2 }, "b")), NOTES), /too many/);
    });

    test("several notes in one update are all counted", () => {
      const server = fullServer(LIMITS.maxNotesPerBoard - 2);
      const client = clientOf(server);
      const update = updateFrom(client, () => {
        for (const id of ["a", "b", "c"]) createNote(client, { id, x: 0, y: 0, now: 1 }, "c");
      });
      refused(checkIncomingUpdate(server, update, NOTES), /too many/);
    });

    test("a new id set twice in one update counts once", () => {
      const server = fullServer(LIMITS.maxNotesPerBoard - 1);
      const client = clientOf(server);
      const update = updateFrom(client, () => {
        createNote(client, { id: "twice", x: 0, y: 0, now: 1 }, "c");
        createNote(client, { id: "twice", x: 50, y: 50, now: 2 }, "c");
      });
      accept(server, update, NOTES);
      assert.equal(notesOf(server).size, LIMITS.maxNotesPerBoard);
    });

    test("editing or replacing existing notes at the limit is ok", () => {
      const server = fullServer(LIMITS.maxNotesPerBoard);
      const client = clientOf(server);
      accept(server, updateFrom(client, () => moveNotes(client, [{ id: "seed1", x: 9, y: 9 }], "c")), NOTES);
      // Setting an existing id again replaces that note: the count does not grow.
      accept(server, updateFrom(client, () => createNote(client, { id: "seed2", x: 0, y: 0, now: 1 }, "c")), NOTES);
      assert.equal(notesOf(server).size, LIMITS.maxNotesPerBoard);
    });

    test("bringing back a deleted note (an undo) counts too", () => {
      const server = fullServer(LIMITS.maxNotesPerBoard);
      const a = clientOf(server);
      const undo = new Y.UndoManager(notesOf(a), { trackedOrigins: new Set(["a"]) });
      accept(server, updateFrom(a, () => deleteNotes(a, ["seed0"], "a")), NOTES);
      assert.equal(notesOf(server).size, LIMITS.maxNotesPerBoard - 1);

      const b = clientOf(server);
      accept(server, updateFrom(b, () => createNote(b, { id: "fresh", x: 0, y: 0, now: 1 }, "b")), NOTES);
      assert.equal(notesOf(server).size, LIMITS.maxNotesPerBoard);

      const restore = updateFrom(a, () => undo.undo());
      assert.equal(notesOf(a).has("seed0"), true);
      refused(checkIncomingUpdate(server, restore, NOTES), /too many/);
    });
  });
});

describe("what the server already holds", () => {
  test("a client resending its whole copy (IndexedDB loaded after connecting) is accepted, the server's own session writes included", () => {
    const server = serverDoc();
    const facilitator = clientOf(server);
    accept(server, updateFrom(facilitator, () => createNote(facilitator, { id: "n1", x: 0, y: 0, text: "Hej", now: 1 }, "f")), NOTES_AND_META);
    server.getMap("session").set("privateWriting", true);
    server.getMap("session").set("privateWriting", false);
    const member = clientOf(server);
    assert.deepEqual(accepted(checkIncomingUpdate(server, Y.encodeStateAsUpdate(member), writableRoots("member"))), { ok: true });
    assert.deepEqual(checkIncomingUpdate(server, Y.encodeStateAsUpdate(member), writableRoots("viewer")).ok, false, "a viewer still writes nothing");
  });

  test("a new item in session is still refused when it rides along with known ones", () => {
    const server = serverDoc();
    const member = clientOf(server);
    member.getMap("session").set("vote", { forged: true });
    const verdict = checkIncomingUpdate(server, Y.encodeStateAsUpdate(member), writableRoots("member"));
    assert.equal(verdict.ok, false);
  });
});

describe("checkIncomingUpdate with { privateWriting: true }", () => {
  const PRIVATE = { privateWriting: true } as const;
  const HELD = /private writing/;

  /** A server with one note the whole room already has. */
  function serverWithNote(): Y.Doc {
    const server = serverDoc();
    const facilitator = clientOf(server);
    accept(server, updateFrom(facilitator, () => createNote(facilitator, { id: "n1", x: 0, y: 0, text: "Hej", now: 1 }, "f")), NOTES_AND_META);
    return server;
  }

  function held(verdict: ReturnType<typeof checkIncomingUpdate>): void {
    assert.equal(verdict.ok, false, "expected the update to be held back");
    if (!verdict.ok) {
      assert.equal(verdict.refusal, "held", `held, not refused outright (${verdict.reason})`);
      assert.match(verdict.reason, HELD);
    }
  }

  test("undoing a delete brings the note back: its words were on the board before", () => {
    const server = serverWithNote();
    const client = clientOf(server);
    const undo = new Y.UndoManager(notesOf(client), { trackedOrigins: new Set(["me"]) });
    accept(server, updateFrom(client, () => deleteNotes(client, ["n1"], "me")), NOTES);
    const restoring = updateFrom(client, () => undo.undo());
    assert.deepEqual(accepted(checkIncomingUpdate(server, restoring, writableRoots("member"), PRIVATE)), { ok: true });
  });

  test("an update creating a note is held, for a member and a facilitator alike", () => {
    const server = serverWithNote();
    const client = clientOf(server);
    const update = updateFrom(client, () => createNote(client, { id: "secret", x: 0, y: 0, text: "tyst", now: 2 }, "m"));
    held(checkIncomingUpdate(server, update, writableRoots("member"), PRIVATE));
    held(checkIncomingUpdate(server, update, writableRoots("facilitator"), PRIVATE));
  });

  test("a note created and typed into in one update is held", () => {
    const server = serverWithNote();
    const client = clientOf(server);
    const update = updateFrom(client, () => {
      createNote(client, { id: "secret", x: 0, y: 0, now: 2 }, "m");
      textOfNote(client, "secret")!.insert(0, "ord för ord");
    });
    held(checkIncomingUpdate(server, update, NOTES, PRIVATE));
  });

  test("moving, recolouring, typing into and deleting an existing note pass", () => {
    const server = serverWithNote();
    const member = clientOf(server);
    const edits = [
      () => moveNotes(member, [{ id: "n1", x: 40, y: 50 }], "m"),
      () => textOfNote(member, "n1")!.insert(3, " alla"),
      () => textOfNote(member, "n1")!.delete(0, 1),
      () => notesOf(member).get("n1")!.set("color", "#f8bbd0"),
    ];
    for (const edit of edits) {
      const update = updateFrom(member, edit);
      assert.deepEqual(accepted(checkIncomingUpdate(server, update, NOTES, PRIVATE)), { ok: true });
      Y.applyUpdate(server, update);
    }
    assert.equal(textOfNote(server, "n1")!.toString(), "ej alla");
    const removal = updateFrom(member, () => deleteNotes(member, ["n1"], "m"));
    assert.deepEqual(accepted(checkIncomingUpdate(server, removal, NOTES, PRIVATE)), { ok: true });
  });

  test("an update that builds on one held back is held too, given what was held; refused without", () => {
    const server = serverWithNote();
    const client = clientOf(server);
    // The note never reached the server (it was held back); typing into it later names only
    // neighbours the server has never seen: those characters could be the note's words.
    const creating = updateFrom(client, () => createNote(client, { id: "secret", x: 0, y: 0, text: "början", now: 2 }, "m"));
    const first = checkIncomingUpdate(server, creating, NOTES, PRIVATE);
    held(first);
    const heldSoFar = new Map([...(first.ok || first.refusal !== "held" ? [] : first.fresh)].map(([c, range]) => [c, range.to]));
    const typing = updateFrom(client, () => textOfNote(client, "secret")!.insert(6, " och slut"));
    const verdict = checkIncomingUpdate(server, typing, NOTES, { ...PRIVATE, held: heldSoFar });
    assert.equal(verdict.ok, false);
    if (!verdict.ok) assert.equal(verdict.refusal, "held", verdict.reason);
    if (!verdict.ok && verdict.refusal === "held") for (const [c, range] of verdict.fresh) heldSoFar.set(c, range.to);
    const moving = updateFrom(client, () => moveNotes(client, [{ id: "secret", x: 9, y: 9 }], "m"));
    assert.equal((checkIncomingUpdate(server, moving, NOTES, { held: heldSoFar }) as { refusal?: string }).refusal, "held");
    // Without knowing what was held, it is an update that refers to what the server lacks.
    refused(checkIncomingUpdate(server, typing, NOTES, PRIVATE), /does not hold/);
  });

  test("the other refusals still come first for what they cover", () => {
    const server = serverWithNote();
    const client = clientOf(server);
    const meta = updateFrom(client, () => metaOf(client).set("title", "x"));
    const verdict = checkIncomingUpdate(server, meta, NOTES, PRIVATE);
    assert.equal(verdict.ok, false);
    if (!verdict.ok) {
      assert.match(verdict.reason, /meta/);
      assert.equal(verdict.refusal, "forbidden", "a forbidden write is refused, not held");
    }
    refused(checkIncomingUpdate(server, new Uint8Array([1, 2, 3]), NOTES, PRIVATE), /malformed/);
    const other = clientOf(server);
    const session = updateFrom(other, () => other.getMap("session").set("privateWriting", false));
    refused(checkIncomingUpdate(server, session, NOTES_AND_META, PRIVATE), /session/);
  });

  test("without the option (or with false) everything behaves as before", () => {
    const server = serverWithNote();
    const client = clientOf(server);
    const creating = updateFrom(client, () => createNote(client, { id: "open", x: 0, y: 0, text: "synlig", now: 2 }, "m"));
    assert.deepEqual(accepted(checkIncomingUpdate(server, creating, NOTES)), { ok: true });
    assert.deepEqual(accepted(checkIncomingUpdate(server, creating, NOTES, {})), { ok: true });
    assert.deepEqual(accepted(checkIncomingUpdate(server, creating, NOTES, { privateWriting: false })), { ok: true });

    // Items that follow something the server lacks are refused: Yjs would keep them pending.
    const later = clientOf(server);
    createNote(later, { id: "unsent", x: 0, y: 0, text: "a", now: 3 }, "m");
    const typing = updateFrom(later, () => textOfNote(later, "unsent")!.insert(1, "b"));
    refused(checkIncomingUpdate(server, typing, NOTES), /does not hold/);

    const another = clientOf(server);
    const meta = updateFrom(another, () => metaOf(another).set("title", "x"));
    refused(checkIncomingUpdate(server, meta, NOTES), /meta/);
  });

  describe("frames and notes are maps", () => {
    const MEMBER = writableRoots("member");

    test("a frame or a note that is not a map is refused: every reader expects one", () => {
      const server = serverDoc();
      const client = clientOf(server);
      refused(checkIncomingUpdate(server, updateFrom(client, () => client.getMap("frames").set("x", 42)), MEMBER), /frames entries must be maps/);
    });

    test("overwriting an existing note with a string is refused too (the key only implied by the origin)", () => {
      const server = serverDoc();
      createNote(server, { id: "n1", x: 0, y: 0, now: 1 }, "setup");
      const client = clientOf(server);
      refused(checkIncomingUpdate(server, updateFrom(client, () => notesOf(client).set("n1", "text" as never)), MEMBER), /notes entries must be maps/);
    });

    test("a real frame passes and the verdict says the update writes frames", () => {
      const server = serverDoc();
      const client = clientOf(server);
      const update = updateFrom(client, () => createFrame(client, { id: "f", kind: "flipchart", title: "Mål", x: 0, y: 0, now: 1 }, "member"));
      const verdict = checkIncomingUpdate(server, update, MEMBER);
      assert.ok(verdict.ok);
      assert.deepEqual([...verdict.roots], ["frames"]);
    });

    test("a board holds at most maxFramesPerBoard frames", () => {
      const server = serverDoc();
      for (let i = 0; i < LIMITS.maxFramesPerBoard; i++) createFrame(server, { id: `f${i}`, kind: "flipchart", title: "", x: 0, y: 0, now: 1 }, "setup");
      const client = clientOf(server);
      const update = updateFrom(client, () => createFrame(client, { id: "one-more", kind: "flipchart", title: "", x: 0, y: 0, now: 1 }, "member"));
      refused(checkIncomingUpdate(server, update, MEMBER), /too many frames/);
    });
  });

  test("a note or frame may not be called constructor or __proto__: ids become object keys", () => {
    const server = serverDoc();
    const client = clientOf(server);
    refused(checkIncomingUpdate(server, updateFrom(client, () => createNote(client, { id: "constructor", x: 0, y: 0, now: 1 }, "m")), writableRoots("member")), /reserved/);
    const other = clientOf(server);
    refused(checkIncomingUpdate(server, updateFrom(other, () => createFrame(other, { id: "__proto__", kind: "flipchart", title: "", x: 0, y: 0, now: 1 }, "m")), writableRoots("member")), /reserved/);
  });
});

describe("checkIncomingUpdate follows any chain to its root", () => {
  test("an item at the end of a 3,000-item chain is placed where the chain leads: into meta, refused for a member", () => {
    const server = serverDoc();
    const facilitator = clientOf(server);
    accept(server, updateFrom(facilitator, () => metaOf(facilitator).set("title", "Tavlan")), NOTES_AND_META);
    const title = [...server.store.clients.get(facilitator.clientID)!].pop()!;
    const chainClient = 50;
    const length = 3000;
    const chain = Array.from({ length }, (_, i) => ({
      item: { origin: i === 0 ? { client: title.id.client, clock: title.id.clock } : { client: chainClient, clock: i - 1 }, content: { any: [i] } },
    }));
    // The deepest item comes first in the update, so nothing is resolved before it.
    const update = encodeHandUpdate({
      blocks: [
        { client: 60, clock: 0, structs: [{ item: { origin: { client: chainClient, clock: length - 1 }, content: { any: ["x"] } } }] },
        { client: chainClient, clock: 0, structs: chain },
      ],
    });
    assert.equal(stateOf(server, 60), 0);
    refused(checkIncomingUpdate(server, update, writableRoots("member")), /meta/);
    assert.equal(checkIncomingUpdate(server, update, writableRoots("facilitator")).ok, true);
  });
});
