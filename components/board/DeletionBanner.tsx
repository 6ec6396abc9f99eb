"use client";

import { useKitText } from "../i18n/useKitText";
import { deletionSoon } from "./retentionDates";
import s from "./deletionBanner.module.css";

/**
 * A calm line above the board when it will be deleted within a week: the date, and a way to what
 * helps (the export menu; for the facilitator "Om tavlan", where the date can also be changed). In
 * the page's flow, not over the canvas, so no worksheet is hidden under it.
 */
export function DeletionBanner({ deleteAfter, facilitator, onAct }: { deleteAfter: string | null; facilitator: boolean; onAct(): void }) {
  const { t, language } = useKitText();
  if (!deleteAfter || !deletionSoon(deleteAfter, Date.now())) return null;
  const date = new Intl.DateTimeFormat(language, { dateStyle: "long" }).format(new Date(deleteAfter));
  return (
    <section className={s.banner} aria-label={t("deletionSoon.label")} data-testid="deletion-banner">
      <p>{t("deletionSoon.text", { date })}</p>
      <button type="button" onClick={onAct}>
        {t(facilitator ? "deletionSoon.about" : "deletionSoon.export")}
      </button>
    </section>
  );
}
