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
  "export.menu": "Export",
  "export.menuLabel": "Export the board",
  "export.png": "Image (PNG)",
  "export.pdf": "Report for the binder (PDF, A4)",
  "export.csv": "Table (CSV)",
  "export.json": "Saved board (JSON)",
  "export.scope": "What to export?",
  "export.wholeBoard": "The whole board",
  "export.frameOnly": "The worksheet {title}",
  "export.thisFrame": "Export this worksheet",
  "export.working": "Exporting…",
  "export.failed": "The export failed. Please try again.",
  "export.col.frame": "Worksheet",
  "export.col.cell": "Cell or column",
  "export.col.text": "Note",
  "export.col.votes": "Votes",
  "export.col.author": "Written by",
  "export.col.color": "Colour",
  "export.col.significance": "Significance",
  "export.col.status": "Status",
  "export.col.owner": "Responsible",
  "export.col.start": "Start",
  "export.col.followUp": "Follow-up",
  "export.significance.large": "Large significance",
  "export.significance.other": "Other significance",
  "export.status.open": "Open",
  "export.status.struck": "Struck out",
  "export.status.solved": "We solve it ourselves",
  "export.status.elsewhere": "Another level",
  "export.outside": "Notes outside the worksheets",
  "export.cell": "Cell {n}",
  "export.noNotes": "No notes.",
  "export.untitled": "Untitled board",
  "export.untitledFrame": "Untitled worksheet",
  "export.date": "Exported {date}",
  "export.votes": { one: "{count} vote", other: "{count} votes" },
  "export.import": "Open a saved board (JSON)",
  "export.importHint": "A file Samla exported becomes a new board.",
  "export.importing": "Opening the board…",
  "export.importFailed": "The file could not be opened: {text}",
  // --- end export ---
  // --- groups ---
  // --- end groups ---
} as const satisfies Record<string, string | PluralForms>;

export type KitMessageKey = keyof typeof kitEn;
export type KitDictionary = { [K in KitMessageKey]: (typeof kitEn)[K] extends string ? string : PluralForms };
