"use client";

import { lazy, Suspense, useEffect, useRef, useState } from "react";
import { useI18n } from "../i18n/I18nProvider";
import { LanguagePicker } from "../i18n/LanguagePicker";
import { LockIcon, MyNotes } from "./MyNotes";
import { NoteComposer } from "./NoteComposer";
import { joinedCodeKey, readStored } from "./participantApi";
import s from "./phone.module.css";
import { useNoteQueue } from "./useNoteQueue";
import { useParticipantView } from "./useParticipantView";
import { VoteList } from "./VoteList";
import { BoardDeletedNotice } from "../board/BoardDeletedNotice";
import { forgetBoardOnDevice } from "../device/forgetBoard";


// Most workshops never show a scale: its code loads only when the board has one (phone JS budget).
const ScaleList = lazy(() => import("./ScaleList").then((m) => ({ default: m.ScaleList })));
// Likewise the timer, once the facilitator sets one, and leaving, once someone asks to.
const LeaveWorkshop = lazy(() => import("./LeaveWorkshop").then((m) => ({ default: m.LeaveWorkshop })));
// And the personal plan, during a personal step or once one has notes in it.
const PersonalPlan = lazy(() => import("../personal/PersonalPlan").then((m) => ({ default: m.PersonalPlan })));
const NextMeetingCard = lazy(() => import("./NextMeetingCard").then((m) => ({ default: m.NextMeetingCard })));
const HomeworkCard = lazy(() => import("./HomeworkCard").then((m) => ({ default: m.HomeworkCard })));
const TimerDisplay = lazy(() => import("../timer/TimerDisplay").then((m) => ({ default: m.TimerDisplay })));

/**
 * The phone page (/p/:boardId): the question, a field to write notes, my notes with their state,
 * and the vote when one is open. Writing works before the board has loaded and while offline:
 * notes wait in the outbox (noteQueue.ts) until the server has them.
 */
