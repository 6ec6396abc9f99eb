import type { AgendaStep, Timer } from "../../lib/schema/session";
import type { TimerAction } from "../../lib/timer/timer";
import { call } from "../facilitation/workshopApi";

/** The facilitator's agenda and timer calls (docs/api.md, "Agenda and timer"). */
const board = (id: string) => `/api/boards/${encodeURIComponent(id)}`;

export const agendaApi = {
  timer: (id: string, action: TimerAction) => call<{ timer: Timer; now: number }>("POST", `${board(id)}/timer`, action),
  goTo: (id: string, step: number | null) => call<unknown>("POST", `${board(id)}/agenda`, { step }),
  setSteps: (id: string, steps: AgendaStep[]) => call<unknown>("PUT", `${board(id)}/agenda`, { steps }),
};
