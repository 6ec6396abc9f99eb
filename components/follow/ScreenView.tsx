"use client";

import dynamic from "next/dynamic";
import { useEffect, useMemo, useState } from "react";
import type { SessionResponse } from "../../lib/api/schemas";
import { useBoardConnection } from "../board/useBoardConnection";
import { useRevokedLink } from "../board/useRevokedLink";
import { RevokedLinkNotice } from "../board/RevokedLinkNotice";
import { BoardDeletedNotice } from "../board/BoardDeletedNotice";
import { useForgetEndedBoard } from "../device/useForgetEndedBoard";
import { useSessionState } from "../board/useSessionState";
import { ViewportStore } from "../board/viewportStore";
import type { BoardWorksheets } from "../canvas/BoardCanvas";
import { useI18n } from "../i18n/I18nProvider";
import { useKitText } from "../i18n/useKitText";
import { TimerDisplay } from "../timer/TimerDisplay";
import s from "./screen.module.css";
import { useFitWhole } from "./useFitWhole";
import { useFollow, usePresenter } from "./useFollow";

const BoardCanvas = dynamic(() => import("../canvas/BoardCanvas"), { ssr: false });

const NO_SELECTION: ReadonlySet<string> = new Set();
const nothing = () => undefined;

/**
 * The projector: the board read-only and large, with no tools. It always follows the presenting
 * facilitator, or shows the whole board while nobody presents; above it the step's question, in
 * a corner the shared timer while it runs. It announces no presence of its own (no name, no
 * cursor), so it is not counted among the people on the board.
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
  useFollow(viewport, presenter, { always: true });
  useFitWhole(viewport, connection?.store, connection?.frames, presenter === null);

  const scaleMarkers = workshop.scaleMarkers;
  const worksheets = useMemo<BoardWorksheets | undefined>(() => {
    if (!connection) return undefined;
    const readOnly = { selected: null, canMove: () => false, onSelect: nothing, onEdit: nothing, onMove: nothing, onScaleValue: nothing, onDrop: nothing };
    return { ...readOnly, frames: connection.frames, scaleMarkers };
  }, [connection, scaleMarkers]);

  const timer = workshop.timer;
  if (ended === "deleted") return <BoardDeletedNotice />;
  if (ended) return <RevokedLinkNotice />;
  return (
    <main className={s.screen} data-testid="screen" data-presenter={presenter?.name ?? ""}>
      <h1 className={s.hidden}>{session.title}</h1>
      {workshop.prompt && <p className={s.prompt}>{workshop.prompt}</p>}
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
            voting={null}
            worksheets={worksheets}
          />
        )}
        {timer && timer.status !== "stopped" && (
          <div className={s.timer}>
            <TimerDisplay timer={timer} size="large" />
          </div>
        )}
        <FullscreenButton label={kit("follow.fullscreen")} />
      </div>
    </main>
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
