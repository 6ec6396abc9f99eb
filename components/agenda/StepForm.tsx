"use client";

import { useId, useState, type FormEvent } from "react";
import { AGENDA_MODES, MAX_PERSONAL_AREA_CHARS, MAX_PERSONAL_AREAS, type AgendaStep } from "../../lib/schema/session";
import { useKitText } from "../i18n/useKitText";
import s from "./agenda.module.css";

interface StepFormProps {
  step: AgendaStep;
  onSave(step: AgendaStep): void;
  onCancel(): void;
  /** Absent for a step not yet added. */
  onRemove?: () => void;
}

/** One step's title, minutes, question for the phones and way of working. */
export function StepForm({ step, onSave, onCancel, onRemove }: StepFormProps) {
  const { t } = useKitText();
  const id = useId();
  const [draft, setDraft] = useState(step);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const title = draft.title.trim();
    if (!title) return;
    const areas = (draft.areas ?? []).map((area) => area.trim().slice(0, MAX_PERSONAL_AREA_CHARS)).filter(Boolean);
    // Areas belong to a personal step only; a plan is never signed.
    const personal = draft.mode === "personal" ? { areas, signed: undefined } : { areas: undefined };
    onSave({ ...draft, ...personal, title, prompt: draft.prompt.trim(), minutes: Math.min(600, Math.max(0, Math.round(draft.minutes) || 0)) });
  };
  const field = (name: string) => `${id}-${name}`;

  return (
    <form className={s.form} onSubmit={submit} onKeyDown={(e) => e.key === "Escape" && onCancel()}>
      <label htmlFor={field("title")}>{t("agenda.fieldTitle")}</label>
      <input id={field("title")} required maxLength={200} autoFocus value={draft.title} onChange={(e) => setDraft({ ...draft, title: e.target.value })} />
      <label htmlFor={field("minutes")}>{t("agenda.fieldMinutes")}</label>
      <input id={field("minutes")} type="number" inputMode="numeric" min={0} max={600} value={draft.minutes} onChange={(e) => setDraft({ ...draft, minutes: Number(e.target.value) })} />
      <label htmlFor={field("prompt")}>{t("agenda.fieldPrompt")}</label>
      <textarea id={field("prompt")} maxLength={500} rows={2} value={draft.prompt} onChange={(e) => setDraft({ ...draft, prompt: e.target.value })} />
      <label htmlFor={field("mode")}>{t("agenda.fieldMode")}</label>
      <select id={field("mode")} value={draft.mode} onChange={(e) => setDraft({ ...draft, mode: e.target.value as AgendaStep["mode"] })}>
        {AGENDA_MODES.map((mode) => (
          <option key={mode} value={mode}>
            {t(`agenda.mode.${mode}`)}
          </option>
        ))}
      </select>
      {draft.mode === "personal" && (
        <>
          <label htmlFor={field("areas")}>{t("agenda.fieldAreas")}</label>
          <textarea
            id={field("areas")}
            rows={4}
            value={(draft.areas ?? []).join("\n")}
            onChange={(e) => setDraft({ ...draft, areas: e.target.value.split("\n").slice(0, MAX_PERSONAL_AREAS) })}
          />
        </>
      )}
      {draft.mode !== "personal" && (
        <label className={s.check}>
          <input type="checkbox" checked={draft.signed === true} onChange={(e) => setDraft({ ...draft, signed: e.target.checked || undefined })} />
          {t("agenda.fieldSigned")}
        </label>
      )}
      <div className={s.row}>
        <button type="submit" className="primary">
          {t("agenda.save")}
        </button>
        <button type="button" onClick={onCancel}>
          {t("agenda.cancel")}
        </button>
        {onRemove && (
          <button type="button" onClick={onRemove}>
            {t("agenda.remove")}
          </button>
        )}
      </div>
    </form>
  );
}
