"use client";

import { useId, useState, type ChangeEvent } from "react";
import type { ApiError, CreateBoardResponse } from "../../lib/api/schemas";
import { useKitText } from "../i18n/useKitText";
import { quotaRefusal, type QuotaRefusal } from "../home/boardQuota";
import styles from "./export.module.css";

/**
 * "Öppna en sparad tavla": a board file someone exported (lib/export/board-file.ts) becomes a new
 * board, and the browser goes to it as its facilitator, as after creating one.
 */
export function OpenSavedBoard() {
  const { t } = useKitText();
  const id = useId();
  const [state, setState] = useState<{ busy: boolean; error: string | null; refused?: QuotaRefusal }>({ busy: false, error: null });

  async function open(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    setState({ busy: true, error: null });
    try {
      let saved: unknown;
      try {
        saved = JSON.parse(await file.text());
      } catch {
        throw new Error(file.name);
      }
      const res = await fetch("/api/boards", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ import: saved }) });
      const refused = await quotaRefusal(res);
      if (refused) return setState({ busy: false, error: null, refused });
      if (res.status !== 201) throw new Error(((await res.json().catch(() => null)) as ApiError | null)?.message ?? String(res.status));
      window.location.assign(((await res.json()) as CreateBoardResponse).links.facilitator);
    } catch (error) {
      setState({ busy: false, error: error instanceof Error ? error.message : String(error) });
    }
  }

  return (
    <div className={styles.open}>
      {/* The browser's own file button speaks the browser's language ("Choose File"): ours is a
          styled label in the board's language over a visually hidden input, which keeps the focus. */}
      <input
        id={id}
        className={`visually-hidden ${styles.fileInput}`}
        type="file"
        accept="application/json,.json"
        aria-describedby={`${id}-hint`}
        disabled={state.busy}
        onChange={open}
        data-testid="open-saved-board"
      />
      <label id={`${id}-label`} htmlFor={id} className={styles.openButton} aria-disabled={state.busy || undefined}>
        <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2">
          <path d="M3 7h6l2 2h10v10H3z" />
        </svg>
        {state.busy ? t("export.importing") : t("export.import")}
      </label>
      <p id={`${id}-hint`} className={styles.hint}>
        {t("export.importHint")}
      </p>
      {state.refused && (
        <p role="alert" className="error">
          {t(state.refused.key, { count: state.refused.minutes })}
        </p>
      )}
      {state.error !== null && (
        <p role="alert" className="error">
          {t("export.importFailed", { text: state.error })}
        </p>
      )}
    </div>
  );
}
