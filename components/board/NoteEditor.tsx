"use client";

import { useEffect, useRef, useSyncExternalStore } from "react";
import { textOfNote } from "../../lib/board/actions";
import { LIMITS } from "../../lib/schema/limits";
import { findIdentityNumbers } from "../../lib/privacy/identity-numbers";
import { NOTE_TEXT_STYLE } from "../canvas/noteStyle";
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
  const ref = useRef<HTMLTextAreaElement>(null);
  const { x, y, scale } = useViewport(viewport);
  const note = useSyncExternalStore(
    (listener) => connection.store.subscribeNote(noteId, listener),
    () => connection.store.get(noteId),
  );
  const text = note ? textOfNote(connection.doc, noteId) : null;
  useYTextBinding(ref, text, LOCAL_ORIGIN);

  useEffect(() => {
    ref.current?.focus();
  }, [text]);

  // The note was deleted (by anyone) while being edited.
  useEffect(() => {
    if (!note) onClose();
  }, [note, onClose]);

  if (!note) return null;
  const identityNumbers = findIdentityNumbers(note.text);
  const removeIdentityNumbers = () => {
    if (!text) return;
    // From the end, so earlier positions stay valid.
    connection.doc.transact(() => {
      for (const match of [...identityNumbers].reverse()) text.delete(match.start, match.end - match.start);
    }, LOCAL_ORIGIN);
  };
  return (
    <>
    {identityNumbers.length > 0 && (
      <div
        className="identity-warning"
        role="alert"
        style={{ left: note.x * scale + x, top: (note.y + note.height) * scale + y + 8 }}
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
      maxLength={LIMITS.maxNoteTextChars}
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
        fontSize: NOTE_TEXT_STYLE.fontSize * scale,
        lineHeight: NOTE_TEXT_STYLE.lineHeight,
        color: NOTE_TEXT_STYLE.color,
        fontFamily: NOTE_TEXT_STYLE.fontFamily,
      }}
    />
    </>
  );
}
