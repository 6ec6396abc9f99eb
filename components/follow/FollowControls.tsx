"use client";

import { useId } from "react";
import { useKitText } from "../i18n/useKitText";
import s from "./follow.module.css";
import type { FollowMe } from "./useFollowMe";

/** The facilitator's part, in the workshop bar: present, and open the projector view. */
export function PresentControls({ boardId, me, enlarged }: { boardId: string; me: FollowMe; /** The projector shows this view enlarged (lib/board/opening-view.ts). */ enlarged: boolean }) {
  const { t } = useKitText();
  const helpId = useId();
  if (!me.canPresent) return null;
  return (
    <span className={s.present} data-testid="present-controls">
      <button type="button" aria-pressed={me.presenting} aria-describedby={helpId} onClick={me.togglePresenting}>
        {t("follow.present")}
      </button>
      <span id={helpId} hidden>
        {t("follow.presentHelp")}
      </span>
      <span role="status" className={s.presentStatus}>
        {/* Zoomed out further than the back of the room can read, a projector about the size of this screen shows less. */}
        {me.presenting ? t(enlarged ? "follow.presentingEnlarged" : "follow.presenting") : ""}
      </span>
      <button type="button" title={t("follow.projectorHelp")} onClick={() => openProjector(boardId)}>
        {t("follow.projector")}
      </button>
    </span>
  );
}

/**
 * Everyone else's part, over the board's top-left corner while someone presents: who it is,
 * and follow, stop following, or follow again after moving the view oneself.
 */
export function FollowCard({ me }: { me: FollowMe }) {
  const { t } = useKitText();
  const { presenter, follow } = me;
  const message = !presenter
    ? ""
    : follow.mode === "following"
      ? t("follow.following", { name: presenter.name })
      : follow.mode === "stopped"
        ? t("follow.stopped")
        : t("follow.someonePresents", { name: presenter.name });
  return (
    <section className={presenter ? s.controls : s.empty} aria-label={t("follow.label")} data-testid="follow-controls" data-follow={follow.mode}>
      {/* Always in the page, so a screen reader hears each change of who leads. */}
      <p role="status" className={s.status}>
        {message}
      </p>
      {presenter &&
        (follow.mode === "following" ? (
          <button type="button" onClick={follow.stop}>
            {t("follow.stop")}
          </button>
        ) : (
          <button type="button" className="primary" onClick={follow.follow}>
            {follow.mode === "stopped" ? t("follow.again") : t("follow.follow")}
          </button>
        ))}
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
