"use client";

import { useEffect, useId, useRef, useState } from "react";
import type { FrameKind } from "../../lib/schema/frame";
import { useKitText } from "../i18n/useKitText";
import styles from "./frames.module.css";
import { MAX_COLUMNS, MIN_COLUMNS } from "./worksheetDefaults";

const KINDS: FrameKind[] = ["quadrant", "columns", "flipchart", "parking", "scale"];

/** "Lägg till arbetsblad": one button per kind of worksheet; Columns with how many. */
export function AddWorksheetMenu({ onAdd }: { onAdd(kind: FrameKind, columns?: number): void }) {
  const { t } = useKitText();
  const [open, setOpen] = useState(false);
  const [columns, setColumns] = useState(3);
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);

  // A click elsewhere closes the menu, like any menu.
  useEffect(() => {
    if (!open) return;
    const close = (event: PointerEvent) => !root.current?.contains(event.target as Node) && setOpen(false);
    window.addEventListener("pointerdown", close);
    root.current?.querySelector<HTMLButtonElement>(`.${styles.menuPopup} button`)?.focus();
    return () => window.removeEventListener("pointerdown", close);
  }, [open]);

  const choose = (kind: FrameKind) => {
    setOpen(false);
    onAdd(kind, kind === "columns" ? columns : undefined);
  };

  return (
    <div
      ref={root}
      className={styles.addMenu}
      onKeyDown={(event) => {
        event.stopPropagation(); // letters typed here are not board shortcuts
        if (event.key === "Escape" && open) {
          setOpen(false);
          toggle.current?.focus();
        }
      }}
    >
      <button ref={toggle} type="button" aria-label={t("frames.add")} aria-expanded={open} aria-controls={menuId} onClick={() => setOpen(!open)}>
        <span aria-hidden="true">▦</span> <span className="label">{t("frames.add")}</span>
      </button>
      {open && (
        <div id={menuId} className={styles.menuPopup} role="group" aria-label={t("frames.add")}>
          {KINDS.map((kind) =>
            kind === "columns" ? (
              <div key={kind} className={styles.columnsRow}>
                <button type="button" onClick={() => choose(kind)}>
                  {t("frames.kind.columns")} ({columns})
                </button>
                <select aria-label={t("frames.columnCount")} value={columns} onChange={(e) => setColumns(Number(e.target.value))}>
                  {Array.from({ length: MAX_COLUMNS - MIN_COLUMNS + 1 }, (_, i) => MIN_COLUMNS + i).map((n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
                </select>
              </div>
            ) : (
              <button key={kind} type="button" onClick={() => choose(kind)}>
                {t(`frames.kind.${kind}`)}
              </button>
            ),
          )}
        </div>
      )}
    </div>
  );
}
