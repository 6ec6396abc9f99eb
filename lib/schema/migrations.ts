import * as Y from "yjs";
import { metaOf, notesOf, schemaVersionOf } from "./board";

/**
 * Versioned migrations of the board document, applied by the server when it loads a board.
 * Each step has an `up` and a `down`, both tested with before/after literals in
 * migrations.test.ts. Add a step at the end; never edit a step that has shipped.
 */
export interface Migration {
  /** The version this step produces. */
  to: number;
  description: string;
  up(doc: Y.Doc): void;
  down(doc: Y.Doc): void;
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
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].to;

export type MigrationResult =
  | { status: "current"; version: number }
  | { status: "migrated"; from: number; to: number }
  | { status: "newer"; version: number };

/** Brings a document up to SCHEMA_VERSION in one transaction, so peers see one update. */
export function migrateToCurrent(doc: Y.Doc, origin: unknown = "migration"): MigrationResult {
  const from = schemaVersionOf(doc);
  if (from === SCHEMA_VERSION) return { status: "current", version: from };
  if (from > SCHEMA_VERSION) return { status: "newer", version: from };
  doc.transact(() => {
    for (const step of MIGRATIONS) if (step.to > from) step.up(doc);
    metaOf(doc).set("schemaVersion", SCHEMA_VERSION);
  }, origin);
  return { status: "migrated", from, to: SCHEMA_VERSION };
}

/** Takes a document down to `target` (for rolling back a release). */
export function migrateDown(doc: Y.Doc, target: number, origin: unknown = "migration"): void {
  const from = schemaVersionOf(doc);
  doc.transact(() => {
    for (const step of [...MIGRATIONS].reverse()) if (step.to <= from && step.to > target) step.down(doc);
    metaOf(doc).set("schemaVersion", target);
  }, origin);
}
