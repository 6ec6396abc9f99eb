import type * as Y from "yjs";
import { createNote } from "../../lib/board/actions";
import { freeInboxCells, inboxOrigin } from "../../lib/board/inbox";
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
  incoming.forEach((note, index) => {
    createNote(doc, { ...cells[index], id: note.id, text: note.text, color: note.color, author: note.author, now: note.createdAt }, SERVER_ORIGIN);
  });
}