export function PhonePage({ boardId }: { boardId: string }) {
  const { t } = useI18n();
  const live = useParticipantView(boardId);
  const [refused, setRefused] = useState(false);
  const queue = useNoteQueue(boardId, { onNotJoined: () => setRefused(true) });
  const { view } = live;
  const offline = !queue.online || live.lost;

  useEffect(() => {
    document.title = view?.title ? `${view.title} – ${t("app.name")}` : t("app.name");
  }, [view?.title, t]);

  // A vote that closes while the page is open: its results (first on the page) come into view,
  // unless the writer is typing, whose field stays where it is.
  const voteStatus = view?.vote?.status;
  const lastVoteStatus = useRef(voteStatus);
  useEffect(() => {
    const was = lastVoteStatus.current;
    lastVoteStatus.current = voteStatus;
    const typing = document.activeElement instanceof HTMLTextAreaElement || document.activeElement instanceof HTMLInputElement;
    if (was === "open" && voteStatus === "closed" && !typing) window.scrollTo({ top: 0 });
  }, [voteStatus]);

  const [left, setLeft] = useState(false);
  const deleted = live.status === "deleted";
  // A deleted board, or one this phone left, leaves nothing on the phone.
  useEffect(() => {
    if (!deleted && !left) return;
    queue.queue.end();
    forgetBoardOnDevice(boardId);
  }, [deleted, left, queue.queue, boardId]);

  if (deleted) return <BoardDeletedNotice />;
  if (left) return <LeftWorkshop />;
  if (live.status === "not_joined" || refused) return <NotJoined boardId={boardId} />;

  const vote = view?.vote ?? null;
  // A view cached by an older page may lack it.
  const personal = view?.personal;
  return (
    <div>
      <div className={s.bannerSlot} aria-live="polite">
        {offline && <p className={s.banner}>{t("phone.offline")}</p>}
      </div>
      <main className={s.page}>
        <header className={s.header}>
          <h1>{view?.title || t("app.name")}</h1>
          {!view && <p>{live.status === "loading" ? t("phone.loading") : t("phone.connecting")}</p>}
          {view?.signedNotes && view.participant.name && <p>{t("phone.signed", { name: view.participant.name })}</p>}
        </header>

        {view?.nextMeeting && (
          <Suspense fallback={null}>
            <NextMeetingCard boardId={boardId} next={view.nextMeeting} />
          </Suspense>
        )}

        {/* The results are what everyone looks for once a vote closes: first on the page, not under "Mina lappar". */}
        {vote?.status === "closed" && <VoteList boardId={boardId} vote={vote} onChanged={live.refresh} />}

        {view && (view.prompt || view.step || view.timer) && (
          <section className={`${s.card} ${s.prompt}`} aria-label={view.step ?? t("phone.prompt")}>
            <h2 aria-hidden="true">{view.step ?? t("phone.prompt")}</h2>
            {view.prompt && <p>{view.prompt}</p>}
            {view.timer && (
              <Suspense fallback={null}>
                <TimerDisplay timer={view.timer} />
              </Suspense>
            )}
          </section>
        )}

        {view?.privateWriting && (
          <p className={s.notice}>
            <LockIcon />
            <span>{t("phone.private")}</span>
          </p>
        )}

        {view?.group != null && (
          <p className={`${s.card} ${s.group}`} role="status" data-testid="my-group">
            {t("phone.group", { group: view.group })}
            {view.role && (
              <strong className={s.role} data-testid="my-role">
                {t("phone.role", { role: view.role })}
              </strong>
            )}
          </p>
        )}
        {view && view.scales?.length > 0 && (
          <Suspense fallback={null}>
            <ScaleList boardId={boardId} scales={view.scales} onChanged={live.refresh} />
          </Suspense>
        )}

        {vote?.status === "open" && <VoteList boardId={boardId} vote={vote} onChanged={live.refresh} />}

        {/* A personal step writes to one's own plan, never to the board: no board note by mistake. */}
        {!personal?.step && <NoteComposer queue={queue} signed={view?.signedNotes} categories={view?.categories} />}
        {personal && (personal.step || personal.notes.length > 0) && (
          <Suspense fallback={null}>
            <PersonalPlan boardId={boardId} boardTitle={view?.title ?? ""} personal={personal} onChanged={live.refresh} />
          </Suspense>
        )}
        <MyNotes view={view} queue={queue} onChanged={live.refresh} />
        {view?.homework && (
          <Suspense fallback={null}>
            <HomeworkCard boardId={boardId} homework={view.homework} onSent={live.refresh} />
          </Suspense>
        )}

        <footer className={`${s.footer} ${s.footerStack}`}>
          <LanguagePicker />
          {view && (
            <Suspense fallback={null}>
              <LeaveWorkshop boardId={boardId} onLeft={() => setLeft(true)} />
            </Suspense>
          )}
        </footer>
      </main>
    </div>
  );
}

function LeftWorkshop() {
  const { t } = useI18n();
  return (
    <main className={s.join}>
      <div role="alert">
        <h1>{t("phone.left")}</h1>
        <p>{t("phone.leftHelp")}</p>
      </div>
    </main>
  );
}

function NotJoined({ boardId }: { boardId: string }) {
  const { t } = useI18n();
  const [code, setCode] = useState<string | null>(null);
  useEffect(() => setCode(readStored(joinedCodeKey(boardId))), [boardId]);
  return (
    <main className={s.join}>
      <h1>{t("phone.notJoined")}</h1>
      <p>{t("phone.notJoinedHelp")}</p>
      <a href={code ? `/join/${encodeURIComponent(code)}` : "/join"} className={`${s.primary} ${s.buttonLink}`}>
        {t("phone.joinAgain")}
      </a>
      <footer className={s.footer}>
        <LanguagePicker />
      </footer>
    </main>
  );
}
