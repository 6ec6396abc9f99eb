"use client";

import { lazy, Suspense, useEffect, useRef } from "react";
import type { ParticipantView } from "../../lib/api/schemas";
import { useI18n } from "../i18n/I18nProvider";
import { MyNotes, NoteComposer, useNoteQueue, useParticipantView, VoteList } from "../phone";

const PersonalPlan = lazy(() => import("../personal/PersonalPlan").then((m) => ({ default: m.PersonalPlan })));

export type ParticipantPanelKind = "write" | "vote";

/**
 * A board user as a participant, mounted once their identity exists: the same outbox, notes list
 * and vote list as on a phone, in a side panel, and their live view handed up for the canvas.
 */
export function BoardParticipant(props: {
  boardId: string;
  panel: ParticipantPanelKind | null;
  onClosePanel(): void;
  onView(view: ParticipantView | null): void;
}) {
  const { t } = useI18n();
  const { boardId, panel, onView } = props;
  const live = useParticipantView(boardId);
  const queue = useNoteQueue(boardId);

  useEffect(() => onView(live.view), [live.view, onView]);
  const personal = live.view?.personal;

  // Opening the panel takes the keyboard there (the composer's field, or the vote list); closing
  // gives it back to whatever opened it.
  const panelRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!panel) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    panelRef.current?.querySelector<HTMLElement>("textarea, button:not([data-close])")?.focus();
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, [panel]);

  if (!panel) return null;
  return (
    <aside
      ref={panelRef}
      className="participant-panel"
      aria-labelledby="participant-panel-title"
      onKeyDown={(e) => {
        if (e.key !== "Escape") return;
        e.stopPropagation();
        props.onClosePanel();
      }}
    >
      <div className="participant-panel-head">
        <h2 id="participant-panel-title">{panel === "write" ? t("workshop.writePrivately") : t("workshop.voteList")}</h2>
        <button type="button" data-close onClick={props.onClosePanel}>
          {t("share.close")}
        </button>
      </div>
      {panel === "write" ? (
        <>
          {/* A personal step writes to one's own plan, never to the board. */}
          {!personal?.step && <NoteComposer queue={queue} signed={live.view?.signedNotes} categories={live.view?.categories} />}
          {personal && (personal.step || personal.notes.length > 0) && (
            <Suspense fallback={null}>
              <PersonalPlan boardId={boardId} boardTitle={live.view?.title ?? ""} personal={personal} onChanged={live.refresh} />
            </Suspense>
          )}
          <MyNotes view={live.view} queue={queue} onChanged={live.refresh} />
        </>
      ) : (
        <VoteList boardId={boardId} vote={live.view?.vote ?? null} onChanged={live.refresh} />
      )}
    </aside>
  );
}
