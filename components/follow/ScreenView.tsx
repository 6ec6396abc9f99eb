"use client";

import { useEffect, useMemo, useState, useSyncExternalStore } from "react";
import type { NoteStore } from "../board/noteStore";
import type { Translate } from "../../lib/i18n";
import { rankByVotes } from "../../lib/voting/dots";
import { projectorFollowing } from "../../lib/board/opening-view";
import { boundsOf, visibleRect, type Viewport } from "../../lib/geometry";
import type { SessionResponse } from "../../lib/api/schemas";
import { useBoardConnection } from "../board/useBoardConnection";
import { useRevokedLink } from "../board/useRevokedLink";
import { RevokedLinkNotice } from "../board/RevokedLinkNotice";
import { BoardDeletedNotice } from "../board/BoardDeletedNotice";
import { useForgetEndedBoard } from "../device/useForgetEndedBoard";
import { useSessionState } from "../board/useSessionState";
import { ViewportStore } from "../board/viewportStore";
import { BoardCanvas } from "../canvas/LazyBoardCanvas";
import type { BoardVoting, BoardWorksheets } from "../canvas/BoardCanvas";
import { useI18n } from "../i18n/I18nProvider";
import { useKitText } from "../i18n/useKitText";
import { TimerDisplay } from "../timer/TimerDisplay";
import s from "./screen.module.css";
import { useFitProjector } from "./useFitProjector";
import { useFollow, usePresenter } from "./useFollow";
import { notesIn, smallestNoteFont } from "./projectorText";


const NO_SELECTION: ReadonlySet<string> = new Set();
const nothing = () => undefined;
const noSubscription = () => nothing;

/**
 * The projector: the board read-only and large, with no tools. It always follows the presenting
 * facilitator (the middle of their view when they zoom out further than the back of the room can
 * read), or shows the notes readably while nobody presents. A strip of its own at the top holds
 * the step's title and question and the shared timer while it runs, so nothing is ever drawn over
 * the board: the canvas gets the rest of the window. Vote counts show on the notes once public.
 * It announces no presence of its own (no name, no cursor), so it is not counted among the people
 * on the board.
 */
