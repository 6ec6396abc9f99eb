/**
 * Dot voting rules, shared by the server (which enforces them) and the pages (which show what is
 * left). A participant's dots are rows keyed by their identity, so rejoining gives no extra dots.
 */
export interface VoteRules {
  noteIds: readonly string[];
  dotsPerPerson: number;
  allowMultiplePerNote: boolean;
}

export type DotVerdict = { ok: true; dots: number } | { ok: false; reason: "not_a_candidate" | "no_dots_left" | "one_per_note" | "nothing_to_remove" };

/** Whether one participant may move `delta` dots (+1 or -1) on `noteId`, and the note's dots after. */
export function checkDot(rules: VoteRules, myDots: ReadonlyMap<string, number>, noteId: string, delta: 1 | -1): DotVerdict {
  if (!rules.noteIds.includes(noteId)) return { ok: false, reason: "not_a_candidate" };
  const onNote = myDots.get(noteId) ?? 0;
  if (delta < 0) return onNote > 0 ? { ok: true, dots: onNote - 1 } : { ok: false, reason: "nothing_to_remove" };
  if (dotsUsed(myDots) >= rules.dotsPerPerson) return { ok: false, reason: "no_dots_left" };
  if (!rules.allowMultiplePerNote && onNote >= 1) return { ok: false, reason: "one_per_note" };
  return { ok: true, dots: onNote + 1 };
}

export function dotsUsed(myDots: ReadonlyMap<string, number>): number {
  let used = 0;
  for (const dots of myDots.values()) used += dots;
  return used;
}

/** Note ids ordered by votes, most first; ties keep the given order. */
export function rankByVotes(noteIds: readonly string[], counts: Readonly<Record<string, number>>): string[] {
  return noteIds
    .map((id, index) => ({ id, index, votes: counts[id] ?? 0 }))
    .sort((a, b) => b.votes - a.votes || a.index - b.index)
    .map((entry) => entry.id);
}
