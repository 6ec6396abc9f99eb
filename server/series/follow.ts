import type { JoinResponse } from "../../lib/api/schemas";
import type { ParticipantAccess } from "../auth/participant-access";
import { HttpError } from "../http/json";
import type { ParticipationContext } from "../participation/context";
import { addWithinBudget, ensureJoinCode } from "../participation/join";
import { nextMeetingOf, welcomes } from "./series-place";

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
  const there = await ctx.storage.getParticipant(next.id, participant.id);
  if (!there) {
    // The same id on the next board: one person along the series, with a token of that board's own.
    await addWithinBudget(ctx, { boardId: next.id, id: participant.id, name: participant.name, createdAt: Date.now(), via: "code" }, code);
    ctx.log("participant.followed", { board: next.id });
  }
  return { boardId: next.id, participantId: participant.id, participantToken: ctx.tokens.participantToken(next, participant.id, "code"), name: there?.name ?? participant.name };
}
