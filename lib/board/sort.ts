import type * as Y from "yjs";
import { notesOf } from "../schema/board";
import { readFrames } from "../schema/frame";
import { readNote, type NoteSnapshot } from "../schema/note";
import { cellAt, centreOf, contains } from "./frame-layout";
import { tidyCell } from "./frames";

/**
 * "Sort by votes": the most voted first, within each cell the notes belong to, so the room's
 * prioritisation stays as it was made; a note never leaves its cell. Notes in no worksheet swap
 * places with notes of their size (the most voted takes the top-left place), so none lands on
 * anything.
 * One transaction: one undo step takes the whole sort back.
 */
export function sortByVotes(doc: Y.Doc, ranked: readonly string[], origin: unknown): void {
  const rank = new Map(ranked.map((id, index) => [id, index]));
  const frames = readFrames(doc);
  const cells = new Map<string, { frame: string; cell: number }>();
  const looseIds: string[] = [];
  for (const [id, map] of notesOf(doc).entries()) {
    if (!rank.has(id)) continue;
    const note = readNote(id, map);
    if (note.frame !== undefined && cellAt(frames, centreOf(note))?.frame === note.frame) {
      cells.set(`${note.frame}/${note.cell ?? 0}`, { frame: note.frame, cell: note.cell ?? 0 });
    } else if (!frames.some((frame) => contains(frame, centreOf(note)))) {
      // On a scale or a title band a note's place means something (or is the user's): left alone.
      looseIds.push(id);
    }
  }
  doc.transact(() => {
    for (const { frame, cell } of cells.values()) tidyCell(doc, frame, cell, origin, rank);
    // Read where the loose notes are after the tidying: a worksheet that grew moved some down.
    const loose = looseIds.map((id) => readNote(id, notesOf(doc).get(id)!));
    for (const move of swapPlaces(loose, rank)) {
      const map = notesOf(doc).get(move.id)!;
      if (map.get("x") !== move.x) map.set("x", move.x);
      if (map.get("y") !== move.y) map.set("y", move.y);
    }
  }, origin);
}

/**
 * The places the notes are at, in reading order, given to the notes in the order of `rank`; only
 * among notes of one size, so a large note never takes a small one's place and covers its neighbours.
 */
export function swapPlaces(notes: readonly NoteSnapshot[], rank: ReadonlyMap<string, number>): Array<{ id: string; x: number; y: number }> {
  const bySize = new Map<string, NoteSnapshot[]>();
  for (const note of notes) {
    const size = `${note.width}x${note.height}`;
    const same = bySize.get(size);
    if (same) same.push(note);
    else bySize.set(size, [note]);
  }
  return [...bySize.values()].flatMap((same) => {
    const places = [...same].sort((a, b) => a.y - b.y || a.x - b.x).map((note) => ({ x: note.x, y: note.y }));
    const ordered = [...same].sort((a, b) => (rank.get(a.id) ?? Infinity) - (rank.get(b.id) ?? Infinity));
    return ordered.map((note, index) => ({ id: note.id, ...places[index] }));
  });
}
