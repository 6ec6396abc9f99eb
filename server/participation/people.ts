import type { ParticipantSummary } from "../../lib/api/schemas";
import { withRoom } from "./board-room";
import type { ParticipationContext } from "./context";
import { withdrawDots } from "./voting";

/** Everyone who joined the board, in joining order, with how they came and what they sent: the facilitator's list. */
export async function listPeople(ctx: ParticipationContext, boardId: string): Promise<ParticipantSummary[]> {
  const [people, notes] = await Promise.all([ctx.storage.listParticipants(boardId), ctx.storage.countNotesByParticipant(boardId)]);
  return people.map((p) => ({ id: p.id, name: p.name, joinedAt: p.createdAt, via: p.via, notes: notes.get(p.id) ?? 0 }));
}

/**
 * Takes a participant off the board: their row goes, so their token stops at once; their dots in
 * the open vote are withdrawn; their streams end. Their notes stay where they are, held ones
 * included (they are revealed with the rest). False when no such participant is on the board.
 */
export async function removePerson(ctx: ParticipationContext, boardId: string, participantId: string): Promise<boolean> {
  // In the room's queue, so a dot already waiting its turn finds them gone (moveDot checks).
  const removed = await withRoom(ctx.rooms, ctx.log, boardId, async (room) => {
    if (!(await ctx.storage.removeParticipant(boardId, participantId))) return false;
    const dots = await withdrawDots(ctx, room, participantId);
    ctx.log("participant.removed", { board: boardId, dots });
    return true;
  });
  if (!removed) return false;
  ctx.live.endStreams(boardId, (participant) => participant.id === participantId);
  ctx.live.notify(boardId);
  return true;
}
