"use client";

import { useEffect, useRef } from "react";
import { useI18n } from "../i18n/I18nProvider";
import { useKitText } from "../i18n/useKitText";

/** What a board page shows once its board is forgotten on this device: nothing of the board, and the way on. */
export function BoardForgottenNotice() {
  const kit = useKitText().t;
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  // The dialog that asked is gone: the keyboard and a screen reader start again here.
  useEffect(() => heading.current?.focus(), []);
  return (
    <main className="centered" data-testid="board-forgotten">
      <div role="status">
        <h1 ref={heading} tabIndex={-1}>
          {kit("forget.done")}
        </h1>
        <p>{kit("forget.doneHelp")}</p>
      </div>
      {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a full load: nothing of this page stays in memory */}
      <a href="/">{t("board.home")}</a>
    </main>
  );
}
