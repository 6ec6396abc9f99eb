import type * as Y from "yjs";
import { createNote } from "../../lib/board/actions";
import { freeInboxCells, inboxOrigin } from "../../lib/board/inbox";
import { LIMITS } from "../../lib/schema/limits";
import { notesOf } from "../../lib/schema/board";
import { readNote } from "../../lib/schema/note";
import { readSession, writeSession } from "../../lib/schema/session";
import { SERVER_ORIGIN } from "../realtime/room";

export interface NoteToPlace {
  id: string;
  text: string;
  color: string;
  author?: string;
  createdAt: number;
}

/** Puts notes into the board's inbox, in the first free cells; call inside a server change. */
export function placeInInbox(doc: Y.Doc, incoming: readonly NoteToPlace[]): void {
  if (incoming.length === 0) return;
  const notes = [...notesOf(doc).entries()].map(([id, note]) => readNote(id, note));
  const inbox = readSession(doc).inbox ?? inboxOrigin(notes);
  writeSession(doc, { inbox });
  const cells = freeInboxCells(inbox, notes, incoming.length);
  // A cell past the board's edge (an inbox stored before it was kept inside, or a crowded inbox)
  // would make createNote throw: never lose the note for it, put it at the edge.
  const inside = (value: number) => Math.max(-LIMITS.maxCoordinate, Math.min(LIMITS.maxCoordinate, value));
  incoming.forEach((note, index) => {
    const { x, y } = cells[index];
    createNote(doc, { x: inside(x), y: inside(y), id: note.id, text: note.text, color: note.color, author: note.author, now: note.createdAt }, SERVER_ORIGIN);
  });
}
