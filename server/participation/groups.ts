import { nanoid } from "nanoid";
import { contentBounds } from "../../lib/board/content-bounds";
import type * as Y from "yjs";
import type { GroupsOverview } from "../../lib/groups/api";
import {
  copyPositions,
  groupCount,
  groupInboxOrigin,
  mergeMoves,
  membersByGroup,
  sharedNoteCopies,
  touchedCells,
  waitingInInboxes,
  type GroupSizing,
  type SharedNoteCopy,
} from "../../lib/groups/groups";
import { freeInboxCells, INBOX_COLUMNS, notesInArrival } from "../../lib/board/inbox";
import { assignCells, createFrame, deleteFrame, tidyCell, topFrameZ, type NewFrame } from "../../lib/board/frames";
import { createNote } from "../../lib/board/actions";
import type { Language } from "../../lib/i18n/core";
import { kitTranslator } from "../../lib/i18n/kit";
import { notesOf } from "../../lib/schema/board";
import { frameFieldsSchema, framesOf, readFrame, readFrames, type FrameSnapshot } from "../../lib/schema/frame";
import { LIMITS } from "../../lib/schema/limits";
import { DEFAULT_NOTE_SIZE, readNote } from "../../lib/schema/note";
import { MAX_ROLE_ROUND, readSession, writeSession, type Groups } from "../../lib/schema/session";
import { HttpError } from "../http/json";
import { SERVER_ORIGIN } from "../realtime/room";
import { withRoom } from "./board-room";
import { moveIntoBoardInbox } from "./placement";
import type { ParticipationContext } from "./context";
import { ownValue } from "../../lib/own";
import { dealIntoGroups, keptFrom, keptMembership, roleOf, withArrival } from "../../lib/groups/membership";

/** A group inbox's width (lib/board/inbox.ts: six columns of a note and a gap). */
const INBOX_WIDTH = INBOX_COLUMNS * (DEFAULT_NOTE_SIZE + 24);

/**
 * Splits everyone who joined into groups, one copy of the frame each, laid out in a row under the
 * board's content; all in one server change, so the board never shows half the groups.
 */
export interface StartGroupsRequest {
  frameId: string;
  sizing: GroupSizing;
  language: Language;
  sameNotes?: boolean;
  /** The roles each group shares out, in the board's language. */
  roles?: string[];
  /** The same groups as last time, if there were some (the sizing then only applies to new groups). */
  keep?: boolean;
}

export async function startGroups(ctx: ParticipationContext, boardId: string, request: StartGroupsRequest): Promise<Groups> {
  const groups = await withRoom(ctx.rooms, ctx.log, boardId, async (room) => {
    if (readSession(room.session).groups) throw new HttpError(409, "groups_running", "groups are already running; bring them together first");
    plenaryFrame(room.doc, request.frameId);
    const people = await ctx.storage.listParticipants(boardId);
    // Read again after the wait: a board client may have moved or deleted the frame meanwhile.
    if (readSession(room.session).groups) throw new HttpError(409, "groups_running", "groups are already running; bring them together first");
    const source = plenaryFrame(room.doc, request.frameId);
    const ids = people.map((p) => p.id);
    const kept = request.keep ? readSession(room.session).keptGroups : null;
    const size = "size" in request.sizing ? request.sizing.size : undefined;
    const membership = (kept && keptMembership(kept, ids, size)) || dealIntoGroups(ids, groupCount(ids.length, request.sizing));
    const count = membership.count;
    const started: Groups = {
      sourceFrame: source.id,
      ...membership,
      ...(request.sameNotes ? { sameNotes: true } : {}),
      ...(request.roles && request.roles.length > 0 ? { roles: request.roles, round: 0 } : {}),
    };
    const t = kitTranslator(request.language);
    // Every copy is made and checked before anything is written: a copy past the board's edge must
    // not leave the others behind (nothing awaits from here to the write, so the board is as read).
    const now = Date.now();
    const spots = copyPositions(contentBounds(room.doc), source, count, INBOX_WIDTH);
    const copies = spots.map((spot, i) => copyOf(source, i + 1, spot, t("groups.copyTitle", { title: source.title, group: i + 1 }), now));
    const z = topFrameZ(room.doc) + 1;
    const tooMany = framesOf(room.doc).size + copies.length > LIMITS.maxFramesPerBoard;
    if (tooMany || !copies.every((copy) => fitsOnBoard(copy, z))) throw new HttpError(409, "no_room", "the group copies do not fit on the board");
    const shared = request.sameNotes ? sharedNotesFor(room.doc, room.session, source, copies) : [];
    if (notesOf(room.doc).size + shared.length > LIMITS.maxNotesPerBoard) throw new HttpError(409, "no_room", "the groups' notes would not fit on the board");
    await room.applyServerChange((doc, session) => {
      for (const copy of copies) createFrame(doc, copy, SERVER_ORIGIN);
      const ids = shared.map((note) => {
        const id = nanoid(12);
        createNote(doc, { id, x: note.x, y: note.y, text: note.text, color: note.color, now }, SERVER_ORIGIN);
        return id;
      });
      assignCells(doc, ids);
      writeSession(session, { groups: started });
    });
    ctx.log("groups.started", { board: boardId, count, people: people.length });
    return started;
  });
  ctx.live.notify(boardId);
  return groups;
}

