"use client";

import { useEffect, useRef, useState } from "react";
import type { BoardLinks, RenewLinkResponse } from "../../lib/api/schemas";
import type { LinkKind } from "../../lib/roles";
import { call } from "../facilitation/workshopApi";
import { useKitText } from "../i18n/useKitText";
import s from "./renewLink.module.css";

export function renewLink(boardId: string, kind: LinkKind): Promise<RenewLinkResponse> {
  return call<RenewLinkResponse>("POST", `/api/boards/${encodeURIComponent(boardId)}/links/${kind}/renew`);
}

/**
 * "Renew link" under one share link: asks first (the old link stops for everyone who has it),
 * then hands the new links up. Renewing the facilitator's own link also renews this browser's
 * cookie on the server's side, so the page goes on.
 */
export function RenewLink({ boardId, kind, label, onRenewed }: { boardId: string; kind: LinkKind; label: string; onRenewed(links: BoardLinks): void }) {
  const { t } = useKitText();
  const [state, setState] = useState<"idle" | "asking" | "working" | "done" | "failed" | "cancelled">("idle");
  const confirmRef = useRef<HTMLButtonElement>(null);
  const startRef = useRef<HTMLButtonElement>(null);
  const questionId = `renew-question-${kind}`;

  useEffect(() => {
    if (state === "asking") confirmRef.current?.focus();
    // Back on the button once the question is gone, so the keyboard stays in the row.
    if (state === "done" || state === "failed" || state === "cancelled") startRef.current?.focus();
  }, [state]);

  const renew = () => {
    setState("working");
    renewLink(boardId, kind).then(
      ({ links }) => {
        onRenewed(links);
        setState("done");
      },
      () => setState("failed"),
    );
  };

  const asking = state === "asking" || state === "working";
  return (
    <div className={s.renew}>
      {asking ? (
        <div className={s.confirm} role="group" aria-labelledby={questionId}>
          <p id={questionId}>{t("links.renewConfirm")}</p>
          <div className={s.actions}>
            <button ref={confirmRef} type="button" className="primary" disabled={state === "working"} onClick={renew} data-testid={`share-renew-confirm-${kind}`}>
              {t("links.renewYes")}
            </button>
            <button type="button" disabled={state === "working"} onClick={() => setState("cancelled")}>
              {t("links.cancel")}
            </button>
          </div>
        </div>
      ) : (
        <button ref={startRef} type="button" aria-label={t("links.renewLabel", { label })} onClick={() => setState("asking")} data-testid={`share-renew-${kind}`}>
          {t("links.renew")}
        </button>
      )}
      {/* Always there, so screen readers announce what it comes to say. */}
      <span role="status" className={state === "failed" ? "error" : s.done}>
        {state === "done" ? t("links.renewed") : state === "failed" ? t("links.renewFailed") : ""}
      </span>
    </div>
  );
}
