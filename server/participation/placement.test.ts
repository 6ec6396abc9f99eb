import assert from "node:assert/strict";
import { describe, test } from "node:test";
import * as Y from "yjs";
import { createNote } from "../../lib/board/actions";
import { moveFrame } from "../../lib/board/frames";
import { arrivalRect } from "../../lib/board/inbox";
import { applyKit } from "../../lib/kits/apply";
import { kitById } from "../../lib/kits/index";
import { notesOf } from "../../lib/schema/board";
import { readFrames } from "../../lib/schema/frame";
import { readNote, type NoteSnapshot } from "../../lib/schema/note";
import { readSession, writeSession } from "../../lib/schema/session";
import { moveIntoBoardInbox, placeInInbox } from "./placement";

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

function kitBoard(): { doc: Y.Doc; session: Y.Doc } {
  const doc = new Y.Doc();
  const session = new Y.Doc();
  let n = 0;
  applyKit(doc, session, kitById("arbetsmote-1")!, "sv", { origin: null, now: 1, newId: () => `f${++n}` });
  return { doc, session };
}

function notes(doc: Y.Doc): NoteSnapshot[] {
  return [...notesOf(doc).entries()].map(([id, note]) => readNote(id, note));
}

function assertOnNothing(doc: Y.Doc): void {
  const all = notes(doc);
  for (const note of all) {
    for (const frame of readFrames(doc)) assert.equal(overlaps(note, frame), false, `${note.id} on worksheet ${frame.title}`);
    for (const other of all) if (other !== note) assert.equal(overlaps(note, other), false, `${note.id} on ${other.id}`);
  }
}

const incoming = (ids: string[]) => ids.map((id, i) => ({ id, text: id, color: "#fde68a", createdAt: i }));

describe("placing notes on an Arbetsmöte 1 board", () => {
  test("phone and revealed notes land right of the worksheets, on nothing, not at the board's top left", () => {
    const { doc, session } = kitBoard();
    placeInInbox(doc, session, incoming(["phone"]));
    placeInInbox(doc, session, incoming(["a", "b", "c", "d", "e", "f", "g"]));
    assertOnNothing(doc);
    const right = Math.max(...readFrames(doc).map((f) => f.x + f.width));
    for (const note of notes(doc)) assert.ok(note.x > right, `${note.id} right of the worksheets`);
  });

  test("an inbox stored over the Prioritering worksheet (before worksheets counted) moves off it", () => {
    const { doc, session } = kitBoard();
    writeSession(session, { inbox: { x: 0, y: 0 } });
    placeInInbox(doc, session, incoming(["phone"]));
    assertOnNothing(doc);
    assert.notDeepEqual(readSession(session).inbox, { x: 0, y: 0 });
  });

  test("a worksheet dragged over the area: the next notes go around it, and the area moves clear of it", () => {
    const { doc, session } = kitBoard();
    placeInInbox(doc, session, incoming(["first"]));
    const inbox = readSession(session).inbox!;
    const sheet = readFrames(doc)[0];
    moveFrame(doc, sheet.id, inbox.x, inbox.y + 400, null);
    placeInInbox(doc, session, incoming(["second", "third"]));
    assertOnNothing(doc);
    const label = arrivalRect(readSession(session).inbox!, 1);
    for (const frame of readFrames(doc)) assert.equal(overlaps(label, frame), false, "the name is on no worksheet");
  });

  test("notes brought back from groups land on nothing either", () => {
    const { doc, session } = kitBoard();
    createNote(doc, { id: "x", x: -5000, y: -5000, text: "", now: 1 }, null);
    createNote(doc, { id: "y", x: -4800, y: -5000, text: "", now: 2 }, null);
    moveIntoBoardInbox(doc, session, ["x", "y"]);
    assertOnNothing(doc);
  });
});
