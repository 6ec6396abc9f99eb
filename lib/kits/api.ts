import { z } from "zod";
import { LANGUAGES, type Language } from "../i18n/core";

/**
 * The kit endpoints' bodies and answers (docs/api.md, "Method kits"). Free of the kit files, so a
 * page that only lists kits does not bundle them.
 */
export const kitIdInput = z.string().min(1).max(64);
export const kitLanguageInput = z.enum(LANGUAGES);

/** POST /api/boards/:id/kit: add a kit's worksheets and steps to a board. */
export const addKitRequest = z.object({
  kit: kitIdInput,
  language: kitLanguageInput.default("sv"),
});
export type AddKitRequest = z.input<typeof addKitRequest>;

export interface AddKitResponse {
  kit: string;
  /** The new frames' ids, left to right. */
  frames: string[];
  /** Steps added to the agenda. */
  steps: number;
}

export interface KitSummary {
  id: string;
  source: string;
  title: Record<Language, string>;
  description: Record<Language, string>;
  frames: number;
  steps: number;
  /** The kit of a series' next meeting, when the method is a series. */
  next?: string;
}

export interface KitListResponse {
  sources: Array<{ id: string; title: Record<Language, string> }>;
  kits: KitSummary[];
}
