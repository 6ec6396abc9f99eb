import * as Y from "yjs";
import { createNote, moveNotes } from "../board/actions";
import { cellContentRect, cellRects } from "../board/frame-layout";
import { createFrame } from "../board/frames";
import { notesOf } from "../schema/board";
import { framesOf, readFrame } from "../schema/frame";
import { writeSession } from "../schema/session";
import { buildReport, type BoardReport, type ReportOptions } from "./report";

/**
 * A small workshop board for the export tests: Arbetsmöte 1's Prioritering grid, a parking lot
 * and a stray note, built with the same actions the board uses (tests only).
 */
export const PRIORITERING = {
  id: "prio",
  kind: "quadrant",
  title: "Prioritering",
  cellLabels: ["1", "2", "3", "4"],
  rowAxis: "Påverkan",
  rowLabels: ["Stor", "Liten"],
  columnAxis: "Kan börja nu",
  columnLabels: ["Ja", "Nej"],
} as const;

/** The report of a board and its session document. */
export function reportOf(board: { doc: Y.Doc; session: Y.Doc }, options: ReportOptions = {}): BoardReport {
  return buildReport(board.doc, board.session, options);
}

/** The board and its session document (where the votes are). */
export function workshopBoard(): { doc: Y.Doc; session: Y.Doc } {
  const doc = fillWorkshop(new Y.Doc());
  const session = new Y.Doc();
  writeSession(session, { voteCounts: { a: 3, c: 1 } });
  return { doc, session };
}

/** The frames and notes (no votes: a client may not write the session). */
export function fillWorkshop(doc: Y.Doc): Y.Doc {
  createFrame(doc, { ...PRIORITERING, cellLabels: [...PRIORITERING.cellLabels], rowLabels: [...PRIORITERING.rowLabels], columnLabels: [...PRIORITERING.columnLabels], x: 0, y: 0, now: 1 }, "test");
  createFrame(doc, { id: "park", kind: "parking", title: "Parkeringar", cellLabels: ["Frågor"], x: 0, y: 2000, now: 2 }, "test");
  noteInCell(doc, "a", "Vi hälsar alltid", "prio", 0, 0);
  noteInCell(doc, "b", "=SUM(A1)", "prio", 0, 1);
  noteInCell(doc, "c", "Åäö æø ÅÄÖ", "prio", 1, 0);
  noteInCell(doc, "p1", "Nattpersonalen saknar rapport", "park", 0, 0);
  noteInCell(doc, "p2", "Trasig dusch", "park", 0, 1);
  createNote(doc, { id: "loose", x: 5000, y: 5000, text: "Fika på fredag", now: 9 }, "test");
  const park = notesOf(doc);
  park.get("p1")!.set("significance", "other");
  park.get("p2")!.set("significance", "large");
  park.get("p2")!.set("status", "solved");
  park.get("p2")!.set("owner", "Kim");
  park.get("p2")!.set("startDate", "2026-03-01");
  park.get("p2")!.set("followUpDate", "2026-04-01");
  park.get("a")!.set("author", "Alva");
  return doc;
}

/** Creates a note and drops it in a cell: `slot` places it further down the cell. */
export function noteInCell(doc: Y.Doc, id: string, text: string, frameId: string, cell: number, slot: number): void {
  const frame = readFrame(frameId, framesOf(doc).get(frameId)!);
  const area = cellContentRect(frame, cellRects(frame)[cell]);
  createNote(doc, { id, x: 0, y: 0, text, now: 10 + slot }, "test");
  moveNotes(doc, [{ id, x: area.x, y: area.y + slot * 200 }], "test");
}
