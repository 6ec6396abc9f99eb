"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { useI18n } from "../i18n/I18nProvider";
import { BoardDeletedNotice } from "./BoardDeletedNotice";
import { useBoardSession } from "./useBoardSession";
import { clientModule } from "../loading/clientModule";
import { canvasModule } from "../canvas/LazyBoardCanvas";
import type { SessionResponse } from "../../lib/api/schemas";
import { canEdit } from "../../lib/roles";

// The live board runs only in the browser (IndexedDB, websockets, canvas): keep it, and Yjs,
// out of the server render entirely. Its code and the canvas's download while the link is traded
// for a cookie, not one after the other behind it.
const boardView = clientModule(() => import("./BoardView"));
boardView.preload();
canvasModule.preload();
const connector = clientModule(() => import("./useBoardConnection"));
connector.preload();

/** The board's copy is asked for the moment the link is good, while the page's code still runs. */
const connectEarly = (boardId: string) => (session: SessionResponse) =>
  void connector.load().then(
    (connection) => connection.prepareBoardConnection(boardId, { keepCopy: canEdit(session.role) }),
    () => {}, // the page reports code that cannot load
  );

export function BoardPage({ boardId }: { boardId: string }) {
  const { t } = useI18n();
  const state = useBoardSession(boardId, connectEarly(boardId));
  const view = boardView.useModule();

  if (state.status === "deleted") return <BoardDeletedNotice />;
  if (state.status === "invalid") {
    return (
      <Notice title={t("board.invalidLink")} help={t("board.invalidLinkHelp")}>
        <Link href="/">{t("board.home")}</Link>
      </Notice>
    );
  }
  // The board's code could not be fetched (offline before it ever loaded, or a new version went up).
  if (state.status === "unavailable" || view.failed) {
    return (
      <Notice title={t("board.unavailable")} help={t("board.unavailableHelp")}>
        <button type="button" className="primary" onClick={() => window.location.reload()}>
          {t("board.retry")}
        </button>
      </Notice>
    );
  }
  if (state.status === "loading" || !view.module) {
    return (
      <main className="centered" aria-busy="true">
        <p>{t("board.loading")}</p>
      </main>
    );
  }
  const { BoardView } = view.module;
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