/** The notes each group starts with when all work on the same notes (lib/groups/groups.ts sharedNoteCopies). */
function sharedNotesFor(doc: Y.Doc, session: Y.Doc, source: FrameSnapshot, copies: readonly NewFrame[]): SharedNoteCopy[] {
  const notes = [...notesOf(doc).entries()].map(([id, note]) => readNote(id, note));
  const inbox = readSession(session).inbox;
  const waiting = inbox ? notesInArrival(inbox, notes) : [];
  const frames = readFrames(doc);
  const placed = copies.map((copy) => ({ x: copy.x, y: copy.y, height: copy.height ?? source.height, group: copy.group! }));
  const free = (copy: { x: number; y: number; height: number }, count: number) => freeInboxCells(groupInboxOrigin(copy), [...notes, ...frames], count);
  return sharedNoteCopies(source, placed, notes.filter((note) => note.frame === source.id), waiting, free);
}

/** A copy createFrame will take (frameFieldsSchema), lying wholly inside the board's limits. */
function fitsOnBoard(copy: NewFrame, z: number): boolean {
  const { id: _id, now, ...fields } = copy;
  if (!frameFieldsSchema.safeParse({ ...fields, z, createdAt: now }).success) return false;
  const width = fields.width ?? 0;
  const height = fields.height ?? 0;
  return copy.x + width <= LIMITS.maxCoordinate && copy.y + height <= LIMITS.maxCoordinate;
}

function plenaryFrame(doc: Y.Doc, frameId: string): FrameSnapshot {
  const map = framesOf(doc).get(frameId);
  if (!map) throw new HttpError(404, "unknown_frame", "no such worksheet on this board");
  const frame = readFrame(frameId, map);
  if (frame.kind === "scale") throw new HttpError(422, "scale_frame", "a scale is marked by each person, not split into groups");
  if (frame.copyOf) throw new HttpError(422, "group_copy", "this worksheet is already a group's copy");
  return frame;
}

function copyOf(source: FrameSnapshot, group: number, spot: { x: number; y: number }, title: string, now: number): NewFrame {
  const { id: _id, z: _z, locked: _locked, createdAt: _createdAt, ...fields } = source;
  return { ...fields, ...spot, id: nanoid(12), title: title.slice(0, 200), group, copyOf: source.id, now };
}

/** The copies of the running groups' frame, by group number. */
export function groupCopies(doc: Y.Doc, groups: Groups): Map<number, FrameSnapshot> {
  const copies = new Map<number, FrameSnapshot>();
  for (const frame of readFrames(doc)) if (frame.copyOf === groups.sourceFrame && frame.group !== undefined) copies.set(frame.group, frame);
  return copies;
}

/**
 * Brings the groups back: every note in a copy goes to the plenary frame's same cell, the cells
 * are tidied, the copies go; the notes still waiting in a copy's inbox (not yet sorted into a
 * cell) go to the board's inbox, so they are not left far below with no sign of their group. If the
 * plenary frame was deleted meanwhile, the copies and their inboxes stay as they are.
 */
