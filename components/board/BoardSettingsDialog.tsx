"use client";

import { useEffect, useRef, useState } from "react";
import type { BoardInfoResponse } from "../../lib/api/schemas";
import { useModalDialog } from "../dialog/useModalDialog";
import { workshopApi } from "../facilitation/workshopApi";
import { useKitText } from "../i18n/useKitText";
import { AuditList } from "./AuditList";
import { FacilitatorsSection } from "../account/FacilitatorsSection";
import { useMe } from "../account/useMe";
import s from "./boardSettings.module.css";

/** Choices offered for how long an unused board is kept; the server's maximum is always one. */
const RETENTION_CHOICES = [7, 14, 30, 60, 90, 180, 365];

/**
 * The facilitator's "About this board": how long it is kept without use (and the date that makes),
 * what has been done with it that matters for privacy, and deleting it for everyone, after a
 * question that names the board.
 */
export function BoardSettingsDialog({ boardId, title, open, onClose }: { boardId: string; title: string; open: boolean; onClose(): void }) {
  const { t, language } = useKitText();
  const ref = useModalDialog(open);
  const [info, setInfo] = useState<BoardInfoResponse | null>(null);
  const [saved, setSaved] = useState<"saved" | "failed" | null>(null);
  const [changes, setChanges] = useState(0);
  const me = useMe();

  useEffect(() => {
    if (!open) return;
    setSaved(null);
    workshopApi.info(boardId).then(setInfo, () => setInfo(null));
  }, [boardId, open]);

  const max = info?.retentionDaysMax ?? 90;
  const days = Math.min(info?.retentionDays ?? max, max);
  const choices = [...new Set([...RETENTION_CHOICES.filter((d) => d < max), max])];
  const date = info ? new Intl.DateTimeFormat(language, { dateStyle: "long" }).format(new Date(info.deleteAfter)) : "";

  const choose = (next: number) => {
    setSaved(null);
    workshopApi.update(boardId, { retentionDays: next === max ? null : next }).then(
      (answer) => {
        setInfo(answer);
        setSaved("saved");
        setChanges((n) => n + 1);
      },
      () => setSaved("failed"),
    );
  };

  return (
    <dialog ref={ref} className={s.dialog} aria-labelledby="board-settings-title" onClose={onClose} data-testid="board-settings">
      <h2 id="board-settings-title">{t("boardSettings.title")}</h2>
      <section aria-labelledby="retention-title">
        <h3 id="retention-title">{t("retention.title")}</h3>
        <label className={s.field}>
          <span>{t("retention.label")}</span>
          <select value={days} disabled={!info} onChange={(e) => choose(Number(e.target.value))} data-testid="retention-days">
            {choices.map((choice) => (
              <option key={choice} value={choice}>
                {t("retention.days", { count: choice })}
              </option>
            ))}
          </select>
        </label>
        {info && <p data-testid="retention-when">{t("retention.when", { date })}</p>}
        <p className={s.muted}>{t("retention.export")}</p>
        <span role="status" className={saved === "failed" ? "error" : s.muted}>
          {saved === "saved" ? t("retention.saved") : saved === "failed" ? t("retention.failed") : ""}
        </span>
      </section>
      {me?.user && <FacilitatorsSection boardId={boardId} title={title} open={open} onChange={() => setChanges((n) => n + 1)} />}
      <AuditList boardId={boardId} open={open} changes={changes} />
      <DeleteBoard boardId={boardId} title={title} />
      <form method="dialog" className={s.footer}>
        <button type="submit">{t("boardSettings.close")}</button>
      </form>
    </dialog>
  );
}

/** Opens the dialog, from the facilitator's bar. */
export function BoardSettingsButton({ onOpen }: { onOpen(): void }) {
  const { t } = useKitText();
  return (
    <button type="button" onClick={onOpen} aria-label={t("boardSettings.openLabel")} data-testid="open-board-settings">
      {t("boardSettings.open")}
    </button>
  );
}

/** Asks first, naming the board; once deleted, the page hears it like everyone else (4410). */
function DeleteBoard({ boardId, title }: { boardId: string; title: string }) {
  const { t } = useKitText();
  const [state, setState] = useState<"idle" | "asking" | "working" | "failed">("idle");
  const confirmRef = useRef<HTMLButtonElement>(null);
  const startRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (state === "asking") confirmRef.current?.focus();
  }, [state]);

  const remove = () => {
    setState("working");
    workshopApi.deleteBoard(boardId).catch(() => setState("failed"));
  };
  const cancel = () => {
    setState("idle");
    queueMicrotask(() => startRef.current?.focus());
  };

  return (
    <section className={s.danger} aria-labelledby="delete-board-title">
      <h3 id="delete-board-title">{t("deleteBoard.title")}</h3>
      {state === "idle" ? (
        <button ref={startRef} type="button" className={s.dangerButton} onClick={() => setState("asking")} data-testid="delete-board">
          {t("deleteBoard.start")}
        </button>
      ) : (
        <div role="group" aria-labelledby="delete-board-question">
          <p id="delete-board-question">{t("deleteBoard.confirm", { title })}</p>
          <div className={s.actions}>
            <button ref={confirmRef} type="button" className={s.dangerButton} disabled={state === "working"} onClick={remove} data-testid="delete-board-confirm">
              {t("deleteBoard.yes", { title })}
            </button>
            <button type="button" disabled={state === "working"} onClick={cancel}>
              {t("deleteBoard.cancel")}
            </button>
          </div>
        </div>
      )}
      <span role="status" className="error">
        {state === "failed" ? t("deleteBoard.failed") : ""}
      </span>
    </section>
  );
}
