"use client";

import { useState, useSyncExternalStore } from "react";
import { PARKING_STATUSES, SIGNIFICANCES, MAX_OWNER_CHARS } from "../../lib/schema/note";
import type { NoteStore } from "../board/noteStore";
import styles from "./frames.module.css";
import type { Worksheets } from "./useWorksheets";

/**
 * What the group decides about one parked question (seeds/000, Arbetsmöte 5): its significance,
 * whether it is struck out, solved by us or for another level, who is responsible, when to start
 * and when to follow up. Shown while one note in a parking lot is selected; every change is saved
 * at once and shows on every screen.
 */
export function ParkingPanel({ worksheets, notes, noteId }: { worksheets: Worksheets; notes: NoteStore; noteId: string | null }) {
  const { t, frames, actions, editable } = worksheets;
  const note = useSyncExternalStore(
    (listener) => (noteId ? notes.subscribeNote(noteId, listener) : () => undefined),
    () => (noteId ? notes.get(noteId) : undefined),
    () => undefined,
  );
  const [invalid, setInvalid] = useState(false);
  const frame = note?.frame ? frames?.get(note.frame) : undefined;
  if (!note || !frame || frame.kind !== "parking" || !actions || !editable) return null;

  const save = (fields: Parameters<typeof actions.setParking>[1]) => setInvalid(!actions.setParking(note.id, fields));
  return (
    <section className={styles.panel} aria-labelledby="parking-title" data-testid="parking-panel" onKeyDown={(e) => e.stopPropagation()}>
      <h2 id="parking-title">{t("frames.parking.panel")}</h2>
      <p className={styles.quote}>{note.text.trim()}</p>
      <label>
        <span>{t("frames.parking.significance")}</span>
        <select value={note.significance ?? ""} onChange={(e) => save({ significance: e.target.value as (typeof SIGNIFICANCES)[number] | "" })}>
          <option value="">{t("frames.parking.notSet")}</option>
          {SIGNIFICANCES.map((value) => (
            <option key={value} value={value}>
              {t(`frames.parking.${value}`)}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>{t("frames.parking.status")}</legend>
        {PARKING_STATUSES.map((value) => (
          <label key={value} className="check">
            <input type="radio" name={`status-${note.id}`} checked={(note.status ?? "open") === value} onChange={() => save({ status: value })} />
            {t(`frames.status.${value}`)}
          </label>
        ))}
      </fieldset>
      <label>
        <span>{t("frames.parking.owner")}</span>
        <input value={note.owner ?? ""} maxLength={MAX_OWNER_CHARS} onChange={(e) => save({ owner: e.target.value })} />
      </label>
      <label>
        <span>{t("frames.parking.start")}</span>
        <input type="date" value={note.startDate ?? ""} onChange={(e) => save({ startDate: e.target.value })} />
      </label>
      <label>
        <span>{t("frames.parking.followUp")}</span>
        <input type="date" value={note.followUpDate ?? ""} onChange={(e) => save({ followUpDate: e.target.value })} />
      </label>
      {invalid && (
        <p className={styles.error} role="alert">
          {t("frames.parking.invalid")}
        </p>
      )}
    </section>
  );
}
