import assert from "node:assert/strict";
import { test } from "node:test";
import type { AgendaStep, Timer } from "../schema/session";
import { goToStep, withSteps } from "./agenda";

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
    },
  });
});

test("leaving the agenda clears the prompt and leaves the timer running", () => {
  assert.deepEqual(goToStep({ agenda: { steps: STEPS, current: 1 }, timer: RUNNING }, null), {
    ok: true,
    changes: { agenda: { steps: STEPS, current: null }, prompt: "", timer: RUNNING },
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
