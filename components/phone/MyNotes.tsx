"use client";

import { useEffect, useId, useRef, useState } from "react";
import type { ParticipantView } from "../../lib/api/schemas";
import type { MessageKey, Translate } from "../../lib/i18n";
import { useI18n } from "../i18n/I18nProvider";
import { ColorChoice } from "./ColorChoice";
import { findIdentityNumbersSoon, removeIdentityNumbersSoon } from "./identityCheck";
import { IdentityNumberDialog } from "./IdentityNumberDialog";
import { CharacterCounter } from "./NoteComposer";
import { cleanNoteText, isEditableInQueue, noteTextProblem, type QueuedNote } from "./noteQueue";
import { callApi, notePath } from "./participantApi";
import s from "./phone.module.css";
import type { NoteQueueHandle } from "./useNoteQueue";

export interface MyNotesProps {
  /** From useParticipantView(boardId): the server's list of this participant's notes. */
  view: ParticipantView | null;
  /** From useNoteQueue(boardId): notes still on their way. */
  queue: NoteQueueHandle;
  /** After an edit or delete on the server, e.g. useParticipantView's refresh (the live view follows anyway). */
  onChanged?: () => void;
  /** The heading; "My notes" when absent. */
  title?: string;
}

type RowState = "waiting" | "sent" | "held" | "failed";

interface Row {
  key: string;
  text: string;
  color: string;
  state: RowState;
  /** On the server (edit and delete go there). */
  noteId?: string;
  /** Still in the outbox. */
  queued?: QueuedNote;
}

/**
 * `keys` remembers which outbox entry became which note, so a row keeps its React key (and an
 * open editor) when the note moves from the outbox to the server's list.
 */
function rowsOf(view: ParticipantView | null, items: readonly QueuedNote[]): Row[] {
  // Matched by idempotency key: a note whose answer got lost is on the server all the same.
  const onServer = new Set(view?.notes.map((n) => n.idempotencyKey));
  const queued: Row[] = items
    .filter((n) => !(n.status !== "failed" && onServer.has(n.key)))
    .map((n) => ({
      key: n.key,
      text: n.text,
      color: n.color,
      state: n.status === "failed" ? "failed" : n.status === "sent" ? (n.noteState === "held" ? "held" : "sent") : "waiting",
      noteId: n.noteId,
      queued: n,
    }));
  const sent: Row[] = (view?.notes ?? []).map((n) => ({ key: n.idempotencyKey, text: n.text, color: n.color, state: n.state === "held" ? "held" : "sent", noteId: n.id }));
  // Newest first: the outbox holds the latest notes; the server lists oldest first.
  return [...queued.reverse(), ...sent.reverse()];
}

