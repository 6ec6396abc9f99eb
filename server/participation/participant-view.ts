import type * as Y from "yjs";
import type { ParticipantNoteView, ParticipantView } from "../../lib/api/schemas";
import { notesOf } from "../../lib/schema/board";
import { readNote } from "../../lib/schema/note";
import { readSession, type SessionState } from "../../lib/schema/session";
import { dotsUsed } from "../../lib/voting/dots";
import { scalesFor } from "./scale";
import type { BoardRecord, ParticipantRecord, Storage } from "../storage/types";
import { ownValue } from "../../lib/own";
import { personalNoteView } from "./personal-notes";
import { currentCategories } from "../../lib/board/categories";
import { roleOf } from "../../lib/groups/membership";
import { homeworkView } from "../series/homework";
import { nextMeetingView } from "../series/series-place";

/**
 * Everything one phone shows, and nothing more: its own notes (held ones included), the prompt,
 * and the vote's candidates with its own dots; everyone's counts only once they are public.
 */
export async function participantView(storage: Storage, doc: Y.Doc, sessionDoc: Y.Doc, board: BoardRecord, participant: ParticipantRecord): Promise<ParticipantView> {
  const session = readSession(sessionDoc);
  const onBoard = notesOf(doc);
  const own = await storage.listParticipantNotes(board.id, participant.id);
  const notes: ParticipantNoteView[] = [];
  for (const row of own) {
    if (row.held) notes.push({ id: row.id, idempotencyKey: row.idempotencyKey, text: row.text, color: row.color, state: "held" });
    else {
      const note = onBoard.get(row.id);
      if (note) {
        const { text, color } = readNote(row.id, note);
        notes.push({ id: row.id, idempotencyKey: row.idempotencyKey, text, color, state: "placed" });
      }
    }
  }
  return {
    boardId: board.id,
    title: board.title,
    participant: { id: participant.id, name: participant.name },
    privateWriting: session.privateWriting,
    signedNotes: session.signedNotes,
    prompt: session.prompt,
    categories: currentCategories(doc, sessionDoc)?.choices ?? null,
    homework: await homeworkView(storage, session.homework, board.id, participant.id),
    nextMeeting: await nextMeetingView(storage, board.id),
    step: currentStepTitle(session),
    timer: session.timer,
    notes,
    vote: await voteView(storage, doc, session, board.id, participant.id),
    group: ownValue(session.groups?.members, participant.id) ?? null,
    role: session.groups ? roleOf(session.groups, participant.id) : null,
    scales: scalesFor(doc, sessionDoc, participant.id),
    personal: { step: session.personal, notes: (await storage.listPersonalNotes(board.id, participant.id)).map(personalNoteView) },
  };
}

async function voteView(storage: Storage, doc: Y.Doc, session: SessionState, boardId: string, participantId: string): Promise<ParticipantView["vote"]> {
  const { vote, voteCounts } = session;
  if (!vote) return null;
  const mine = await storage.dotsOf(boardId, vote.id, participantId);
  const countsPublic = vote.status === "closed" || vote.showLive;
  const onBoard = notesOf(doc);
  const candidates = vote.noteIds.flatMap((id) => {
    const note = onBoard.get(id);
    if (!note) return [];
    const { text, color } = readNote(id, note);
    return [{ id, text, color, myDots: mine.get(id) ?? 0, votes: countsPublic ? (ownValue(voteCounts, id) ?? 0) : null }];
  });
  return {
    id: vote.id,
    status: vote.status,
    dotsPerPerson: vote.dotsPerPerson,
    allowMultiplePerNote: vote.allowMultiplePerNote,
    dotsLeft: vote.dotsPerPerson - dotsUsed(mine),
    candidates,
  };
}

function currentStepTitle({ agenda }: SessionState): string | null {
  return agenda?.current == null ? null : (agenda.steps[agenda.current]?.title ?? null);
}
