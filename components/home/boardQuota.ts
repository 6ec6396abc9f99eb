import type { KitMessageKey } from "../../lib/i18n/kit";

export interface QuotaRefusal {
  key: Extract<KitMessageKey, "limits.tooManyBoards" | "limits.tooManyImports">;
  minutes: number;
}

/**
 * A 429 from `POST /api/boards` (docs/api.md, "Throttling") as what to tell the person: which of
 * the address's hourly quotas is spent, and in how many minutes it lets them try again.
 */
export async function quotaRefusal(res: Response): Promise<QuotaRefusal | null> {
  if (res.status !== 429) return null;
  const body = (await res.json().catch(() => null)) as { error?: unknown } | null;
  const seconds = Number(res.headers.get("Retry-After"));
  return {
    key: body?.error === "too_many_imports" ? "limits.tooManyImports" : "limits.tooManyBoards",
    minutes: Math.max(1, Math.ceil((seconds > 0 ? seconds : 60 * 60) / 60)),
  };
}
