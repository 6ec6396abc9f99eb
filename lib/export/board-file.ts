import * as Y from "yjs";
import { z } from "zod";
import { LIMITS } from "../schema/limits";
import { notesOf } from "../schema/board";
import { frameFieldsSchema, framesOf, readFrames } from "../schema/frame";
import { MAX_AUTHOR_CHARS, noteExtrasSchema, noteFieldsSchema, readNote } from "../schema/note";
import { agendaStepSchema, MAX_AGENDA_STEPS, readSession, writeSession } from "../schema/session";
import { ownValue } from "../own";

/**
 * A saved board: a JSON file a facilitator keeps, mails or opens again as a new board. Every value
 * is checked with the same limits as the live board's (frameFieldsSchema, noteFieldsSchema,
 * noteExtrasSchema), because the file may have been edited by hand or by someone else.
 */
export const BOARD_FILE_FORMAT = "samla-board";
export const BOARD_FILE_VERSION = 1;
/** Files are read with a larger HTTP body limit than other requests (server/http/api.ts). */
export const MAX_BOARD_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_FILE_FRAMES = 500;
const MAX_VOTES = 100_000;

const fileId = z.string().min(1).max(64);

const fileFrameSchema = z.object({ id: fileId }).and(frameFieldsSchema);

const fileNoteSchema = z
  .object({
    id: fileId,
    text: z.string().max(LIMITS.maxNoteTextChars),
    author: z.string().min(1).max(MAX_AUTHOR_CHARS).optional(),
    /** The note's dots when the board was saved (the session's vote counts). */
    votes: z.number().int().min(0).max(MAX_VOTES).optional(),
  })
  .and(noteFieldsSchema)
  .and(noteExtrasSchema);

export const boardFileSchema = z
  .object({
    format: z.literal(BOARD_FILE_FORMAT),
    version: z.literal(BOARD_FILE_VERSION),
    title: z.string().max(LIMITS.maxTitleChars),
    exportedAt: z.string().max(40),
    frames: z.array(fileFrameSchema).max(MAX_FILE_FRAMES),
    notes: z.array(fileNoteSchema).max(LIMITS.maxNotesPerBoard),
    agenda: z.object({ steps: z.array(agendaStepSchema).max(MAX_AGENDA_STEPS) }).optional(),
  })
  .refine((file) => unique(file.frames.map((f) => f.id)), { message: "two frames have the same id", path: ["frames"] })
  .refine((file) => unique(file.notes.map((n) => n.id)), { message: "two notes have the same id", path: ["notes"] });

export type BoardFile = z.infer<typeof boardFileSchema>;
export type FileFrame = BoardFile["frames"][number];
export type FileNote = BoardFile["notes"][number];

function unique(ids: string[]): boolean {
  return new Set(ids).size === ids.length;
}

/** The board as a file: frames by z, notes by z, only the fields the schemas know. */
export function exportBoard(doc: Y.Doc, sessionDoc: Y.Doc, title: string, now: Date = new Date()): BoardFile {
  const session = readSession(sessionDoc);
  const frames: FileFrame[] = readFrames(doc);
  const notes: FileNote[] = [...notesOf(doc).entries()]
    .map(([id, map]) => readNote(id, map))
    .sort((a, b) => a.z - b.z || a.createdAt - b.createdAt)
    .map((note) => {
      const votes = ownValue(session.voteCounts, note.id);
      return votes ? { ...note, votes } : note;
    });
  return {
    format: BOARD_FILE_FORMAT,
    version: BOARD_FILE_VERSION,
    title,
    exportedAt: now.toISOString(),
    frames,
    notes,
    ...(session.agenda ? { agenda: { steps: session.agenda.steps } } : {}),
  };
}

export interface ImportOptions {
  /** A fresh id for each frame and note: the file's ids are only references within the file. */
  newId: () => string;
  /** The import's time, for the frames' and notes' `createdAt` order to stay as it was. */
  now: number;
  origin: unknown;
}

/**
 * Writes a checked board file into an empty board, in one transaction. A note that names a frame
 * the file does not have, or a cell that frame lacks, lands in no cell rather than being refused:
 * its words matter more than its place.
 */
export function importBoard(doc: Y.Doc, session: Y.Doc, file: BoardFile, { newId, now, origin }: ImportOptions): { frames: number; notes: number } {
  const frameIds = new Map(file.frames.map((frame) => [frame.id, { id: newId(), cells: frame.rows * frame.columns }]));
  const votes: Record<string, number> = {};
  // createdAt keeps the file's order but starts at the import, so "newest first" still makes sense.
  const shift = (createdAt: number) => Math.max(0, now - newestOf(file) + createdAt);
  doc.transact(() => {
    for (const { id, copyOf, ...fields } of file.frames) {
      const frame = new Y.Map<unknown>();
      // A group's copy keeps pointing at its plenary frame, under that frame's new id.
      const original = copyOf === undefined ? undefined : frameIds.get(copyOf)?.id;
      for (const [key, value] of Object.entries({ ...fields, copyOf: original, createdAt: shift(fields.createdAt) })) if (value !== undefined) frame.set(key, value);
      framesOf(doc).set(frameIds.get(id)!.id, frame);
    }
    for (const { id: _id, text, votes: noteVotes, frame: frameRef, cell, ...fields } of file.notes) {
      const id = newId();
      const note = new Y.Map<unknown>();
      for (const [key, value] of Object.entries({ ...fields, createdAt: shift(fields.createdAt) })) if (value !== undefined) note.set(key, value);
      note.set("text", new Y.Text(text));
      const target = frameRef === undefined ? undefined : frameIds.get(frameRef);
      if (target && (cell ?? 0) < target.cells) {
        note.set("frame", target.id);
        note.set("cell", cell ?? 0);
      }
      notesOf(doc).set(id, note);
      if (noteVotes) votes[id] = noteVotes;
    }
  }, origin);
  const agenda = file.agenda ? { steps: file.agenda.steps, current: null } : null;
  writeSession(session, { voteCounts: votes, ...(agenda ? { agenda } : {}) });
  return { frames: file.frames.length, notes: file.notes.length };
}

function newestOf(file: BoardFile): number {
  return Math.max(0, ...file.frames.map((f) => f.createdAt), ...file.notes.map((n) => n.createdAt));
}
