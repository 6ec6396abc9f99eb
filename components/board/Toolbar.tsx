"use client";

import type { ReactNode } from "react";
import { NOTE_COLORS } from "../../lib/schema/note";
import { useI18n } from "../i18n/I18nProvider";
import { colorName } from "./NoteList";

export interface ToolbarProps {
  editable: boolean;
  color: string;
  canUndo: boolean;
  canRedo: boolean;
  hasSelection: boolean;
  zoomPercent: number;
  onNewNote(): void;
  onColor(color: string): void;
  onUndo(): void;
  onRedo(): void;
  onDelete(): void;
  onZoomIn(): void;
  onZoomOut(): void;
  onZoomFit(): void;
  /** The "Add worksheet" menu (components/frames). */
  worksheets?: ReactNode;
}

export function Toolbar(props: ToolbarProps) {
  const { t } = useI18n();
  return (
    <div className={props.editable ? "toolbar" : "toolbar toolbar-view-only"} role="toolbar" aria-label={t("toolbar.label")}>
      {props.editable && (
        <>
          <button type="button" className="primary" onClick={props.onNewNote} aria-keyshortcuts="N">
            + {t("toolbar.newNote")}
          </button>
          <div className="swatches" role="group" aria-label={t("toolbar.colors")}>
            {NOTE_COLORS.map((c) => (
              <button
                key={c.id}
                type="button"
                className="swatch"
                style={{ background: c.hex }}
                aria-label={t(colorName(c.hex))}
                aria-pressed={props.color === c.hex}
                data-color={c.hex}
                onClick={() => props.onColor(c.hex)}
              />
            ))}
          </div>
          {/* Undo and redo read as their arrows on a laptop too (their words show from 1400 px): the toolbar stays one row. */}
          <button type="button" onClick={props.onUndo} disabled={!props.canUndo} aria-keyshortcuts="Control+Z Meta+Z" title={t("toolbar.undo")}>
            ↶ <span className="label label-wide">{t("toolbar.undo")}</span>
          </button>
          <button type="button" onClick={props.onRedo} disabled={!props.canRedo} aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z" title={t("toolbar.redo")}>
            ↷ <span className="label label-wide">{t("toolbar.redo")}</span>
          </button>
          <button type="button" onClick={props.onDelete} disabled={!props.hasSelection} aria-keyshortcuts="Delete">
            ✕ <span className="label">{t("toolbar.delete")}</span>
          </button>
          {props.worksheets}
        </>
      )}
      <div className="zoom" role="group">
        <button type="button" onClick={props.onZoomOut} aria-label={t("toolbar.zoomOut")} aria-keyshortcuts="-">
          −
        </button>
        <output aria-live="off">{props.zoomPercent}%</output>
        <button type="button" onClick={props.onZoomIn} aria-label={t("toolbar.zoomIn")} aria-keyshortcuts="+">
          +
        </button>
        <button type="button" onClick={props.onZoomFit} aria-keyshortcuts="Shift+1">
          ⤢ <span className="label">{t("toolbar.zoomFit")}</span>
        </button>
      </div>
    </div>
  );
}
