import type { PluralForms } from "../en";

/**
 * The facilitator's kit: worksheets, method kits, agenda and timer, follow-me, export, groups.
 * Only board pages load these (see ./load.ts), so the phone page stays small. English is the
 * translation, Swedish the source; every language has every key (lib/i18n/i18n.test.ts).
 * Each feature adds its keys inside its own section.
 */
export const kitEn = {
  // --- frames ---
  "frames.label": "Worksheets",
  // --- end frames ---
  // --- kits ---
  // --- end kits ---
  // --- agenda ---
  // --- end agenda ---
  // --- follow ---
  // --- end follow ---
  // --- export ---
  // --- end export ---
  // --- groups ---
  // --- end groups ---
} as const satisfies Record<string, string | PluralForms>;

export type KitMessageKey = keyof typeof kitEn;
export type KitDictionary = { [K in KitMessageKey]: (typeof kitEn)[K] extends string ? string : PluralForms };
