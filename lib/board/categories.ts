import type * as Y from "yjs";
import { cellLabel } from "../export/report";
import { framesOf, readFrame } from "../schema/frame";
import { readSession } from "../schema/session";

/**
 * A step that asks for notes in categories (Främjar / Motverkar, Backspegling's four questions,
 * Förväntningar / Farhågor) names a worksheet: its cells are the categories a phone offers, and a
 * note written in one lands in that cell. Read from the board as it is now, so a relabelled
 * column is offered by its new name and a deleted worksheet offers nothing.
 */
export interface Categories {
  frameId: string;
  /** One per cell, in order; a cell without a label is offered by its number. */
  choices: Array<{ cell: number; label: string }>;
}

export function currentCategories(doc: Y.Doc, session: Y.Doc): Categories | null {
  const { agenda } = readSession(session);
  const step = agenda?.current == null ? undefined : agenda.steps[agenda.current];
  if (!step?.categories) return null;
  const map = framesOf(doc).get(step.categories);
  if (!map) return null;
  const frame = readFrame(step.categories, map);
  const cells = frame.rows * frame.columns;
  if (frame.kind === "scale" || cells < 2) return null;
  return { frameId: frame.id, choices: Array.from({ length: cells }, (_, cell) => ({ cell, label: cellLabel(frame, cell) || String(cell + 1) })) };
}

/** Where a note written in category `cell` goes now, or null (no categories now, or no such cell): then the inbox. */
export function categoryTarget(doc: Y.Doc, session: Y.Doc, cell: number | undefined): { frame: string; cell: number } | null {
  if (cell === undefined) return null;
  const categories = currentCategories(doc, session);
  return categories && categories.choices.some((choice) => choice.cell === cell) ? { frame: categories.frameId, cell } : null;
}
