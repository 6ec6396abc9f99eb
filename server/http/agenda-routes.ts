import { readSession, type SessionState, writeSession } from "../../lib/schema/session";
import { editSteps, goToStep } from "../../lib/timer/agenda";
import { agendaStepRequest, agendaStepsRequest, timerRequest } from "../../lib/timer/requests";
import { applyTimerAction } from "../../lib/timer/timer";
import { withRoom } from "../participation/board-room";
import type { ParticipationContext } from "../participation/context";
import { HttpError, sendJson } from "./json";
import { body, BOARD_PATH, routeAuth, type Handler, type Route } from "./route-auth";

/**
 * The agenda and the shared timer (docs/api.md, "Agenda and timer"). Every time is the server's
 * Date.now(): devices show the timer against their estimate of it (`GET /api/time`).
 */
export function agendaRoutes(ctx: ParticipationContext): Route[] {
  const { asFacilitator } = routeAuth(ctx);
  /** Reads the session, writes what `decide` answers (it may refuse by throwing), tells the phones. */
  const change = async <T extends Partial<SessionState>>(boardId: string, decide: (session: SessionState) => T): Promise<T> => {
    const written = await withRoom(ctx.rooms, ctx.log, boardId, async (room) => {
      // Nothing awaits between the read and the write: no other change can come in between.
      const changes = decide(readSession(room.session));
      await room.applyServerChange((_doc, session) => writeSession(session, changes));
      return changes;
    });
    ctx.live.notify(boardId);
    return written;
  };

  const time: Handler = async (_req, res) => sendJson(res, 200, { now: Date.now() });

  const timer: Handler = async (req, res, [rawId]) => {
    const { board } = await asFacilitator(req, rawId);
    const action = await body(req, timerRequest);
    const { timer: next } = await change(board.id, (session) => ({ timer: applyTimerAction(session.timer, action, Date.now()) }));
    sendJson(res, 200, { timer: next, now: Date.now() });
  };

  const step: Handler = async (req, res, [rawId]) => {
    const { board } = await asFacilitator(req, rawId);
    const { step: index } = await body(req, agendaStepRequest);
    const changes = await change(board.id, (session) => {
      const move = goToStep(session, index);
      if (!move.ok) throw new HttpError(409, move.reason, "the agenda has no such step");
      return move.changes;
    });
    sendJson(res, 200, { ...changes, now: Date.now() });
  };

  const edit: Handler = async (req, res, [rawId]) => {
    const { board } = await asFacilitator(req, rawId);
    const { steps } = await body(req, agendaStepsRequest);
    // The current step is followed to its new place; phones' prompt follows it if it was edited or removed.
    sendJson(res, 200, await change(board.id, (session) => editSteps(session.agenda, steps)));
  };

  return [
    ["GET", /^\/api\/time$/, time],
    ["POST", new RegExp(`^${BOARD_PATH}/timer$`), timer],
    ["POST", new RegExp(`^${BOARD_PATH}/agenda$`), step],
    ["PUT", new RegExp(`^${BOARD_PATH}/agenda$`), edit],
  ];
}
