"use client";

import { nanoid } from "nanoid";
import { useId, useRef, useState, type FormEvent } from "react";
import type { HomeworkResponse, ParticipantView } from "../../lib/api/schemas";
import type { MessageKey } from "../../lib/i18n";
import { DEFAULT_NOTE_COLOR } from "../../lib/schema/note-colors";
import { useI18n } from "../i18n/I18nProvider";
import { CharacterCounter } from "./NoteComposer";
import { cleanNoteText, noteTextProblem } from "./noteQueue";
import { boardPath, callApi } from "./participantApi";
import s from "./phone.module.css";

/**
 * The meeting's task for the next one (seeds/000: "Till arbetsmöte 2 har vi en första uppgift"):
 * the task, and a field whose notes go to the next meeting's "Nya lappar", or wait for its board.
 * A failed send keeps the text and its key, so trying again never makes a second note.
 */
export function HomeworkCard({ boardId, homework, onSent }: { boardId: string; homework: NonNullable<ParticipantView["homework"]>; onSent(): void }) {
  const { t } = useI18n();
  const [text, setText] = useState("");
  const [message, setMessage] = useState<{ key: MessageKey; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef(nanoid());
  const fieldId = useId();
  const counterId = useId();
  const messageId = useId();

  const send = async (event: FormEvent) => {
    event.preventDefault();
    const problem = noteTextProblem(text);
    if (problem) return setMessage({ key: problem === "empty" ? "phone.empty" : "phone.tooLong", error: true });
    setBusy(true);
    const answer = await callApi<HomeworkResponse>("POST", `${boardPath(boardId)}/me/homework`, { text: cleanNoteText(text), color: DEFAULT_NOTE_COLOR, idempotencyKey: key.current });
    setBusy(false);
    if (!answer.ok) return setMessage({ key: answer.error === "identity_number" ? "phone.homeworkIdentity" : "phone.homeworkFailed", error: true });
    key.current = nanoid();
    setText("");
    setMessage({ key: answer.data?.state === "sent" ? "phone.homeworkSent" : "phone.homeworkWaiting", error: false });
    onSent();
  };

  return (
    <section className={`${s.card} ${s.composer} ${s.homework}`} aria-labelledby={`${fieldId}-title`} data-testid="homework">
      <h2 id={`${fieldId}-title`}>{t("phone.homeworkTitle")}</h2>
      <p>{homework.task}</p>
      <form onSubmit={(event) => void send(event)} noValidate>
        <label htmlFor={fieldId} className={s.fieldLabel}>
          {t("phone.homeworkLabel")}
        </label>
        <textarea id={fieldId} className={s.textarea} rows={3} value={text} onChange={(e) => (setText(e.target.value), setMessage(null))} aria-describedby={`${counterId} ${messageId}`} />
        <CharacterCounter text={text} id={counterId} />
        <button type="submit" className={s.primary} disabled={busy}>
          {t("phone.homeworkSend")}
        </button>
      </form>
      <p id={messageId} className={message?.error ? s.error : s.status} role="status" aria-live="polite">
        {message ? t(message.key) : ""}
      </p>
      {homework.waiting > 0 && <p className={s.status}>{t("phone.homeworkWaitingCount", { count: homework.waiting })}</p>}
    </section>
  );
}
