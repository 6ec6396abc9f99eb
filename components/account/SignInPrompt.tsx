"use client";

import { useI18n } from "../i18n/I18nProvider";
import { signInHref } from "./accountApi";
import s from "./account.module.css";

/** Instead of the new-board form when this server wants sign-in: a plain link, so the provider's page opens as any page would. */
export function SignInPrompt() {
  const { t } = useI18n();
  return (
    <div className={s.panel}>
      <a className={s.signInLink} href={signInHref("/")} data-testid="sign-in">
        {t("account.signInToCreate")}
      </a>
      <p className={s.help}>{t("account.signInHelp")}</p>
    </div>
  );
}