/** This participant's notes, newest first, each with its state and Edit / Delete. */
export function MyNotes({ view, queue, onChanged, title }: MyNotesProps) {
  const { t } = useI18n();
  const [announce, setAnnounce] = useState("");
  const headingId = useId();
  const rows = rowsOf(view, queue.items);
  const { queue: outbox } = queue;

  useEffect(() => {
    if (view) outbox.reconcile(view.notes.map((n) => n.id));
  }, [view, outbox]);

  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId} className={s.sectionTitle}>
        {title ?? t("phone.myNotes")}
        {rows.length > 0 && <span className={s.aside}>{t("notes.count", { count: rows.length })}</span>}
      </h2>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announce}
      </p>
      {rows.length === 0 ? (
        <p className={s.muted}>{t("phone.noNotes")}</p>
      ) : (
        <ul className={s.list}>
          {rows.map((row) => (
            <NoteRow
              key={row.key}
              row={row}
              queue={queue}
              onDone={(message) => {
                setAnnounce(t(message));
                onChanged?.();
              }}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function reasonKey(error: string | undefined): MessageKey {
  if (error === "identity_number") return "phone.reasonIdentity";
  if (error === "invalid" || error === "too_large" || error === "bad_json") return "phone.reasonInvalid";
  if (error === "not_found") return "phone.reasonGone";
  return "phone.reasonOther";
}

function stateLabel(t: Translate, row: Row): string {
  if (row.state === "waiting") return t("phone.stateWaiting");
  if (row.state === "held") return t("phone.stateHeld");
  if (row.state === "failed") return t("phone.stateFailed");
  return t("phone.stateSent");
}

type Mode = "view" | "edit" | "confirm";

function NoteRow({ row, queue, onDone }: { row: Row; queue: NoteQueueHandle; onDone(message: MessageKey): void }) {
  const { t } = useI18n();
  const [mode, setMode] = useState<Mode>("view");
  const [draft, setDraft] = useState(row.text);
  const [color, setColor] = useState(row.color);
  const [error, setError] = useState<MessageKey | null>(null);
  const [busy, setBusy] = useState(false);
  /** What the identity-number dialog is about: the draft being saved, or a note the server refused. */
  const [asking, setAsking] = useState<"draft" | "refused" | null>(null);
  /** Deleted: hidden until the server's list catches up. */
  const [gone, setGone] = useState(false);
  /** Saved on the server: shown until the server's list catches up (or the note changes again). */
  const [saved, setSaved] = useState<{ from: string; fromColor: string; text: string; color: string } | null>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const fieldId = useId();
  const counterId = useId();
  const refusedForIdentity = row.state === "failed" && row.queued?.error === "identity_number";

  // The server still saw an identity number in a queued note: the same question as before sending.
  useEffect(() => {
    if (refusedForIdentity) setAsking("refused");
  }, [refusedForIdentity]);

  const canEdit = row.noteId !== undefined || (row.queued !== undefined && isEditableInQueue(row.queued));

  const startEdit = (text?: string) => {
    const current = saved && saved.from === row.text && saved.fromColor === row.color ? saved : row;
    setDraft(text ?? current.text);
    setColor(current.color);
    setError(null);
    setMode("edit");
    requestAnimationFrame(() => field.current?.focus());
  };
  const leave = (message?: MessageKey) => {
    setMode("view");
    setError(null);
    if (message) onDone(message);
    requestAnimationFrame(() => editButton.current?.focus());
  };

  const save = async (allowIdentityNumber: boolean) => {
    const problem = noteTextProblem(draft);
    if (problem) return setError(problem === "empty" ? "phone.empty" : "phone.tooLong");
    if (!allowIdentityNumber && (await findIdentityNumbersSoon(cleanNoteText(draft))).length > 0) return setAsking("draft");
    const allow = allowIdentityNumber || (row.queued?.allowIdentityNumber ?? false);
    if (row.queued && queue.queue.update(row.queued.key, { text: draft, color, allowIdentityNumber: allow })) return leave("phone.saved");
    const noteId = row.noteId ?? row.queued?.noteId;
    if (!noteId) return setError("phone.actionFailed");
    setBusy(true);
    const result = await callApi("PATCH", notePath(queue.boardId, noteId), {
      text: cleanNoteText(draft),
      color,
      ...(allowIdentityNumber ? { allowIdentityNumber: true } : {}),
    });
    setBusy(false);
    if (result.ok) {
      setSaved({ from: row.text, fromColor: row.color, text: cleanNoteText(draft), color });
      return leave("phone.saved");
    }
    if (result.error === "identity_number") return setAsking("draft");
    setError(result.error === "note_removed" ? "phone.noteRemoved" : "phone.actionFailed");
  };

  const remove = async () => {
    if (row.queued && row.queued.status !== "sent") {
      queue.queue.discard(row.queued.key);
      setGone(true);
      return onDone("phone.deleted");
    }
    if (!row.noteId) return;
    setBusy(true);
    const result = await callApi("DELETE", notePath(queue.boardId, row.noteId));
    setBusy(false);
    // 404: already gone (the facilitator removed it): the list catches up either way.
    if (result.ok || result.status === 404) {
      if (row.queued) queue.queue.discard(row.queued.key);
      setGone(true);
      return onDone("phone.deleted");
    }
    setError("phone.actionFailed");
  };

  if (gone) return null;
  const failed = row.state === "failed";
  const shown = saved && saved.from === row.text && saved.fromColor === row.color ? saved : row;
  return (
    <li className={s.note} style={{ background: mode === "edit" ? color : shown.color }}>
      {mode === "edit" ? (
        <form
          className={s.editor}
          onSubmit={(event) => {
            event.preventDefault();
            void save(false);
          }}
          noValidate
        >
          <label htmlFor={fieldId} className="visually-hidden">
            {t("phone.editLabel")}
          </label>
          <textarea
            id={fieldId}
            ref={field}
            className={s.textarea}
            style={{ background: "rgba(255,255,255,0.7)" }}
            rows={4}
            value={draft}
            onChange={(e) => {
              setDraft(e.target.value);
              setError(null);
            }}
            aria-describedby={counterId}
          />
          <CharacterCounter text={draft} id={counterId} />
          <ColorChoice value={color} onChange={setColor} />
          {error && (
            <p className={s.problem} role="alert">
              {t(error)}
            </p>
          )}
          <div className={s.actions}>
            <button type="submit" className={`${s.grow} ${s.accent}`} disabled={busy}>
              {t("phone.save")}
            </button>
            <button type="button" className={s.grow} onClick={() => leave()}>
              {t("phone.cancel")}
            </button>
          </div>
        </form>
      ) : (
        <>
          <p className={s.noteText}>{shown.text}</p>
          {failed && (
            <p className={s.problem}>
              {t(reasonKey(row.queued?.error))} {t("phone.fixOrDiscard")}
            </p>
          )}
          {error && (
            <p className={s.problem} role="alert">
              {t(error)}
            </p>
          )}
          {mode === "confirm" ? (
            <div className={s.confirm}>
              <p>{t("phone.deleteConfirm")}</p>
              <div className={s.actions}>
                <button type="button" className={`${s.grow} ${s.danger}`} disabled={busy} onClick={() => void remove()}>
                  {t("phone.deleteYes")}
                </button>
                <button type="button" className={s.grow} onClick={() => leave()} autoFocus>
                  {t("phone.deleteNo")}
                </button>
              </div>
            </div>
          ) : (
            <div className={s.noteFoot}>
              <span className={`${s.state} ${failed ? s.stateFailed : ""}`} aria-live="polite">
                <StateIcon state={row.state} />
                {stateLabel(t, row)}
              </span>
              {canEdit && (
                <button type="button" ref={editButton} onClick={() => startEdit()}>
                  {t("phone.edit")}
                </button>
              )}
              <button type="button" onClick={() => setMode("confirm")}>
                {row.queued && row.queued.status !== "sent" ? t("phone.discard") : t("phone.delete")}
              </button>
            </div>
          )}
        </>
      )}
      {asking && (
        <IdentityNumberDialog
          text={asking === "draft" ? draft : row.text}
          onRemove={async () => {
            const cleaned = await removeIdentityNumbersSoon(asking === "draft" ? draft : row.text);
            setAsking(null);
            startEdit(cleaned);
          }}
          onEdit={() => {
            const text = asking === "draft" ? draft : row.text;
            setAsking(null);
            startEdit(text);
          }}
          onSendAnyway={() => {
            const which = asking;
            setAsking(null);
            if (which === "draft") void save(true);
            else if (row.queued) queue.queue.update(row.queued.key, { allowIdentityNumber: true });
          }}
        />
      )}
    </li>
  );
}

function StateIcon({ state }: { state: RowState }) {
  const common = { width: 18, height: 18, viewBox: "0 0 24 24", "aria-hidden": true, focusable: false } as const;
  const stroke = { fill: "none", stroke: "currentColor", strokeWidth: 2.4, strokeLinecap: "round", strokeLinejoin: "round" } as const;
  if (state === "sent")
    return (
      <svg {...common} color="#046c4e">
        <path d="M5 12.5l4.5 4.5L19 7.5" {...stroke} />
      </svg>
    );
  if (state === "held") return <LockIcon size={18} />;
  if (state === "failed")
    return (
      <svg {...common}>
        <circle cx="12" cy="12" r="9" {...stroke} />
        <path d="M12 7.5v5.5M12 16.5v.01" {...stroke} />
      </svg>
    );
  return (
    <svg {...common}>
      <circle cx="12" cy="12" r="9" {...stroke} />
      <path d="M12 7.5V12l3 2" {...stroke} />
    </svg>
  );
}

export function LockIcon({ size = 20 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <rect x="5" y="10.5" width="14" height="10" rx="2" fill="none" stroke="currentColor" strokeWidth="2.2" />
      <path d="M8.5 10.5V8a3.5 3.5 0 0 1 7 0v2.5" fill="none" stroke="currentColor" strokeWidth="2.2" />
    </svg>
  );
}
