import type { JoinResponse } from "../../lib/api/schemas";
import type { ParticipantAccess } from "../auth/participant-access";
import { HttpError } from "../http/json";
import type { ParticipationContext } from "../participation/context";
import { addWithinBudget, ensureJoinCode } from "../participation/join";
import { nextMeetingOf, welcomes } from "./series-place";
import { groupsWithout, keptFrom, keptWithFollower } from "../../lib/groups/membership";
import { ownValue } from "../../lib/own";
import { readSession, writeSession } from "../../lib/schema/session";
import { withRoom } from "../participation/board-room";

/**
 * A phone of one meeting follows to the next as itself (same identity, same name), when the
 * facilitator who made the next meeting let the phones of this one follow. Without that, the
 * next meeting is joined with its own code like any other board.
 */
export async function followToNextMeeting(ctx: ParticipationContext, access: ParticipantAccess): Promise<JoinResponse> {
  const next = await nextMeetingOf(ctx.storage, access.board.id);
  if (!next) throw new HttpError(404, "no_next_meeting", "the next meeting has no board yet");
  if (!(await welcomes(ctx.storage, next.id, access.board.id))) throw new HttpError(403, "not_welcomed", "join the next meeting with its code");
  const code = await ensureJoinCode(ctx, next.id);
  if (!code.open) throw new HttpError(403, "joining_closed", "the facilitator has closed joining for this board");
  const { participant } = access;
  let there = await ctx.storage.getParticipant(next.id, participant.id);
  if (!there) {
    // Their group first, so that joining groups running there already puts them back in it.
    await bringGroupAlong(ctx, access.board.id, next.id, participant.id);
    // The same id on the next board: one person along the series, with a token of that board's own.
    try {
      await addWithinBudget(ctx, { boardId: next.id, id: participant.id, name: participant.name, createdAt: Date.now(), via: "code" }, code);
      ctx.log("participant.followed", { board: next.id });
    } catch (error) {
      // A second tap that raced the first finds them there: followed, once.
      there = await ctx.storage.getParticipant(next.id, participant.id);
      if (!there) {
        await forgetGroup(ctx, next.id, participant.id).catch((cleanup: unknown) => ctx.log("series.forget_group_failed", { board: next.id, error: String(cleanup) }));
        throw error;
      }
    }
  }
  return { boardId: next.id, participantId: participant.id, participantToken: ctx.tokens.participantToken(next, participant.id, "code"), name: there?.name ?? participant.name };
}

/** The follower's group and seat as the meeting before has them (running, or as they last ran), kept on the next board. */
async function bringGroupAlong(ctx: ParticipationContext, fromBoardId: string, toBoardId: string, participantId: string): Promise<void> {
  const from = await withRoom(ctx.rooms, ctx.log, fromBoardId, async (room) => {
    const { groups, keptGroups } = readSession(room.session);
    return groups ? keptFrom(groups) : keptGroups;
  });
  if (!from || ownValue(from.members, participantId) === undefined) return;
  await withRoom(ctx.rooms, ctx.log, toBoardId, (room) =>
    room.applyServerChange((_doc, session) => {
      const keptGroups = keptWithFollower(readSession(session).keptGroups, from, participantId);
      if (keptGroups) writeSession(session, { keptGroups });
    }),
  );
}

/** A follower who could not join after all is named in no group there. */
async function forgetGroup(ctx: ParticipationContext, boardId: string, participantId: string): Promise<void> {
  await withRoom(ctx.rooms, ctx.log, boardId, (room) => room.applyServerChange((_doc, session) => writeSession(session, groupsWithout(readSession(session), participantId))));
}
