import type { Agenda, AgendaStep, SessionState } from "../schema/session";
import { MINUTE_MS, stoppedTimer } from "./timer";

/** What moving through the agenda writes to the session (server side, pure). */

export type AgendaMove = { ok: true; changes: Pick<SessionState, "agenda" | "prompt" | "timer"> } | { ok: false; reason: "no_such_step" };

/**
 * Going to step `step`: it becomes current, its prompt is what phones show, and the timer waits,
 * stopped, at the step's minutes. `null` leaves the agenda (no step, no prompt; the timer stays).
 */
export function goToStep(session: Pick<SessionState, "agenda" | "timer">, step: number | null): AgendaMove {
  const steps = session.agenda?.steps ?? [];
  if (step === null) return { ok: true, changes: { agenda: { steps, current: null }, prompt: "", timer: session.timer } };
  const target = steps[step];
  if (!target) return { ok: false, reason: "no_such_step" };
  return {
    ok: true,
    changes: { agenda: { steps, current: step }, prompt: target.prompt, timer: stoppedTimer(target.minutes * MINUTE_MS) },
  };
}

/** The agenda with new steps: the current step stays if it still exists. */
export function withSteps(agenda: Agenda | null, steps: AgendaStep[]): Agenda {
  const current = agenda?.current ?? null;
  return { steps, current: current !== null && current < steps.length ? current : null };
}
