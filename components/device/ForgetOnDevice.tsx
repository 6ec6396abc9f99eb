"use client";

import { useEffect, useRef, useState } from "react";
import { useKitText } from "../i18n/useKitText";
import s from "../board/boardSettings.module.css";

/**
 * "Forget the board on this device", in "Om tavlan": asks first, saying what goes (this device's
 * copy and access) and what stays (the board, for everyone else); a facilitator is warned to keep
 * their link, which is the only way back to running the board.
 */
export function ForgetOnDevice({ facilitator, onForget }: { facilitator: boolean; onForget(): Promise<void> }) {
  const { t } = useKitText();
  const [state, setState] = useState<"idle" | "asking" | "working" | "failed">("idle");
  const confirmRef = useRef<HTMLButtonElement>(null);
  const startRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (state === "asking") confirmRef.current?.focus();
  }, [state]);

  const forget = () => {
    setState("working");
    onForget().catch(() => setState("failed"));
  };
  const cancel = () => {
    setState("idle");
    queueMicrotask(() => startRef.current?.focus());
  };

  return (
    <section aria-labelledby="forget-board-title">
      <h3 id="forget-board-title">{t("forget.title")}</h3>
      {state === "idle" ? (
        <button ref={startRef} type="button" onClick={() => setState("asking")} data-testid="forget-board">
          {t("forget.start")}
        </button>
      ) : (
        <div role="group" aria-labelledby="forget-board-question">
          <p id="forget-board-question">{t("forget.confirm")}</p>
          {facilitator && <p className={s.warning}>{t("forget.facilitatorWarning")}</p>}
          <div className={s.actions}>
            <button ref={confirmRef} type="button" className="primary" disabled={state === "working"} onClick={forget} data-testid="forget-board-confirm">
              {t("forget.yes")}
            </button>
            <button type="button" disabled={state === "working"} onClick={cancel}>
              {t("forget.cancel")}
            </button>
          </div>
        </div>
      )}
      <span role="status" className="error">
        {state === "failed" ? t("forget.failed") : ""}
      </span>
    </section>
  );
}
