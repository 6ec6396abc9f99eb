import * as Y from "yjs";
import { boardFollowUp } from "../board/follow-up";
import { assignCells, cellCorner, createFrame, DEFAULT_FRAME_SIZE, notesInFrame, setFrameLocked, settleInCell } from "../board/frames";
import { createNote } from "../board/actions";
import { insideBoard, KitError, layoutFrames, startAfterContent } from "../kits/apply";
import { notesOf } from "../schema/board";
import { MAX_FRAME_TITLE_CHARS, readFrame, readFrames, framesOf, type FrameFields, type FrameSnapshot } from "../schema/frame";
import { noteExtrasSchema, type NoteSnapshot } from "../schema/note";
import { readSession, writeSession } from "../schema/session";
import { buildReport } from "../export/report";
import { LIMITS } from "../schema/limits";
import { definedOnly } from "../defined";

/**
 * What one meeting of a series hands to the next (seeds/000: the parking lot is worked through in
 * Arbetsmöte 5, every meeting starts from the last one's summary; seeds/001: "sammanfattning av
 * föregående möte"): its open parked questions and open actions, with their people and dates, and
 * the result of its worksheets, the top-voted notes of each cell. Pure: read from one board's
 * documents, written into another's by the server in one transaction.
 */
export interface CarriedNote {
  /** A carried question or action keeps its id: the same item along the whole series. */
  id: string;
  text: string;
  color: string;
  significance?: NoteSnapshot["significance"];
  status?: NoteSnapshot["status"];
  owner?: string;
  startDate?: string;
  followUpDate?: string;
}

/** One worksheet of the previous meeting as it ended: its grid, and its strongest notes per cell. */
export interface SummaryWorksheet {
  frame: Omit<FrameFields, "x" | "y" | "z" | "createdAt" | "group" | "copyOf">;
  cells: Array<{ index: number; notes: Array<Pick<CarriedNote, "text" | "color"> & { votes: number }> }>;
}

/** A worksheet kept along the series (a kit frame with `series`): handed on whole, its notes where they lie in it. */
export interface KeptWorksheet {
  frame: SummaryWorksheet["frame"];
  notes: Array<Pick<CarriedNote, "text" | "color"> & { dx: number; dy: number }>;
}

export interface CarriedForward {
  questions: CarriedNote[];
  actions: CarriedNote[];
  summary: SummaryWorksheet[];
  kept: KeptWorksheet[];
}

/** How many notes of each cell the summary shows: the strongest few, not the whole wall. */
export const SUMMARY_NOTES_PER_CELL = 3;
/** How many worksheets it summarises, the first ones in reading order: a summary, not a copy of the board. */
export const SUMMARY_WORKSHEETS = 12;

/** What the board hands on: only what is still open, and the result of its own worksheets. */
export function carriedFrom(doc: Y.Doc, session: Y.Doc): CarriedForward {
  const open = boardFollowUp(doc).filter((item) => item.status === "open");
  return {
    questions: open.filter((item) => item.kind === "question").map((item) => carriedNote(item.note)),
    actions: open.filter((item) => item.kind === "action").map((item) => carriedNote(item.note)),
    summary: summaryOf(doc, session),
    kept: keptOf(doc, session),
  };
}

/** The worksheets kept along the series, whole: where each note lies in it, relative to its corner. */
function keptOf(doc: Y.Doc, session: Y.Doc): KeptWorksheet[] {
  const kept = new Set(readSession(session).seriesFrames);
  const frames = readFrames(doc).filter((frame) => kept.has(frame.id));
  return frames.map((frame) => ({
    frame: frameFieldsOf(frame),
    notes: notesInFrame(doc, frame.id).map((note) => ({ text: note.text, color: note.color, dx: note.x - frame.x, dy: note.y - frame.y })),
  }));
}

function frameFieldsOf(frame: FrameSnapshot): SummaryWorksheet["frame"] {
  const { id: _id, x: _x, y: _y, z: _z, createdAt: _c, group: _g, copyOf: _o, locked: _l, ...fields } = frame;
  return fields;
}

/**
 * A signed note's writer stays behind: the next meeting is another board, out of reach of that
 * person leaving or being erased on this one (docs/privacy.md).
 */
