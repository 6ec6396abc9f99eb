import assert from "node:assert/strict";
import { test } from "node:test";
import * as Y from "yjs";
import { setFollowUpFields } from "../board/follow-up";
import { boardFollowUp } from "../board/follow-up";
import { createFrame } from "../board/frames";
import { createNote, moveNotes } from "../board/actions";
import { fillWorkshop, noteInCell } from "../export/fixture";
import { notesOf } from "../schema/board";
import { readFrames } from "../schema/frame";
import { readNote } from "../schema/note";
import { applyKit } from "../kits/apply";
import { kitById } from "../kits/index";
import { readSession, writeSession } from "../schema/session";
import { carriedFrom, SUMMARY_NOTES_PER_CELL, writeCarried, type CarriedForward } from "./carry-forward";
import { openAcrossSeries } from "./series-list";
import { boundsOf, type Rect } from "../geometry";

const WORDS = { summaryTitle: (title: string) => `Föregående möte: ${title}`, parkingTitle: "Parkerade frågor", actionsTitle: "Öppna åtgärder" };

/** Arbetsmöte 1 as it ended: the fixture's grid and parking lot, an action done, one open, votes in. */
function endedMeeting(): { doc: Y.Doc; session: Y.Doc } {
  const doc = fillWorkshop(new Y.Doc());
  // Cell 1 holds a and b in its first column; three more beside them make five.
  for (const [id, text, slot] of [["d", "Fler promenader", 0], ["e", "Mer tid vid frukost", 1], ["f", "Sång på fredagar", 0]] as const) {
    noteInCell(doc, id, text, "prio", 0, slot);
    const note = notesOf(doc).get(id)!;
    moveNotes(doc, [{ id, x: (note.get("x") as number) + (id === "f" ? 360 : 180), y: note.get("y") as number }], "test");
  }
  setFollowUpFields(doc, "d", { status: "open", owner: "Anna", followUpDate: "2027-01-15" }, "test");
  setFollowUpFields(doc, "c", { status: "solved", owner: "Kim" }, "test");
  const session = new Y.Doc();
  writeSession(session, { voteCounts: { f: 5, e: 2, a: 1, c: 1 } });
  return { doc, session };
}

function next(carried: CarriedForward, kitFrames: (doc: Y.Doc) => void = () => {}): { doc: Y.Doc; session: Y.Doc } {
  const doc = new Y.Doc();
  const session = new Y.Doc();
  kitFrames(doc);
  let id = 0;
  writeCarried(doc, session, carried, WORDS, { origin: null, now: 100, newId: () => `new-${++id}`, from: { boardId: "meeting1", title: "Arbetsmöte 1" } });
  return { doc, session };
}

test("only what is open is carried: the open question and action with their people and dates, not the solved ones", () => {
  const { doc, session } = endedMeeting();
  const carried = carriedFrom(doc, session);
  assert.deepEqual(carried.questions.map((q) => q.id), ["p1"]);
  assert.deepEqual(carried.actions, [{ id: "d", text: "Fler promenader", color: carried.actions[0].color, status: "open", owner: "Anna", followUpDate: "2027-01-15" }]);
});

test("the summary keeps each worksheet's grid and its top-voted notes per cell, strongest first", () => {
  const { doc, session } = endedMeeting();
  const [prio] = carriedFrom(doc, session).summary;
  assert.equal(prio.frame.title, "Prioritering");
  assert.equal(prio.frame.rowAxis, "Påverkan");
  const first = prio.cells.find((cell) => cell.index === 0)!;
  assert.equal(first.notes.length, SUMMARY_NOTES_PER_CELL);
  assert.deepEqual(first.notes.map((note) => [note.text, note.votes]), [["Sång på fredagar", 5], ["Mer tid vid frukost", 2], ["Vi hälsar alltid", 1]]);
  assert.equal(carriedFrom(doc, session).summary.length, 1, "the parking lot is carried as questions, not summarised");
});

test("the next board gets the questions in a parking lot, the actions in their own worksheet, and a locked summary", () => {
  const ended = endedMeeting();
  const { doc, session } = next(carriedFrom(ended.doc, ended.session));
  const frames = readFrames(doc);
  assert.deepEqual(frames.map((frame) => [frame.kind, frame.title]), [["parking", "Parkerade frågor"], ["flipchart", "Öppna åtgärder"], ["quadrant", "Föregående möte: Prioritering"]]);
  const followUp = boardFollowUp(doc);
  assert.deepEqual(followUp.map((item) => [item.note.id, item.kind, item.note.owner]), [["d", "action", "Anna"], ["p1", "question", undefined]]);
  assert.equal(notesOf(doc).get("p1")!.get("significance"), "other");
  const summary = frames[2];
  assert.deepEqual(readSession(session).locks, { [summary.id]: true });
  assert.deepEqual(readSession(session).previousMeeting, { boardId: "meeting1", title: "Arbetsmöte 1", frames: frames.map((frame) => frame.id) });
  const inSummary = [...notesOf(doc).entries()].map(([id, map]) => readNote(id, map)).filter((note) => note.frame === summary.id);
  assert.equal(inSummary.length, 4); // cell 1: three of its five notes; cell 2: its one
  assert.ok(inSummary.every((note) => note.status === undefined), "a summary's copies are no actions of their own");
  assert.ok(inSummary.some((note) => note.text === "Vi hälsar alltid") && inSummary.every((note) => note.author === undefined), "a signed note's writer stays behind");
});