export function ScreenView({ boardId, session }: { boardId: string; session: SessionResponse }) {
  const { t } = useI18n();
  const kit = useKitText().t;
  // The projector is often a shared PC in a meeting room: it keeps nothing of the board.
  const { connection } = useBoardConnection(boardId, { keepCopy: false });
  const ended = useRevokedLink(boardId, connection?.provider ?? null, connection?.sessionProvider ?? null);
  useForgetEndedBoard(boardId, ended, connection?.forget, { keptCopy: false });
  const viewport = useMemo(() => new ViewportStore(), []);
  const workshop = useSessionState(connection?.session);
  const presenter = usePresenter(connection?.provider.awareness ?? null);
  const vote = workshop.vote;
  const countsPublic = vote !== null && (vote.status === "closed" || vote.showLive);
  const store = connection?.store;
  // Notes arriving or growing longer change the zoom the presented view needs, not only its moves.
  const notesVersion = useSyncExternalStore(store?.subscribe ?? noSubscription, () => store?.version ?? 0, () => 0);
  // Always following a presenter, at a zoom where the smallest text they show reads from the back.
  const follows = useMemo(() => {
    void notesVersion;
    const adjust = (shown: Viewport, screen: { width: number; height: number }) => {
      const inView = notesIn(store, visibleRect(shown, screen));
      return projectorFollowing(shown, screen, smallestNoteFont(inView, countsPublic), boundsOf(inView));
    };
    return { always: true, adjust };
  }, [store, countsPublic, notesVersion]);
  useFollow(viewport, presenter, follows);
  useFitProjector(viewport, store, connection?.frames, presenter === null, countsPublic);

  const scaleMarkers = workshop.scaleMarkers;
  const worksheets = useMemo<BoardWorksheets | undefined>(() => {
    if (!connection) return undefined;
    const readOnly = { selected: null, canMove: () => false, onSelect: nothing, onEdit: nothing, onMove: nothing, onScaleValue: nothing, onDrop: nothing };
    return { ...readOnly, frames: connection.frames, scaleMarkers };
  }, [connection, scaleMarkers]);

  // Read-only: no dot buttons (no "my dots"), only the counts once they are public, as on the board.
  const voteCounts = workshop.voteCounts;
  const voting = useMemo<BoardVoting | null>(
    () =>
      vote && countsPublic
        ? { myDots: null, counts: Object.fromEntries(vote.noteIds.map((id) => [id, voteCounts[id] ?? 0])), onDot: nothing }
        : null,
    [vote, countsPublic, voteCounts],
  );

  const steps = workshop.agenda?.steps ?? [];
  const current = workshop.agenda?.current ?? null;
  const step = current === null ? null : (steps[current] ?? null);
  const prompt = workshop.prompt;
  const timer = workshop.timer;
  const timerShown = timer !== null && timer.status !== "stopped";
  const resultsShown = vote?.status === "closed";
  // The strip is a slim title bar until there is something for the room to read in it.
  const busy = step !== null || prompt !== "" || timerShown || resultsShown;
  if (ended === "deleted") return <BoardDeletedNotice />;
  if (ended) return <RevokedLinkNotice />;
  return (
    <main className={s.screen} data-testid="screen" data-presenter={presenter?.name ?? ""}>
      <section className={`${s.strip} ${busy ? s.busy : s.slim}`} data-testid="screen-strip" aria-label={kit("projector.strip")}>
        <div className={s.text}>
          <h1 className={busy ? s.hidden : s.boardTitle}>{session.title}</h1>
          {step && (
            <p className={s.step}>
              <span className={s.stepOf}>{kit("agenda.stepOf", { step: current! + 1, total: steps.length })}</span>{" "}
              <strong className={s.title} data-testid="screen-step-title">
                {step.title}
              </strong>
              {/* Which round of roles the room is in: the trios look up when it moves on. */}
              {workshop.groups?.roles && (
                <span className={s.round} data-testid="screen-round">
                  {kit("groups.round", { round: (workshop.groups.round ?? 0) + 1 })}
                </span>
              )}
            </p>
          )}
          {prompt && (
            <p className={`${s.prompt} ${prompt.length > 160 ? s.long : ""}`} data-testid="screen-prompt">
              {prompt}
            </p>
          )}
          {resultsShown && <p className={s.results}>{t("workshop.voteClosed")}</p>}
          {resultsShown && connection && vote && (
            <VoteResults label={kit("projector.results")} store={connection.store} noteIds={vote.noteIds} counts={voteCounts} t={t} />
          )}
        </div>
        {/* One column on the right, so a long question keeps the strip's width. */}
        <div className={s.side}>
          <FullscreenButton label={kit("follow.fullscreen")} />
          {timerShown && <TimerDisplay timer={timer} size="large" />}
        </div>
      </section>
      <div className={s.board}>
        {connection && (
          <BoardCanvas
            store={connection.store}
            viewport={viewport}
            selection={NO_SELECTION}
            editingId={null}
            editable={false}
            spaceHeld={false}
            awareness={connection.provider.awareness}
            label={kit("follow.screenLabel")}
            t={t}
            onSelect={nothing}
            onCreateAt={nothing}
            onEdit={nothing}
            onMove={nothing}
            onDragStart={nothing}
            onCursor={nothing}
            voting={voting}
            worksheets={worksheets}
          />
        )}
      </div>
    </main>
  );
}

/**
 * The closed vote's counts in words, most votes first: the canvas shows them on the notes, which a
 * screen reader cannot see. Heard, not shown: the room reads the notes.
 */
function VoteResults(props: { label: string; store: NoteStore; noteIds: readonly string[]; counts: Readonly<Record<string, number>>; t: Translate }) {
  const { store, counts, t } = props;
  const version = useSyncExternalStore(store.subscribe, () => store.version, () => 0);
  const ranked = useMemo(() => {
    void version; // a note's text can change, or the note go, while the results show
    return rankByVotes(props.noteIds, counts).filter((id) => store.get(id));
  }, [version, store, props.noteIds, counts]);
  return (
    <ol className="visually-hidden" aria-label={props.label} data-testid="screen-results">
      {ranked.map((id) => (
        <li key={id}>
          {store.get(id)?.text}: {t("workshop.votes", { count: counts[id] ?? 0 })}
        </li>
      ))}
    </ol>
  );
}

/** Fills the projector's screen; gone once it does (Esc leaves, as the browser says). */
function FullscreenButton({ label }: { label: string }) {
  const [full, setFull] = useState(false);
  useEffect(() => {
    const update = () => setFull(document.fullscreenElement !== null);
    update();
    document.addEventListener("fullscreenchange", update);
    return () => document.removeEventListener("fullscreenchange", update);
  }, []);
  if (full || !document.fullscreenEnabled) return null;
  return (
    <button type="button" className={s.fullscreen} onClick={() => void document.documentElement.requestFullscreen().catch(nothing)}>
      <span aria-hidden="true">⤢</span> {label}
    </button>
  );
}
