"use client";

import { Fragment, useState } from "react";
import { useModalDialog } from "../dialog/useModalDialog";
import type { FrameChanges } from "../../lib/board/frames";
import { MAX_FRAME_LABEL_CHARS, MAX_FRAME_TITLE_CHARS, type FrameSnapshot } from "../../lib/schema/frame";
import styles from "./frames.module.css";
import type { Worksheets } from "./useWorksheets";

/** The worksheet's words: its title (a flipchart's goal) and every label it has, in one form. */
export function FrameDialog({ worksheets }: { worksheets: Worksheets }) {
  const { frames, editing } = worksheets;
  const frame = editing ? frames?.get(editing) : undefined;
  const ref = useModalDialog(frame !== undefined);

  return (
    <dialog ref={ref} className={styles.dialog} aria-labelledby="frame-dialog-title" onClose={() => worksheets.setEditing(null)} onKeyDown={(e) => e.stopPropagation()}>
      {/* Keyed by frame: a new frame starts from its own words. */}
      {frame && <FrameForm key={frame.id} frame={frame} worksheets={worksheets} />}
    </dialog>
  );
}

function FrameForm({ frame, worksheets }: { frame: FrameSnapshot; worksheets: Worksheets }) {
  const { t, actions } = worksheets;
  const [draft, setDraft] = useState<Required<Pick<FrameChanges, "title" | "cellLabels">> & FrameChanges>(() => ({
    title: frame.title,
    cellLabels: [...frame.cellLabels],
    ...(frame.kind === "quadrant"
      ? { rowAxis: frame.rowAxis ?? "", columnAxis: frame.columnAxis ?? "", rowLabels: pad(frame.rowLabels, frame.rows), columnLabels: pad(frame.columnLabels, frame.columns) }
      : {}),
    ...(frame.kind === "scale" ? { lowLabel: frame.lowLabel ?? "", highLabel: frame.highLabel ?? "" } : {}),
  }));
  const text = (label: string, value: string, onChange: (value: string) => void, max = MAX_FRAME_LABEL_CHARS, wide = false) => (
    <label className={wide ? styles.wide : undefined}>
      <span>{label}</span>
      <input value={value} maxLength={max} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
  const setIn = (key: "cellLabels" | "rowLabels" | "columnLabels", index: number) => (value: string) =>
    setDraft((d) => ({ ...d, [key]: (d[key] ?? []).map((old, i) => (i === index ? value : old)) }));

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (actions?.update(frame.id, draft)) worksheets.setEditing(null);
      }}
    >
      <h2 id="frame-dialog-title">{t("frames.dialogTitle")}</h2>
      <div className={styles.fields}>
        {text(frame.kind === "flipchart" ? t("frames.field.goal") : t("frames.field.title"), draft.title, (title) => setDraft((d) => ({ ...d, title })), MAX_FRAME_TITLE_CHARS, true)}
        {frame.kind === "quadrant" && (
          <>
            {text(t("frames.field.rowAxis"), draft.rowAxis ?? "", (rowAxis) => setDraft((d) => ({ ...d, rowAxis })))}
            {text(t("frames.field.columnAxis"), draft.columnAxis ?? "", (columnAxis) => setDraft((d) => ({ ...d, columnAxis })))}
            {draft.rowLabels?.map((value, i) => <Fragment key={`r${i}`}>{text(t("frames.field.row", { n: i + 1 }), value, setIn("rowLabels", i))}</Fragment>)}
            {draft.columnLabels?.map((value, i) => <Fragment key={`c${i}`}>{text(t("frames.field.column", { n: i + 1 }), value, setIn("columnLabels", i))}</Fragment>)}
          </>
        )}
        {frame.rows * frame.columns > 1 &&
          draft.cellLabels.map((value, i) => (
            <Fragment key={`l${i}`}>{text(frame.kind === "columns" ? t("frames.field.heading", { n: i + 1 }) : t("frames.field.cell", { n: i + 1 }), value, setIn("cellLabels", i))}</Fragment>
          ))}
        {frame.kind === "scale" && (
          <>
            {text(t("frames.field.low"), draft.lowLabel ?? "", (lowLabel) => setDraft((d) => ({ ...d, lowLabel })))}
            {text(t("frames.field.high"), draft.highLabel ?? "", (highLabel) => setDraft((d) => ({ ...d, highLabel })))}
          </>
        )}
      </div>
      <div className={styles.actions}>
        <button type="button" onClick={() => worksheets.setEditing(null)}>
          {t("frames.cancel")}
        </button>
        <button type="submit" className="primary">
          {t("frames.save")}
        </button>
      </div>
    </form>
  );
}

function pad(labels: string[] | undefined, length: number): string[] {
  return Array.from({ length }, (_, i) => labels?.[i] ?? "");
}