function carriedNote(note: NoteSnapshot): CarriedNote {
  const { id, text, color, significance, status, owner, startDate, followUpDate } = note;
  const optional = { significance, status, owner, startDate, followUpDate };
  return { id, text, color, ...definedOnly(optional) };
}

/**
 * The worksheets people worked on, with the top-voted notes of each cell. Left out: parking lots
 * (their questions are carried as they are), scales (markers, no notes), small groups' copies (the
 * plenary worksheet holds their merged result) and what was carried in from the meeting before, so
 * a summary never holds summaries.
 */
function summaryOf(doc: Y.Doc, session: Y.Doc): SummaryWorksheet[] {
  const { previousMeeting, seriesFrames } = readSession(session);
  const earlier = new Set([...(previousMeeting?.frames ?? []), ...seriesFrames]);
  const frames = new Map(readFrames(doc).map((frame) => [frame.id, frame]));
  const report = buildReport(doc, session);
  const summary: SummaryWorksheet[] = [];
  for (const reported of report.frames) {
    const frame = frames.get(reported.id)!;
    if (frame.kind === "parking" || frame.kind === "scale" || frame.group !== undefined || earlier.has(frame.id)) continue;
    const cells = reported.cells.map((cell) => ({
      index: cell.index,
      notes: [...cell.notes]
        .sort((a, b) => b.votes - a.votes) // stable: reading order among equals
        .slice(0, SUMMARY_NOTES_PER_CELL)
        .map(({ text, color, votes }) => ({ text, color, votes })),
    }));
    if (cells.every((cell) => cell.notes.length === 0)) continue;
    summary.push({ frame: frameFieldsOf(frame), cells });
    if (summary.length === SUMMARY_WORKSHEETS) break;
  }
  return summary;
}

/** The words the new board's worksheets get, in the board's language (the server's kit dictionary). */
export interface CarriedWords {
  /** The summary worksheet of one earlier worksheet: "Föregående möte: Prioritering". */
  summaryTitle: (worksheet: string) => string;
  /** A parking lot for the carried questions, when the new board's kit has none. */
  parkingTitle: string;
  actionsTitle: string;
}

export interface WriteCarriedOptions {
  origin: unknown;
  now: number;
  newId: () => string;
  /** The meeting it comes from, kept in the session for the board and the next summary. */
  from: { boardId: string; title: string };
}

export interface WrittenCarried {
  frames: string[];
  notes: number;
}

/**
 * Writes what the previous meeting handed on into the new board, right of what is on it: the
 * questions into its parking lot (or a new one), the actions into a worksheet of their own, and a
 * locked copy of each summarised worksheet. These worksheets are listed in the session, which only
 * the server writes, so the next meeting's summary leaves them out (what is open in them is carried anyway). Call it inside one
 * server change (Room.applyServerChange).
 */
