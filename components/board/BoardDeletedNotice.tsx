"use client";

import { useI18n } from "../i18n/I18nProvider";

/** What every page of a deleted board shows instead of it: plainly, and that nothing stays behind. */
export function BoardDeletedNotice() {
  const { t } = useI18n();
  return (
    <main className="centered" data-testid="board-deleted">
      <div role="alert">
        <h1>{t("board.deleted")}</h1>
        <p>{t("board.deletedHelp")}</p>
      </div>
      {/* A plain link: next/link would add about 4 KB to the phone page, which shows this too. */}
      {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
      <a href="/">{t("board.home")}</a>
    </main>
  );
}
