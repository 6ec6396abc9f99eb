"use client";

import Link from "next/link";
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
      <Link href="/">{t("board.home")}</Link>
    </main>
  );
}
