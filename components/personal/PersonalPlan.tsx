"use client";

import { useEffect, useId, useState, type FormEvent } from "react";
import type { ParticipantView, PersonalNoteView } from "../../lib/api/schemas";
import { planSections } from "../../lib/export/personal-plan";
import { useKitText } from "../i18n/useKitText";
import { readStored, writeStored } from "../phone/participantApi";
import phone from "../phone/phone.module.css";
import s from "./personal.module.css";
import { personalApi, type PersonalWrite } from "./personalApi";
import { downloadPlan, printPlan } from "./planFile";
import { personalDraftKey } from "../device/forgetBoard";

export interface PersonalPlanProps {
  boardId: string;
  boardTitle: string;
  personal: ParticipantView["personal"];
  /** Reads the view again after a change (the live stream would too, a moment later). */
  onChanged(): void;
}

/**
 * The writer's own personal worksheet (Arbetsmöte 3's action plan): while a personal step is
 * current, a field to write under one of its areas; always, their own notes by area, to change,
 * print or download. The server sends these notes to their writer only (docs/privacy.md).
 */
export function PersonalPlan({ boardId, boardTitle, personal, onChanged }: PersonalPlanProps) {
  const { t } = useKitText();
  const titleId = useId();
  const title = personal.step?.title || t("personal.myPlan");
  const areas = personal.step?.areas ?? [];
  const file = { title, boardTitle, areas, notes: personal.notes, otherHeading: t("personal.other") };
  return (
    <section className={`${phone.card} ${s.plan}`} aria-labelledby={titleId} data-testid="personal-plan" data-plan-print>
      <h2 id={titleId} className={phone.sectionTitle}>
        {title}
      </h2>
      <p className={s.onlyYou}>{t("personal.onlyYou")}</p>
      {personal.step && <PlanComposer boardId={boardId} areas={personal.step.areas} onSaved={onChanged} />}
      <PlanNotes boardId={boardId} areas={areas} notes={personal.notes} onChanged={onChanged} />
      {personal.notes.length > 0 && (
        <div className={`${phone.actions} ${s.fileActions}`}>
          <button type="button" onClick={() => printPlan()}>
            {t("personal.print")}
          </button>
          <button type="button" onClick={() => downloadPlan(file)}>
            {t("personal.download")}
          </button>
        </div>
      )}
    </section>
  );
}

type Outcome = "saved" | "failed" | "identity_number" | null;

/** Writing one note: its area, its text (kept on the device until the server has it), save. */
function PlanComposer({ boardId, areas, onSaved }: { boardId: string; areas: string[]; onSaved(): void }) {
  const { t } = useKitText();
  const id = useId();
  const draftKey = personalDraftKey(boardId);
  const [draft, setDraft] = useState<PersonalWrite>(() => ({ text: "", area: areas[0] ?? "", idempotencyKey: newKey() }));
  const [allowIdentityNumber, setAllowIdentityNumber] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [sending, setSending] = useState(false);

  // A note begun before a reload (or while offline) is still there, with the key it was sent with.
  useEffect(() => {
    const kept = parseDraft(readStored(draftKey));
    if (kept) setDraft((current) => ({ ...kept, area: areas.length === 0 || areas.includes(kept.area) ? kept.area : current.area }));
  }, [draftKey, areas]);
  const change = (next: PersonalWrite) => {
    setDraft(next);
    setOutcome(null);
    writeStored(draftKey, JSON.stringify(next));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!draft.text.trim() || sending) return;
    setSending(true);
    const result = await personalApi.add(boardId, { ...draft, allowIdentityNumber });
    setSending(false);
    if (!result.ok) {
      setOutcome(result.error === "identity_number" ? "identity_number" : "failed");
      return;
    }
    const next = { text: "", area: draft.area, idempotencyKey: newKey() };
    setDraft(next);
    writeStored(draftKey, null);
    setAllowIdentityNumber(false);
    setOutcome("saved");
    onSaved();
  };

  return (
    <form className={s.composer} onSubmit={(event) => void submit(event)} noValidate>
      {areas.length > 0 && (
        <>
          <label htmlFor={`${id}-area`} className={phone.fieldLabel}>
            {t("personal.area")}
          </label>
          <select id={`${id}-area`} className={s.select} value={draft.area} onChange={(e) => change({ ...draft, area: e.target.value })}>
            {areas.map((area) => (
              <option key={area} value={area}>
                {area}
              </option>
            ))}
          </select>
        </>
      )}
      <label htmlFor={`${id}-text`} className={phone.fieldLabel}>
        {t("personal.text")}
      </label>
      <textarea
        id={`${id}-text`}
        className={`${phone.textarea} ${s.textarea}`}
        rows={3}
        maxLength={1000}
        value={draft.text}
        onChange={(e) => change({ ...draft, text: e.target.value })}
        aria-describedby={`${id}-outcome`}
        autoComplete="off"
      />
      {outcome === "identity_number" && (
        <label className={s.check}>
          <input type="checkbox" checked={allowIdentityNumber} onChange={(e) => setAllowIdentityNumber(e.target.checked)} />
          {t("personal.notIdentityNumber")}
        </label>
      )}
      <button type="submit" className={phone.primary} disabled={sending}>
        {t("personal.save")}
      </button>
      <p id={`${id}-outcome`} className={outcome && outcome !== "saved" ? phone.error : phone.status} role="status" aria-live="polite">
        {outcome === "saved" ? t("personal.saved") : outcome === "failed" ? t("personal.failed") : outcome === "identity_number" ? t("personal.identityNumber") : ""}
      </p>
    </form>
  );
}

