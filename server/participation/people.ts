import type { ParticipantSummary } from "../../lib/api/schemas";
import { notesOf } from "../../lib/schema/board";
import { readSession, writeSession } from "../../lib/schema/session";
import { groupsWithout } from "../../lib/groups/membership";
import { withRoom } from "./board-room";
import type { ParticipationContext } from "./context";
import { updateHeldCount } from "./notes";
import { publishLiveCounts } from "./voting";
import { updatePersonalWriters } from "./personal-notes";

/** What becomes of an erased person's notes: gone, or kept as nobody's. */
export type ErasedNotes = "remove" | "anonymize";

/** Everyone who joined the board, in joining order, with how they came and what they sent: the facilitator's list. */
export async function listPeople(ctx: ParticipationContext, boardId: string): Promise<ParticipantSummary[]> {
  const [people, notes] = await Promise.all([ctx.storage.listParticipants(boardId), ctx.storage.countNotesByParticipant(boardId)]);
  return people.map((p) => ({ id: p.id, name: p.name, joinedAt: p.createdAt, via: p.via, notes: notes.get(p.id) ?? 0 }));
}

/**
 * Erases a participant for real (GDPR art. 17): their identity and name, their dots in every vote,
 * and their notes, removed or kept without their name (a signed note loses its author); their
 * personal notes always go. Then the
 * board's stored history is compacted and the database's log emptied, so that what was erased is
 * in no file of DATA_DIR (docs/privacy.md). Their token stops and their streams end at once.
 * False when no such participant is on the board.
 */
export async function erasePerson(ctx: ParticipationContext, boardId: string, participantId: string, notes: ErasedNotes): Promise<boolean> {
  const erased = await withRoom(ctx.rooms, ctx.log, boardId, async (room) => {
    if (!(await ctx.storage.getParticipant(boardId, participantId))) return false;
    // The board first: should storage fail after it, the person is still there to erase again.
    const placed = (await ctx.storage.listParticipantNotes(boardId, participantId)).filter((note) => !note.held);
    const onBoard = placed.map((note) => note.id).filter((id) => notesOf(room.doc).has(id));
    if (onBoard.length > 0) {
      await room.applyServerChange((doc) => {
        for (const id of onBoard) {
          if (notes === "remove") notesOf(doc).delete(id);
          else notesOf(doc).get(id)?.delete("author");
        }
      });
    }
    // Which group, seat and role someone had is about them too; before their row, like their notes.
    await room.applyServerChange((_doc, session) => writeSession(session, groupsWithout(readSession(session), participantId)));
    // Personal notes go whatever becomes of the others: nobody else ever saw them. Before the
    // person's row, so that a failure in between leaves someone to erase again.
    await ctx.storage.deletePersonalNotesOf(boardId, participantId);
    // So does homework still waiting for the next meeting: it never reached a board.
    await ctx.storage.deleteHomeworkOf(boardId, participantId);
    // One transaction: the person, their dots, their notes' rows all go, or nothing does.
    if (!(await ctx.storage.eraseParticipant(boardId, participantId, notes))) return false;
    await publishLiveCounts(ctx, room);
    await updateHeldCount(ctx, room);
    await updatePersonalWriters(ctx, room);
    // Last, after the board's own change: devices that keep a copy rewrite it without the erased.
    await room.applyServerChange((_doc, session) => writeSession(session, { erasures: readSession(session).erasures + 1 }));
    // Yjs drops deleted content when it encodes the document: a snapshot holds none of it, and
    // compaction zeroes the updates that did (secure_delete).
    await room.compact();
    // A stored update that could not be applied may hold their words too; nobody can tell whose.
    await ctx.storage.dropQuarantined({ boardId });
    if (!(await ctx.storage.purgeDeleted())) ctx.log("storage.purge_pending", { board: boardId });
    ctx.log("participant.erased", { board: boardId, notes, placed: onBoard.length });
    return true;
  });
  if (!erased) return false;
  ctx.live.endStreams(boardId, (participant) => participant.id === participantId);
  ctx.live.notify(boardId);
  return true;
}
