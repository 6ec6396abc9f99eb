"use client";

import { useState } from "react";
import type { JoinResponse, ParticipantView } from "../../lib/api/schemas";
import { useI18n } from "../i18n/I18nProvider";
import { boardPath, callApi } from "./participantApi";
import s from "./phone.module.css";

/**
 * The series' next meeting has its board: a phone the facilitator lets follow goes there as itself
 * with one tap; otherwise it is told to join with the code shown in the room.
 */
export function NextMeetingCard({ boardId, next }: { boardId: string; next: NonNullable<ParticipantView["nextMeeting"]> }) {
  const { t } = useI18n();
  const [state, setState] = useState<"idle" | "going" | "failed">("idle");
  const follow = async () => {
    setState("going");
    const answer = await callApi<JoinResponse>("POST", `${boardPath(boardId)}/me/next-meeting`);
    if (!answer.ok || !answer.data) return setState("failed");
    window.location.assign(`/p/${encodeURIComponent(answer.data.boardId)}`);
  };
  return (
    <section className={`${s.card} ${s.homework}`} aria-labelledby="next-meeting-title" data-testid="next-meeting">
      <h2 id="next-meeting-title">{t("phone.nextMeetingTitle")}</h2>
      {next.mayFollow ? (
        <>
          <p>{t("phone.nextMeetingFollow")}</p>
          <button type="button" className={s.primary} onClick={() => void follow()} disabled={state === "going"}>
            {t("phone.nextMeetingGo")}
          </button>
        </>
      ) : (
        <p>{t("phone.nextMeetingCode")}</p>
      )}
      <p className={s.error} role="status">
        {state === "failed" ? t("phone.nextMeetingFailed") : ""}
      </p>
    </section>
  );
}
