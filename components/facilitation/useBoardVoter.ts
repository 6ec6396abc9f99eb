"use client";

import { useCallback, useEffect, useState } from "react";
import type { ParticipantView } from "../../lib/api/schemas";
import type { Vote } from "../../lib/schema/session";
import { workshopApi } from "./workshopApi";

/**
 * A board user's own participant identity (made on first need: private writing or a vote), so
 * their notes are held like a phone's and their dots count per person.
 */
export function useBoardParticipant(boardId: string, name: string, wanted: boolean): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (!wanted || ready) return;
    let cancelled = false;
    workshopApi.joinAsParticipant(boardId, name).then(
      () => !cancelled && setReady(true),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
    // The name goes along once; the identity stays the same after a rename.
  }, [boardId, wanted, ready]);
  return ready;
}

export interface BoardVoter {
  /** Candidate id → my dots on it. */
  myDots: ReadonlyMap<string, number>;
  dotsLeft: number;
  dot(noteId: string): void;
}

/** This board user's dots in the open vote: from their live view, and from each dot's answer until the next view. */
export function useBoardVoter(boardId: string, vote: Vote | null, view: ParticipantView | null): BoardVoter | null {
  const [answer, setAnswer] = useState<{ voteId: string; myDots: Record<string, number> } | null>(null);
  useEffect(() => setAnswer(null), [view]);

  const dot = useCallback(
    (noteId: string) => {
      if (!vote) return;
      workshopApi.dot(boardId, noteId, 1).then(
        ({ myDots }) => setAnswer({ voteId: vote.id, myDots }),
        () => undefined, // the limit is the server's; the list panel says why a dot was refused
      );
    },
    [boardId, vote],
  );

  if (!vote || vote.status !== "open" || view?.vote?.id !== vote.id) return null;
  const fromView = new Map(view.vote.candidates.map((c) => [c.id, c.myDots]));
  const myDots = new Map(vote.noteIds.map((id) => [id, answer?.voteId === vote.id ? (answer.myDots[id] ?? 0) : (fromView.get(id) ?? 0)]));
  let used = 0;
  for (const dots of myDots.values()) used += dots;
  return { myDots, dotsLeft: vote.dotsPerPerson - used, dot };
}
