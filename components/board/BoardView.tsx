"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { ParticipantView, SessionResponse } from "../../lib/api/schemas";
import { intersects, visibleRect, zoomAround, type Point } from "../../lib/geometry";
import { canEdit } from "../../lib/roles";
import { DEFAULT_NOTE_COLOR } from "../../lib/schema/note";
import { isEmptyNote } from "../../lib/note-text";
import { useI18n } from "../i18n/I18nProvider";
import { BoardHeader } from "./BoardHeader";
import { NoteEditor } from "./NoteEditor";
import { NoteList } from "./NoteList";
import { ShareDialog } from "./ShareDialog";
import { BoardSettingsButton, BoardSettingsDialog } from "./BoardSettingsDialog";
import { Toolbar } from "./Toolbar";
import { useBoardActions } from "./useBoardActions";
import { LOCAL_ORIGIN, useBoardConnection } from "./useBoardConnection";
import { useRevokedLink } from "./useRevokedLink";
import { RevokedLinkNotice } from "./RevokedLinkNotice";
import { BoardDeletedNotice } from "./BoardDeletedNotice";
import { useForgetEndedBoard } from "../device/useForgetEndedBoard";
import { useForgetOnDevice } from "../device/useForgetOnDevice";
import { BoardForgottenNotice } from "../device/BoardForgottenNotice";
import { DeletionBanner } from "./DeletionBanner";
import { useDeleteAfter } from "./useDeleteAfter";
import { useBoardShortcuts } from "./useBoardShortcuts";
import { useDisplayName, usePeopleCount, usePresence } from "./usePresence";
import { useUndoState } from "./useUndoState";
import { useViewportScale, ViewportStore } from "./viewportStore";
import { BoardCanvas } from "../canvas/LazyBoardCanvas";
import { sortByVotes as sortNotesByVotes } from "../../lib/board/sort";
import { rankByVotes } from "../../lib/voting/dots";
import { WorkshopBar } from "../facilitation/WorkshopBar";
import { AgendaPanel } from "../agenda/AgendaPanel";
import { useBoardParticipant, useBoardVoter } from "../facilitation/useBoardVoter";
import { BoardParticipant, type ParticipantPanelKind } from "../facilitation/BoardParticipant";
import { useSessionState } from "./useSessionState";
import { useFitWorksheetsOnOpen } from "./useFitWorksheetsOnOpen";
import { wholeBoardRect } from "./wholeBoard";
import { useWorksheets } from "../frames/useWorksheets";
import { WorksheetPanels } from "../frames/WorksheetPanels";
import { AddWorksheetMenu } from "../frames/AddWorksheetMenu";
import { ExportMenu } from "../export/ExportMenu";
import { FollowCard, PresentControls } from "../follow/FollowControls";
import { notesIn, smallestNoteFont } from "../follow/projectorText";
import { projectorScaleFor } from "../../lib/board/opening-view";
import { useFollowMe } from "../follow/useFollowMe";
import { useArrival } from "../arrival/useArrival";
import { ArrivalChip } from "../arrival/ArrivalChip";
import { useKitText } from "../i18n/useKitText";
import { useWorkshopPanel, WorkshopPanel, WorkshopPanelToggle } from "./WorkshopPanel";
import { SeriesButton, SeriesDialog } from "../series/SeriesDialog";


const ZOOM_STEP = 1.25;

