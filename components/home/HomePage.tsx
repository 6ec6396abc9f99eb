"use client";

import { useState, type FormEvent } from "react";
import type { CreateBoardResponse } from "../../lib/api/schemas";
import { LIMITS } from "../../lib/schema/limits";
import { useI18n } from "../i18n/I18nProvider";
import { LanguagePicker } from "../i18n/LanguagePicker";
import { BLANK_KIT, KitPicker } from "../kits/KitPicker";
import { useKitList } from "../kits/useKitList";
import { useKitText } from "../i18n/useKitText";
import { OpenSavedBoard } from "../export/OpenSavedBoard";
import { quotaRefusal, type QuotaRefusal } from "./boardQuota";
import { useMe } from "../account/useMe";
import { SignInPrompt } from "../account/SignInPrompt";
import { AccountPanel } from "../account/AccountPanel";
import { signInHref } from "../account/accountApi";

export function HomePage() {
  const { t, language } = useI18n();
  const [title, setTitle] = useState("");
  const [kit, setKit] = useState(BLANK_KIT);
  const kits = useKitList();
  const kitText = useKitText().t;
  const kitTitle = kit === BLANK_KIT ? null : kits.list?.kits.find((candidate) => candidate.id === kit)?.title[language];
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const [refused, setRefused] = useState<QuotaRefusal | null>(null);
  const me = useMe();

  async function createBoard(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setFailed(false);
    setRefused(null);
    try {
      const res = await fetch("/api/boards", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        // A method's texts are written in the page's language; the board is named after it unless named here.
        body: JSON.stringify(kit === BLANK_KIT ? { title } : { title, kit, language }),
      });
      const refusal = await quotaRefusal(res);
      // Signed out meanwhile (the session lapsed): sign in again, and come back here.
      if (res.status === 401) return window.location.assign(signInHref("/"));
      if (refusal) {
        setRefused(refusal);
        setBusy(false);
        return;
      }
      if (res.status !== 201) throw new Error(String(res.status));
      const board = (await res.json()) as CreateBoardResponse;
      window.location.assign(board.links.facilitator);
    } catch {
      setFailed(true);
      setBusy(false);
    }
  }

  const createForm = (
    <>
      <form className="home-form" onSubmit={createBoard}>
        <label htmlFor="board-title">{t("home.titleLabel")}</label>
        <input
          id="board-title"
          value={title}
          maxLength={LIMITS.maxTitleChars}
          placeholder={kitTitle ?? t("home.titlePlaceholder")}
          onChange={(e) => setTitle(e.target.value)}
        />
        {kits.list && <KitPicker id="board-kit" label={kitText("kits.method")} list={kits.list} value={kit} onChange={setKit} withBlank language={language} />}
        {kits.failed && <p>{kitText("kits.loadFailed")}</p>}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t("home.creating") : t("home.create")}
        </button>
        {failed && <p role="alert" className="error">{t("home.createFailed")}</p>}
        {refused && <p role="alert" className="error">{kitText(refused.key, { count: refused.minutes })}</p>}
      </form>
      <OpenSavedBoard />
    </>
  );

  return (
    <main className="home">
      <header className="home-header">
        <h1>{t("app.name")}</h1>
        <LanguagePicker />
      </header>
      <p className="home-tagline">{t("app.tagline")}</p>
      {/* Until the server says whether it wants sign-in, neither the form nor the sign-in link. */}
      {me?.signInRequired && !me.user ? <SignInPrompt /> : me && createForm}
      {me?.user && <AccountPanel user={me.user} />}
    </main>
  );
}
