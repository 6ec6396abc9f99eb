"use client";

import { useEffect } from "react";
import type { ParticipantView } from "../../lib/api/schemas";
import { useI18n } from "../i18n/I18nProvider";
import { MyNotes, NoteComposer, useNoteQueue, useParticipantView, VoteList } from "../phone";

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

  if (!panel) return null;
  return (
    <aside className="participant-panel" aria-labelledby="participant-panel-title">
      <div className="participant-panel-head">
        <h2 id="participant-panel-title">{panel === "write" ? t("workshop.writePrivately") : t("workshop.voteList")}</h2>
        <button type="button" onClick={props.onClosePanel}>
          {t("share.close")}
        </button>
      </div>
      {panel === "write" ? (
        <>
          <NoteComposer queue={queue} />
          <MyNotes view={live.view} queue={queue} onChanged={live.refresh} />
        </>
      ) : (
        <VoteList boardId={boardId} vote={live.view?.vote ?? null} onChanged={live.refresh} />
      )}
    </aside>
  );
}