export function BoardView({ boardId, session }: { boardId: string; session: SessionResponse }) {
  const { t } = useI18n();
  const editable = canEdit(session.role);
  // Only those who write keep a copy on the device (to go on offline); a viewer only watches.
  const { connection, status } = useBoardConnection(boardId, { keepCopy: canEdit(session.role) });
  const ended = useRevokedLink(boardId, connection?.provider ?? null, connection?.sessionProvider ?? null);
  useForgetEndedBoard(boardId, ended, connection?.forget, { keptCopy: canEdit(session.role) });
  const forgetting = useForgetOnDevice(boardId, connection?.forget);
  const facilitator = session.role === "facilitator";
  const [retentionChanges, setRetentionChanges] = useState(0);
  // Those who write are told a week ahead that the board goes; viewers (often a shared screen) are not.
  const deleteAfter = useDeleteAfter(boardId, editable, retentionChanges);
  const [exportRequests, setExportRequests] = useState(0);
  const actions = useBoardActions(connection);
  const viewport = useMemo(() => new ViewportStore(), []);
  const scale = useViewportScale(viewport);
  const [name, setName] = useDisplayName(t("presence.guest"));
  const publish = usePresence(connection?.provider ?? null, name);
  const peopleHere = usePeopleCount(connection?.provider.awareness ?? null);
  const undoState = useUndoState(connection?.undo);
  const workshop = useSessionState(connection?.session);
  const followMe = useFollowMe(connection?.provider.awareness ?? null, viewport, session.role);
  const vote = workshop.vote;
  const participantWanted = editable && (workshop.privateWriting || vote?.status === "open" || workshop.personal !== null);
  const participantReady = useBoardParticipant(boardId, name, participantWanted);
  const [participantView, setParticipantView] = useState<ParticipantView | null>(null);
  const voter = useBoardVoter(boardId, vote, participantView);
  const [panel, setPanel] = useState<ParticipantPanelKind | null>(null);
  const workshopPanel = useWorkshopPanel();
  // Members and viewers get the panel only when there is something to follow in it: a step under
  // way, the timer, or something the facilitator asks of them. A list of steps not yet begun is not.
  const hasWorkshop =
    facilitator || (workshop.agenda?.current ?? null) !== null || workshop.timer !== null || workshop.privateWriting || vote !== null || workshop.personal !== null;
  // When the facilitator asks something of a member (write, vote), the member's panel opens to say so.
  const asked = !facilitator && (workshop.privateWriting || vote?.status === "open" || workshop.personal !== null);
  const { setOpen: setWorkshopPanelOpen } = workshopPanel;
  useEffect(() => {
    if (asked) setWorkshopPanelOpen(true);
  }, [asked, setWorkshopPanelOpen]);

  const [selection, setSelection] = useState<Set<string>>(new Set());
  const [editingId, setEditingId] = useState<string | null>(null);
  const [color, setColor] = useState<string>(DEFAULT_NOTE_COLOR);
  const [spaceHeld, setSpaceHeld] = useState(false);
  const [shareOpen, setShareOpen] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [followUpOpen, setFollowUpOpen] = useState(false);
  const [seriesOpen, setSeriesOpen] = useState(false);
  const returnFocus = useRef<HTMLElement | null>(null);
  const store = connection?.store;
  const clearNoteSelection = useCallback(() => setSelection((current) => (current.size === 0 ? current : new Set())), []);
  const arrival = useArrival(connection?.store ?? null, connection?.frames ?? null, workshop.inbox);
  const kitText = useKitText().t;
  const worksheets = useWorksheets({ boardId, connection, role: session.role, name, viewport, noteSelectionSize: selection.size, clearNoteSelection, scaleMarkers: workshop.scaleMarkers });

  // Selected notes that someone else deleted leave the selection.
  useEffect(() => {
    if (!store) return;
    return store.subscribe(() =>
      setSelection((current) => {
        const kept = [...current].filter((id) => store.get(id));
        return kept.length === current.size ? current : new Set(kept);
      }),
    );
  }, [store]);

  // The note "Ny lapp" just made: left empty (Esc or a click elsewhere), it is no note and goes.
  const createdId = useRef<string | null>(null);
  const startEditing = useCallback(
    (id: string) => {
      if (!editable) return;
      returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      createdId.current = null;
      setSelection(new Set([id]));
      setEditingId(id);
      publish.editing(id);
    },
    [editable, publish],
  );

  const stopEditing = useCallback(() => {
    const created = createdId.current;
    createdId.current = null;
    const left = created ? store?.get(created) : undefined;
    if (created && left && isEmptyNote(left.text)) actions?.remove([created]);
    setEditingId(null);
    publish.editing(null);
    const target = returnFocus.current;
    returnFocus.current = null;
    if (target?.isConnected) target.focus();
  }, [publish, store, actions]);

  const screenCenter = (): Point => {
    const v = viewport.get();
    return { x: (viewport.screen.width / 2 - v.x) / v.scale, y: (viewport.screen.height / 2 - v.y) / v.scale };
  };

  const createAt = (point: Point) => {
    if (!actions) return;
    // While private writing is on, a new note goes to the server, which holds it until the reveal.
    if (workshop.privateWriting) return setPanel("write");
    const id = actions.createAt(point, color);
    startEditing(id);
    createdId.current = id;
  };

  const sortByVotes = () => {
    if (!vote || !connection) return;
    const { doc, undo } = connection;
    // One undo step, not merged with a move a moment before.
    undo.stopCapturing();
    sortNotesByVotes(doc, rankByVotes(vote.noteIds, workshop.voteCounts), LOCAL_ORIGIN);
    undo.stopCapturing();
  };

  const countsPublic = vote !== null && (vote.status === "closed" || vote.showLive);
  // Whether the projector shows less than this view: its smallest text would read below 24 px there.
  const projectorEnlarges = () => {
    const inView = notesIn(connection?.store, visibleRect(viewport.get(), viewport.screen));
    return scale < projectorScaleFor(smallestNoteFont(inView, countsPublic));
  };
  const voting = useMemo(
    () =>
      vote
        ? {
            myDots: voter?.myDots ?? null,
            // Every candidate has a count once they are public (zero included); other notes none.
            counts: countsPublic ? Object.fromEntries(vote.noteIds.map((id) => [id, workshop.voteCounts[id] ?? 0])) : null,
            onDot: (id: string) => voter?.dot(id),
          }
        : null,
    [vote, voter, countsPublic, workshop.voteCounts],
  );

  const zoomBy = (factor: number) =>
    viewport.set(zoomAround(viewport.get(), { x: viewport.screen.width / 2, y: viewport.screen.height / 2 }, factor));
  const zoomFit = () => store && viewport.fit(wholeBoardRect(store, connection?.frames, arrival && arrival.count > 0 ? arrival.whole : null));
  useFitWorksheetsOnOpen(connection, viewport);

  /** Brings a note into view when the keyboard reaches it off screen. */
  const selectionRef = useRef(selection);
  selectionRef.current = selection;
  // Set by Space in the note list: while marking, moving focus keeps the selection.
  const marking = useRef(false);

  /** Selects a note the keyboard reached (unless marking several) and brings it into view. */
  const revealNote = useCallback(
    (id: string) => {
      const note = store?.get(id);
      if (!note) return;
      if (!marking.current) setSelection(new Set([id]));
      const area = visibleRect(viewport.get(), viewport.screen);
      if (intersects(area, note)) return;
      const v = viewport.get();
      viewport.set({ ...v, x: viewport.screen.width / 2 - (note.x + note.width / 2) * v.scale, y: viewport.screen.height / 2 - (note.y + note.height / 2) * v.scale });
    },
    [store, viewport],
  );

  const followUp = useMemo(
    () => ({
      open: followUpOpen,
      close: () => setFollowUpOpen(false),
      showNote: revealNote,
      dismiss: () => (followUpOpen ? setFollowUpOpen(false) : setSelection(new Set())),
    }),
    [followUpOpen, revealNote],
  );

  // Stable, so the note list (one button per note) re-renders only when notes or selection change.
  const listHandlers = useMemo(() => {
    const targets = (id: string) => (selectionRef.current.has(id) ? [...selectionRef.current] : [id]);
    return {
      onFocusNote: revealNote,
      onEdit: startEditing,
      onToggle: (id: string) => {
        const next = new Set(selectionRef.current);
        if (!marking.current) next.add(id);
        else if (next.has(id)) next.delete(id);
        else next.add(id);
        marking.current = true;
        setSelection(next);
      },
      onNudge: (id: string, dx: number, dy: number) => actions?.nudge(targets(id), dx, dy),
      onDelete: (id: string) => {
        actions?.remove(targets(id));
        marking.current = false;
        setSelection(new Set());
      },
      onLeave: () => {
        marking.current = false;
        (document.activeElement as HTMLElement | null)?.blur();
      },
      onFollowUp: (id: string) => {
        marking.current = false;
        setSelection(new Set([id]));
        setFollowUpOpen(true);
      },
    };
  }, [revealNote, startEditing, actions]);

  const deleteSelection = () => {
    if (!actions || selection.size === 0) return;
    actions.remove(selection);
    setSelection(new Set());
  };

  useBoardShortcuts(editable, {
    newNote: () => createAt(screenCenter()),
    deleteSelection,
    undo: () => actions?.undo(),
    redo: () => actions?.redo(),
    editSelection: () => selection.size === 1 && startEditing([...selection][0]),
    clearSelection: () => setSelection(new Set()),
    // Arrows move the selected notes; with nothing selected they move the view.
    nudge: (dx, dy) => {
      if (selection.size > 0 && editable) return actions?.nudge(selection, dx, dy);
      const v = viewport.get();
      viewport.set({ ...v, x: v.x - dx * 5, y: v.y - dy * 5 });
    },
    zoomIn: () => zoomBy(ZOOM_STEP),
    zoomOut: () => zoomBy(1 / ZOOM_STEP),
    zoomFit,
    setSpaceHeld,
  });

  if (forgetting.forgotten) return <BoardForgottenNotice />;
  if (ended === "deleted") return <BoardDeletedNotice />;
  if (ended) return <RevokedLinkNotice />;
  return (
    <div className="board-page">
      <BoardHeader
        title={session.title}
        role={session.role}
        status={status}
        peopleHere={peopleHere + workshop.phonesLive}
        name={name}
        onName={setName}
        onShare={session.links ? () => setShareOpen(true) : undefined}
        about={editable && !facilitator ? <BoardSettingsButton facilitator={false} onOpen={() => setSettingsOpen(true)} /> : undefined}
        panelToggle={connection && hasWorkshop ? <WorkshopPanelToggle panel={workshopPanel} /> : undefined}
      />
      {connection && hasWorkshop && (
        <WorkshopPanel panel={workshopPanel}>
          <WorkshopBar
            boardId={boardId}
            role={session.role}
            session={workshop}
            selection={[...selection]}
            noteCount={store?.size ?? 0}
            dotsLeft={voter?.dotsLeft ?? null}
            onSortByVotes={sortByVotes}
            onWritePrivately={editable ? () => setPanel("write") : undefined}
            onShowVoteList={editable ? () => setPanel("vote") : undefined}
            frames={connection.frames}
            presentControls={<PresentControls boardId={boardId} me={followMe} enlarged={followMe.presenting && projectorEnlarges()} />}
          />
          {/* Under the tools and what is going on now, so a long list of steps never pushes them away. */}
          <AgendaPanel boardId={boardId} role={session.role} session={workshop} online={status === "online"} />
          {/* The facilitator's "Om tavlan" (keeping, deleting, co-facilitators) is a workshop tool too. */}
          {facilitator && (
            <div className="workshop-panel-about">
              <SeriesButton onOpen={() => setSeriesOpen(true)} />
              <BoardSettingsButton facilitator onOpen={() => setSettingsOpen(true)} />
            </div>
          )}
        </WorkshopPanel>
      )}
      <Toolbar
        editable={editable}
        color={color}
        canUndo={undoState.canUndo}
        canRedo={undoState.canRedo}
        hasSelection={selection.size > 0}
        zoomPercent={Math.round(scale * 100)}
        onNewNote={() => createAt(screenCenter())}
        onColor={(next) => {
          setColor(next);
          if (selection.size > 0) actions?.recolor(selection, next);
        }}
        onUndo={() => actions?.undo()}
        onRedo={() => actions?.redo()}
        onDelete={deleteSelection}
        onZoomIn={() => zoomBy(ZOOM_STEP)}
        onZoomOut={() => zoomBy(1 / ZOOM_STEP)}
        onZoomFit={zoomFit}
        worksheets={
          <>
            <AddWorksheetMenu onAdd={worksheets.add} />
            <button type="button" aria-pressed={followUpOpen} onClick={() => setFollowUpOpen((open) => !open)} data-testid="follow-up-toggle">
              ✓ <span className="label">{kitText("followUp.title")}</span>
            </button>
            {connection && (
              <ExportMenu boardId={boardId} title={session.title} doc={connection.doc} frame={(worksheets.selected && connection.frames.get(worksheets.selected)) || null} openRequests={exportRequests} />
            )}
          </>
        }
      />
      <div className="board-banner">
        <DeletionBanner deleteAfter={deleteAfter} facilitator={facilitator} onAct={() => (facilitator ? setSettingsOpen(true) : setExportRequests((n) => n + 1))} />
      </div>
      <div className="board-area">
        {connection && store && (
          <>
            <BoardCanvas
              store={store}
              viewport={viewport}
              selection={selection}
              editingId={editingId}
              editable={editable}
              spaceHeld={spaceHeld}
              awareness={connection.provider.awareness}
              label={t("canvas.label")}
              t={t}
              onSelect={setSelection}
              onCreateAt={createAt}
              onEdit={startEditing}
              onMove={(moves) => actions?.move(moves)}
              onDragStart={(ids) => actions?.toFront(ids)}
              onCursor={publish.cursor}
              voting={voting}
              worksheets={worksheets.canvas}
              arrival={arrival && { area: arrival.area, label: arrival.label, text: kitText("arrival.label") }}
            />
            <FollowCard me={followMe} />
            <ArrivalChip arrival={arrival} viewport={viewport} />
            {editingId && <NoteEditor connection={connection} noteId={editingId} viewport={viewport} onClose={stopEditing} />}
            {participantReady && (
              <BoardParticipant boardId={boardId} panel={panel} onClosePanel={() => setPanel(null)} onView={setParticipantView} />
            )}
            <NoteList
              store={store}
              selection={selection}
              editable={editable}
              voteCounts={voting?.counts ?? null}
              locate={worksheets.locate}
              {...listHandlers}
            />
            <WorksheetPanels boardId={boardId} worksheets={worksheets} notes={store} selection={selection} followUp={followUp} />
          </>
        )}
      </div>
      {facilitator && (
        <SeriesDialog boardId={boardId} place={{ seriesId: session.series?.id ?? null, nextKit: session.nextKit ?? null }} open={seriesOpen} onClose={() => setSeriesOpen(false)} />
      )}
      {session.links && <ShareDialog boardId={boardId} links={session.links} open={shareOpen} onClose={() => setShareOpen(false)} />}
      {editable && (
        <BoardSettingsDialog
          boardId={boardId}
          title={session.title}
          facilitator={facilitator}
          open={settingsOpen}
          onClose={() => setSettingsOpen(false)}
          onForget={forgetting.forget}
          onChanged={() => setRetentionChanges((n) => n + 1)}
        />
      )}
    </div>
  );
}
