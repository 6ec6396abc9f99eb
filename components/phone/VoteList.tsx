"use client";

import { useId, useRef, useState } from "react";
import type { ParticipantView, VoteCandidateView } from "../../lib/api/schemas";
import type { MessageKey } from "../../lib/i18n";
import { useI18n } from "../i18n/I18nProvider";
import { boardPath, callApi } from "./participantApi";
import s from "./phone.module.css";

export interface VoteListProps {
  boardId: string;
  /** ParticipantView["vote"] from useParticipantView; nothing is shown when there is no vote. */
  vote: ParticipantView["vote"];
  /** After a refused dot (the vote closed, …), e.g. useParticipantView's refresh. */
  onChanged?: () => void;
}

const ERRORS: Record<string, MessageKey> = {
  no_dots_left: "phone.noDotsLeft",
  one_per_note: "phone.onePerNote",
  vote_closed: "phone.voteEnded",
  not_a_candidate: "phone.voteEnded",
};

/**
 * Dot voting on a phone: the candidates as big rows, a tap gives a dot, "−" takes one back, and
 * how many dots are left. Once the vote is closed (and counts are public): the results, highest first.
 */
export function VoteList({ boardId, vote, onChanged }: VoteListProps) {
  const { t } = useI18n();
  const headingId = useId();
  const [message, setMessage] = useState<MessageKey | null>(null);
  /** The server's answer to the last dot, until the next view (which says the same) replaces it. */
  const [local, setLocal] = useState<{ base: ParticipantView["vote"]; myDots: Record<string, number>; dotsLeft: number } | null>(null);
  const busy = useRef(false);
  if (!vote) return null;

  const current = local && local.base === vote ? local : null;
  const dotsLeft = current?.dotsLeft ?? vote.dotsLeft;
  const mine = (c: VoteCandidateView) => current?.myDots[c.id] ?? c.myDots;
  const open = vote.status === "open";

  const move = async (candidate: VoteCandidateView, delta: 1 | -1) => {
    if (busy.current) return;
    if (delta === 1 && dotsLeft <= 0) return setMessage("phone.noDotsLeft");
    if (delta === 1 && !vote.allowMultiplePerNote && mine(candidate) >= 1) return setMessage("phone.onePerNote");
    busy.current = true;
    const result = await callApi<{ myDots: Record<string, number>; dotsLeft: number }>("POST", `${boardPath(boardId)}/vote/dots`, { noteId: candidate.id, delta });
    busy.current = false;
    if (result.ok && result.data) {
      // The server answers with all my dots in this vote; a note missing from it has none.
      const { myDots, dotsLeft: left } = result.data;
      const all = Object.fromEntries(vote.candidates.map((c) => [c.id, myDots[c.id] ?? 0]));
      setLocal({ base: vote, myDots: all, dotsLeft: left });
      setMessage(null);
      return;
    }
    if (result.error === "nothing_to_remove") return setMessage(null);
    setMessage((result.error && ERRORS[result.error]) || "phone.voteFailed");
    if (result.error) onChanged?.();
  };

  if (!open) {
    const counted = vote.candidates.every((c) => c.votes !== null);
    const sorted = counted ? [...vote.candidates].sort((a, b) => (b.votes ?? 0) - (a.votes ?? 0)) : vote.candidates;
    return (
      <section className={`${s.card} ${s.vote}`} aria-labelledby={headingId} data-testid="vote-results">
        <h2 id={headingId} className={s.sectionTitle}>
          {counted ? t("phone.results") : t("phone.vote")}
        </h2>
        <p className={s.muted} role="status">{t("phone.voteClosed")}</p>
        <ol className={s.list}>
          {sorted.map((c) => (
            <li key={c.id} className={s.candidate}>
              <div className={s.candidateButton} style={{ background: c.color }}>
                <span className={s.candidateText}>{c.text}</span>
                {c.myDots > 0 && <Dots count={c.myDots} label={t("phone.myDots", { count: c.myDots })} />}
              </div>
              {counted && (
                <span className={s.count}>
                  <span className={s.dot} aria-hidden="true" />
                  <span aria-hidden="true">{c.votes}</span>
                  <span className="visually-hidden">{t("phone.votes", { count: c.votes ?? 0 })}</span>
                </span>
              )}
            </li>
          ))}
        </ol>
      </section>
    );
  }

  return (
    <section className={`${s.card} ${s.vote}`} aria-labelledby={headingId}>
      <h2 id={headingId} className={s.sectionTitle}>
        {t("phone.vote")}
        <span className={s.dotsLeft} aria-live="polite">
          {t("phone.dotsLeft", { count: dotsLeft })}
        </span>
      </h2>
      <p className={s.muted}>{vote.allowMultiplePerNote ? t("phone.voteHelpMultiple") : t("phone.voteHelp")}</p>
      <p className={s.error} role="status" aria-live="polite">
        {message ? t(message) : ""}
      </p>
      <ul className={s.list}>
        {vote.candidates.map((c) => {
          const dots = mine(c);
          return (
            <li key={c.id} className={s.candidate}>
              <button type="button" className={s.candidateButton} style={{ background: c.color }} onClick={() => void move(c, 1)}>
                <span className={s.candidateText}>{c.text}</span>
                {dots > 0 && <Dots count={dots} label={t("phone.myDots", { count: dots })} />}
                {c.votes !== null && <span className={s.help}>{t("phone.votes", { count: c.votes })}</span>}
              </button>
              {dots > 0 && (
                <button type="button" className={s.minus} onClick={() => void move(c, -1)}>
                  <span aria-hidden="true">−</span>
                  <span className="visually-hidden">
                    {t("phone.removeDot")}: {c.text.slice(0, 60)}
                  </span>
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function Dots({ count, label }: { count: number; label: string }) {
  return (
    <span className={s.dots}>
      {Array.from({ length: Math.min(count, 10) }, (_, i) => (
        <span key={i} className={s.dot} aria-hidden="true" />
      ))}
      <span>{label}</span>
    </span>
  );
}
