import * as Y from "yjs";
import type { NoteMap } from "./note";

/** Names of the top-level shared types. Clients may write only those their role allows. */
export const ROOT = { notes: "notes", frames: "frames", meta: "meta", session: "session" } as const;

export function notesOf(doc: Y.Doc): Y.Map<NoteMap> {
  return doc.getMap<NoteMap>(ROOT.notes);
}

export function metaOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(ROOT.meta);
}

export function schemaVersionOf(doc: Y.Doc): number {
  const version = metaOf(doc).get("schemaVersion");
  return typeof version === "number" ? version : 0;
}
