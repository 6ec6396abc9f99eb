"use client";

import { useState } from "react";
import type { BoardInfoResponse } from "../../lib/api/schemas";
import { WorkshopApiError } from "../facilitation/workshopApi";
import { useKitText } from "../i18n/useKitText";
import { initialKeepUntil, keepUntilBounds } from "./retentionDates";
import s from "./boardSettings.module.css";

/** Choices offered for how long an unused board is kept; the server's maximum is always one. */
const RETENTION_CHOICES = [7, 14, 30, 60, 90, 180, 365];

type Change = { retentionDays: number | null } | { keepUntil: string };
type Saved = "saved" | "failed" | "invalid_date" | "retention_too_long" | null;

/**
 * How long the board is kept: deleted after a time without use (days), or kept until a date and
 * deleted on it whatever its use. Days save as they are chosen; a date only with its button, since
 * a date input changes on every digit typed.
 */
export function RetentionSection({ info, onChange }: { info: BoardInfoResponse | null; onChange(change: Change): Promise<void> }) {
  const { t, language } = useKitText();
  const [mode, setMode] = useState<"idle" | "date" | null>(null);
  const [draft, setDraft] = useState<string | null>(null);
  const [saved, setSaved] = useState<Saved>(null);

  const max = info?.retentionDaysMax ?? 90;
  const days = Math.min(info?.retentionDays ?? max, max);
  const choices = [...new Set([...RETENTION_CHOICES.filter((d) => d < max), max])];
  const bounds = keepUntilBounds(new Date(), max);
  const shownMode = mode ?? (info?.keepUntil ? "date" : "idle");
  const date = draft ?? initialKeepUntil(info?.keepUntil, bounds, new Date());
  const when = info ? new Intl.DateTimeFormat(language, { dateStyle: "long" }).format(new Date(info.deleteAfter)) : "";

  const save = (change: Change) => {
    setSaved(null);
    onChange(change).then(
      () => setSaved("saved"),
      (error) => setSaved(error instanceof WorkshopApiError && (error.code === "invalid_date" || error.code === "retention_too_long") ? error.code : "failed"),
    );
  };
  const chooseMode = (next: "idle" | "date") => {
    setMode(next);
    // Back to days: the date goes at once. To a date: nothing changes until one is saved.
    if (next === "idle" && info?.keepUntil) save({ retentionDays: days === max ? null : days });
  };

  return (
    <section aria-labelledby="retention-title">
      <h3 id="retention-title">{t("retention.title")}</h3>
      <fieldset className={s.modes} disabled={!info}>
        <legend>{t("retention.mode")}</legend>
        {(["idle", "date"] as const).map((option) => (
          <label key={option} className={s.choice}>
            <input type="radio" name="retention-mode" checked={shownMode === option} onChange={() => chooseMode(option)} />
            {t(option === "idle" ? "retention.modeIdle" : "retention.modeDate")}
          </label>
        ))}
      </fieldset>
      {shownMode === "idle" ? (
        <>
          <label className={s.field}>
            <span>{t("retention.label")}</span>
            <select value={days} disabled={!info} onChange={(e) => save({ retentionDays: Number(e.target.value) === max ? null : Number(e.target.value) })} data-testid="retention-days">
              {choices.map((choice) => (
                <option key={choice} value={choice}>
                  {t("retention.days", { count: choice })}
                </option>
              ))}
            </select>
          </label>
          {info && !info.keepUntil && <p data-testid="retention-when">{t("retention.when", { date: when })}</p>}
        </>
      ) : (
        <form
          className={s.dateRow}
          onSubmit={(event) => {
            event.preventDefault();
            save({ keepUntil: date });
          }}
        >
          <label className={s.field}>
            <span>{t("retention.dateLabel")}</span>
            <input type="date" required min={bounds.min} max={bounds.max} value={date} onChange={(e) => setDraft(e.target.value)} aria-describedby="keep-until-help" data-testid="keep-until" />
          </label>
          <button type="submit">{t("retention.dateSave")}</button>
          <p id="keep-until-help" className={s.muted}>
            {t("retention.dateHelp", { count: max })}
          </p>
        </form>
      )}
      {shownMode === "date" && info?.keepUntil && <p data-testid="retention-when">{t("retention.dateWhen", { date: when })}</p>}
      <p className={s.muted}>{t("retention.export")}</p>
      <span role="status" className={saved === "saved" || saved === null ? s.muted : "error"}>
        {saved && STATUS[saved](t, max)}
      </span>
    </section>
  );
}

const STATUS: Record<Exclude<Saved, null>, (t: ReturnType<typeof useKitText>["t"], max: number) => string> = {
  saved: (t) => t("retention.saved"),
  failed: (t) => t("retention.failed"),
  invalid_date: (t) => t("retention.dateInvalid"),
  retention_too_long: (t, max) => t("retention.dateTooLong", { count: max }),
};
