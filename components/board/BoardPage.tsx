"use client";

import dynamic from "next/dynamic";
import Link from "next/link";
import type { ReactNode } from "react";
import { useI18n } from "../i18n/I18nProvider";
import { BoardDeletedNotice } from "./BoardDeletedNotice";
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
      <Notice title={t("board.unavailable")} help={t("board.unavailableHelp")}>
        <button type="button" className="primary" onClick={() => window.location.reload()}>
          {t("board.retry")}
        </button>
      </Notice>
    );
  }
  if (state.status === "deleted") return <BoardDeletedNotice />;
  if (state.status === "invalid") {
    return (
      <Notice title={t("board.invalidLink")} help={t("board.invalidLinkHelp")}>
        <Link href="/">{t("board.home")}</Link>
      </Notice>
    );
  }
  return <BoardView boardId={boardId} session={state.session} />;
}

/** A full-page message with a way forward. */
function Notice({ title, help, children }: { title: string; help: string; children: ReactNode }) {
  return (
    <main className="centered">
      <h1>{title}</h1>
      <p>{help}</p>
      {children}
    </main>
  );
}
