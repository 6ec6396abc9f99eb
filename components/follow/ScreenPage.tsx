"use client";

import Link from "next/link";
import { useI18n } from "../i18n/I18nProvider";
import { useScreenSession } from "./useScreenSession";
import { clientModule } from "../loading/clientModule";
import { canvasModule } from "../canvas/LazyBoardCanvas";

// Like the board: Yjs, websockets and the canvas run in the browser only, and load beside the link's trade.
const screenView = clientModule(() => import("./ScreenView"));
screenView.preload();
canvasModule.preload();

/** /b/ID/screen: the projector's page. */
export function ScreenPage({ boardId }: { boardId: string }) {
  const { t } = useI18n();
  const state = useScreenSession(boardId);
  const view = screenView.useModule();
  if (state.status === "ready" && view.module) return <view.module.ScreenView boardId={boardId} session={state.session} />;
  if (state.status === "loading" || (state.status === "ready" && !view.failed)) {
    return (
      <main className="centered" aria-busy="true">
        <p>{t("board.loading")}</p>
      </main>
    );
  }
  // Refused, or the page's code could not be fetched (offline, or a new version went up).
  const invalid = state.status === "invalid";
  return (
    <main className="centered">
      <h1>{invalid ? t("board.invalidLink") : t("board.unavailable")}</h1>
      <p>{invalid ? t("board.invalidLinkHelp") : t("board.unavailableHelp")}</p>
      {invalid ? (
        <Link href="/">{t("board.home")}</Link>
      ) : (
        <button type="button" className="primary" onClick={() => window.location.reload()}>
          {t("board.retry")}
        </button>
      )}
    </main>
  );
}
