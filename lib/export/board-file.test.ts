import assert from "node:assert/strict";
import { describe, test } from "node:test";
import * as Y from "yjs";
import { readFrames } from "../schema/frame";
import { readSession, writeSession } from "../schema/session";
import { boardFileSchema, exportBoard, importBoard, type BoardFile } from "./board-file";
import { workshopBoard } from "./fixture";
import { buildReport } from "./report";
import { createNote } from "../board/actions";

function counter(prefix: string): () => string {
  let n = 0;
  return () => `${prefix}${++n}`;
}

/** A file with what ids and times replaced by placeholders: what must survive a round trip. */
function withoutIdsAndDates(file: BoardFile) {
  const frameIndex = new Map(file.frames.map((frame, i) => [frame.id, i]));
  return {
    ...file,
    exportedAt: "",
    frames: file.frames.map(({ id: _id, createdAt: _c, copyOf, ...frame }) => ({ ...frame, copyOf: copyOf && frameIndex.get(copyOf) })),
    notes: file.notes.map(({ id: _id, createdAt: _c, frame, ...note }) => ({ ...note, frame: frame && frameIndex.get(frame) })),
  };
}

function sampleFile(): BoardFile {
  const { doc, session } = workshopBoard();
  writeSession(session, { agenda: { steps: [{ title: "Steg 1", minutes: 10, prompt: "Läs meningarna", mode: "discuss" }], current: 0 } });
  return exportBoard(doc, session, "Arbetsmöte 1", new Date("2026-02-01T10:00:00Z"));
}

/** An empty board to import into: its document and its session document. */
function emptyBoard() {
  return { doc: new Y.Doc(), session: new Y.Doc() };
}

describe("the board file", () => {
  test("a note whose id is an Object.prototype name is exported without votes, and the file passes its schema", () => {
    const { doc, session } = workshopBoard();
    for (const id of ["constructor", "toString"]) createNote(doc, { id, x: 6000, y: 6000, text: id, now: 10 }, "test");
    const file = exportBoard(doc, session, "x");
    for (const id of ["constructor", "toString"]) assert.equal(file.notes.find((note) => note.id === id)!.votes, undefined);
    assert.equal(file.notes.find((note) => note.id === "a")!.votes, 3);
    assert.ok(boardFileSchema.safeParse(file).success);
  });

  test("export → import → export gives the same board, except ids and dates", () => {
    const first = sampleFile();
    assert.equal(boardFileSchema.safeParse(JSON.parse(JSON.stringify(first))).success, true);
    const copy = emptyBoard();
    importBoard(copy.doc, copy.session, boardFileSchema.parse(JSON.parse(JSON.stringify(first))), { newId: counter("new"), now: 5_000, origin: "import" });
    const second = exportBoard(copy.doc, copy.session, "Arbetsmöte 1");
    assert.deepEqual(withoutIdsAndDates(second), withoutIdsAndDates(first));
    assert.ok(second.notes.every((note) => note.id.startsWith("new")));
  });

  test("an imported board reads as the same report: notes in their cells, votes, parking fields", () => {
    const original = workshopBoard();
    const copy = emptyBoard();
    importBoard(copy.doc, copy.session, boardFileSchema.parse(JSON.parse(JSON.stringify(exportBoard(original.doc, original.session, "x")))), { newId: counter("n"), now: 1, origin: "import" });
    const strip = (board: { doc: Y.Doc; session: Y.Doc }) => JSON.parse(JSON.stringify(buildReport(board.doc, board.session), (key, value) => (key === "id" ? undefined : value)));
    assert.deepEqual(strip(copy), strip(original));
  });

  test("the agenda comes along, not started", () => {
    const copy = emptyBoard();
    importBoard(copy.doc, copy.session, sampleFile(), { newId: counter("n"), now: 1, origin: "import" });
    assert.deepEqual(readSession(copy.session).agenda, { steps: [{ title: "Steg 1", minutes: 10, prompt: "Läs meningarna", mode: "discuss" }], current: null });
  });

  test("a note naming a frame the file lacks is kept, in no cell", () => {
    const file = sampleFile();
    file.notes[0] = { ...file.notes[0], frame: "nowhere", cell: 2 };
    const copy = emptyBoard();
    importBoard(copy.doc, copy.session, boardFileSchema.parse(file), { newId: counter("n"), now: 1, origin: "import" });
    const report = buildReport(copy.doc, copy.session);
    assert.ok(report.outside.some((note) => note.text === file.notes[0].text));
    assert.equal(readFrames(copy.doc).length, 2);
  });

  const tampered: Array<[string, (file: BoardFile) => unknown]> = [
    ["another format", (file) => ({ ...file, format: "miro" })],
    ["a later version", (file) => ({ ...file, version: 2 })],
    ["a note off the board", (file) => ({ ...file, notes: [{ ...file.notes[0], x: 1e12 }] })],
    ["a colour that is no post-it", (file) => ({ ...file, notes: [{ ...file.notes[0], color: "javascript:alert(1)" }] })],
    ["a frame of an unknown kind", (file) => ({ ...file, frames: [{ ...file.frames[0], kind: "iframe" }] })],
    ["a frame whose labels do not fit its grid", (file) => ({ ...file, frames: [{ ...file.frames[0], cellLabels: ["1"] }] })],
    ["a parking status nobody uses", (file) => ({ ...file, notes: [{ ...file.notes[0], status: "deleted" }] })],
    ["a follow-up date that is no date", (file) => ({ ...file, notes: [{ ...file.notes[0], followUpDate: "next week" }] })],
    ["two notes with one id", (file) => ({ ...file, notes: [file.notes[0], file.notes[0]] })],
    ["a note longer than the editor allows", (file) => ({ ...file, notes: [{ ...file.notes[0], text: "x".repeat(2001) }] })],
  ];
  for (const [name, tamper] of tampered) {
    test(`refuses a file with ${name}`, () => {
      assert.equal(boardFileSchema.safeParse(tamper(sampleFile())).success, false);
    });
  }
});
