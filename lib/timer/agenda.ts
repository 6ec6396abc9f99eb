import type { Agenda, AgendaStep, PersonalStep, SessionState } from "../schema/session";
import { MINUTE_MS, stoppedTimer } from "./timer";

/** What moving through the agenda writes to the session (server side, pure). */

export type AgendaMove = { ok: true; changes: Pick<SessionState, "agenda" | "prompt" | "timer" | "signedNotes" | "personal"> } | { ok: false; reason: "no_such_step" };

/**
 * Going to step `step`: it becomes current, its prompt is what phones show, and the timer waits,
 * stopped, at the step's minutes. `null` leaves the agenda (no step, no prompt; the timer stays).
 */
export function goToStep(session: Pick<SessionState, "agenda" | "timer">, step: number | null): AgendaMove {
  const steps = session.agenda?.steps ?? [];
  // Signing ends with the step that asked for it: the next one is anonymous unless it asks too.
  if (step === null) return { ok: true, changes: { agenda: { steps, current: null }, prompt: "", timer: session.timer, signedNotes: false, personal: null } };
  const target = steps[step];
  if (!target) return { ok: false, reason: "no_such_step" };
  return {
    ok: true,
    changes: { agenda: { steps, current: step }, prompt: target.prompt, timer: stoppedTimer(target.minutes * MINUTE_MS), signedNotes: target.signed === true, personal: personalStepOf(target) },
  };
}

/** What phones write to while `step` is current: their own plan, for a personal step, else the board. */
export function personalStepOf(step: AgendaStep | undefined): PersonalStep | null {
  return step?.mode === "personal" ? { title: step.title, areas: step.areas ?? [] } : null;
}

/**
 * The agenda with new steps (the PUT body replaces the whole list), and the prompt if it must
 * follow. The current step is followed to where it now stands:
 *  - the same step (equal title, prompt, minutes and mode) is looked for in the new list: if the old
 *    current step was the k-th of its equals, the k-th equal in the new list (else the last one), so
 *    adding or removing steps before it moves the index with it;
 *  - else, if the list has as many steps as before, the step at the same index was edited in place
 *    and stays current;
 *  - else the current step was removed (or changed together with others): no step is current.
 * `prompt` is only in the answer when what phones show must change: the current step's prompt was
 * edited (it follows), or the current step went (it is cleared). The timer is left as it is.
 */
export function editSteps(agenda: Agenda | null, steps: AgendaStep[]): { agenda: Agenda; prompt?: string; signedNotes?: boolean; personal?: PersonalStep | null } {
  const before = agenda?.steps ?? [];
  const current = agenda?.current ?? null;
  const old = current === null ? undefined : before[current];
  if (current === null || !old) return { agenda: { steps, current: null } };
  // Signing follows the current step's own setting when that setting changes, or the step goes.
  // So does the personal worksheet: a step made personal (or no longer) changes what phones write to.
  const signing = (next: AgendaStep | undefined) => ({
    ...((next?.signed === true) !== (old.signed === true) ? { signedNotes: next?.signed === true } : {}),
    ...(JSON.stringify(personalStepOf(next)) !== JSON.stringify(personalStepOf(old)) ? { personal: personalStepOf(next) } : {}),
  });
  const followed = followStep(before, current, steps);
  if (followed !== null) return { agenda: { steps, current: followed }, ...signing(steps[followed]) };
  if (steps.length === before.length) {
    const edited = steps[current];
    return { agenda: { steps, current }, ...(edited.prompt !== old.prompt ? { prompt: edited.prompt } : {}), ...signing(edited) };
  }
  return { agenda: { steps, current: null }, prompt: "", ...signing(undefined) };
}

/** The agenda with new steps, the current step followed as editSteps does. */
export function withSteps(agenda: Agenda | null, steps: AgendaStep[]): Agenda {
  return editSteps(agenda, steps).agenda;
}

function sameStep(a: AgendaStep, b: AgendaStep): boolean {
  return a.title === b.title && a.prompt === b.prompt && a.minutes === b.minutes && a.mode === b.mode && JSON.stringify(a.areas ?? []) === JSON.stringify(b.areas ?? []);
}

/** Where the step at `index` of `before` stands in `after`, by equality and rank among its equals; null if gone. */
function followStep(before: readonly AgendaStep[], index: number, after: readonly AgendaStep[]): number | null {
  const step = before[index];
  const rank = before.slice(0, index).filter((other) => sameStep(other, step)).length;
  const equals = after.flatMap((other, i) => (sameStep(other, step) ? [i] : []));
  if (equals.length === 0) return null;
  return equals[Math.min(rank, equals.length - 1)];
}
