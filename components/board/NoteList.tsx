"use client";

import { memo, useDeferredValue, useMemo, useSyncExternalStore } from "react";
import { NOTE_COLORS, type NoteSnapshot } from "../../lib/schema/note";
import type { MessageKey } from "../../lib/i18n";
import { useI18n } from "../i18n/I18nProvider";
import type { NoteStore } from "./noteStore";

const STEP = 10;
const NO_NOTES: NoteSnapshot[] = [];
const BIG_STEP = 50;

export function colorName(hex: string): MessageKey {
  const color = NOTE_COLORS.find((c) => c.hex === hex) ?? NOTE_COLORS[0];
  return `color.${color.id}` as MessageKey;
}

interface NoteListProps {
  store: NoteStore;
  /** Public vote counts, read out after each note. */
  voteCounts: Readonly<Record<string, number>> | null;
  /** Where a note is in words ("i Prioritering, ruta 1"), read out after its text. */
  locate?: ((note: NoteSnapshot) => string | null) | null;
  selection: ReadonlySet<string>;
  editable: boolean;
  onFocusNote(id: string): void;
  onEdit(id: string): void;
  /** Space: adds the note to the selection, or takes it out, to act on several at once. */
  onToggle(id: string): void;
  onNudge(id: string, dx: number, dy: number): void;
  onDelete(id: string): void;
  onLeave(): void;
  /** U: the note's follow-up (make it an action, or its person and dates), focus in the panel. */
  onFollowUp?(id: string): void;
}

/**
 * Every note as a focusable button, in reading order: the keyboard and screen-reader path to the
 * board. Hidden until it holds focus; tab into it from the toolbar.
 */
export const NoteList = memo(function NoteList({ store, ...buttons }: NoteListProps) {
  const { t } = useI18n();
  const version = useSyncExternalStore(store.subscribe, () => store.version, () => 0);
  const current = useMemo(() => {
    void version;
    return store.all().sort((a, b) => a.y - b.y || a.x - b.x);
  }, [store, version]);
  // A button per note is a thousand on a big board. They are rendered when the browser has time,
  // after the canvas has drawn the notes and after each change, never in the way of either.
  const notes = useDeferredValue(current, NO_NOTES);

  return (
    <section className="note-list" aria-label={t("notes.listLabel")}>
      <h2>
        {t("notes.listLabel")} <span aria-live="polite">({t("notes.count", { count: current.length })})</span>
      </h2>
      {buttons.editable && <p className="hint">{t("notes.keyboardHelp")}</p>}
      <NoteButtons notes={notes} {...buttons} />
    </section>
  );
});

const NoteButtons = memo(function NoteButtons({
  notes,
  selection,
  editable,
  onFocusNote,
  onEdit,
  onToggle,
  onNudge,
  onDelete,
  onLeave,
  onFollowUp,
  voteCounts,
  locate,
}: Omit<NoteListProps, "store"> & { notes: NoteSnapshot[] }) {
  const { t } = useI18n();

  const onKeyDown = (event: React.KeyboardEvent<HTMLButtonElement>, id: string, index: number) => {
    const step = event.shiftKey ? BIG_STEP : STEP;
    const arrows: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, -step],
      ArrowDown: [0, step],
    };
    event.stopPropagation();
    if (event.key in arrows && editable) {
      event.preventDefault();
      onNudge(id, ...arrows[event.key]);
    } else if (event.key === " ") {
      event.preventDefault();
      onToggle(id);
    } else if (event.key === "Enter" && editable) {
      event.preventDefault();
      onEdit(id);
    } else if (event.key.toLowerCase() === "u" && editable && onFollowUp) {
      event.preventDefault();
      onFollowUp(id);
    } else if ((event.key === "Delete" || event.key === "Backspace") && editable) {
      event.preventDefault();
      const neighbour = event.currentTarget.closest("ul")?.querySelectorAll("button")[index + 1 < notes.length ? index + 1 : index - 1];
      onDelete(id);
      (neighbour as HTMLButtonElement | undefined)?.focus();
    } else if (event.key === "Escape") {
      event.preventDefault();
      onLeave();
    }
  };

  return (
    <ul>
      {notes.map((note, index) => (
        <li key={note.id}>
          <button
            type="button"
            data-note-id={note.id}
            data-x={note.x}
            data-y={note.y}
            data-color={note.color}
            aria-pressed={selection.has(note.id)}
            onFocus={() => onFocusNote(note.id)}
            onKeyDown={(e) => onKeyDown(e, note.id, index)}
            onDoubleClick={() => editable && onEdit(note.id)}
          >
            {t("notes.item", {
              n: index + 1,
              total: notes.length,
              color: t(colorName(note.color)),
              text: note.text.trim() || t("notes.emptyText"),
            })}
            {locate?.(note) && `, ${locate(note)}`}
            {voteCounts?.[note.id] !== undefined && ` (${t("workshop.votes", { count: voteCounts[note.id] })})`}
          </button>
        </li>
      ))}
    </ul>
  );
});
