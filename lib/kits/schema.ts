import { z } from "zod";
import type { Language } from "../i18n/core";
import { defaultShape, FRAME_KINDS, type FrameKind, MAX_FRAME_COLUMNS, MAX_FRAME_LABEL_CHARS, MAX_FRAME_ROWS, MAX_FRAME_SIZE, MAX_FRAME_TITLE_CHARS, MIN_FRAME_SIZE } from "../schema/frame";
import { AGENDA_MODES, MAX_AGENDA_STEPS, MAX_PERSONAL_AREA_CHARS, MAX_PERSONAL_AREAS, MAX_ROLE_CHARS, MAX_ROLES } from "../schema/session";

/**
 * A method kit as a data file (lib/kits/methods/<id>.json, docs/kits.md): the worksheets and the
 * timed steps of one method, with every text in Swedish, Norwegian and English. Finnish is
 * optional: where it is missing, Finnish users see the Swedish original, as the bilingual
 * welfare areas the methods come from do.
 */
export const MAX_KIT_FRAMES = 12;
export const MAX_KIT_DESCRIPTION_CHARS = 500;
export const MAX_STEP_TITLE_CHARS = 200;
export const MAX_STEP_PROMPT_CHARS = 500;

const text = (max: number) => z.string().trim().min(1).max(max);

/** One text in every language a kit must have (sv, nb, en) and optionally Finnish. */
export const localized = (max: number) =>
  z
    .object({
      sv: text(max),
      nb: text(max),
      en: text(max),
      fi: text(max).optional(),
    })
    .strict();
export type LocalizedText = z.infer<ReturnType<typeof localized>>;

const label = localized(MAX_FRAME_LABEL_CHARS);
const size = z.number().int().min(MIN_FRAME_SIZE).max(MAX_FRAME_SIZE);

export const kitFrameSchema = z
  .object({
    kind: z.enum(FRAME_KINDS),
    title: localized(MAX_FRAME_TITLE_CHARS),
    /** The grid shape; the kind's default (lib/schema/frame.ts) when absent. */
    rows: z.number().int().min(0).max(MAX_FRAME_ROWS).optional(),
    columns: z.number().int().min(0).max(MAX_FRAME_COLUMNS).optional(),
    /** One per cell, row by row; empty cells when absent. */
    cellLabels: z.array(label).max(MAX_FRAME_ROWS * MAX_FRAME_COLUMNS).optional(),
    rowAxis: label.optional(),
    columnAxis: label.optional(),
    rowLabels: z.array(label).max(MAX_FRAME_ROWS).optional(),
    columnLabels: z.array(label).max(MAX_FRAME_COLUMNS).optional(),
    lowLabel: label.optional(),
    highLabel: label.optional(),
    width: size.optional(),
    height: size.optional(),
    /** Kept along the series: each next meeting gets it whole, notes and all (Oss og vårt's Fremdriftsplan). */
    series: z.literal(true).optional(),
  })
  .strict()
  .refine((frame) => frame.cellLabels === undefined || frame.cellLabels.length === shapeOf(frame).rows * shapeOf(frame).columns, {
    message: "cellLabels needs one label per cell (rows x columns)",
  })
  .refine((frame) => frame.rowLabels === undefined || frame.rowLabels.length === shapeOf(frame).rows, { message: "one row label per row" })
  .refine((frame) => frame.columnLabels === undefined || frame.columnLabels.length === shapeOf(frame).columns, {
    message: "one column label per column",
  });
export type KitFrame = z.infer<typeof kitFrameSchema>;

export const kitStepSchema = z
  .object({
    title: localized(MAX_STEP_TITLE_CHARS),
    minutes: z.number().int().min(1).max(600),
    /** What phones show during the step: every step has one. */
    prompt: localized(MAX_STEP_PROMPT_CHARS),
    mode: z.enum(AGENDA_MODES),
    /** Notes written during the step carry their writer's name (the method asks for it). */
    signed: z.boolean().optional(),
    /** A personal step's areas, the headings of the personal worksheet (seed 000's action plan has five). */
    areas: z.array(localized(MAX_PERSONAL_AREA_CHARS)).max(MAX_PERSONAL_AREAS).optional(),
    /** The kit frame (its index) whose cells are the step's categories: phones offer them (lib/board/categories.ts). */
    categories: z.number().int().min(0).max(MAX_KIT_FRAMES - 1).optional(),
    /** The step works in small groups on a kit frame (its index): people per group, and whether all start with the same notes. */
    groups: z
      .object({
        frame: z.number().int().min(0).max(MAX_KIT_FRAMES - 1),
        size: z.number().int().min(1).max(50),
        sameNotes: z.boolean().optional(),
        /** The roles each group shares out and rotates (Arbetsmöte 4's A, B and C). */
        roles: z.array(localized(MAX_ROLE_CHARS)).min(1).max(MAX_ROLES).optional(),
        /** The same groups as the last time groups ran (in this meeting or, when its phones followed, the one before). */
        keep: z.boolean().optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine((step) => step.areas === undefined || step.mode === "personal", { message: "only a personal step has areas" });
export type KitStep = z.infer<typeof kitStepSchema>;

export const kitSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "lower-case words joined by -").max(64),
    /** Where the method comes from, e.g. "seeds/000"; groups kits on the home page (./sources.ts). */
    source: z.string().min(1).max(64),
    title: localized(MAX_FRAME_TITLE_CHARS),
    description: localized(MAX_KIT_DESCRIPTION_CHARS),
    frames: z.array(kitFrameSchema).max(MAX_KIT_FRAMES),
    agenda: z.array(kitStepSchema).max(MAX_AGENDA_STEPS),
    /** The task the meeting ends with, for the next one (seeds/000): phones that took part see it and send notes for it. */
    homework: localized(MAX_STEP_PROMPT_CHARS).optional(),
    /** The kit of the series' next meeting (Arbetsmöte 1 → 2 → … → 5): what "Nästa möte" offers first. */
    next: z.string().max(64).optional(),
  })
  .strict()
  .refine((kit) => kit.agenda.every((step) => step.categories === undefined || hasCategories(kit.frames[step.categories])), {
    message: "a step's categories name a frame of the kit with two cells or more",
  })
  .refine((kit) => kit.agenda.every((step) => step.groups === undefined || (kit.frames[step.groups.frame] !== undefined && kit.frames[step.groups.frame].kind !== "scale")), {
    message: "a step's groups work on a frame of the kit that is not a scale",
  });
export type Kit = z.infer<typeof kitSchema>;

function hasCategories(frame: KitFrame | undefined): boolean {
  if (!frame) return false;
  const { rows, columns } = shapeOf(frame);
  return rows * columns >= 2;
}

/** A kit frame's grid shape, the kind's default filled in. */
export function shapeOf(frame: { kind: FrameKind; rows?: number; columns?: number }): { rows: number; columns: number } {
  const shape = defaultShape(frame.kind);
  if (frame.kind === "scale") return { rows: 0, columns: 0 };
  return { rows: frame.rows ?? shape.rows, columns: frame.columns ?? shape.columns };
}

/** The text in one language: Finnish falls back to the Swedish original. */
export function textIn(value: LocalizedText, language: Language): string {
  return language === "fi" ? (value.fi ?? value.sv) : value[language];
}

/** Every language's text, Finnish filled in: what the API sends so any page can show any language. */
export function allLanguages(value: LocalizedText): Record<Language, string> {
  return { sv: value.sv, nb: value.nb, en: value.en, fi: value.fi ?? value.sv };
}
