"use client";

import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { charactersLeft } from "../../lib/note-text";
import type { MessageKey } from "../../lib/i18n";
import { DEFAULT_NOTE_COLOR, isNoteColor } from "../../lib/schema/note-colors";
import { useI18n } from "../i18n/I18nProvider";
import { ColorChoice } from "./ColorChoice";
import { CategoryChoice } from "./CategoryChoice";
import { findIdentityNumbersSoon, preloadIdentityCheckFor, removeIdentityNumbersSoon } from "./identityCheck";
import { IdentityNumberDialog } from "./IdentityNumberDialog";
import { cleanNoteText, noteTextProblem } from "./noteQueue";
import { readStored, writeStored } from "./participantApi";
import { keepInViewWhileFocused, revealElement } from "./reveal";
import s from "./phone.module.css";
import type { NoteQueueHandle } from "./useNoteQueue";
import { draftKey } from "../device/forgetBoard";

export interface NoteComposerProps {
  /** From useNoteQueue(boardId): the note goes into this board's outbox. */
  queue: NoteQueueHandle;
  /** The field's visible label; "Write a note" when absent. */
  label?: string;
  /** Whether the page says notes are signed now; sent with each note (a note is signed as written). */
  signed?: boolean;
  /** The step's categories (lib/board/categories.ts): the writer picks one, and the note lands in its cell. */
  categories?: ReadonlyArray<{ cell: number; label: string }> | null;
}

/** Character counter and limit, shared with the inline editor in MyNotes. */
export function CharacterCounter({ text, id }: { text: string; id: string }) {
  const { t } = useI18n();
  const { left, show } = charactersLeft(text);
  if (!show) return null;
  return (
    <p id={id} className={`${s.counter} ${left < 0 ? s.counterOver : ""}`} aria-live="polite">
      {left < 0 ? t("phone.charsOver", { count: -left }) : t("phone.charsLeft", { count: left })}
    </p>
  );
}

/**
 * Write a note: a big field (its draft kept per board across reloads), the colour, and one wide
 * "Add note" button. A note that looks like it holds an identity number asks first; a note that
 * is added goes to the outbox, which keeps it until the server has it.
 */
export function NoteComposer({ queue, label, signed, categories }: NoteComposerProps) {
  const { t } = useI18n();
  const [category, setCategory] = useState<number | null>(null);
  // A choice from another step's categories means nothing now.
  const chosen = categories?.some((choice) => choice.cell === category) ? category : null;
  const [text, setText] = useState("");
  const [color, setColor] = useState<string>(DEFAULT_NOTE_COLOR);
  const [message, setMessage] = useState<{ key: MessageKey; error: boolean } | null>(null);
  const [asking, setAsking] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);
  const checking = useRef(false);
  const addButton = useRef<HTMLButtonElement>(null);
  const messageRef = useRef<HTMLParagraphElement>(null);
  const fieldId = useId();
  const counterId = useId();
  const messageId = useId();
  const key = draftKey(queue.boardId);

  // Set once React has taken over the server-rendered form: from then on "Add" works.
  const [interactive, setInteractive] = useState(false);
  useEffect(() => {
    setInteractive(true);
    try {
      const draft = JSON.parse(readStored(key) ?? "null") as { text?: unknown; color?: unknown } | null;
      if (typeof draft?.text === "string") {
        setText(draft.text);
        preloadIdentityCheckFor(draft.text);
      }
      if (isNoteColor(draft?.color)) setColor(draft.color);
    } catch {
      // No draft.
    }
  }, [key]);

  // While typing, the keyboard never covers "Add"; after a tap, its answer is where the eye is.
  useEffect(() => {
    const el = field.current;
    return el ? keepInViewWhileFocused(el, () => addButton.current) : undefined;
  }, []);
  useEffect(() => {
    if (message) revealElement(messageRef.current);
  }, [message]);

  const saveDraft = (nextText: string, nextColor: string) => writeStored(key, JSON.stringify({ text: nextText, color: nextColor }));
  const changeText = (next: string) => {
    preloadIdentityCheckFor(next);
    setText(next);
    setMessage(null);
    saveDraft(next, color);
  };
  const changeColor = (next: string) => {
    setColor(next);
    saveDraft(text, next);
  };

  const send = (allowIdentityNumber: boolean) => {
    const result = queue.queue.add(text, color, { allowIdentityNumber, signed, ...(chosen !== null ? { category: chosen } : {}) });
    if (!result.ok) {
      setMessage({ key: result.reason === "empty" ? "phone.empty" : "phone.tooLong", error: true });
      return;
    }
    setText("");
    saveDraft("", color);
    setMessage({ key: queue.online ? "phone.added" : "phone.addedOffline", error: false });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (checking.current) return;
    const problem = noteTextProblem(text);
    if (problem) {
      setMessage({ key: problem === "empty" ? "phone.empty" : "phone.tooLong", error: true });
      field.current?.focus();
      return;
    }
    if (categories && categories.length > 0 && chosen === null) {
      setMessage({ key: "phone.chooseCategory", error: true });
      return;
    }
    checking.current = true;
    const found = await findIdentityNumbersSoon(cleanNoteText(text));
    checking.current = false;
    if (found.length > 0) setAsking(true);
    else send(false);
  };

  const backToField = (select?: { start: number; end: number }) => {
    setAsking(false);
    requestAnimationFrame(() => {
      field.current?.focus();
      if (select) field.current?.setSelectionRange(select.start, select.end);
    });
  };

  return (
    <form className={`${s.card} ${s.composer}`} onSubmit={(event) => void submit(event)} noValidate data-interactive={interactive || undefined}>
      <div>
        <label htmlFor={fieldId} className={s.fieldLabel}>
          {label ?? t("phone.writeLabel")}
        </label>
        <textarea
          id={fieldId}
          ref={field}
          className={s.textarea}
          style={{ background: color }}
          rows={4}
          value={text}
          onChange={(e) => changeText(e.target.value)}
          aria-describedby={`${counterId} ${messageId}`}
          aria-invalid={message?.error || undefined}
          autoComplete="off"
        />
        <CharacterCounter text={text} id={counterId} />
      </div>
      {categories && categories.length > 0 && <CategoryChoice choices={categories} value={chosen} onChange={(cell) => (setCategory(cell), setMessage(null))} />}
      <ColorChoice value={color} onChange={changeColor} />
      <button type="submit" className={s.primary} ref={addButton} aria-describedby={messageId}>
        {t("phone.add")}
      </button>
      <p id={messageId} ref={messageRef} className={message?.error ? s.error : s.status} role="status" aria-live="polite" data-testid="composer-message">
        {message ? t(message.key) : ""}
      </p>
      {asking && (
        <IdentityNumberDialog
          text={text}
          onRemove={async () => {
            changeText(await removeIdentityNumbersSoon(text));
            setMessage({ key: "phone.idRemoved", error: false });
            backToField();
          }}
          onEdit={async () => backToField((await findIdentityNumbersSoon(text))[0])}
          onSendAnyway={() => {
            setAsking(false);
            send(true);
          }}
        />
      )}
    </form>
  );
}
