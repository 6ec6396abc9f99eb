import type { AuditAction, AuditEntry } from "../../lib/api/schemas";
import type { ParticipationContext } from "../participation/context";
import { currentActor } from "../accounts/actor";

/** The newest entries the facilitator is shown; older ones stay until the board is deleted. */
const AUDIT_SHOWN = 500;

/**
 * Records, on the board, an action that matters for privacy: when, by which role, what kind, and
 * the signed-in name of who did it when there is one (server/accounts/actor.ts). Never a note's
 * text or a participant's name. Deleted with the board; the name goes when its account is deleted.
 */
export async function recordAudit(ctx: Pick<ParticipationContext, "storage" | "retention" | "log">, boardId: string, role: AuditEntry["role"], action: AuditAction, detail: string): Promise<void> {
  try {
    await ctx.storage.addAudit(boardId, { at: ctx.retention.now(), role, action, detail, actor: await currentActor() });
  } catch (error) {
    // The board was deleted meanwhile (its log with it): what was done is done, and answered so.
    if (await ctx.storage.getBoard(boardId)) throw error;
    ctx.log("audit.board_gone", { board: boardId, action });
  }
}

export async function auditOf(ctx: Pick<ParticipationContext, "storage">, boardId: string): Promise<AuditEntry[]> {
  const rows = await ctx.storage.listAudit(boardId, AUDIT_SHOWN);
  return rows.map((row) => ({
    at: new Date(row.at).toISOString(),
    role: row.role as AuditEntry["role"],
    action: row.action as AuditAction,
    detail: row.detail,
    ...(row.actorName ? { by: row.actorName } : {}),
  }));
}
