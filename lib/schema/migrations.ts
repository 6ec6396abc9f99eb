import * as Y from "yjs";
import { metaOf, notesOf, schemaVersionOf } from "./board";
import { framesOf, isFrameMap } from "./frame";
import { readSession, sessionMapOf } from "./session";

/**
 * Versioned migrations of the board document, applied by the server when it loads a board.
 * Each step has an `up` and a `down`, both tested with before/after literals in
 * migrations.test.ts. Add a step at the end; never edit a step that has shipped. A step may also
 * change the board's session document (`session`), which only the server writes.
 */
export interface Migration {
  /** The version this step produces. */
  to: number;
  description: string;
  up(doc: Y.Doc, session: Y.Doc): void;
  down(doc: Y.Doc, session: Y.Doc): void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    to: 1,
    description: "note text becomes a Y.Text (two people typing keep both), createdAt is required",
    up(doc) {
      for (const note of notesOf(doc).values()) {
        const text = note.get("text");
        if (!(text instanceof Y.Text)) note.set("text", new Y.Text(typeof text === "string" ? text : ""));
        if (typeof note.get("createdAt") !== "number") note.set("createdAt", 0);
      }
    },
    down(doc) {
      for (const note of notesOf(doc).values()) {
        const text = note.get("text");
        if (text instanceof Y.Text) note.set("text", text.toString());
      }
    },
  },
  {
    to: 2,
    description: "notes get a stacking order `z` so a dragged note can come to the front for everyone",
    up(doc) {
      const byAge = [...notesOf(doc).entries()].sort(
        ([idA, a], [idB, b]) => Number(a.get("createdAt")) - Number(b.get("createdAt")) || idA.localeCompare(idB),
      );
      byAge.forEach(([, note], rank) => {
        if (typeof note.get("z") !== "number") note.set("z", rank);
      });
    },
    down(doc) {
      for (const note of notesOf(doc).values()) note.delete("z");
    },
  },
  {
    to: 3,
    description:
      "what only the server decides leaves the board document: its session map (private writing, votes, the timer …) and the worksheets' locks move to the session document, which no client writes",
    up(doc, session) {
      const legacy = sessionMapOf(doc);
      const target = sessionMapOf(session);
      for (const [key, value] of legacy.entries()) if (!target.has(key)) target.set(key, value);
      for (const key of [...legacy.keys()]) legacy.delete(key);
      const locks: Record<string, true> = { ...readSession(session).locks };
      for (const [id, frame] of framesOf(doc).entries()) {
        if (!isFrameMap(frame) || !frame.has("locked")) continue;
        if (frame.get("locked") === true) locks[id] = true;
        frame.delete("locked");
      }
      if (Object.keys(locks).length > 0) target.set("locks", locks);
    },
    down(doc, session) {
      const legacy = sessionMapOf(doc);
      for (const [key, value] of sessionMapOf(session).entries()) if (key !== "locks") legacy.set(key, value);
      for (const id of Object.keys(readSession(session).locks)) {
        const frame = framesOf(doc).get(id);
        if (isFrameMap(frame)) frame.set("locked", true);
      }
    },
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].to;

export type MigrationResult =
  | { status: "current"; version: number }
  | { status: "migrated"; from: number; to: number }
  | { status: "newer"; version: number };

/**
 * Brings a board's documents up to SCHEMA_VERSION, each in one transaction, so peers see one update
 * per document. Without a session document (a lone board document, as in tests of older steps)
 * whatever a step moves there is dropped.
 */
export function migrateToCurrent(doc: Y.Doc, session: Y.Doc = new Y.Doc(), origin: unknown = "migration"): MigrationResult {
  const from = schemaVersionOf(doc);
  if (from === SCHEMA_VERSION) return { status: "current", version: from };
  if (from > SCHEMA_VERSION) return { status: "newer", version: from };
  session.transact(() =>
    doc.transact(() => {
      for (const step of MIGRATIONS) if (step.to > from) step.up(doc, session);
      metaOf(doc).set("schemaVersion", SCHEMA_VERSION);
    }, origin),
  origin);
  return { status: "migrated", from, to: SCHEMA_VERSION };
}

/** Takes a board's documents down to `target` (for rolling back a release). */
export function migrateDown(doc: Y.Doc, target: number, session: Y.Doc = new Y.Doc(), origin: unknown = "migration"): void {
  const from = schemaVersionOf(doc);
  session.transact(() =>
    doc.transact(() => {
      for (const step of [...MIGRATIONS].reverse()) if (step.to <= from && step.to > target) step.down(doc, session);
      metaOf(doc).set("schemaVersion", target);
    }, origin),
  origin);
}
