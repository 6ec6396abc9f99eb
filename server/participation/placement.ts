import type * as Y from "yjs";
import { createNote, moveNotes } from "../../lib/board/actions";
import { cellRects } from "../../lib/board/frame-layout";
import { cellCorner, settleInCell } from "../../lib/board/frames";
import { arrivalOrigin, freeInboxCells } from "../../lib/board/inbox";
import { groupInboxOrigin } from "../../lib/groups/groups";
import type { Rect } from "../../lib/geometry";
import { LIMITS } from "../../lib/schema/limits";
import { notesOf } from "../../lib/schema/board";
import { readFrames, type FrameSnapshot } from "../../lib/schema/frame";
import { readNote } from "../../lib/schema/note";
import { readSession, writeSession } from "../../lib/schema/session";
import { SERVER_ORIGIN } from "../realtime/room";
import { groupCopies } from "./groups";
import { ownValue } from "../../lib/own";

export interface NoteToPlace {
  id: string;
  text: string;
  color: string;
  author?: string;
  createdAt: number;
  /** Who wrote it: while small groups run, it lands by the writer's group's copy. */
  participantId?: string;
  /** The worksheet cell (category) it was written for: it lands there (lib/board/categories.ts). */
  target?: { frame: string; cell: number } | null;
}

/**
 * Puts notes where the room will see them; call inside a server change. While small groups run, a
 * group member's note goes to its group's copy (see placeByCopy); every other note goes to the
 * board's inbox, in the first free cells.
 */
export function placeInInbox(doc: Y.Doc, session: Y.Doc, incoming: readonly NoteToPlace[]): void {
  if (incoming.length === 0) return;
  const { groups } = readSession(session);
  const copies = groups ? groupCopies(doc, groups) : new Map<number, FrameSnapshot>();
  const frames = new Map(readFrames(doc).map((frame) => [frame.id, frame]));
  const toBoard: NoteToPlace[] = [];
  const toCopy = new Map<FrameSnapshot, NoteToPlace[]>();
  const toCell = new Map<string, { frame: FrameSnapshot; cell: number; notes: NoteToPlace[] }>();
  for (const note of incoming) {
    const group = note.participantId === undefined ? undefined : ownValue(groups?.members, note.participantId);
    const copy = group === undefined ? undefined : copies.get(group);
    // A category lands in its cell: of the group's copy of that worksheet while groups run.
    const targetFrame = note.target ? (copy?.copyOf === note.target.frame ? copy : frames.get(note.target.frame)) : undefined;
    if (note.target && targetFrame && note.target.cell < targetFrame.rows * targetFrame.columns) {
      const key = `${targetFrame.id}:${note.target.cell}`;
      const entry = toCell.get(key) ?? { frame: targetFrame, cell: note.target.cell, notes: [] };
      entry.notes.push(note);
      toCell.set(key, entry);
    } else if (copy) toCopy.set(copy, [...(toCopy.get(copy) ?? []), note]);
    else toBoard.push(note);
  }
  placeInBoardInbox(doc, session, toBoard);
  for (const [copy, notes] of toCopy) placeByCopy(doc, copy, notes);
  for (const { frame, cell, notes } of toCell.values()) placeInFrameCell(doc, frame, cell, notes);
}

/** Into one cell of a worksheet, laid out with the cell's other notes (the worksheet grows if they do not fit). */
function placeInFrameCell(doc: Y.Doc, frame: FrameSnapshot, cell: number, incoming: readonly NoteToPlace[]): void {
  const corner = cellCorner(frame, cell)!;
  placeInCells(doc, incoming, incoming.map(() => corner));
  settleInCell(doc, frame.id, cell, incoming.map((note) => note.id), SERVER_ORIGIN);
}

function placeInBoardInbox(doc: Y.Doc, session: Y.Doc, incoming: readonly NoteToPlace[]): void {
  if (incoming.length === 0) return;
  placeInCells(doc, incoming, boardInboxCells(doc, session, incoming.length));
}

/**
 * Moves notes already on the board into the board's inbox, in the order given (the merge of small
 * groups: the notes still waiting in the groups' inboxes); call inside a server change. The notes
 * moved do not count as taking the cells they leave, nor as content the inbox goes right of. A
 * board whose inbox has no place yet gets it right of its notes and of `beside` (the plenary frame).
 */
export function moveIntoBoardInbox(doc: Y.Doc, session: Y.Doc, noteIds: readonly string[], beside: readonly Rect[] = []): void {
  if (noteIds.length === 0) return;
  const cells = boardInboxCells(doc, session, noteIds.length, new Set(noteIds), beside);
  // moveNotes keeps them inside the board and decides their cells (none, in an inbox) as any move does.
  moveNotes(doc, noteIds.map((id, index) => ({ id, x: cells[index].x, y: cells[index].y })), SERVER_ORIGIN);
}

/**
 * The first `count` free cells of the board's inbox: placed now if it has no place yet, or moved if
 * a worksheet came over it. No note and no worksheet (title and axes included) covers a cell.
 */
function boardInboxCells(
  doc: Y.Doc,
  session: Y.Doc,
  count: number,
  leaving: ReadonlySet<string> = new Set(),
  beside: readonly Rect[] = [],
): Array<{ x: number; y: number }> {
  const staying = allNotes(doc).filter((note) => !leaving.has(note.id));
  const frames = [...readFrames(doc), ...beside];
  const stored = readSession(session).inbox;
  const inbox = arrivalOrigin(stored, staying, frames);
  if (stored?.x !== inbox.x || stored?.y !== inbox.y) writeSession(session, { inbox });
  return freeInboxCells(inbox, [...staying, ...frames], count);
}

/** A coordinate kept inside the board's limits. */
function inside(value: number): number {
  return Math.max(-LIMITS.maxCoordinate, Math.min(LIMITS.maxCoordinate, Math.round(value)));
}

/**
 * A one-cell copy (a flipchart, a parking lot) takes the notes in and stacks them; a grid's notes
 * wait in the group's own inbox under its copy, for the group to sort into the cells.
 */
function placeByCopy(doc: Y.Doc, copy: FrameSnapshot, incoming: readonly NoteToPlace[]): void {
  const cells = cellRects(copy);
  if (cells.length === 1) return placeInFrameCell(doc, copy, cells[0].index, incoming);
  placeInCells(doc, incoming, freeInboxCells(groupInboxOrigin(copy), [...allNotes(doc), ...readFrames(doc)], incoming.length));
}

function placeInCells(doc: Y.Doc, incoming: readonly NoteToPlace[], cells: ReadonlyArray<{ x: number; y: number }>): void {
  // A cell past the board's edge (an inbox stored before it was kept inside, or a crowded inbox)
  // would make createNote throw: never lose the note for it, put it at the edge.
  incoming.forEach((note, index) => {
    const { x, y } = cells[index];
    createNote(doc, { x: inside(x), y: inside(y), id: note.id, text: note.text, color: note.color, author: note.author, now: note.createdAt }, SERVER_ORIGIN);
  });
}

function allNotes(doc: Y.Doc) {
  return [...notesOf(doc).entries()].map(([id, note]) => readNote(id, note));
}
