import { createHash } from "node:crypto";
import type { PersonalNoteView } from "../../lib/api/schemas";
import { LIMITS } from "../../lib/schema/limits";
import { writeSession } from "../../lib/schema/session";
import type { ParticipantAccess } from "../auth/participant-access";
import { HttpError } from "../http/json";
import type { Room } from "../realtime/room";
import type { PersonalNoteRecord } from "../storage/types";
import { withRoom } from "./board-room";
import type { ParticipationContext } from "./context";
import { refuseIdentityNumbers } from "./notes";

export interface PersonalNoteInput {
  text: string;
  area: string;
  idempotencyKey: string;
  allowIdentityNumber: boolean;
}

/**
 * A note on the writer's personal worksheet. It never enters the board's documents: only its
 * writer is sent it (their view, GET /me), the board learns how many people have written, never
 * what. The same idempotency key twice answers with the first note.
 */
export async function addPersonalNote(ctx: ParticipationContext, access: ParticipantAccess, input: PersonalNoteInput): Promise<PersonalNoteView> {
  const { board, participant } = access;
  refuseIdentityNumbers(input.text, input.allowIdentityNumber);
  const note = await withRoom(ctx.rooms, ctx.log, board.id, async (room) => {
    if (!(await ctx.storage.getParticipant(board.id, participant.id))) throw new HttpError(401, "not_joined", "join the board first");
    const earlier = await ctx.storage.findPersonalNoteByKey(board.id, participant.id, input.idempotencyKey);
    if (earlier) return earlier;
    await ctx.throttle.takeNote(participant.id);
    const mine = await ctx.storage.listPersonalNotes(board.id, participant.id);
    if (mine.length >= LIMITS.maxPersonalNotesPerPerson) {
      throw new HttpError(409, "plan_full", `a personal plan holds at most ${LIMITS.maxPersonalNotesPerPerson} notes`);
    }
    const record: PersonalNoteRecord = {
      boardId: board.id,
      id: personalNoteId(participant.id, input.idempotencyKey),
      participantId: participant.id,
      idempotencyKey: input.idempotencyKey,
      area: input.area,
      text: input.text,
      createdAt: Date.now(),
    };
    await ctx.storage.addPersonalNote(record);
    if (mine.length === 0) await updatePersonalWriters(ctx, room);
    return record;
  });
  ctx.live.notify(board.id);
  return personalNoteView(note);
}

export async function editPersonalNote(
  ctx: ParticipationContext,
  access: ParticipantAccess,
  noteId: string,
  changes: { text?: string; area?: string; allowIdentityNumber: boolean },
): Promise<void> {
  if (changes.text !== undefined) refuseIdentityNumbers(changes.text, changes.allowIdentityNumber);
  const changed = await ctx.storage.updatePersonalNote(access.board.id, access.participant.id, noteId, { text: changes.text, area: changes.area });
  // Someone else's note answers like a missing one: nothing tells that it exists.
  if (!changed) throw new HttpError(404, "not_found", "no such note of yours");
  ctx.live.notify(access.board.id);
}

export async function deletePersonalNote(ctx: ParticipationContext, access: ParticipantAccess, noteId: string): Promise<void> {
  const { board, participant } = access;
  await withRoom(ctx.rooms, ctx.log, board.id, async (room) => {
    if (!(await ctx.storage.deletePersonalNote(board.id, participant.id, noteId))) throw new HttpError(404, "not_found", "no such note of yours");
    await updatePersonalWriters(ctx, room);
  });
  ctx.live.notify(board.id);
}

/** The board shows how many people have written in their plans. */
export async function updatePersonalWriters(ctx: ParticipationContext, room: Room): Promise<void> {
  const personalWriters = await ctx.storage.countPersonalWriters(room.boardId);
  await room.applyServerChange((_doc, session) => writeSession(session, { personalWriters }));
}

export function personalNoteView(note: PersonalNoteRecord): PersonalNoteView {
  return { id: note.id, idempotencyKey: note.idempotencyKey, area: note.area, text: note.text };
}

function personalNoteId(participantId: string, idempotencyKey: string): string {
  return createHash("sha256").update(`personal\n${participantId}\n${idempotencyKey}`).digest("base64url").slice(0, 16);
}