/** The writer's notes under their areas, each one changeable and removable. */
function PlanNotes({ boardId, areas, notes, onChanged }: { boardId: string; areas: string[]; notes: PersonalNoteView[]; onChanged(): void }) {
  const { t } = useKitText();
  if (notes.length === 0) return <p className={phone.muted}>{t("personal.empty")}</p>;
  const sections = planSections(areas, notes).filter((section) => section.texts.length > 0);
  return (
    <div className={s.sections} data-testid="personal-notes">
      {sections.map((section) => (
        <section key={section.area} className={s.section}>
          <h3>{section.area || t("personal.other")}</h3>
          <ul className={phone.list}>
            {notes
              .filter((note) => note.area === section.area)
              .map((note) => (
                <PlanNote key={note.id} boardId={boardId} note={note} onChanged={onChanged} />
              ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function PlanNote({ boardId, note, onChanged }: { boardId: string; note: PersonalNoteView; onChanged(): void }) {
  const { t } = useKitText();
  const textId = useId();
  const [editing, setEditing] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const run = async (request: Promise<{ ok: boolean }>) => {
    setFailed(false);
    const result = await request;
    if (!result.ok) return setFailed(true);
    setEditing(null);
    onChanged();
  };
  return (
    <li className={`${phone.note} ${s.note}`}>
      {editing === null ? (
        <p id={textId} className={phone.noteText}>
          {note.text}
        </p>
      ) : (
        <textarea className={phone.textarea} rows={3} maxLength={1000} value={editing} aria-label={t("personal.text")} onChange={(e) => setEditing(e.target.value)} autoFocus />
      )}
      {failed && (
        <p className={phone.error} role="alert">
          {t("personal.failed")}
        </p>
      )}
      <div className={phone.actions}>
        {editing === null ? (
          <>
            <button type="button" aria-describedby={textId} onClick={() => setEditing(note.text)}>
              {t("personal.edit")}
            </button>
            <button type="button" aria-describedby={textId} onClick={() => void run(personalApi.remove(boardId, note.id))}>
              {t("personal.remove")}
            </button>
          </>
        ) : (
          <>
            <button type="button" className={s.save} onClick={() => void run(personalApi.edit(boardId, note.id, { text: editing }))} disabled={!editing.trim()}>
              {t("personal.save")}
            </button>
            <button type="button" onClick={() => setEditing(null)}>
              {t("personal.cancel")}
            </button>
          </>
        )}
      </div>
    </li>
  );
}

function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

function parseDraft(raw: string | null): PersonalWrite | null {
  try {
    const value = JSON.parse(raw ?? "null") as Partial<PersonalWrite> | null;
    if (typeof value?.text !== "string" || typeof value.area !== "string" || typeof value.idempotencyKey !== "string") return null;
    return { text: value.text, area: value.area, idempotencyKey: value.idempotencyKey };
  } catch {
    return null;
  }
}
