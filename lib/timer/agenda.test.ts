import assert from "node:assert/strict";
import { test } from "node:test";
import type { AgendaStep, Timer } from "../schema/session";
import { editSteps, goToStep, withSteps } from "./agenda";

const STEPS: AgendaStep[] = [
  { title: "Incheckning", minutes: 10, prompt: "Vad hoppas du på i dag?", mode: "discuss" },
  { title: "Tyst skrivande", minutes: 5, prompt: "Vad fungerar bra?", mode: "private" },
];
const RUNNING: Timer = { status: "running", durationMs: 60_000, endsAt: 1_000_060_000, remainingMs: 60_000 };

test("going to a step makes it current, shows its prompt, and waits with its minutes on the timer", () => {
  assert.deepEqual(goToStep({ agenda: { steps: STEPS, current: 0 }, timer: RUNNING }, 1), {
    ok: true,
    changes: {
      agenda: { steps: STEPS, current: 1 },
      prompt: "Vad fungerar bra?",
      timer: { status: "stopped", durationMs: 300_000, endsAt: null, remainingMs: 300_000 },
      signedNotes: false,
      personal: null,
    },
  });
});

test("a step that asks for signed notes turns signing on; the next step, or leaving the agenda, turns it off", () => {
  const steps: AgendaStep[] = [{ ...STEPS[1], signed: true }, STEPS[1]];
  const signedStep = goToStep({ agenda: { steps, current: null }, timer: null }, 0);
  assert.equal(signedStep.ok && signedStep.changes.signedNotes, true);
  const next = goToStep({ agenda: { steps, current: 0 }, timer: null }, 1);
  assert.equal(next.ok && next.changes.signedNotes, false, "Arbetsmöte 3: the personal plan after the signed contributions is not signed");
  const away = goToStep({ agenda: { steps, current: 0 }, timer: null }, null);
  assert.equal(away.ok && away.changes.signedNotes, false);
});

test("a personal step opens its worksheet (title and areas, no notes) while it is current, and only then", () => {
  const plan: AgendaStep = { title: "Min personliga handlingsplan", minutes: 10, prompt: "Skriv för dig själv", mode: "personal", areas: ["Delaktighet", "Kompetensutveckling"] };
  const steps: AgendaStep[] = [{ ...STEPS[1], signed: true }, plan, STEPS[0]];
  const into = goToStep({ agenda: { steps, current: 0 }, timer: null }, 1);
  assert.deepEqual(into.ok && into.changes.personal, { title: "Min personliga handlingsplan", areas: ["Delaktighet", "Kompetensutveckling"] });
  assert.equal(into.ok && into.changes.signedNotes, false, "a personal plan is never signed");
  const out = goToStep({ agenda: { steps, current: 1 }, timer: null }, 2);
  assert.equal(out.ok && out.changes.personal, null);
  const away = goToStep({ agenda: { steps, current: 1 }, timer: null }, null);
  assert.equal(away.ok && away.changes.personal, null);
  const noAreas = goToStep({ agenda: { steps: [{ ...plan, areas: undefined }], current: null }, timer: null }, 0);
  assert.deepEqual(noAreas.ok && noAreas.changes.personal, { title: plan.title, areas: [] });
});

test("editing the current step into a personal one, or out of it, changes what phones write to", () => {
  const plan: AgendaStep = { ...B, mode: "personal", areas: ["X"] };
  assert.deepEqual(editSteps({ steps: [A, B], current: 1 }, [A, plan]), { agenda: { steps: [A, plan], current: 1 }, personal: { title: "B", areas: ["X"] } });
  assert.deepEqual(editSteps({ steps: [A, plan], current: 1 }, [A, B]), { agenda: { steps: [A, B], current: 1 }, personal: null });
  assert.deepEqual(editSteps({ steps: [A, plan], current: 1 }, [A]), { agenda: { steps: [A], current: null }, prompt: "", personal: null });
  assert.deepEqual(editSteps({ steps: [A, plan], current: 1 }, [plan, A]), { agenda: { steps: [plan, A], current: 0 } }, "moved, unchanged: nothing to tell");
});

test("leaving the agenda clears the prompt and leaves the timer running", () => {
  assert.deepEqual(goToStep({ agenda: { steps: STEPS, current: 1 }, timer: RUNNING }, null), {
    ok: true,
    changes: { agenda: { steps: STEPS, current: null }, prompt: "", timer: RUNNING, signedNotes: false, personal: null },
  });
});

