"use client";

import { useMemo, useSyncExternalStore } from "react";
import type { NoteStore } from "../board/noteStore";
import styles from "./frames.module.css";
import type { Worksheets } from "./useWorksheets";

const STEP = 10;
const BIG_STEP = 50;

/**
 * Every worksheet as a focusable button: the keyboard and screen-reader path to frames, like the
 * note list for notes. Focus shows the frame (and its bar of actions); arrows move it, Enter
 * edits, T tidies, L locks, Delete removes.
 */
export function FrameList({ worksheets, notes }: { worksheets: Worksheets; notes: NoteStore }) {
  const { t, frames, actions, facilitator, editable } = worksheets;
  const list = useSyncExternalStore(frames?.subscribe ?? noSubscribe, () => frames?.all() ?? EMPTY, () => EMPTY);
  const noteVersion = useSyncExternalStore(notes.subscribe, () => notes.version, () => 0);
  const counts = useMemo(() => {
    void noteVersion;
    const byFrame = new Map<string, number>();
    for (const note of notes.all()) if (note.frame) byFrame.set(note.frame, (byFrame.get(note.frame) ?? 0) + 1);
    return byFrame;
  }, [notes, noteVersion]);
  if (list.length === 0 || !actions) return null;

  const onKeyDown = (event: React.KeyboardEvent<HTMLButtonElement>, id: string) => {
    const frame = frames?.get(id);
    if (!frame) return;
    event.stopPropagation();
    const step = event.shiftKey ? BIG_STEP : STEP;
    const arrows: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    const key = event.key.toLowerCase();
    const movable = worksheets.canMove(frame);
    if (event.key in arrows && movable) {
      event.preventDefault();
      const [dx, dy] = arrows[event.key];
      actions.move(id, frame.x + dx, frame.y + dy);
    } else if (event.key === "Enter" && movable) {
      event.preventDefault();
      worksheets.setEditing(id);
    } else if (key === "t" && editable) {
      event.preventDefault();
      actions.tidy(id);
    } else if (key === "l" && facilitator) {
      event.preventDefault();
      actions.setLocked(id, !frame.locked);
    } else if ((event.key === "Delete" || event.key === "Backspace") && facilitator) {
      event.preventDefault();
      actions.remove(id);
    } else if (event.key === "Escape") {
      event.preventDefault();
      worksheets.select(null);
      event.currentTarget.blur();
    }
  };

  return (
    <section className={styles.list} aria-label={t("frames.label")} data-testid="frame-list">
      <h2>{t("frames.label")}</h2>
      {editable && <p className={styles.hint}>{t("frames.listHelp")}</p>}
      <ul>
        {list.map((frame) => (
          <li key={frame.id}>
            <button
              type="button"
              data-frame-id={frame.id}
              data-x={frame.x}
              data-y={frame.y}
              data-width={frame.width}
              data-height={frame.height}
              aria-pressed={worksheets.selected === frame.id}
              onFocus={() => worksheets.reveal(frame.id)}
              onKeyDown={(e) => onKeyDown(e, frame.id)}
            >
              {t("frames.item", { title: frame.title.trim() || t("frames.untitled"), kind: t(`frames.kind.${frame.kind}`) })}
              {frame.group !== undefined && `, ${t("frames.group", { group: frame.group })}`}
              {`, ${t("frames.noteCount", { count: counts.get(frame.id) ?? 0 })}`}
              {frame.locked && `, ${t("frames.locked")}`}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

const EMPTY: never[] = [];
const noSubscribe = () => () => undefined;
