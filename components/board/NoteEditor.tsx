"use client";

import { useEffect, useLayoutEffect, useId, useRef, useState, useSyncExternalStore } from "react";
import { textOfNote } from "../../lib/board/actions";
import { charactersLeft, MAX_NOTE_CHARS } from "../../lib/note-text";
import { findIdentityNumbers } from "../../lib/privacy/identity-numbers";
import { noteFontSize } from "../canvas/measureNoteText";
import { NOTE_TEXT_STYLE, noteTextBox } from "../canvas/noteStyle";
import { useI18n } from "../i18n/I18nProvider";
import { LOCAL_ORIGIN, type BoardConnection } from "./useBoardConnection";
import { useYTextBinding } from "./useYTextBinding";
import { useViewport, type ViewportStore } from "./viewportStore";

/** Edits a note in place: a textarea laid exactly over the note on the canvas. */
export function NoteEditor({
  connection,
  noteId,
  viewport,
  onClose,
}: {
  connection: BoardConnection;
  noteId: string;
  viewport: ViewportStore;
  onClose(): void;
}) {
  const { t } = useI18n();
  const counterId = useId();
  const ref = useRef<HTMLTextAreaElement>(null);
  const warningRef = useRef<HTMLDivElement>(null);
  const [warningShift, setWarningShift] = useState({ dx: 0, dy: 0 });
  const { x, y, scale } = useViewport(viewport);
  const note = useSyncExternalStore(
    (listener) => connection.store.subscribeNote(noteId, listener),
    () => connection.store.get(noteId),
  );
  const text = note ? textOfNote(connection.doc, noteId) : null;
  useYTextBinding(ref, text, LOCAL_ORIGIN, MAX_NOTE_CHARS);

  useEffect(() => {
    ref.current?.focus();
  }, [text]);

  // The note was deleted (by anyone) while being edited.
  useEffect(() => {
    if (!note) onClose();
  }, [note, onClose]);

  const identityNumbers = note ? findIdentityNumbers(note.text) : [];
  const warningAt = note ? { left: note.x * scale + x, top: (note.y + note.height) * scale + y + 8 } : null;
  const warned = identityNumbers.length > 0;
  // The warning opens where it can be read whole: moved in from the board's edges when the note is near one.
  useLayoutEffect(() => {
    const box = warningRef.current;
    if (!box || !warningAt) return;
    const margin = 8;
    const { width, height } = viewport.screen;
    const w = box.offsetWidth;
    const h = box.offsetHeight;
    const left = Math.min(Math.max(warningAt.left, margin), width - w - margin);
    // Below the note when it fits, otherwise above it, otherwise as low as the board allows.
    const above = warningAt.top - 16 - (note?.height ?? 0) * scale - h;
    const top = warningAt.top + h + margin <= height ? warningAt.top : above >= margin ? above : Math.max(margin, height - h - margin);
    const next = { dx: Math.round(left - warningAt.left), dy: Math.round(top - warningAt.top) };
    setWarningShift((current) => (current.dx === next.dx && current.dy === next.dy ? current : next));
  });

  if (!note) return null;
  const counter = charactersLeft(note.text);
  // The size the canvas draws this text at, so the text does not jump when the editor closes.
  const fontSize = noteFontSize(note.text, noteTextBox(note, { author: Boolean(note.author), votes: false }));
  const removeIdentityNumbers = () => {
    if (!text) return;
    // From the end, so earlier positions stay valid.
    connection.doc.transact(() => {
      for (const match of [...identityNumbers].reverse()) text.delete(match.start, match.end - match.start);
    }, LOCAL_ORIGIN);
  };
  return (
    <>
    {warned && warningAt && (
      <div
        ref={warningRef}
        className="identity-warning"
        role="alert"
        style={{ left: warningAt.left + warningShift.dx, top: warningAt.top + warningShift.dy }}
        data-testid="identity-warning"
      >
        <p>{t("editor.identityWarning")}</p>
        {/* Keeps the editor's focus, so pressing it does not close the editor first. */}
        <button type="button" className="primary" onMouseDown={(e) => e.preventDefault()} onClick={() => {
            removeIdentityNumbers();
            ref.current?.focus();
          }}>
          {t("editor.identityRemove")}
        </button>
      </div>
    )}
    <textarea
      ref={ref}
      className="note-editor"
      aria-label={t("editor.label")}
      data-testid="note-editor"
      aria-describedby={counter.show ? counterId : undefined}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.preventDefault();
          onClose();
        }
        e.stopPropagation();
      }}
      // Tabbing to the identity-number warning's button keeps the editor open.
      onBlur={(e) => !(e.relatedTarget instanceof HTMLElement && e.relatedTarget.closest(".identity-warning")) && onClose()}
      style={{
        left: note.x * scale + x,
        top: note.y * scale + y,
        width: note.width * scale,
        height: note.height * scale,
        background: note.color,
        padding: NOTE_TEXT_STYLE.padding * scale,
        fontSize: fontSize * scale,
        lineHeight: NOTE_TEXT_STYLE.lineHeight,
        color: NOTE_TEXT_STYLE.color,
        fontFamily: NOTE_TEXT_STYLE.fontFamily,
      }}
    />
    {counter.show && (
      <p
        id={counterId}
        className="note-editor-counter"
        aria-live="polite"
        data-testid="note-editor-counter"
        // Above the note, where the warning (below it) never covers it.
        style={{ left: note.x * scale + x, top: Math.max(4, note.y * scale + y - 32) }}
      >
        {counter.left < 0 ? t("phone.charsOver", { count: -counter.left }) : t("phone.charsLeft", { count: counter.left })}
      </p>
    )}
    </>
  );
}
