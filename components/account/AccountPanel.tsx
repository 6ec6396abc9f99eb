"use client";

import { useEffect, useRef, useState } from "react";
import type { SignedInUser } from "../../lib/api/schemas";
import { useI18n } from "../i18n/I18nProvider";
import { accountApi } from "./accountApi";
import { MyBoards } from "./MyBoards";
import s from "./account.module.css";

/** The start page of a signed-in person: who, signing out, their boards, and erasing the account. */
export function AccountPanel({ user }: { user: SignedInUser }) {
  const { t } = useI18n();
  const [failed, setFailed] = useState(false);

  const logout = () => {
    setFailed(false);
    accountApi.logout().then(
      () => window.location.assign("/"),
      () => setFailed(true),
    );
  };

  return (
    <div className={s.panel}>
      <div className={s.signedIn}>
        <p data-testid="signed-in-as">{t("account.signedInAs", { name: user.name })}</p>
        <button type="button" onClick={logout}>
          {t("account.logout")}
        </button>
      </div>
      {failed && <p role="alert" className="error">{t("account.actionFailed")}</p>}
      <MyBoards />
      <DeleteAccount />
    </div>
  );
}

/** Asks first; the account goes for real (docs/privacy.md), the boards stay with their links. */
function DeleteAccount() {
  const { t } = useI18n();
  const [state, setState] = useState<"idle" | "asking" | "working" | "failed">("idle");
  const confirmRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (state === "asking") confirmRef.current?.focus();
  }, [state]);

  const remove = () => {
    setState("working");
    accountApi.deleteMe().then(
      () => window.location.assign("/"),
      () => setState("failed"),
    );
  };

  if (state === "idle") {
    return (
      <button type="button" className={s.danger} onClick={() => setState("asking")}>
        {t("account.deleteAccount")}
      </button>
    );
  }
  return (
    <div role="group" aria-labelledby="delete-account-question">
      <p id="delete-account-question">{t("account.deleteConfirm")}</p>
      <div className={s.row}>
        <button ref={confirmRef} type="button" className={s.danger} disabled={state === "working"} onClick={remove}>
          {t("account.deleteYes")}
        </button>
        <button type="button" disabled={state === "working"} onClick={() => setState("idle")}>
          {t("account.cancel")}
        </button>
      </div>
      {state === "failed" && <p role="alert" className="error">{t("account.actionFailed")}</p>}
    </div>
  );
}