test("a step that is not there is refused", () => {
  assert.deepEqual(goToStep({ agenda: { steps: STEPS, current: null }, timer: null }, 2), { ok: false, reason: "no_such_step" });
  assert.deepEqual(goToStep({ agenda: null, timer: null }, 0), { ok: false, reason: "no_such_step" });
});

test("new steps keep the current one while it exists", () => {
  assert.deepEqual(withSteps({ steps: STEPS, current: 1 }, STEPS), { steps: STEPS, current: 1 });
  assert.deepEqual(withSteps({ steps: STEPS, current: 1 }, STEPS.slice(0, 1)), { steps: STEPS.slice(0, 1), current: null });
  assert.deepEqual(withSteps(null, STEPS), { steps: STEPS, current: null });
});

const A: AgendaStep = { title: "A", minutes: 1, prompt: "a?", mode: "discuss" };
const B: AgendaStep = { title: "B", minutes: 2, prompt: "b?", mode: "private" };
const C: AgendaStep = { title: "C", minutes: 3, prompt: "c?", mode: "vote" };

test("removing or adding a step before the current one moves the index with the step, prompt untouched", () => {
  assert.deepEqual(editSteps({ steps: [A, B, C], current: 1 }, [B, C]), { agenda: { steps: [B, C], current: 0 } });
  assert.deepEqual(editSteps({ steps: [A, B, C], current: 1 }, [C, A, B]), { agenda: { steps: [C, A, B], current: 2 } });
  assert.deepEqual(editSteps({ steps: [A, B, C], current: 1 }, [A, B]), { agenda: { steps: [A, B], current: 1 } });
});

test("equal steps: the current one keeps its rank among its equals", () => {
  // [A, B, C, B] with the second B current; A goes: the second B is now at 2.
  assert.deepEqual(editSteps({ steps: [A, B, C, B], current: 3 }, [B, C, B]).agenda.current, 2);
  // [B, A, B] with the first B current; A goes: still the first B.
  assert.deepEqual(editSteps({ steps: [B, A, B], current: 0 }, [B, B]).agenda.current, 0);
  // A step added in front of two equal steps: the second stays the second.
  assert.deepEqual(editSteps({ steps: [A, B, B], current: 2 }, [C, A, B, B]).agenda.current, 3);
});

test("editing the current step in place keeps it current and the phones' prompt follows it", () => {
  const edited = { ...B, prompt: "b, nytt?" };
  assert.deepEqual(editSteps({ steps: [A, B, C], current: 1 }, [A, edited, C]), { agenda: { steps: [A, edited, C], current: 1 }, prompt: "b, nytt?" });
  // Only the minutes: still current, the prompt (perhaps set by hand) is left alone.
  assert.deepEqual(editSteps({ steps: [A, B, C], current: 1 }, [A, { ...B, minutes: 9 }, C]), { agenda: { steps: [A, { ...B, minutes: 9 }, C], current: 1 } });
});

test("removing the current step leaves no step current and clears the prompt", () => {
  assert.deepEqual(editSteps({ steps: [A, B, C], current: 1 }, [A, C]), { agenda: { steps: [A, C], current: null }, prompt: "" });
  assert.deepEqual(editSteps({ steps: [A, B, C], current: 1 }, []), { agenda: { steps: [], current: null }, prompt: "" });
  assert.deepEqual(withSteps({ steps: [A, B, C], current: 1 }, [A, C]), { steps: [A, C], current: null });
});

test("no current step: none after, the prompt is not touched", () => {
  assert.deepEqual(editSteps({ steps: [A, B], current: null }, [B]), { agenda: { steps: [B], current: null } });
  assert.deepEqual(editSteps(null, [A]), { agenda: { steps: [A], current: null } });
});

test("editing the current step's signing, or removing the current step, carries signing with it", () => {
  const signed: AgendaStep = { ...B, signed: true };
  assert.deepEqual(editSteps({ steps: [A, B, C], current: 1 }, [A, signed, C]), { agenda: { steps: [A, signed, C], current: 1 }, signedNotes: true });
  assert.deepEqual(editSteps({ steps: [A, signed, C], current: 1 }, [A, B, C]), { agenda: { steps: [A, B, C], current: 1 }, signedNotes: false });
  assert.deepEqual(editSteps({ steps: [A, signed, C], current: 1 }, [A, C]), { agenda: { steps: [A, C], current: null }, prompt: "", signedNotes: false });
  assert.deepEqual(editSteps({ steps: [A, B, C], current: 1 }, [A, B]), { agenda: { steps: [A, B], current: 1 } }, "unchanged signing is left to the facilitator");
});
