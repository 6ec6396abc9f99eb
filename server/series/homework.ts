import { createHash } from "node:crypto";
import { notesOf } from "../../lib/schema/board";
import { DEFAULT_NOTE_COLOR } from "../../lib/schema/note";
import { readSession } from "../../lib/schema/session";
import type { HomeworkResponse, ParticipantView } from "../../lib/api/schemas";
import type { ParticipantAccess } from "../auth/participant-access";
import { HttpError } from "../http/json";
import { withRoom } from "../participation/board-room";
import type { ParticipationContext } from "../participation/context";
import { refuseIdentityNumbers } from "../participation/notes";
import { placeInInbox } from "../participation/placement";
import type { BoardRecord, HomeworkNoteRecord, Storage } from "../storage/types";
import { nextMeetingOf } from "./series-place";

/**
 * Homework between meetings (seeds/000: "Till arbetsmöte 2 har vi en första uppgift"): a meeting
 * whose kit ends with a task shows it on the phones that took part, and they send notes for the
 * next meeting. With the next meeting's board made, a note goes straight to its "Nya lappar";
 * before, it waits here and goes there the moment that board is made (deliverHomework).
 */
export interface HomeworkInput {
  text: string;
  color?: string;
  idempotencyKey: string;
  allowIdentityNumber: boolean;
}

export async function submitHomework(ctx: ParticipationContext, access: ParticipantAccess, input: HomeworkInput): Promise<HomeworkResponse> {
  const { board, participant } = access;
  refuseIdentityNumbers(input.text, input.allowIdentityNumber);
  const task = await withRoom(ctx.rooms, ctx.log, board.id, (room) => readSession(room.session).homework);
  if (!task) throw new HttpError(409, "no_homework", "this meeting has no task for the next one");
  const earlier = await ctx.storage.findHomeworkByKey(board.id, participant.id, input.idempotencyKey);
  if (earlier) return { id: earlier.id, state: "waiting" };
  const note: HomeworkNoteRecord = {
    boardId: board.id,
    id: createHash("sha256").update(`homework\n${participant.id}\n${input.idempotencyKey}`).digest("base64url").slice(0, 16),
    participantId: participant.id,
    idempotencyKey: input.idempotencyKey,
    text: input.text,
    color: input.color ?? DEFAULT_NOTE_COLOR,
    createdAt: Date.now(),
  };
  const next = await nextMeetingOf(ctx.storage, board.id);
  if (!next) {
    await ctx.throttle.takeNote(participant.id);
    await ctx.storage.addHomework(note);
    ctx.live.notify(board.id);
    return { id: note.id, state: "waiting" };
  }
  // The id comes from the key: sent again, the note is found on the next board, not made twice.
  const placed = await withRoom(ctx.rooms, ctx.log, next.id, async (room) => {
    if (notesOf(room.doc).has(note.id)) return false;
    await ctx.throttle.takeNote(participant.id);
    await room.applyServerChange((doc, session) => placeInInbox(doc, session, [note]));
    return true;
  });
  if (placed) ctx.live.notify(next.id);
  return { id: note.id, state: "sent" };
}

/** The homework waiting on `previous` goes to the new board's "Nya lappar", and leaves the waiting list. */
export async function deliverHomework(ctx: ParticipationContext, previous: BoardRecord, next: BoardRecord): Promise<number> {
  const waiting = await ctx.storage.listHomework(previous.id);
  if (waiting.length === 0) return 0;
  await withRoom(ctx.rooms, ctx.log, next.id, (room) =>
    room.applyServerChange((doc, session) => placeInInbox(doc, session, waiting.filter((note) => !notesOf(doc).has(note.id)))),
  );
  await ctx.storage.deleteHomework(previous.id, waiting.map((note) => note.id));
  ctx.live.notify(previous.id);
  return waiting.length;
}

/** What a phone shows of the task: the task, how many of its notes wait, whether the next meeting is there. */
export async function homeworkView(storage: Storage, task: string | null, boardId: string, participantId: string): Promise<ParticipantView["homework"]> {
  if (!task) return null;
  const waiting = (await storage.listHomeworkOf(boardId, participantId)).length;
  return { task, waiting, nextMeeting: (await nextMeetingOf(storage, boardId)) !== null };
}
