"use client";

import { useEffect, useId, useRef, useState } from "react";
import type * as Y from "yjs";
import { readableFileStem } from "../../lib/export/filename";
import { useKitText } from "../i18n/useKitText";
import styles from "./export.module.css";

/**
 * "Exportera": the board, or the selected worksheet, as a picture, a report for the binder, a
 * table or a saved board. The report, table and file come from the server (the board's cookie goes
 * along, so they are plain links a keyboard and a browser's download both understand); the picture
 * is drawn here, where the fonts are.
 */
export interface ExportMenuProps {
  boardId: string;
  title: string;
  doc: Y.Doc;
  /** The selected worksheet, offered as what to export; none selected means the whole board. */
  frame: { id: string; title: string } | null;
  /** Another control (the deletion banner) asks for the menu: each new count opens it. */
  openRequests?: number;
}

const FORMATS = ["pdf", "csv", "json"] as const;

export function ExportMenu({ boardId, title, doc, frame, openRequests = 0 }: ExportMenuProps) {
  const { t, language } = useKitText();
  const [open, setOpen] = useState(false);
  const [onlyFrame, setOnlyFrame] = useState(true);
  const [state, setState] = useState<"idle" | "working" | "failed">("idle");
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const frameId = frame && onlyFrame ? frame.id : undefined;

  useEffect(() => {
    if (openRequests > 0) setOpen(true);
  }, [openRequests]);

  useEffect(() => {
    if (!open) return;
    const close = (event: PointerEvent) => !root.current?.contains(event.target as Node) && setOpen(false);
    window.addEventListener("pointerdown", close);
    root.current?.querySelector<HTMLElement>(`.${styles.popup} input, .${styles.popup} button`)?.focus();
    return () => window.removeEventListener("pointerdown", close);
  }, [open]);

  const href = (format: (typeof FORMATS)[number]) => {
    const query = new URLSearchParams({ lang: language, ...(frameId ? { frame: frameId } : {}) });
    return `/api/boards/${encodeURIComponent(boardId)}/export.${format}?${query}`;
  };

  // A menu closes once something is chosen; after the click, so the link's download still starts.
  const closeSoon = () =>
    setTimeout(() => {
      setOpen(false);
      toggle.current?.focus();
    }, 0);

  const downloadPng = async () => {
    setState("working");
    try {
      const { boardPng } = await import("./boardPng");
      const blob = await boardPng(doc, frameId);
      const url = URL.createObjectURL(blob);
      const link = document.createElement("a");
      link.href = url;
      link.download = `${readableFileStem(frameId && frame ? `${title} – ${frame.title}` : title)}.png`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setState("idle");
      closeSoon();
    } catch {
      setState("failed");
    }
  };

  return (
    <div
      ref={root}
      className={styles.menu}
      onKeyDown={(event) => {
        event.stopPropagation(); // letters typed here are not board shortcuts
        if (event.key === "Escape" && open) {
          setOpen(false);
          toggle.current?.focus();
        }
      }}
    >
      <button ref={toggle} type="button" aria-expanded={open} aria-controls={menuId} aria-label={t("export.menuLabel")} onClick={() => setOpen(!open)}>
        ⇩ <span className="label">{t("export.menu")}</span>
      </button>
      {open && (
        <div id={menuId} className={styles.popup} role="group" aria-label={t("export.menuLabel")}>
          {frame && (
            <fieldset className={styles.scope}>
              <legend>{t("export.scope")}</legend>
              <label>
                <input type="radio" name={`${menuId}-scope`} checked={onlyFrame} onChange={() => setOnlyFrame(true)} />
                {t("export.frameOnly", { title: frame.title.trim() || t("export.untitledFrame") })}
              </label>
              <label>
                <input type="radio" name={`${menuId}-scope`} checked={!onlyFrame} onChange={() => setOnlyFrame(false)} />
                {t("export.wholeBoard")}
              </label>
            </fieldset>
          )}
          <button type="button" onClick={downloadPng} disabled={state === "working"}>
            {t("export.png")}
          </button>
          {FORMATS.map((format) => (
            <a key={format} className={styles.item} href={href(format)} download data-format={format} onClick={closeSoon}>
              {t(`export.${format}`)}
            </a>
          ))}
          <p className={styles.status} role="status">
            {state === "working" ? t("export.working") : state === "failed" ? t("export.failed") : ""}
          </p>
        </div>
      )}
    </div>
  );
}
