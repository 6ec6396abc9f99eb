"use client";

import { useId, useState } from "react";
import type { WebsocketProvider } from "y-websocket";
import type { Role } from "../../lib/roles";
import type { ViewportStore } from "../board/viewportStore";
import { useKitText } from "../i18n/useKitText";
import s from "./follow.module.css";
import { useFollow, usePresenter } from "./useFollow";
import { usePresenting } from "./usePresenting";

export interface FollowControlsProps {
  boardId: string;
  role: Role;
  awareness: WebsocketProvider["awareness"];
  viewport: ViewportStore;
}

/**
 * "Follow me", over the board's top-left corner: a facilitator presents (and opens the
 * projector view); everyone else sees who presents and may follow, stop, and follow again.
 */
export function FollowControls({ boardId, role, awareness, viewport }: FollowControlsProps) {
  const { t } = useKitText();
  const facilitator = role === "facilitator";
  const [presenting, setPresenting] = useState(false);
  usePresenting(awareness, viewport, facilitator && presenting);
  const presenter = usePresenter(awareness);
  // While presenting we lead: following someone else at the same time would only confuse.
  const follow = useFollow(viewport, presenting ? null : presenter);
  const helpId = useId();

  const message = presenting
    ? t("follow.presenting")
    : !presenter
      ? ""
      : follow.mode === "following"
        ? t("follow.following", { name: presenter.name })
        : follow.mode === "stopped"
          ? t("follow.stopped")
          : t("follow.someonePresents", { name: presenter.name });

  const followButton =
    !presenting && presenter ? (
      follow.mode === "following" ? (
        <button type="button" onClick={follow.stop}>
          {t("follow.stop")}
        </button>
      ) : (
        <button type="button" className="primary" onClick={follow.follow}>
          {follow.mode === "stopped" ? t("follow.again") : t("follow.follow")}
        </button>
      )
    ) : null;

  const visible = facilitator || message !== "";
  return (
    <section className={visible ? s.controls : s.empty} aria-label={t("follow.label")} data-testid="follow-controls" data-follow={follow.mode}>
      {/* Always in the page, so a screen reader hears each change of who leads. */}
      <p role="status" className={s.status}>
        {message}
      </p>
      {followButton}
      {facilitator && (
        <>
          <button type="button" aria-pressed={presenting} aria-describedby={helpId} onClick={() => setPresenting(!presenting)}>
            {t("follow.present")}
          </button>
          <span id={helpId} hidden>
            {t("follow.presentHelp")}
          </span>
          <button type="button" title={t("follow.projectorHelp")} onClick={() => openProjector(boardId)}>
            {t("follow.projector")}
          </button>
        </>
      )}
    </section>
  );
}

/**
 * The projector view in a new window, on this browser's board cookie (no token in the address:
 * the window is ours, and a viewer token would replace the facilitator's cookie).
 */
function openProjector(boardId: string): void {
  window.open(`/b/${encodeURIComponent(boardId)}/screen`, `samla-screen-${boardId}`);
}
