import { nanoid } from "nanoid";
import type * as Y from "yjs";
import { notesInFrame } from "../../lib/board/frames";
import { notesOf } from "../../lib/schema/board";
import { framesOf } from "../../lib/schema/frame";
import { readSession, writeSession, type Vote } from "../../lib/schema/session";
import { checkDot, dotsUsed } from "../../lib/voting/dots";
import type { ParticipantAccess } from "../auth/participant-access";
import { HttpError } from "../http/json";
import type { Room } from "../realtime/room";
import { withRoom } from "./board-room";
import type { ParticipationContext } from "./context";

export interface VoteSettings {
  noteIds?: string[];
  /** Vote on the notes in this worksheet (frame) instead. */
  frameId?: string;
  dotsPerPerson: number;
  allowMultiplePerNote: boolean;
  showLive: boolean;
}

/** Opens a vote on the chosen notes (all notes on the board by default); a new vote replaces the last. */
export async function startVote(ctx: ParticipationContext, boardId: string, settings: VoteSettings): Promise<Vote> {
  const vote = await withRoom(ctx.rooms, ctx.log, boardId, async (room) => {
    const onBoard = notesOf(room.doc);
    const everyNote = () => [...onBoard.entries()].sort(([, a], [, b]) => Number(a.get("createdAt")) - Number(b.get("createdAt"))).map(([id]) => id);
    const inFrame = settings.frameId === undefined ? null : notesInFrameOldestFirst(room.doc, settings.frameId);
    const noteIds = (inFrame ?? settings.noteIds ?? everyNote()).filter((id, i, all) => onBoard.has(id) && all.indexOf(id) === i);
    if (noteIds.length === 0) throw new HttpError(409, "nothing_to_vote_on", "there are no notes to vote on");
    const opened: Vote = {
      id: nanoid(10),
      noteIds,
      dotsPerPerson: settings.dotsPerPerson,
      allowMultiplePerNote: settings.allowMultiplePerNote,
      showLive: settings.showLive,
      status: "open",
    };
    const voterTotal = await ctx.storage.countParticipants(boardId);
    await room.applyServerChange((_doc, session) => writeSession(session, { vote: opened, voteCounts: {}, voters: 0, voterTotal }));
    return opened;
  });
  ctx.live.notify(boardId);
  return vote;
}

/** The notes in one worksheet, oldest first: "vote on the notes in worksheet X". */
function notesInFrameOldestFirst(doc: Y.Doc, frameId: string): string[] {
  if (!framesOf(doc).has(frameId)) throw new HttpError(404, "unknown_frame", "no such worksheet on this board");
  return notesInFrame(doc, frameId)
    .sort((a, b) => a.createdAt - b.createdAt)
    .map((note) => note.id);
}

/** Closes the vote and publishes the counts. */
export async function closeVote(ctx: ParticipationContext, boardId: string): Promise<Record<string, number>> {
  const counts = await withRoom(ctx.rooms, ctx.log, boardId, async (room) => {
    const vote = readSession(room.session).vote;
    if (!vote) throw new HttpError(409, "no_vote", "no vote is running");
    const tally = await ctx.storage.tally(boardId, vote.id);
    await room.applyServerChange((_doc, session) => writeSession(session, { vote: { ...vote, status: "closed" }, voteCounts: tally }));
    return tally;
  });
  ctx.live.notify(boardId);
  return counts;
}

/** Takes the vote and its counts off the board. */
export async function clearVote(ctx: ParticipationContext, boardId: string): Promise<void> {
  await withRoom(ctx.rooms, ctx.log, boardId, (room) => room.applyServerChange((_doc, session) => writeSession(session, { vote: null, voteCounts: {} })));
  ctx.live.notify(boardId);
}

/**
 * Puts one dot on a note or takes one off. The limits hold per participant identity, checked and
 * written in the board's queue so that two quick taps cannot both spend the last dot.
 */
export async function moveDot(
  ctx: ParticipationContext,
  access: ParticipantAccess,
  noteId: string,
  delta: 1 | -1,
): Promise<{ myDots: Record<string, number>; dotsLeft: number }> {
  const { board, participant } = access;
  await ctx.throttle.takeDot(participant.id);
  const result = await withRoom(ctx.rooms, ctx.log, board.id, async (room) => {
    const vote = readSession(room.session).vote;
    if (!vote || vote.status !== "open") throw new HttpError(409, "vote_closed", "no vote is open");
    // Removed while this request waited its turn: their dots are withdrawn and stay so.
    if (!(await ctx.storage.getParticipant(board.id, participant.id))) throw new HttpError(401, "not_joined", "join the board first");
    const mine = await ctx.storage.dotsOf(board.id, vote.id, participant.id);
    const verdict = checkDot(vote, mine, noteId, delta);
    if (!verdict.ok) throw new HttpError(409, verdict.reason, dotMessage[verdict.reason]);
    await ctx.storage.setDots(board.id, vote.id, participant.id, noteId, verdict.dots);
    mine.set(noteId, verdict.dots);
    await publishLiveCounts(ctx, room);
    return { myDots: Object.fromEntries([...mine].filter(([, dots]) => dots > 0)), dotsLeft: vote.dotsPerPerson - dotsUsed(mine) };
  });
  ctx.live.notify(board.id);
  return result;
}

/**
 * After dots moved (or were taken away): how many have voted, out of how many, for the
 * facilitator's status, and the counts too when the vote shows them live. Never who.
 */
export async function publishLiveCounts(ctx: ParticipationContext, room: Room): Promise<void> {
  const vote = readSession(room.session).vote;
  if (!vote || vote.status !== "open") return;
  const voters = await ctx.storage.countVoters(room.boardId, vote.id);
  const voterTotal = Math.max(voters, await ctx.storage.countParticipants(room.boardId));
  const voteCounts = vote.showLive ? await ctx.storage.tally(room.boardId, vote.id) : undefined;
  await room.applyServerChange((_doc, session) => writeSession(session, { voters, voterTotal, ...(voteCounts ? { voteCounts } : {}) }));
}

const dotMessage = {
  not_a_candidate: "this note is not part of the vote",
  no_dots_left: "all your dots are used; take one back to move it",
  one_per_note: "one dot per note in this vote",
  nothing_to_remove: "you have no dot on this note",
} as const;
