"use client";

import { nanoid } from "nanoid";
import { useMemo } from "react";
import { createFrame, deleteFrame, DEFAULT_FRAME_SIZE, moveFrame, tidyCell, tidyFrame, updateFrame, type FrameChanges } from "../../lib/board/frames";
import { workshopApi } from "../facilitation/workshopApi";
import { clearFollowUp, makeAction, setFollowUpFields, type FollowUpEdit } from "../../lib/board/follow-up";
import type { Point } from "../../lib/geometry";
import type { KitTranslate } from "../../lib/i18n/kit";
import type { Role } from "../../lib/roles";
import type { FrameKind } from "../../lib/schema/frame";
import { LOCAL_ORIGIN, type BoardConnection } from "../board/useBoardConnection";
import { worksheetDefaults } from "./worksheetDefaults";
import { freeSpot } from "../../lib/board/free-spot";
import { LIMITS } from "../../lib/schema/limits";

/** Frame actions bound to this browser's origin, like useBoardActions: undo takes back only mine. */
export function useFrameActions(connection: BoardConnection | null, role: Role) {
  return useMemo(() => {
    if (!connection) return null;
    const { doc, undo } = connection;
    // Tidying may grow a frame, and a locked frame's size is the facilitator's: the server would
    // put the size back and leave the tidied notes outside. Others leave locked frames untidied.
    const mayTidy = (id: string) => role === "facilitator" || connection.frames.get(id)?.locked !== true;
    /** One undo step per action, not merged with a note move a moment before. */
    const step = (change: () => void) => {
      undo.stopCapturing();
      change();
      undo.stopCapturing();
    };
    return {
      /** A new worksheet centred on `centre`, or beside what is there (never over it), with the seeds' labels in the board's language; returns its id. */
      add(kind: FrameKind, centre: Point, t: KitTranslate, columns?: number): string {
        const id = nanoid();
        const defaults = worksheetDefaults(kind, t, columns);
        const size = { width: defaults.width ?? DEFAULT_FRAME_SIZE[kind].width, height: defaults.height ?? DEFAULT_FRAME_SIZE[kind].height };
        const spot = freeSpot(size, centre, [...connection.frames.all(), ...connection.store.all()]);
        const clamp = (value: number, extent: number) => Math.max(-LIMITS.maxCoordinate, Math.min(LIMITS.maxCoordinate - extent, value));
        step(() => createFrame(doc, { id, x: clamp(spot.x, size.width), y: clamp(spot.y, size.height), now: Date.now(), ...defaults }, LOCAL_ORIGIN));
        return id;
      },
      /** Live while dragging: many calls make one undo step (the manager's capture timeout). */
      move(id: string, x: number, y: number) {
        moveFrame(doc, id, x, y, LOCAL_ORIGIN);
      },
      update: (id: string, changes: FrameChanges): boolean => {
        let ok = false;
        step(() => (ok = updateFrame(doc, id, changes, LOCAL_ORIGIN)));
        return ok;
      },
      /** Asks the server, which alone writes locks; the worksheet shows locked once the session document says so. */
      setLocked: (id: string, locked: boolean) => void workshopApi.setWorksheetLocked(connection.boardId, id, locked).catch(() => undefined),
      remove: (id: string) => step(() => deleteFrame(doc, id, LOCAL_ORIGIN)),
      mayTidy,
      tidy: (id: string) => mayTidy(id) && step(() => tidyFrame(doc, id, LOCAL_ORIGIN)),
      /** After a drop: flipcharts and parking lots keep their notes stacked. */
      tidyCell: (id: string, cell: number) => mayTidy(id) && tidyCell(doc, id, cell, LOCAL_ORIGIN),
      setFollowUp: (noteId: string, fields: FollowUpEdit): boolean => {
        let ok = false;
        step(() => (ok = setFollowUpFields(doc, noteId, fields, LOCAL_ORIGIN)));
        return ok;
      },
      makeAction: (noteId: string) => step(() => makeAction(doc, noteId, LOCAL_ORIGIN)),
      clearFollowUp: (noteId: string) => step(() => clearFollowUp(doc, noteId, LOCAL_ORIGIN)),
    };
  }, [connection, role]);
}

export type FrameActions = NonNullable<ReturnType<typeof useFrameActions>>;
