"use client";

import { useI18n } from "../i18n/I18nProvider";
import { BoardView } from "./BoardView";
import { useBoardSession } from "./useBoardSession";

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
  if (state.status === "invalid") {
    return (
      <main className="centered">
        <h1>{t("board.invalidLink")}</h1>
        <p>{t("board.invalidLinkHelp")}</p>
        <a href="/">{t("board.home")}</a>
      </main>
    );
  }
  return <BoardView boardId={boardId} session={state.session} />;
}
