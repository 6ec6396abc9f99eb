"use client";

import { useEffect, useState } from "react";
import type { MyBoard } from "../../lib/api/schemas";
import { useI18n } from "../i18n/I18nProvider";
import { accountApi } from "./accountApi";
import s from "./account.module.css";

/** "Mina tavlor": the boards the signed-in person owns or co-facilitates, each opened without a link. */
export function MyBoards() {
  const { t, language } = useI18n();
  const [boards, setBoards] = useState<MyBoard[] | null | "failed">(null);

  useEffect(() => {
    accountApi.myBoards().then(
      (answer) => setBoards(answer.boards),
      () => setBoards("failed"),
    );
  }, []);

  const date = new Intl.DateTimeFormat(language, { dateStyle: "long" });
  return (
    <section aria-labelledby="my-boards-title" data-testid="my-boards">
      <h2 id="my-boards-title">{t("account.myBoards")}</h2>
      {boards === "failed" && <p role="alert" className="error">{t("account.myBoardsFailed")}</p>}
      {Array.isArray(boards) && boards.length === 0 && <p>{t("account.myBoardsNone")}</p>}
      {Array.isArray(boards) && boards.length > 0 && (
        <ul className={s.boards}>
          {boards.map((board) => {
            const title = board.title || t("account.untitled");
            return (
              <li key={board.id} className={s.board}>
                <div>
                  <h3>{title}</h3>
                  <p>
                    {board.role === "owner" ? t("account.roleOwner") : t("account.roleCo")} · {t("account.deletes", { date: date.format(new Date(board.deleteAfter)) })}
                  </p>
                </div>
                <a className={s.open} href={`/b/${encodeURIComponent(board.id)}`} aria-label={t("account.open", { title })}>
                  {t("account.openShort")}
                </a>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
