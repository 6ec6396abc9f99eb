"use client";

import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { useKitText } from "../i18n/useKitText";

/** Wide enough that the panel sits beside the board; narrower, it covers the board while open. */
const WIDE = "(min-width: 1100px)";

export interface WorkshopPanelState {
  id: string;
  open: boolean;
  setOpen(open: boolean): void;
  /** Closes the panel and gives focus back to the button that opens it. */
  close(): void;
  toggleRef: React.RefObject<HTMLButtonElement | null>;
}

/**
 * The workshop panel's open state. It starts open where it fits beside the board (a laptop), and
 * closed on a narrow screen, where it would cover the notes until asked for.
 */
export function useWorkshopPanel(): WorkshopPanelState {
  const id = useId();
  const [open, setOpen] = useState(false);
  const toggleRef = useRef<HTMLButtonElement | null>(null);
  useEffect(() => {
    if (window.matchMedia(WIDE).matches) setOpen(true);
  }, []);
  const close = useCallback(() => {
    setOpen(false);
    toggleRef.current?.focus();
  }, []);
  return { id, open, setOpen, close, toggleRef };
}

/** The header's button that shows and hides the workshop panel. */
export function WorkshopPanelToggle({ panel }: { panel: WorkshopPanelState }) {
  const { t } = useKitText();
  return (
    <button
      ref={panel.toggleRef}
      type="button"
      className="panel-toggle"
      aria-expanded={panel.open}
      aria-controls={panel.id}
      onClick={() => panel.setOpen(!panel.open)}
      data-testid="workshop-panel-toggle"
    >
      <span aria-hidden="true">☰</span> <span className="panel-toggle-text">{t("panel.toggle")}</span>
    </button>
  );
}

/**
 * Everything about running the workshop in one place beside the board: the agenda and its timer,
 * and (for the facilitator) joining, private writing, voting, groups, methods and presenting.
 * Esc closes it, unless a dialog opened from it is what Esc is for.
 */
export function WorkshopPanel({ panel, children }: { panel: WorkshopPanelState; children: ReactNode }) {
  const { t } = useKitText();
  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key !== "Escape" || e.defaultPrevented) return;
    if ((e.target as HTMLElement).closest("dialog")) return;
    e.stopPropagation();
    panel.close();
  };
  return (
    <aside id={panel.id} className="workshop-panel" aria-label={t("panel.label")} hidden={!panel.open} onKeyDown={onKeyDown} data-testid="workshop-panel">
      <div className="workshop-panel-head">
        <h2>{t("panel.toggle")}</h2>
        <button type="button" aria-label={t("panel.close")} onClick={panel.close}>
          <span aria-hidden="true">✕</span>
        </button>
      </div>
      {children}
    </aside>
  );
}
