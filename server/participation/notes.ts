import { createHash } from "node:crypto";
import * as Y from "yjs";
import type { ParticipantNoteResponse } from "../../lib/api/schemas";
import { notesOf } from "../../lib/schema/board";
import { DEFAULT_NOTE_COLOR } from "../../lib/schema/note";
import { readSession, writeSession } from "../../lib/schema/session";
import { findIdentityNumbers } from "../../lib/privacy/identity-numbers";
import { HttpError } from "../http/json";
import type { ParticipantAccess } from "../auth/participant-access";
import type { Room } from "../realtime/room";
import type { ParticipantNoteRecord } from "../storage/types";
import { LIMITS } from "../../lib/schema/limits";
import { withRoom } from "./board-room";
import type { ParticipationContext } from "./context";
import { placeInInbox } from "./placement";
import { categoryTarget } from "../../lib/board/categories";

export interface NoteInput {
  text: string;
  color?: string;
  idempotencyKey: string;
  allowIdentityNumber: boolean;
  /** What the phone showed as the note was written: false keeps it anonymous whatever the board says now. */
  signed?: boolean;
  /** The category (worksheet cell) chosen, while the step offers categories. */
  category?: number;
}

/**
 * A note from a phone: held by the server while private writing is on, otherwise placed in the
 * board's inbox. The same idempotency key twice answers with the first note, never a second one.
 */
export async function submitNote(ctx: ParticipationContext, access: ParticipantAccess, input: NoteInput): Promise<ParticipantNoteResponse> {
  const { board, participant } = access;
  refuseIdentityNumbers(input.text, input.allowIdentityNumber);
  const result = await withRoom(ctx.rooms, ctx.log, board.id, async (room) => {
    // Erased while this request waited its turn: nothing of them may come back, their name least.
    if (!(await ctx.storage.getParticipant(board.id, participant.id))) throw new HttpError(401, "not_joined", "join the board first");
    const earlier = await ctx.storage.findNoteByIdempotencyKey(board.id, participant.id, input.idempotencyKey);
    if (earlier) return { id: earlier.id, state: earlier.held ? "held" : "placed" } as const;
    const session = readSession(room.session);
    const note: ParticipantNoteRecord = {
      boardId: board.id,
      id: noteIdFor(participant.id, input.idempotencyKey),
      participantId: participant.id,
      idempotencyKey: input.idempotencyKey,
      text: input.text,
      color: input.color ?? DEFAULT_NOTE_COLOR,
      held: session.privateWriting,
      // Signed only if the board asks for it now and the phone said so as the note was written:
      // switching signing on later names nobody, and neither does a note that waited offline.
      author: session.signedNotes && input.signed !== false && participant.name ? participant.name : null,
      createdAt: Date.now(),
      // Chosen as the step offers it now; a category the step no longer offers sends the note to the inbox.
      target: categoryTarget(room.doc, room.session, input.category),
    };
    // The board took the note but the server stopped before recording it: record it, once.
    if (notesOf(room.doc).has(note.id)) {
      await ctx.storage.addParticipantNote({ ...note, held: false });
      return { id: note.id, state: "placed" } as const;
    }
    await ctx.throttle.takeNote(participant.id);
    if (notesOf(room.doc).size + session.heldCount >= LIMITS.maxNotesPerBoard) {
      throw new HttpError(409, "board_full", `the board holds its maximum of ${LIMITS.maxNotesPerBoard} notes`);
    }
    if (note.held) {
      await ctx.storage.addParticipantNote(note);
      await updateHeldCount(ctx, room);
      return { id: note.id, state: "held" } as const;
    }
    // The board first: the id comes from the idempotency key, so a retry after a crash between
    // the two writes finds the note on the board (above) instead of making a second one.
    await room.applyServerChange((doc, session) => placeInInbox(doc, session, [{ ...note, author: note.author ?? undefined }]));
    await ctx.storage.addParticipantNote(note);
    return { id: note.id, state: "placed" } as const;
  });
  ctx.live.notify(board.id);
  return result;
}

/**
 * One note per participant and idempotency key, whatever happens between the writes. `kind` keeps
 * the ids of other notes a phone sends (homework for the next meeting) apart from its board notes.
 */
export function noteIdFor(participantId: string, idempotencyKey: string, kind?: "homework"): string {
  return createHash("sha256").update(kind ? `${kind}\n${participantId}\n${idempotencyKey}` : `${participantId}\n${idempotencyKey}`).digest("base64url").slice(0, 16);
}

/** Edits one of the participant's own notes, held or on the board. */
export async function editNote(
  ctx: ParticipationContext,
  access: ParticipantAccess,
  noteId: string,
  changes: { text?: string; color?: string; allowIdentityNumber: boolean },
): Promise<void> {
  if (changes.text !== undefined) refuseIdentityNumbers(changes.text, changes.allowIdentityNumber);
  const { board } = access;
  await withRoom(ctx.rooms, ctx.log, board.id, async (room) => {
    const note = await ownNote(ctx, access, noteId);
    if (note.held) return ctx.storage.updateParticipantNote(board.id, noteId, changes);
    const onBoard = notesOf(room.doc).get(noteId);
    if (!onBoard) throw new HttpError(404, "note_removed", "the facilitator has removed this note from the board");
    await room.applyServerChange(() => {
      if (changes.color !== undefined) onBoard.set("color", changes.color);
      const text = onBoard.get("text");
      if (changes.text !== undefined && text instanceof Y.Text && text.toString() !== changes.text) {
        text.delete(0, text.length);
        text.insert(0, changes.text);
      }
    });
  });
  ctx.live.notify(board.id);
}

/** Deletes one of the participant's own notes, held or on the board. */
export async function deleteNote(ctx: ParticipationContext, access: ParticipantAccess, noteId: string): Promise<void> {
  const { board } = access;
  await withRoom(ctx.rooms, ctx.log, board.id, async (room) => {
    const note = await ownNote(ctx, access, noteId);
    if (!note.held && notesOf(room.doc).has(noteId)) await room.applyServerChange((doc) => notesOf(doc).delete(noteId));
    await ctx.storage.deleteParticipantNote(board.id, noteId);
    if (note.held) await updateHeldCount(ctx, room);
  });
  ctx.live.notify(board.id);
}

/** The board shows how many notes wait, never what they say. */
export async function updateHeldCount(ctx: ParticipationContext, room: Room): Promise<void> {
  const heldCount = (await ctx.storage.listHeldNotes(room.boardId)).length;
  await room.applyServerChange((_doc, session) => writeSession(session, { heldCount }));
}

async function ownNote(ctx: ParticipationContext, access: ParticipantAccess, noteId: string) {
  const note = await ctx.storage.getParticipantNote(access.board.id, noteId);
  // Someone else's note answers like a missing one: it tells nothing about who wrote what.
  if (!note || note.participantId !== access.participant.id) throw new HttpError(404, "not_found", "no such note of yours");
  return note;
}

export function refuseIdentityNumbers(text: string, allowed: boolean): void {
  if (allowed || findIdentityNumbers(text).length === 0) return;
  throw new HttpError(422, "identity_number", "the text looks like it holds a personal identity number; remove it, or confirm it is none");
}