test("carried questions go into the kit's own parking lot (Arbetsmöte 5 gathers them), and nothing lands on anything", () => {
  const ended = endedMeeting();
  const { doc } = next(carriedFrom(ended.doc, ended.session), (fresh) => {
    createFrame(fresh, { id: "kitpark", kind: "parking", title: "Parkeringar", x: 0, y: 0, now: 1 }, "kit");
    createNote(fresh, { id: "loose", x: 1300, y: 0, text: "Redan här", now: 2 }, "kit");
  });
  assert.equal(notesOf(doc).get("p1")!.get("frame"), "kitpark");
  assert.equal(readFrames(doc).filter((frame) => frame.kind === "parking").length, 1);
  const frames = readFrames(doc);
  for (const a of frames) for (const b of frames) if (a !== b) assert.ok(!overlaps(a, b), `${a.title} overlaps ${b.title}`);
  const notes = [...notesOf(doc).entries()].map(([id, map]) => readNote(id, map));
  for (const a of notes) for (const b of notes) if (a !== b) assert.ok(!overlaps(a, b), `${a.text} overlaps ${b.text}`);
  assert.ok(!overlaps(boundsOf(notes.filter((note) => note.id === "loose"))!, boundsOf(frames.filter((frame) => frame.id !== "kitpark"))!));
});

test("a series carries open items along (1 → 2 → 3) and drops what was closed on the way; the summary never holds the summary before", () => {
  const one = endedMeeting();
  const two = next(carriedFrom(one.doc, one.session));
  setFollowUpFields(two.doc, "p1", { status: "struck" }, "test");
  const carriedTwo = carriedFrom(two.doc, two.session);
  assert.deepEqual([...carriedTwo.questions, ...carriedTwo.actions].map((item) => item.id), ["d"]);
  assert.deepEqual(carriedTwo.summary, [], "what meeting 1 handed on is not summarised again");
  const three = next(carriedTwo);
  assert.deepEqual(boardFollowUp(three.doc).map((item) => item.note.id), ["d"]);

  const across = openAcrossSeries([
    { boardId: "1", title: "Möte 1", items: boardFollowUp(one.doc) },
    { boardId: "2", title: "Möte 2", items: boardFollowUp(two.doc) },
    { boardId: "3", title: "Möte 3", items: boardFollowUp(three.doc) },
  ]);
  assert.deepEqual(across.map((item) => [item.note.id, item.boardId]), [["d", "3"]], "p1 was struck in meeting 2: not open in the series");
});

test("a meeting with nothing open and no notes hands on nothing and writes nothing", () => {
  const doc = new Y.Doc();
  const session = new Y.Doc();
  const carried = carriedFrom(doc, session);
  assert.deepEqual(carried, { questions: [], actions: [], summary: [], kept: [] });
  const fresh = next(carried);
  assert.equal(readFrames(fresh.doc).length, 0);
  assert.equal(notesOf(fresh.doc).size, 0);
});

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

test("a worksheet kept along the series (Oss og vårt's Fremdriftsplan) reaches every next meeting whole, editable, and is never summarised", () => {
  const doc = new Y.Doc();
  const session = new Y.Doc();
  let n = 0;
  const applied = applyKit(doc, session, kitById("oss-og-vart-oppstart")!, "nb", { origin: null, now: 1, newId: () => `f${++n}` });
  const plan = readFrames(doc).find((frame) => frame.title === "Fremdriftsplan")!;
  assert.ok(applied.frames.includes(plan.id));
  assert.deepEqual(readSession(session).seriesFrames, [plan.id]);
  noteInCell(doc, "date", "12. mars, Kari leder", plan.id, 0, 0);
  const before = readNote("date", notesOf(doc).get("date")!);

  const two = next(carriedFrom(doc, session));
  const kept = readFrames(two.doc).find((frame) => frame.title === "Fremdriftsplan")!;
  assert.ok(kept, "the plan is on the next meeting");
  assert.equal(readSession(two.session).locks[kept.id], undefined, "not locked: the plan is filled in along the series");
  assert.deepEqual(readSession(two.session).seriesFrames, [kept.id]);
  const note = [...notesOf(two.doc).entries()].map(([id, map]) => readNote(id, map)).find((candidate) => candidate.text === "12. mars, Kari leder")!;
  assert.deepEqual([note.frame, note.cell, note.x - kept.x, note.y - kept.y], [kept.id, 0, before.x - plan.x, before.y - plan.y]);
  assert.ok(!readFrames(two.doc).some((frame) => frame.title.includes("Fremdriftsplan") && frame.id !== kept.id), "no summary of it beside it");

  const three = next(carriedFrom(two.doc, two.session));
  assert.equal(readFrames(three.doc).filter((frame) => frame.title === "Fremdriftsplan").length, 1, "and on to the meeting after");
});