export async function mergeGroups(ctx: ParticipationContext, boardId: string): Promise<{ moved: number; fromInboxes: number }> {
  const result = await withRoom(ctx.rooms, ctx.log, boardId, async (room) => {
    const groups = readSession(room.session).groups;
    if (!groups) throw new HttpError(409, "no_groups", "no groups are running");
    let moved = 0;
    let fromInboxes = 0;
    // Groups that worked on the same notes: each group's result stays, side by side, for the room to compare.
    if (groups.sameNotes) {
      await room.applyServerChange((_doc, session) => writeSession(session, { groups: null, keptGroups: keptFrom(groups) }));
      ctx.log("groups.ended", { board: boardId, sideBySide: true });
      return { moved, fromInboxes };
    }
    await room.applyServerChange((doc, session) => {
      const copies = [...groupCopies(doc, groups).values()];
      const plenaryMap = framesOf(doc).get(groups.sourceFrame);
      if (plenaryMap) {
        const plenary = readFrame(groups.sourceFrame, plenaryMap);
        const notes = [...notesOf(doc).entries()].map(([id, note]) => readNote(id, note));
        const moves = mergeMoves(plenary, copies, notes);
        const waiting = waitingInInboxes(copies, notes).map((note) => note.id);
        for (const move of moves) {
          const note = notesOf(doc).get(move.id)!;
          note.set("x", move.x);
          note.set("y", move.y);
          note.set("frame", move.frame);
          note.set("cell", move.cell);
        }
        for (const cell of touchedCells(moves)) tidyCell(doc, plenary.id, cell, SERVER_ORIGIN);
        for (const copy of copies) deleteFrame(doc, copy.id, SERVER_ORIGIN);
        moveIntoBoardInbox(doc, session, waiting, [plenary]);
        moved = moves.length;
        fromInboxes = waiting.length;
      }
      writeSession(session, { groups: null, keptGroups: keptFrom(groups) });
    });
    ctx.log("groups.merged", { board: boardId, moved, fromInboxes });
    return { moved, fromInboxes };
  });
  ctx.live.notify(boardId);
  return result;
}

/** A participant who joins while groups run goes to their kept group (lib/groups/membership.ts withArrival) or the smallest. */
export async function joinSmallestGroup(ctx: ParticipationContext, boardId: string, participantId: string): Promise<void> {
  await withRoom(ctx.rooms, ctx.log, boardId, async (room) => {
    const { groups, keptGroups } = readSession(room.session);
    if (!groups || ownValue(groups.members, participantId) !== undefined) return;
    await room.applyServerChange((_doc, session) => writeSession(session, { groups: withArrival(groups, keptGroups, participantId) }));
  });
}

/** The groups with their members' names, for the facilitator. */
export async function groupsOverview(ctx: ParticipationContext, boardId: string): Promise<GroupsOverview> {
  return withRoom(ctx.rooms, ctx.log, boardId, async (room) => {
    const groups = readSession(room.session).groups;
    if (!groups) return { groups: null };
    const names = new Map((await ctx.storage.listParticipants(boardId)).map((p) => [p.id, p.name]));
    const copies = groupCopies(room.doc, groups);
    return {
      groups: {
        sourceFrame: groups.sourceFrame,
        groups: membersByGroup(groups).map((ids, i) => ({
          group: i + 1,
          frameId: copies.get(i + 1)?.id ?? null,
          members: ids.map((id) => ({ id, name: names.get(id) ?? "", role: roleOf(groups, id) })),
        })),
      },
    };
  });
}

/**
 * The roles move on one seat: who asked now tells, who told now watches (Arbetsmöte 4's "byter
 * roller"). Answers the new round, counted from 0.
 */
export async function rotateRoles(ctx: ParticipationContext, boardId: string, from?: number): Promise<{ round: number }> {
  const { round, moved } = await withRoom(ctx.rooms, ctx.log, boardId, async (room) => {
    const groups = readSession(room.session).groups;
    if (!groups) throw new HttpError(409, "no_groups", "no groups are running");
    if (!groups.roles) throw new HttpError(409, "no_roles", "these groups have no roles to swap");
    const current = groups.round ?? 0;
    // A press sent twice (a double tap, a retry) moves the roles once, not past the one in between.
    if ((from !== undefined && from !== current) || current >= MAX_ROLE_ROUND) return { round: current, moved: false };
    const next = current + 1;
    await room.applyServerChange((_doc, session) => writeSession(session, { groups: { ...groups, round: next } }));
    return { round: next, moved: true };
  });
  if (!moved) return { round };
  ctx.log("groups.roles_rotated", { board: boardId, round });
  ctx.live.notify(boardId);
  return { round };
}
