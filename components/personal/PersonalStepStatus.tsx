"use client";

import { useKitText } from "../i18n/useKitText";

/**
 * In the workshop bar during a personal step: how many have written in their plans (never what),
 * and, for a board user who writes too, the way to their own plan.
 */
export function PersonalStepStatus({ writers, onWrite }: { writers: number; onWrite?: () => void }) {
  const { t } = useKitText();
  return (
    <>
      <p className="workshop-status private" role="status" data-testid="personal-status">
        <strong>{t("personal.status", { count: writers })}</strong> {t("agenda.personalHint")}
      </p>
      {onWrite && (
        <button type="button" onClick={onWrite}>
          {t("personal.write")}
        </button>
      )}
    </>
  );
}
