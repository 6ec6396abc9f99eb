import { z } from "zod";
import { CONTROL_CHARACTERS } from "../api/limits";
import { agendaSchema, type AgendaStep } from "../schema/session";
import { MAX_TIMER_MS, MINUTE_MS } from "./timer";

/**
 * Request bodies of the agenda and timer routes (docs/api.md, "Agenda and timer"). Kept apart
 * from ./timer.ts so that the phone, which formats the timer, never loads zod.
 */
const maxMinutes = MAX_TIMER_MS / MINUTE_MS;
const minutes = z.number().int().min(1).max(maxMinutes);

export const timerRequest = z.discriminatedUnion("action", [
  z.object({ action: z.literal("start"), minutes: z.number().int().min(0).max(maxMinutes).optional() }),
  z.object({ action: z.literal("pause") }),
  z.object({ action: z.literal("resume") }),
  z.object({ action: z.literal("extend"), minutes }),
  z.object({ action: z.literal("stop") }),
  z.object({ action: z.literal("set"), minutes: z.number().int().min(0).max(maxMinutes) }),
]);
export type TimerRequest = z.infer<typeof timerRequest>;

/** Go to a step (its index), or to none (null: before the first). */
export const agendaStepRequest = z.object({ step: z.number().int().nonnegative().nullable() });

/** Titles are one line; prompts may break lines. Nothing else invisible reaches the phones. */
const cleanStep = (step: AgendaStep) =>
  !CONTROL_CHARACTERS.test(step.title) && !CONTROL_CHARACTERS.test(step.prompt.replace(/\n/g, " ")) && (step.areas ?? []).every((area) => !CONTROL_CHARACTERS.test(area));

/** The facilitator's edited steps: the session's own schema, so what is stored is what was checked. */
export const agendaStepsRequest = z.object({
  steps: agendaSchema.shape.steps.refine((steps) => steps.every(cleanStep), "control characters are not allowed"),
});
