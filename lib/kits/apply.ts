import type * as Y from "yjs";
import { contentBounds } from "../board/content-bounds";
import { arrivalRect, arrivalRows, notesInArrival } from "../board/inbox";
import { notesOf } from "../schema/board";
import { readNote } from "../schema/note";
import { boundsOf, type Point, type Rect } from "../geometry";
import type { Language } from "../i18n/core";
import { createFrame, DEFAULT_FRAME_SIZE, type NewFrame } from "../board/frames";
import { LIMITS } from "../schema/limits";
import { MAX_AGENDA_STEPS, readSession, writeSession, type AgendaStep } from "../schema/session";
import { shapeOf, textIn, type Kit, type KitFrame, type KitStep, type LocalizedText } from "./schema";
import { definedOnly } from "../defined";

/** Space between a kit's frames, and between what a board already holds and a kit added to it. */
export const KIT_FRAME_GAP = 200;
export const KIT_CONTENT_GAP = 400;
/** A kit's frames go left to right and start a new row past this width (a long row is hard to follow). */
export const KIT_MAX_ROW_WIDTH = 6000;

export interface ApplyKitOptions {
  origin: unknown;
  now: number;
  newId: () => string;
  /** The top-left of the first frame; right of the board's content when absent. */
  at?: Point;
}

export interface AppliedKit {
  frames: string[];
  steps: number;
}

/** Why a kit cannot be added; the server answers these with 409. */
export class KitError extends Error {
  constructor(
    readonly code: "agenda_full" | "no_room",
    message: string,
  ) {
    super(message);
  }
}

/**
 * Writes a kit's worksheets, in one language, and appends its steps to the board's agenda: one
 * transaction, so peers see the whole kit at once and one undo would take it away. Pure: the
 * server calls it inside Room.applyServerChange (the agenda lives in the server-only session).
 */
export function applyKit(doc: Y.Doc, session: Y.Doc, kit: Kit, language: Language, options: ApplyKitOptions): AppliedKit {
  const agenda = readSession(session).agenda;
  const ids = kit.frames.map(() => options.newId());
  const steps = kit.agenda.map((step): AgendaStep => ({ title: textIn(step.title, language), minutes: step.minutes, prompt: textIn(step.prompt, language), mode: step.mode,
    ...(step.signed ? { signed: true } : {}),
    ...(step.areas ? { areas: step.areas.map((area) => textIn(area, language)) } : {}),
    ...(step.categories !== undefined ? { categories: ids[step.categories] } : {}),
    ...(step.groups ? { groups: groupsIn(step.groups, ids, language) } : {}),
  }));
  const existing = agenda?.steps ?? [];
  if (existing.length + steps.length > MAX_AGENDA_STEPS) {
    throw new KitError("agenda_full", `the agenda would have more than ${MAX_AGENDA_STEPS} steps`);
  }
  const frames = kit.frames.map((frame) => frameIn(frame, language));
  const rects = layoutFrames(frames, options.at ?? startAfterContent(doc, session));
  if (rects.some((rect) => !insideBoard(rect))) throw new KitError("no_room", "the board has no room to the right of its content");
  doc.transact(() => {
    frames.forEach((frame, i) => createFrame(doc, { ...frame, id: ids[i], x: rects[i].x, y: rects[i].y, now: options.now }, options.origin));
  }, options.origin);
  if (steps.length > 0) writeSession(session, { agenda: { steps: [...existing, ...steps], current: agenda?.current ?? null } });
  if (kit.homework) writeSession(session, { homework: textIn(kit.homework, language) });
  const kept = ids.filter((_, i) => kit.frames[i].series);
  if (kept.length > 0) writeSession(session, { seriesFrames: [...readSession(session).seriesFrames, ...kept] });
  return { frames: ids, steps: steps.length };
}

/** A step's groups on the board: the worksheet by its id, the roles in the board's language. */
function groupsIn({ frame, roles, ...groups }: NonNullable<KitStep["groups"]>, ids: readonly string[], language: Language): NonNullable<AgendaStep["groups"]> {
  return { ...groups, frame: ids[frame], ...(roles ? { roles: roles.map((role) => textIn(role, language)) } : {}) };
}

type PlacedFrame = Omit<NewFrame, "id" | "x" | "y" | "now"> & { width: number; height: number };

/** A kit frame's fields in one language, its size filled in. */
export function frameIn(frame: KitFrame, language: Language): PlacedFrame {
  const text = (value: LocalizedText | undefined) => (value === undefined ? undefined : textIn(value, language));
  const texts = (values: LocalizedText[] | undefined) => values?.map((value) => textIn(value, language));
  const { rows, columns } = shapeOf(frame);
  const size = DEFAULT_FRAME_SIZE[frame.kind];
  const fields: PlacedFrame = {
    kind: frame.kind,
    title: textIn(frame.title, language),
    width: frame.width ?? size.width,
    height: frame.height ?? size.height,
    rows,
    columns,
    cellLabels: texts(frame.cellLabels) ?? Array.from({ length: rows * columns }, () => ""),
    rowAxis: text(frame.rowAxis),
    columnAxis: text(frame.columnAxis),
    rowLabels: texts(frame.rowLabels),
    columnLabels: texts(frame.columnLabels),
    lowLabel: text(frame.lowLabel),
    highLabel: text(frame.highLabel),
  };
  // createFrame skips undefined values, but the zod check is easier to read without them.
  return definedOnly(fields) as PlacedFrame;
}

/** Left to right from `start`, a new row below once a row is KIT_MAX_ROW_WIDTH wide. */
export function layoutFrames(frames: ReadonlyArray<{ width: number; height: number }>, start: Point): Rect[] {
  const rects: Rect[] = [];
  let x = start.x;
  let y = start.y;
  let rowHeight = 0;
  for (const { width, height } of frames) {
    if (x > start.x && x + width - start.x > KIT_MAX_ROW_WIDTH) {
      x = start.x;
      y += rowHeight + KIT_FRAME_GAP;
      rowHeight = 0;
    }
    rects.push({ x, y, width, height });
    x += width + KIT_FRAME_GAP;
    rowHeight = Math.max(rowHeight, height);
  }
  return rects;
}

/**
 * Where a kit added to this board starts: right of everything on it, the "Nya lappar" area
 * included (its label and the rows its notes fill), level with its top.
 */
export function startAfterContent(doc: Y.Doc, session?: Y.Doc): Point {
  const content = contentBounds(doc);
  const inbox = session ? readSession(session).inbox : null;
  const waiting = inbox ? notesInArrival(inbox, allNotes(doc)) : [];
  const bounds = boundsOf([...(content ? [content] : []), ...(inbox ? [arrivalRect(inbox, arrivalRows(inbox, waiting) + 1)] : [])]);
  if (!bounds) return { x: 0, y: 0 };
  return { x: Math.round(bounds.x + bounds.width + KIT_CONTENT_GAP), y: Math.round(bounds.y) };
}

export function insideBoard(rect: Rect): boolean {
  const max = LIMITS.maxCoordinate;
  return rect.x >= -max && rect.y >= -max && rect.x + rect.width <= max && rect.y + rect.height <= max;
}

function allNotes(doc: Y.Doc) {
  return [...notesOf(doc).entries()].map(([id, note]) => readNote(id, note));
}
