import type { MessageKey } from "../../lib/i18n";
import type { ApiResult } from "./participantApi";

export type JoinProblem = { key: MessageKey; minutes?: number };

/** What a refused POST /api/join tells the person holding the phone, on either join page. */
export function joinProblem(result: ApiResult): JoinProblem {
  if (result.error === "wrong_code") return { key: "join.wrongCode" };
  if (result.error === "joining_closed") return { key: "join.closed" };
  if (result.error === "participant_budget") return { key: "join.full" };
  if (result.error === "too_many_requests") return { key: "join.busy" };
  if (result.status === 429) {
    const minutes = Math.max(1, Math.ceil((result.retryAfter ?? 60) / 60));
    return { key: result.error === "joining_paused" ? "join.paused" : "join.tooMany", minutes };
  }
  if (result.status === 400) return { key: "join.codeInvalid" };
  return { key: "join.failed" };
}
