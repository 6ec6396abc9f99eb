import { notesOf } from "../../lib/schema/board";
import { DEFAULT_NOTE_COLOR } from "../../lib/schema/note";
import { readSession } from "../../lib/schema/session";
import type { HomeworkResponse, ParticipantView } from "../../lib/api/schemas";
import type { ParticipantAccess } from "../auth/participant-access";
import { HttpError } from "../http/json";
import { withRoom } from "../participation/board-room";
import type { ParticipationContext } from "../participation/context";
import { noteIdFor, refuseIdentityNumbers } from "../participation/notes";
import type { Room } from "../realtime/room";
import { LIMITS } from "../../lib/schema/limits";
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
  // In this meeting's turn: the next meeting is made (and its waiting homework taken) in the same
  // queue, and an erased person is gone before, so nothing is written after either.
  return withRoom(ctx.rooms, ctx.log, board.id, async (room) => {
    if (!readSession(room.session).homework) throw new HttpError(409, "no_homework", "this meeting has no task for the next one");
    if (!(await ctx.storage.getParticipant(board.id, participant.id))) throw new HttpError(401, "not_joined", "join the board first");
    const earlier = await ctx.storage.findHomeworkByKey(board.id, participant.id, input.idempotencyKey);
    if (earlier) return { id: earlier.id, state: "waiting" } as const;
    const note: HomeworkNoteRecord = {
      boardId: board.id,
      id: noteIdFor(participant.id, input.idempotencyKey, "homework"),
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
      return { id: note.id, state: "waiting" } as const;
    }
    await sendToNextMeeting(ctx, participant.id, next, note);
    return { id: note.id, state: "sent" } as const;
  });
}

/** Onto the next meeting's "Nya lappar"; the id comes from the key, so a retry finds it there instead of making a second. */
async function sendToNextMeeting(ctx: ParticipationContext, participantId: string, next: BoardRecord, note: HomeworkNoteRecord): Promise<void> {
  const placed = await withRoom(ctx.rooms, ctx.log, next.id, async (room) => {
    if (notesOf(room.doc).has(note.id)) return false;
    if (roomLeft(room) < 1) throw new HttpError(409, "board_full", `the next meeting's board holds its maximum of ${LIMITS.maxNotesPerBoard} notes`);
    await ctx.throttle.takeNote(participantId);
    await room.applyServerChange((doc, session) => placeInInbox(doc, session, [note]));
    return true;
  });
  if (placed) ctx.live.notify(next.id);
}

/**
 * The homework that waited on `previous` (read in its turn as the next meeting was made) goes to
 * the new board's "Nya lappar", as much as the board has room for, and leaves the waiting list.
 */
export async function deliverHomework(ctx: ParticipationContext, previous: BoardRecord, next: BoardRecord, waiting: readonly HomeworkNoteRecord[]): Promise<number> {
  if (waiting.length === 0) return 0;
  const delivered = await withRoom(ctx.rooms, ctx.log, next.id, async (room) => {
    const fitting = waiting.slice(0, Math.max(0, roomLeft(room)));
    await room.applyServerChange((doc, session) => placeInInbox(doc, session, fitting.filter((note) => !notesOf(doc).has(note.id))));
    return fitting;
  });
  await ctx.storage.deleteHomework(previous.id, delivered.map((note) => note.id));
  ctx.live.notify(previous.id);
  return delivered.length;
}

/** How many more notes the board takes (its held ones count: they are coming). */
function roomLeft(room: Room): number {
  return LIMITS.maxNotesPerBoard - notesOf(room.doc).size - readSession(room.session).heldCount;
}

/** What a phone shows of the task: the task, how many of its notes wait, whether the next meeting is there. */
export async function homeworkView(storage: Storage, task: string | null, boardId: string, participantId: string): Promise<ParticipantView["homework"]> {
  if (!task) return null;
  const waiting = (await storage.listHomeworkOf(boardId, participantId)).length;
  return { task, waiting, nextMeeting: (await nextMeetingOf(storage, boardId)) !== null };
}
