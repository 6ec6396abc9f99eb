"use client";

import dynamic from "next/dynamic";
import Link from "next/link";
import { useI18n } from "../i18n/I18nProvider";
import { useBoardSession } from "./useBoardSession";

// The live board runs only in the browser (IndexedDB, websockets, canvas): keep it, and Yjs,
// out of the server render entirely.
const BoardView = dynamic(() => import("./BoardView").then((m) => m.BoardView), { ssr: false });

export function BoardPage({ boardId }: { boardId: string }) {
  const { t } = useI18n();
  const state = useBoardSession(boardId);
  if (state.status === "loading") {
    return (
      <main className="centered" aria-busy="true">
        <p>{t("board.loading")}</p>
      </main>
    );
  }
  if (state.status === "unavailable") {
    return (
      <main className="centered">
        <h1>{t("board.unavailable")}</h1>
        <p>{t("board.unavailableHelp")}</p>
        <button type="button" className="primary" onClick={() => window.location.reload()}>
          {t("board.retry")}
        </button>
      </main>
    );
  }
  if (state.status === "invalid") {
    return (
      <main className="centered">
        <h1>{t("board.invalidLink")}</h1>
        <p>{t("board.invalidLinkHelp")}</p>
        <Link href="/">{t("board.home")}</Link>
      </main>
    );
  }
  return <BoardView boardId={boardId} session={state.session} />;
}