export function writeCarried(doc: Y.Doc, session: Y.Doc, carried: CarriedForward, words: CarriedWords, options: WriteCarriedOptions): WrittenCarried {
  const existingParking = readFrames(doc).find((frame) => frame.kind === "parking" && frame.group === undefined);
  const planned: PlannedFrame[] = [];
  if (carried.questions.length > 0 && !existingParking) planned.push({ kind: "parking", fields: { kind: "parking", title: words.parkingTitle }, role: "questions" });
  if (carried.actions.length > 0) planned.push({ kind: "flipchart", fields: { kind: "flipchart", title: words.actionsTitle }, role: "actions" });
  for (const worksheet of carried.kept) planned.push({ kind: worksheet.frame.kind, fields: worksheet.frame, role: "kept", kept: worksheet });
  for (const worksheet of carried.summary) {
    planned.push({ kind: worksheet.frame.kind, fields: { ...worksheet.frame, title: words.summaryTitle(worksheet.frame.title).slice(0, MAX_FRAME_TITLE_CHARS) }, role: "summary", worksheet });
  }
  const sizes = planned.map((plan) => ({ width: plan.fields.width ?? DEFAULT_FRAME_SIZE[plan.kind].width, height: plan.fields.height ?? DEFAULT_FRAME_SIZE[plan.kind].height }));
  const rects = layoutFrames(sizes, startAfterContent(doc, session));
  if (rects.some((rect) => !insideBoard(rect))) throw new KitError("no_room", "the board has no room to the right of its content");
  if (readFrames(doc).length + planned.length > LIMITS.maxFramesPerBoard) throw new KitError("no_room", `the board would hold more than ${LIMITS.maxFramesPerBoard} worksheets`);
  const ids = planned.map(() => options.newId());
  let notes = 0;
  doc.transact(() => {
    planned.forEach((plan, i) => createFrame(doc, { ...plan.fields, ...sizes[i], id: ids[i], x: rects[i].x, y: rects[i].y, now: options.now }, options.origin));
    const frameOf = (role: PlannedFrame["role"]) => ids[planned.findIndex((plan) => plan.role === role)];
    const questionsIn = existingParking?.id ?? frameOf("questions");
    if (questionsIn) notes += placeInCell(doc, questionsIn, 0, carried.questions, options);
    if (carried.actions.length > 0) notes += placeInCell(doc, frameOf("actions"), 0, carried.actions, options);
    planned.forEach((plan, i) => {
      if (plan.kept) notes += placeKept(doc, ids[i], rects[i], plan.kept, options);
      if (!plan.worksheet) return;
      for (const cell of plan.worksheet.cells) {
        const copies = cell.notes.map((note) => ({ ...note, id: options.newId() }));
        notes += placeInCell(doc, ids[i], cell.index, copies, options, true);
      }
    });
  }, options.origin);
  for (const id of ids.filter((_, i) => planned[i].role === "summary")) setFrameLocked(session, id, true);
  const kept = ids.filter((_, i) => planned[i].role === "kept");
  writeSession(session, {
    previousMeeting: { boardId: options.from.boardId, title: options.from.title, frames: ids.filter((_, i) => planned[i].role !== "kept") },
    ...(kept.length > 0 ? { seriesFrames: [...readSession(session).seriesFrames, ...kept] } : {}),
  });
  return { frames: ids, notes };
}

interface PlannedFrame {
  kind: FrameFields["kind"];
  fields: Partial<FrameFields> & Pick<FrameFields, "kind" | "title">;
  role: "questions" | "actions" | "summary" | "kept";
  worksheet?: SummaryWorksheet;
  kept?: KeptWorksheet;
}

/** A kept worksheet's notes where they lay in it, each a new note of this board. */
function placeKept(doc: Y.Doc, frameId: string, at: { x: number; y: number }, kept: KeptWorksheet, options: WriteCarriedOptions): number {
  const ids = kept.notes.map((note) => {
    const id = options.newId();
    createNote(doc, { id, x: at.x + note.dx, y: at.y + note.dy, text: note.text, color: note.color, now: options.now }, options.origin);
    return id;
  });
  assignCells(doc, ids);
  return ids.length;
}

/**
 * Puts notes into one cell of a frame and lays the cell out (the frame grows if they do not fit).
 * A carried note's id may already be on this board (carried twice): then it is left as it is.
 */
function placeInCell(doc: Y.Doc, frameId: string, cell: number, items: ReadonlyArray<Omit<CarriedNote, "id"> & { id: string }>, options: WriteCarriedOptions, inOrder = false): number {
  const map = framesOf(doc).get(frameId);
  const corner = map ? cellCorner(readFrame(frameId, map), cell) : null;
  if (!corner) return 0;
  const placed = items.filter((item) => !notesOf(doc).has(item.id));
  for (const item of placed) {
    createNote(doc, { id: item.id, ...corner, text: item.text, color: item.color, now: options.now }, options.origin);
    const extras = noteExtrasSchema.safeParse(definedOnly({ significance: item.significance, status: item.status, owner: item.owner, startDate: item.startDate, followUpDate: item.followUpDate }));
    const note = notesOf(doc).get(item.id)!;
    if (extras.success) for (const [key, value] of Object.entries(extras.data)) note.set(key, value);
  }
  // A summary's notes strongest first; a parking lot keeps its own order (large significance first).
  settleInCell(doc, frameId, cell, placed.map((item) => item.id), options.origin, inOrder);
  return placed.length;
}
