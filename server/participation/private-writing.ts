import type { HeldNoteView } from "../../lib/api/schemas";
import { readSession, writeSession } from "../../lib/schema/session";
import type { Room } from "../realtime/room";
import type { ParticipantNoteRecord } from "../storage/types";
import { withRoom } from "./board-room";
import type { ParticipationContext } from "./context";
import { updateHeldCount } from "./notes";
import { placeInInbox } from "./placement";

/**
 * Private writing ("tyst skrivning"): while on, new notes wait on the server. Switching it off
 * reveals whatever still waits, so no note is ever left behind.
 */
export async function setPrivateWriting(ctx: ParticipationContext, boardId: string, on: boolean, signed?: boolean): Promise<void> {
  await withRoom(ctx.rooms, ctx.log, boardId, async (room) => {
    if (!on) await revealHeld(ctx, room);
    await room.applyServerChange((doc) => writeSession(doc, { privateWriting: on, ...(signed === undefined ? {} : { signedNotes: signed }) }));
    // A board client that wrote a note meanwhile had it held back (and everything it wrote after
    // that waits on it): ask the clients for what the server lacks, now that it may pass.
    if (!on) room.requestSync();
  });
  ctx.live.notify(boardId);
}

/** Places the chosen held notes (all when `noteIds` is absent) in the inbox, in writing order. */
export async function reveal(ctx: ParticipationContext, boardId: string, noteIds?: readonly string[]): Promise<number> {
  const placed = await withRoom(ctx.rooms, ctx.log, boardId, (room) => revealHeld(ctx, room, noteIds));
  ctx.live.notify(boardId);
  return placed;
}

/** The waiting notes, for the facilitator's read-aloud view. */
export async function heldNotes(ctx: ParticipationContext, boardId: string): Promise<HeldNoteView[]> {
  const held = await ctx.storage.listHeldNotes(boardId);
  return withRoom(ctx.rooms, ctx.log, boardId, async (room) => {
    const signed = readSession(room.doc).signedNotes;
    return Promise.all(
      held.map(async (note) => {
        const author = signed ? await authorOf(ctx, note) : undefined;
        return { id: note.id, text: note.text, color: note.color, ...(author ? { author } : {}) };
      }),
    );
  });
}

async function revealHeld(ctx: ParticipationContext, room: Room, noteIds?: readonly string[]): Promise<number> {
  const wanted = noteIds ? new Set(noteIds) : null;
  const held = (await ctx.storage.listHeldNotes(room.boardId)).filter((note) => !wanted || wanted.has(note.id));
  if (held.length === 0) return 0;
  const signed = readSession(room.doc).signedNotes;
  const toPlace = await Promise.all(held.map(async (note) => ({ ...note, author: signed ? await authorOf(ctx, note) : undefined })));
  await room.applyServerChange((doc) => placeInInbox(doc, toPlace));
  await ctx.storage.markPlaced(room.boardId, held.map((note) => note.id));
  await updateHeldCount(ctx, room);
  ctx.log("notes.revealed", { board: room.boardId, count: held.length });
  return held.length;
}

async function authorOf(ctx: ParticipationContext, note: ParticipantNoteRecord): Promise<string | undefined> {
  return (await ctx.storage.getParticipant(note.boardId, note.participantId))?.name || undefined;
}
