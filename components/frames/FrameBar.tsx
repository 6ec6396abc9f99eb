"use client";

import { useSyncExternalStore } from "react";
import styles from "./frames.module.css";
import type { Worksheets } from "./useWorksheets";

/**
 * The selected worksheet's actions, as plain buttons (the keyboard and screen-reader path as
 * much as the mouse's): edit, tidy, lock, delete; on a scale, a 0-10 row to place one's marker.
 */
export function FrameBar({ worksheets }: { worksheets: Worksheets }) {
  const { t, frames, actions, selected, facilitator, editable } = worksheets;
  const frame = useSyncExternalStore(frames?.subscribe ?? noSubscribe, () => (selected ? frames?.get(selected) : undefined), () => undefined);
  if (!frame || !actions) return null;
  const title = frame.title.trim() || t("frames.untitled");
  const movable = worksheets.canMove(frame);
  const mine = worksheets.myMarkers[frame.id] ?? null;
  return (
    <section
      className={styles.frameBar}
      aria-label={t("frames.menu", { title })}
      data-testid="frame-bar"
      onKeyDown={(event) => {
        event.stopPropagation();
        if (event.key === "Escape") worksheets.select(null);
      }}
    >
      <h2>
        {t("frames.menu", { title })}
        {frame.locked && ` (${t("frames.locked")})`}
      </h2>
      {movable && (
        <button type="button" onClick={() => worksheets.setEditing(frame.id)}>
          {t("frames.edit")}
        </button>
      )}
      {editable && frame.kind !== "scale" && actions.mayTidy(frame.id) && (
        <button type="button" onClick={() => actions.tidy(frame.id)}>
          {t("frames.tidy")}
        </button>
      )}
      {facilitator && (
        <button type="button" aria-pressed={frame.locked === true} onClick={() => actions.setLocked(frame.id, !frame.locked)}>
          {frame.locked ? t("frames.unlock") : t("frames.lock")}
        </button>
      )}
      {facilitator && (
        <button type="button" onClick={() => actions.remove(frame.id)}>
          {t("frames.delete")}
        </button>
      )}
      <button type="button" onClick={() => worksheets.select(null)}>
        {t("frames.close")}
      </button>
      {frame.locked && !facilitator && <p className={styles.notice}>{t("frames.lockedByFacilitator")}</p>}
      {frame.kind === "scale" && editable && (
        <fieldset className={styles.scaleRow}>
          <legend>{t("frames.scale.place")}</legend>
          {Array.from({ length: 11 }, (_, value) => (
            <button key={value} type="button" aria-pressed={mine === value} aria-label={t("frames.scale.value", { value })} onClick={() => worksheets.setScale(frame.id, value)}>
              {value}
            </button>
          ))}
          <button type="button" disabled={mine === null} onClick={() => worksheets.setScale(frame.id, null)}>
            {t("frames.scale.remove")}
          </button>
        </fieldset>
      )}
      {worksheets.scaleFailed && (
        <p className={styles.error} role="alert">
          {t("frames.scale.failed")}
        </p>
      )}
    </section>
  );
}

const noSubscribe = () => () => undefined;
