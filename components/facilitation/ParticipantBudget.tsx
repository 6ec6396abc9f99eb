"use client";

import { useEffect, useState } from "react";
import type { BoardInfoResponse } from "../../lib/api/schemas";
import { useKitText } from "../i18n/useKitText";
import { workshopApi } from "./workshopApi";

/** How many more a tap lets in: a second room's worth, not so many that a script gains much. */
const STEP = 100;
/** Phones join while the dialog is open; the count follows them this often. */
const REFRESH_MS = 5_000;

/**
 * In "Let people join": how many have joined against how many the board takes (its participant
 * budget, docs/api.md "Throttling"), and a button that lets more in, up to the server's most.
 */
export function ParticipantBudget({ boardId, info, onChange }: { boardId: string; info: BoardInfoResponse; onChange(info: BoardInfoResponse): void }) {
  const { t } = useKitText();
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const timer = setInterval(() => workshopApi.info(boardId).then(onChange, () => undefined), REFRESH_MS);
    return () => clearInterval(timer);
  }, [boardId, onChange]);

  const { participantBudget: budget, participantCount: count, participantBudgetMax: max } = info;
  if (budget === undefined || count === undefined) return null;
  const next = Math.min(max ?? budget, budget + STEP);
  const raise = () =>
    workshopApi.update(boardId, { participantBudget: next }).then(
      (updated) => {
        setFailed(false);
        onChange(updated);
      },
      () => setFailed(true),
    );

  return (
    <div className="join-budget" data-testid="participant-budget">
      <p>{t("limits.participants", { count, total: budget })}</p>
      {count >= budget && <p className="join-closed">{t("limits.full")}</p>}
      {next > budget ? (
        <button type="button" onClick={raise}>
          {t("limits.raise", { count: next - budget })}
        </button>
      ) : (
        <p className="join-url">{t("limits.atMost", { count: max ?? budget })}</p>
      )}
      {failed && <p role="alert">{t("limits.raiseFailed")}</p>}
    </div>
  );
}
