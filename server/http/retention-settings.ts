import { recordAudit } from "../lifecycle/audit";
import { keepUntilProblem } from "../lifecycle/keep-until";
import type { ParticipationContext } from "../participation/context";
import { HttpError } from "./json";

export interface RetentionChange {
  /** Days without use (null: the server's maximum). */
  retentionDays?: number | null;
  /** A date to keep the board until, `YYYY-MM-DD` (null: back to days without use). */
  keepUntil?: string | null;
}

type Ctx = Pick<ParticipationContext, "storage" | "retention" | "log">;

const MESSAGES = {
  invalid_date: "keepUntil must be a date (YYYY-MM-DD) after today",
  retention_too_long: (max: number) => `this server keeps boards at most ${max} days`,
};

/** Refuses a retention the server does not allow, before anything of the request changes the board. */
export function checkRetention({ retentionDays, keepUntil }: RetentionChange, ctx: Ctx): void {
  const max = ctx.retention.maxDays;
  if (retentionDays && retentionDays > max) throw new HttpError(400, "retention_too_long", MESSAGES.retention_too_long(max));
  const problem = typeof keepUntil === "string" ? keepUntilProblem(keepUntil, ctx.retention.now(), max) : null;
  if (problem === "invalid_date") throw new HttpError(400, problem, MESSAGES.invalid_date);
  if (problem) throw new HttpError(400, problem, MESSAGES.retention_too_long(max));
}

/** Stores a checked change (days and a date replace each other) and records it in the audit log. */
export async function applyRetention(ctx: Ctx, boardId: string, { retentionDays, keepUntil }: RetentionChange): Promise<void> {
  if (retentionDays !== undefined) {
    await ctx.storage.setRetentionDays(boardId, retentionDays);
    await recordAudit(ctx, boardId, "facilitator", "retention.change", String(retentionDays ?? ctx.retention.maxDays));
    ctx.log("board.retention_changed", { board: boardId, days: retentionDays });
  } else if (keepUntil !== undefined) {
    await ctx.storage.setKeepUntil(boardId, keepUntil);
    // The date itself, or the days a board goes back to: never anything written on the board.
    await recordAudit(ctx, boardId, "facilitator", "retention.change", keepUntil ?? String(ctx.retention.maxDays));
    ctx.log("board.retention_changed", { board: boardId, keepUntil });
  }
}
