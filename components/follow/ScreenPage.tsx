"use client";

import dynamic from "next/dynamic";
import Link from "next/link";
import { useI18n } from "../i18n/I18nProvider";
import { useScreenSession } from "./useScreenSession";

// Like the board: Yjs, websockets and the canvas run in the browser only.
const ScreenView = dynamic(() => import("./ScreenView").then((m) => m.ScreenView), { ssr: false });

/** /b/ID/screen: the projector's page. */
export function ScreenPage({ boardId }: { boardId: string }) {
  const { t } = useI18n();
  const state = useScreenSession(boardId);
  if (state.status === "ready") return <ScreenView boardId={boardId} session={state.session} />;
  if (state.status === "loading") {
    return (
      <main className="centered" aria-busy="true">
        <p>{t("board.loading")}</p>
      </main>
    );
  }
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
