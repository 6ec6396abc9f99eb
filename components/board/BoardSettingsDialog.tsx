"use client";

import { useEffect, useRef, useState } from "react";
import type { BoardInfoResponse } from "../../lib/api/schemas";
import { useModalDialog } from "../dialog/useModalDialog";
import { workshopApi } from "../facilitation/workshopApi";
import { useKitText } from "../i18n/useKitText";
import { ForgetOnDevice } from "../device/ForgetOnDevice";
import { AuditList } from "./AuditList";
import { RetentionSection } from "./RetentionSection";
import { FacilitatorsSection } from "../account/FacilitatorsSection";
import { useMe } from "../account/useMe";
import s from "./boardSettings.module.css";

/**
 * "About this board", for those who write on it. The facilitator's: how long it is kept (days
 * without use, or a date), what has been done with it that matters for privacy, forgetting it on
 * this device, and deleting it for everyone after a question that names the board. A member's:
 * when it will be deleted, and forgetting it on this device.
 */
export function BoardSettingsDialog(props: { boardId: string; title: string; facilitator: boolean; open: boolean; onClose(): void; onForget(): Promise<void>; onChanged?(): void }) {
  const { boardId, open, facilitator } = props;
  const { t, language } = useKitText();
  const ref = useModalDialog(open);
  const [info, setInfo] = useState<BoardInfoResponse | null>(null);
  const [changes, setChanges] = useState(0);
  const [openings, setOpenings] = useState(0);
  const me = useMe();

  useEffect(() => {
    if (!open) return;
    setOpenings((n) => n + 1);
    workshopApi.info(boardId).then(setInfo, () => setInfo(null));
  }, [boardId, open]);

  const changeRetention = async (change: Parameters<typeof workshopApi.update>[1]) => {
    setInfo(await workshopApi.update(boardId, change));
    setChanges((n) => n + 1);
    props.onChanged?.();
  };
  const when = info ? new Intl.DateTimeFormat(language, { dateStyle: "long" }).format(new Date(info.deleteAfter)) : "";

  return (
    <dialog ref={ref} className={s.dialog} aria-labelledby="board-settings-title" onClose={props.onClose} data-testid="board-settings">
      <h2 id="board-settings-title">{t("boardSettings.title")}</h2>
      {facilitator ? (
        // Opened again, it starts from what the server says, not from what was chosen before.
        <RetentionSection key={openings} info={info} onChange={changeRetention} />
      ) : (
        info && <p data-testid="retention-when">{t("retention.whenMember", { date: when })}</p>
      )}
      {facilitator && me?.user && <FacilitatorsSection boardId={boardId} title={props.title} open={open} onChange={() => setChanges((n) => n + 1)} />}
      {facilitator && <AuditList boardId={boardId} open={open} changes={changes} />}
      <ForgetOnDevice facilitator={facilitator} onForget={props.onForget} />
      {facilitator && <DeleteBoard boardId={boardId} title={props.title} />}
      <form method="dialog" className={s.footer}>
        <button type="submit">{t("boardSettings.close")}</button>
      </form>
    </dialog>
  );
}

/** Opens the dialog, from the board's header. */
export function BoardSettingsButton({ facilitator, onOpen }: { facilitator: boolean; onOpen(): void }) {
  const { t } = useKitText();
  return (
    <button type="button" onClick={onOpen} aria-label={t(facilitator ? "boardSettings.openLabel" : "boardSettings.openLabelMember")} data-testid="open-board-settings">
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
