"use client";

import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { stacksOnDrop } from "../../lib/board/frames";
import { intersects, visibleRect } from "../../lib/geometry";
import type { Role } from "../../lib/roles";
import type { FrameKind, FrameSnapshot } from "../../lib/schema/frame";
import type { NoteSnapshot } from "../../lib/schema/note";
import type { BoardConnection } from "../board/useBoardConnection";
import type { ViewportStore } from "../board/viewportStore";
import type { BoardWorksheets } from "../canvas/BoardCanvas";
import { useKitText } from "../i18n/useKitText";
import { noteLocation } from "./noteLocation";
import { placeScaleMarker } from "./scaleApi";
import { useFrameActions } from "./useFrameActions";

export interface WorksheetsOptions {
  boardId: string;
  connection: BoardConnection | null;
  role: Role;
  /** The board user's display name: their participant identity's name when a scale needs one. */
  name: string;
  viewport: ViewportStore;
  /** The note selection: a selected frame and selected notes exclude each other. */
  noteSelectionSize: number;
  clearNoteSelection(): void;
  scaleMarkers: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

/**
 * Everything the board page needs for worksheets: which one is selected or being edited, what a
 * user may do with each, and the handlers the canvas, the menu and the list share.
 */
export function useWorksheets(options: WorksheetsOptions) {
  const { boardId, connection, role, name, viewport, clearNoteSelection } = options;
  const { t } = useKitText();
  const actions = useFrameActions(connection, role);
  const frames = connection?.frames ?? null;
  const notes = connection?.store ?? null;
  const editable = role !== "viewer";
  const facilitator = role === "facilitator";
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [myMarkers, setMyMarkers] = useState<Record<string, number | null>>({});
  const [scaleFailed, setScaleFailed] = useState(false);
  const version = useSyncExternalStore(frames?.subscribe ?? noSubscribe, () => frames?.version ?? 0, () => 0);
  const nameRef = useRef(name);
  nameRef.current = name;

  // A deleted frame leaves the selection and the editor.
  useEffect(() => {
    if (!frames) return;
    if (selected && !frames.get(selected)) setSelected(null);
    if (editing && !frames.get(editing)) setEditing(null);
  }, [frames, version, selected, editing]);

  // Selecting notes deselects the frame: one thing at a time answers the keyboard and the menu.
  useEffect(() => {
    if (options.noteSelectionSize > 0) setSelected(null);
  }, [options.noteSelectionSize]);

  /** Members may move and relabel unlocked frames; the facilitator any frame. */
  const canMove = useCallback((frame: FrameSnapshot) => editable && (facilitator || !frame.locked), [editable, facilitator]);

  const select = useCallback(
    (id: string | null) => {
      setSelected(id);
      if (id) clearNoteSelection();
    },
    [clearNoteSelection],
  );

  /** Selects a frame the keyboard reached and brings it into view when it is off screen. */
  const reveal = useCallback(
    (id: string) => {
      const frame = frames?.get(id);
      if (!frame) return;
      select(id);
      if (intersects(visibleRect(viewport.get(), viewport.screen), frame)) return;
      viewport.fit(frame);
    },
    [frames, select, viewport],
  );

  const setScale = useCallback(
    (frameId: string, value: number | null) => {
      setScaleFailed(false);
      setMyMarkers((current) => ({ ...current, [frameId]: value }));
      placeScaleMarker(boardId, frameId, value, nameRef.current).catch(() => setScaleFailed(true));
    },
    [boardId],
  );

  const canvas = useMemo<BoardWorksheets | undefined>(() => {
    if (!frames || !actions || !notes) return undefined;
    return {
      frames,
      selected,
      scaleMarkers: options.scaleMarkers,
      canMove,
      onSelect: select,
      onEdit: (id) => {
        const frame = frames.get(id);
        if (!frame || !canMove(frame)) return;
        select(id);
        setEditing(id);
      },
      onMove: (id, x, y) => actions.move(id, x, y),
      onScaleValue: setScale,
      onDrop: (ids) => {
        const cells = new Set<string>();
        for (const id of ids) {
          const note = notes.get(id);
          const frame = note?.frame ? frames.get(note.frame) : undefined;
          if (!frame || !stacksOnDrop(frame)) continue;
          const key = `${frame.id}\u0000${note!.cell ?? 0}`;
          if (cells.has(key)) continue;
          cells.add(key);
          actions.tidyCell(frame.id, note!.cell ?? 0);
        }
      },
    };
  }, [frames, actions, notes, selected, options.scaleMarkers, canMove, select, setScale]);

  /** A new worksheet in the middle of the screen, zoomed out to show all of it if need be. */
  const add = useCallback(
    (kind: FrameKind, columns?: number) => {
      if (!actions || !frames) return;
      const v = viewport.get();
      const centre = { x: (viewport.screen.width / 2 - v.x) / v.scale, y: (viewport.screen.height / 2 - v.y) / v.scale };
      const id = actions.add(kind, centre, t, columns);
      const frame = frames.get(id);
      if (frame && !contains(visibleRect(v, viewport.screen), frame)) viewport.fit(frame);
      select(id);
    },
    [actions, frames, viewport, t, select],
  );

  const locate = useMemo(() => {
    void version;
    return frames ? (note: NoteSnapshot) => noteLocation(note, (id) => frames.get(id), t) : null;
  }, [frames, version, t]);

  return {
    t,
    actions,
    frames,
    editable,
    facilitator,
    selected,
    select,
    reveal,
    editing,
    setEditing,
    canMove,
    canvas,
    add,
    locate,
    myMarkers,
    setScale,
    scaleFailed,
  };
}

export type Worksheets = ReturnType<typeof useWorksheets>;

const noSubscribe = () => () => undefined;

function contains(outer: { x: number; y: number; width: number; height: number }, inner: { x: number; y: number; width: number; height: number }): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
}
