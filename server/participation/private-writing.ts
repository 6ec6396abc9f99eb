import type { HeldNoteView } from "../../lib/api/schemas";
import { notesOf } from "../../lib/schema/board";
import { LIMITS } from "../../lib/schema/limits";
import { writeSession } from "../../lib/schema/session";
import type { Room } from "../realtime/room";
import { withRoom } from "./board-room";
import type { ParticipationContext } from "./context";
import { updateHeldCount } from "./notes";
import { placeInInbox } from "./placement";
import { recordAudit } from "../lifecycle/audit";

/**
 * Private writing ("tyst skrivning"): while on, new notes wait on the server. Switching it off
 * reveals whatever still waits, so no note is ever left behind.
 */
export async function setPrivateWriting(ctx: ParticipationContext, boardId: string, on: boolean, signed?: boolean): Promise<void> {
  await withRoom(ctx.rooms, ctx.log, boardId, async (room) => {
    if (!on) await revealHeld(ctx, room);
    await room.applyServerChange((_doc, session) => writeSession(session, { privateWriting: on, ...(signed === undefined ? {} : { signedNotes: signed }) }));
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
  return held.map((note) => ({ id: note.id, text: note.text, color: note.color, ...(note.author ? { author: note.author } : {}) }));
}

/**
 * Places held notes in the inbox, as many as the board has room for (the rest stay held). A note
 * already on the board (a reveal cut short by a crash) is only marked placed, never placed twice.
 */
async function revealHeld(ctx: ParticipationContext, room: Room, noteIds?: readonly string[]): Promise<number> {
  const wanted = noteIds ? new Set(noteIds) : null;
  const held = (await ctx.storage.listHeldNotes(room.boardId)).filter((note) => !wanted || wanted.has(note.id));
  if (held.length === 0) return 0;
  const onBoard = notesOf(room.doc);
  const already = held.filter((note) => onBoard.has(note.id));
  const roomLeft = Math.max(0, LIMITS.maxNotesPerBoard - onBoard.size);
  const toPlace = held.filter((note) => !onBoard.has(note.id)).slice(0, roomLeft);
  await room.applyServerChange((doc, session) => placeInInbox(doc, session, toPlace.map((note) => ({ ...note, author: note.author ?? undefined }))));
  const placed = [...already, ...toPlace];
  await ctx.storage.markPlaced(room.boardId, placed.map((note) => note.id));
  await updateHeldCount(ctx, room);
  // Whichever way the notes came out (the reveal button, or private writing switched off).
  await recordAudit(ctx, room.boardId, "facilitator", "reveal", String(placed.length));
  ctx.log("notes.revealed", { board: room.boardId, count: placed.length, stillHeld: held.length - placed.length });
  return placed.length;
}
