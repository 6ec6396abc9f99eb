"use client";

import { nanoid } from "nanoid";
import { useMemo } from "react";
import { bringToFront, createNote, deleteNotes, moveNotes, recolorNotes } from "../../lib/board/actions";
import { assignCells } from "../../lib/board/frames";
import type { Point } from "../../lib/geometry";
import { DEFAULT_NOTE_SIZE } from "../../lib/schema/note";
import { LOCAL_ORIGIN, type BoardConnection } from "./useBoardConnection";

/** Board actions bound to this browser's origin, so undo only ever undoes this user's changes. */
export function useBoardActions(connection: BoardConnection | null) {
  return useMemo(() => {
    if (!connection) return null;
    const { doc, store, undo } = connection;
    return {
      /** Creates a note centred on `point` (its corner on whole board units, as moves keep it), returns its id. */
      createAt(point: Point, color: string): string {
        const id = nanoid();
        undo.stopCapturing();
        const x = Math.round(point.x - DEFAULT_NOTE_SIZE / 2);
        const y = Math.round(point.y - DEFAULT_NOTE_SIZE / 2);
        doc.transact(() => {
          createNote(doc, { id, x, y, color, now: Date.now() }, LOCAL_ORIGIN);
          assignCells(doc, [id]); // written inside a worksheet's cell, it belongs to that cell
        }, LOCAL_ORIGIN);
        undo.stopCapturing();
        return id;
      },
      move(moves: Array<{ id: string; x: number; y: number }>) {
        moveNotes(doc, moves, LOCAL_ORIGIN);
      },
      nudge(ids: Iterable<string>, dx: number, dy: number) {
        const moves = [...ids].flatMap((id) => {
          const note = store.get(id);
          return note ? [{ id, x: note.x + dx, y: note.y + dy }] : [];
        });
        moveNotes(doc, moves, LOCAL_ORIGIN);
      },
      remove(ids: Iterable<string>) {
        undo.stopCapturing();
        deleteNotes(doc, ids, LOCAL_ORIGIN);
      },
      recolor(ids: Iterable<string>, color: string) {
        undo.stopCapturing();
        recolorNotes(doc, ids, color, LOCAL_ORIGIN);
      },
      toFront(ids: string[]) {
        undo.stopCapturing();
        bringToFront(doc, ids, LOCAL_ORIGIN);
      },
      undo: () => undo.undo(),
      redo: () => undo.redo(),
    };
  }, [connection]);
}

export type BoardActions = NonNullable<ReturnType<typeof useBoardActions>>;
