"use client";

import { useState, type FormEvent } from "react";
import type { CreateBoardResponse } from "../../lib/api/schemas";
import { LIMITS } from "../../lib/schema/limits";
import { useI18n } from "../i18n/I18nProvider";
import { LanguagePicker } from "../i18n/LanguagePicker";

export function HomePage() {
  const { t } = useI18n();
  const [title, setTitle] = useState("");
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  async function createBoard(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setFailed(false);
    try {
      const res = await fetch("/api/boards", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ title }),
      });
      if (res.status !== 201) throw new Error(String(res.status));
      const board = (await res.json()) as CreateBoardResponse;
      window.location.assign(board.links.facilitator);
    } catch {
      setFailed(true);
      setBusy(false);
    }
  }

  return (
    <main className="home">
      <header className="home-header">
        <h1>{t("app.name")}</h1>
        <LanguagePicker />
      </header>
      <p className="home-tagline">{t("app.tagline")}</p>
      <form className="home-form" onSubmit={createBoard}>
        <label htmlFor="board-title">{t("home.titleLabel")}</label>
        <input
          id="board-title"
          value={title}
          maxLength={LIMITS.maxTitleChars}
          placeholder={t("home.titlePlaceholder")}
          onChange={(e) => setTitle(e.target.value)}
        />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t("home.creating") : t("home.create")}
        </button>
        {failed && <p role="alert" className="error">{t("home.createFailed")}</p>}
      </form>
    </main>
  );
}
