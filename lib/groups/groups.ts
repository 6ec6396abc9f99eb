import type { Rect } from "../geometry";
import type { Groups } from "../schema/session";
import type { FrameSnapshot } from "../schema/frame";
import type { NoteSnapshot } from "../schema/note";
import { cellContentRect, cellRects, centreOf } from "../board/frame-layout";
import { INBOX_COLUMNS, inboxArea } from "../board/inbox";
import { LIMITS } from "../schema/limits";

/**
 * Small groups, as plain data: who goes where, where the copies stand, and where a copy's notes
 * go when the groups come back to the plenary frame. The server writes the results (server/groups).
 */
export const MAX_GROUPS = 100;

export type GroupSizing = { size: number } | { count: number };

/**
 * How many groups: `count` as asked, or enough that no group is larger than `size` (7 in groups of
 * 3 makes three groups); never more groups than people.
 */
export function groupCount(people: number, sizing: GroupSizing): number {
  const wanted = "count" in sizing ? sizing.count : Math.ceil(people / Math.max(1, sizing.size));
  return Math.max(1, Math.min(MAX_GROUPS, wanted, Math.max(1, people)));
}

/** The group a latecomer joins: the smallest, the lowest number among equals. */
export function smallestGroup(groups: Pick<Groups, "count" | "members">): number {
  const sizes = Array.from({ length: groups.count }, () => 0);
  for (const group of Object.values(groups.members)) if (group >= 1 && group <= groups.count) sizes[group - 1]++;
  return sizes.indexOf(Math.min(...sizes)) + 1;
}

/** Members of each group, by group number (1-based index into the result minus one). */
export function membersByGroup(groups: Pick<Groups, "count" | "members">): string[][] {
  const lists: string[][] = Array.from({ length: groups.count }, () => []);
  for (const [id, group] of Object.entries(groups.members)) lists[group - 1]?.push(id);
  return lists;
}

const COPY_GAP = 240;

/**
 * Where the copies stand: in a row under everything on the board, left-aligned with it. Each
 * copy's slot is wide enough for its inbox (`inboxWidth`) under it, so one group's notes never
 * spill onto the next group's copy.
 */
export function copyPositions(content: Rect | null, frame: Pick<FrameSnapshot, "width">, count: number, inboxWidth: number): Array<{ x: number; y: number }> {
  const left = content ? content.x : 0;
  const top = content ? content.y + content.height + COPY_GAP : 0;
  const pitch = Math.max(frame.width, inboxWidth) + COPY_GAP;
  return Array.from({ length: count }, (_, i) => ({ x: Math.round(left + i * pitch), y: Math.round(top) }));
}

/** Where a group's phones' notes land: just under its copy. */
export function groupInboxOrigin(copy: Pick<FrameSnapshot, "x" | "y" | "height">): { x: number; y: number } {
  return { x: copy.x, y: copy.y + copy.height + COPY_GAP / 2 };
}

/**
 * The area of a group's inbox under its copy, as placement lays it out (lib/board/inbox.ts from
 * groupInboxOrigin): six columns wide, and as many rows as a board has notes for.
 */
export function groupInboxArea(copy: Pick<FrameSnapshot, "x" | "y" | "height">): Rect {
  return inboxArea(groupInboxOrigin(copy), Math.ceil(LIMITS.maxNotesPerBoard / INBOX_COLUMNS) + 1);
}

/**
 * The notes still waiting in the copies' inboxes (in no frame, their centre in a copy's inbox
 * area), by group number and then in reading order, so they keep their groups' order when moved.
 */
export function waitingInInboxes(copies: readonly FrameSnapshot[], notes: readonly NoteSnapshot[]): NoteSnapshot[] {
  const loose = notes.filter((note) => note.frame === undefined);
  const taken = new Set<string>();
  const waiting: NoteSnapshot[] = [];
  for (const copy of [...copies].sort((a, b) => (a.group ?? 0) - (b.group ?? 0))) {
    const area = groupInboxArea(copy);
    const inArea = loose.filter((note) => {
      const centre = centreOf(note);
      return !taken.has(note.id) && centre.x >= area.x && centre.x < area.x + area.width && centre.y >= area.y && centre.y < area.y + area.height;
    });
    inArea.sort((a, b) => a.y - b.y || a.x - b.x || a.createdAt - b.createdAt);
    for (const note of inArea) taken.add(note.id);
    waiting.push(...inArea);
  }
  return waiting;
}

export interface MergeMove {
  id: string;
  x: number;
  y: number;
  frame: string;
  cell: number;
}

/**
 * Every note in a copy goes to the plenary frame's cell with the same index (the last cell if the
 * plenary frame has fewer), at the cell's top-left; tidying the cell afterwards lays them out.
 */
export function mergeMoves(plenary: FrameSnapshot, copies: readonly FrameSnapshot[], notes: readonly NoteSnapshot[]): MergeMove[] {
  const cells = cellRects(plenary);
  if (cells.length === 0) return [];
  const copyIds = new Set(copies.map((copy) => copy.id));
  return notes
    .filter((note) => note.frame !== undefined && copyIds.has(note.frame))
    .map((note) => {
      const cell = cells[Math.min(cells.length - 1, Math.max(0, note.cell ?? 0))];
      const area = cellContentRect(plenary, cell);
      return { id: note.id, x: Math.round(area.x), y: Math.round(area.y), frame: plenary.id, cell: cell.index };
    });
}

/** The cells the merge put notes in, each once. */
export function touchedCells(moves: readonly MergeMove[]): number[] {
  return [...new Set(moves.map((move) => move.cell))].sort((a, b) => a - b);
}

/** A note every group starts with, where it goes in one group's copy. */
export interface SharedNoteCopy {
  group: number;
  text: string;
  color: string;
  x: number;
  y: number;
}

/**
 * When all groups work on the same notes (seeds/000, Arbetsmöte 1: each trio rates the same value
 * sentences), each copy starts with them: the plenary worksheet's notes at the same place in the
 * copy, and the notes waiting in "Nya lappar" in the group's own inbox under its copy, in order.
 * `freeCells(copy, count)` answers free inbox spots under a copy.
 */
export function sharedNoteCopies(
  plenary: Pick<FrameSnapshot, "x" | "y">,
  copies: ReadonlyArray<Pick<FrameSnapshot, "x" | "y" | "height"> & { group: number }>,
  inPlenary: readonly NoteSnapshot[],
  waiting: readonly NoteSnapshot[],
  freeCells: (copy: Pick<FrameSnapshot, "x" | "y" | "height">, count: number) => ReadonlyArray<{ x: number; y: number }>,
): SharedNoteCopy[] {
  const ordered = [...waiting].sort((a, b) => a.y - b.y || a.x - b.x || a.createdAt - b.createdAt);
  return copies.flatMap((copy) => {
    const dx = copy.x - plenary.x;
    const dy = copy.y - plenary.y;
    const cells = freeCells(copy, ordered.length);
    return [
      ...inPlenary.map((note) => ({ group: copy.group, text: note.text, color: note.color, x: note.x + dx, y: note.y + dy })),
      ...ordered.map((note, i) => ({ group: copy.group, text: note.text, color: note.color, x: cells[i].x, y: cells[i].y })),
    ];
  });
}

