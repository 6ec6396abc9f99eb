"use client";

import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import type { AddKitRequest, AddKitResponse } from "../../lib/kits/api";
import { useKitText } from "../i18n/useKitText";
import { KitPicker } from "./KitPicker";
import styles from "./kits.module.css";
import { useKitList } from "./useKitList";

type Outcome = { kind: "added"; title: string } | { kind: "failed" | "agendaFull" } | null;

/**
 * The facilitator's "Add worksheets from a method": a dialog with the kit picker. The server
 * writes the kit into the board (in the page's language), so every screen sees it arrive at once.
 */
export function AddKitButton({ boardId }: { boardId: string }) {
  const { t, language } = useKitText();
  const [open, setOpen] = useState(false);
  const [kit, setKit] = useState("");
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const { list, failed } = useKitList(open);
  const dialog = useRef<HTMLDialogElement>(null);
  const pickerId = useId();
  const titleId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (open && element && !element.open) element.showModal();
    if (!open && element?.open) element.close();
  }, [open]);

  // The first method is chosen once the list arrives, so Add always has something to add.
  const chosen = kit || list?.kits.find((candidate) => candidate.id !== "blank")?.id || "";

  async function add(event: FormEvent) {
    event.preventDefault();
    if (!chosen) return;
    setBusy(true);
    setOutcome(null);
    try {
      const request: AddKitRequest = { kit: chosen, language };
      const res = await fetch(`/api/boards/${encodeURIComponent(boardId)}/kit`, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(request),
      });
      if (res.status === 409) return setOutcome({ kind: "agendaFull" });
      if (res.status !== 201) throw new Error(String(res.status));
      (await res.json()) as AddKitResponse;
      setOutcome({ kind: "added", title: list?.kits.find((candidate) => candidate.id === chosen)?.title[language] ?? chosen });
      setOpen(false);
    } catch {
      setOutcome({ kind: "failed" });
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        {t("kits.add")}
      </button>
      {outcome?.kind === "added" && (
        <p className={styles.status} role="status">
          {t("kits.added", { title: outcome.title })}
        </p>
      )}
      <dialog ref={dialog} className="share-dialog" aria-labelledby={titleId} onClose={() => setOpen(false)}>
        <form method="dialog" onSubmit={add}>
          <h2 id={titleId}>{t("kits.add")}</h2>
          <p>{t("kits.addHelp")}</p>
          {list && <KitPicker id={pickerId} label={t("kits.choose")} list={list} value={chosen} onChange={setKit} withBlank={false} language={language} />}
          {failed && <p role="alert">{t("kits.loadFailed")}</p>}
          {outcome?.kind === "failed" && <p role="alert">{t("kits.failed")}</p>}
          {outcome?.kind === "agendaFull" && <p role="alert">{t("kits.agendaFull")}</p>}
          <div className="dialog-actions">
            <button type="button" onClick={() => setOpen(false)}>
              {t("kits.cancel")}
            </button>
            <button type="submit" className="primary" disabled={busy || !chosen}>
              {t("kits.addConfirm")}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
