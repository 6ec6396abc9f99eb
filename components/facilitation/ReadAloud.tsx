"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { HeldNoteView } from "../../lib/api/schemas";
import { useI18n } from "../i18n/I18nProvider";
import { workshopApi } from "./workshopApi";

/**
 * Read aloud: the waiting notes one at a time, large, for the projector. Going on places the
 * note on the board; going back only shows an earlier one again.
 */
export function ReadAloud({ boardId, heldCount, onClose }: { boardId: string; heldCount: number; onClose(): void }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const [notes, setNotes] = useState<HeldNoteView[] | null>(null);
  const [index, setIndex] = useState(0);
  const [placed, setPlaced] = useState<Set<string>>(new Set());
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    ref.current?.showModal();
  }, []);

  // Notes that arrive while reading join the end of the queue.
  useEffect(() => {
    workshopApi.held(boardId).then(
      ({ notes: held }) =>
        setNotes((current) => {
          if (!current) return held;
          const known = new Set(current.map((note) => note.id));
          return [...current, ...held.filter((note) => !known.has(note.id))];
        }),
      () => setFailed(true),
    );
  }, [boardId, heldCount]);

  const note = notes?.[index];
  // A held arrow key or a double click must not step past a note before it is placed.
  const busy = useRef(false);
  const doneButton = useRef<HTMLButtonElement>(null);
  const next = useCallback(async () => {
    if (!notes || !note || busy.current) return;
    busy.current = true;
    try {
      if (!placed.has(note.id)) {
        await workshopApi.reveal(boardId, [note.id]);
        setPlaced((current) => new Set(current).add(note.id));
      }
      setFailed(false);
      setIndex(index + 1);
      // The last note placed: the step button goes quiet, so the keyboard moves on to "Done".
      if (index + 1 >= notes.length) doneButton.current?.focus();
    } catch {
      setFailed(true);
    } finally {
      busy.current = false;
    }
  }, [boardId, notes, note, placed, index]);

  const previous = () => setIndex((i) => Math.max(0, i - 1));

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === "ArrowRight" || e.key === "PageDown") {
      e.preventDefault();
      void next();
    } else if (e.key === "ArrowLeft" || e.key === "PageUp") {
      e.preventDefault();
      previous();
    }
  };

  const total = notes?.length ?? 0;
  return (
    <dialog ref={ref} className="read-aloud" aria-labelledby="read-aloud-title" onClose={onClose} onKeyDown={onKeyDown}>
      <h2 id="read-aloud-title">{t("readAloud.title")}</h2>
      {failed && <p role="alert">{t("readAloud.failed")}</p>}
      {notes && total === 0 && <p>{t("readAloud.empty")}</p>}
      {note ? (
        <figure className="read-aloud-note" style={{ background: note.color }} aria-live="polite" data-testid="read-aloud-note">
          <blockquote>{note.text}</blockquote>
          {note.author && <figcaption>— {note.author}</figcaption>}
        </figure>
      ) : (
        notes && total > 0 && <p role="status">{t("readAloud.allPlaced")}</p>
      )}
      <p className="read-aloud-position" role="status">
        {note ? t("readAloud.position", { n: index + 1, total }) : ""}
      </p>
      <p className="hint">{t("readAloud.help")}</p>
      <div className="dialog-actions">
        <button type="button" onClick={previous} disabled={index === 0}>
          ← {t("readAloud.previous")}
        </button>
        <button type="button" className="primary" onClick={() => void next()} disabled={!note} autoFocus>
          {note && placed.has(note.id) ? t("readAloud.next") : t("readAloud.place")} →
        </button>
        <span className="spacer" />
        <button type="button" onClick={onClose} ref={doneButton}>
          {t("readAloud.done")}
        </button>
      </div>
    </dialog>
  );
}
