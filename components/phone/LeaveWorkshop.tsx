"use client";

import { useEffect, useRef, useState } from "react";
import { useI18n } from "../i18n/I18nProvider";
import { boardPath, callApi } from "./participantApi";
import s from "./phone.module.css";

/**
 * "Leave the workshop", at the foot of the phone page: asked first, then the server erases this
 * participant (their name and dots; their notes stay without a name) and the page forgets the
 * board (`onLeft`).
 */
export function LeaveWorkshop({ boardId, onLeft }: { boardId: string; onLeft(): void }) {
  const { t } = useI18n();
  const [state, setState] = useState<"idle" | "asking" | "working" | "failed">("idle");
  const confirmRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (state === "asking") confirmRef.current?.focus();
  }, [state]);

  const leave = async () => {
    setState("working");
    const result = await callApi("DELETE", `${boardPath(boardId)}/me`);
    // Already erased (401) is left too: nothing of them is on the server.
    if (result.ok || result.status === 401) onLeft();
    else setState("failed");
  };

  if (state === "idle") {
    return (
      <button type="button" className={s.leave} onClick={() => setState("asking")}>
        {t("phone.leave")}
      </button>
    );
  }
  return (
    <div className={s.leaveConfirm} role="group" aria-labelledby="leave-question">
      <p id="leave-question">{t("phone.leaveConfirm")}</p>
      <div className={s.leaveActions}>
        <button ref={confirmRef} type="button" className={s.primary} disabled={state === "working"} onClick={() => void leave()}>
          {t("phone.leaveYes")}
        </button>
        <button type="button" disabled={state === "working"} onClick={() => setState("idle")}>
          {t("phone.leaveCancel")}
        </button>
      </div>
      <p role="status" className="error">
        {state === "failed" ? t("phone.leaveFailed") : ""}
      </p>
    </div>
  );
}
