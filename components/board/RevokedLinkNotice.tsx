"use client";

import Link from "next/link";
import { useI18n } from "../i18n/I18nProvider";
import { useKitText } from "../i18n/useKitText";

/** What a page whose link was taken back shows instead of the board: plainly, and what to do. */
export function RevokedLinkNotice() {
  const { t } = useI18n();
  const { t: kit } = useKitText();
  return (
    <main className="centered" data-testid="link-revoked">
      <div role="alert">
        <h1>{kit("links.revoked")}</h1>
        <p>{kit("links.revokedHelp")}</p>
      </div>
      <Link href="/">{t("board.home")}</Link>
    </main>
  );
}
