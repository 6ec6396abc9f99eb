import { stringify } from "csv-stringify/sync";
import { translator, type Language } from "../i18n";
import { kitTranslator, type KitTranslate } from "../i18n/kit";
import { NOTE_COLORS } from "../schema/note-colors";
import { reportRows, type BoardReport, type ReportCell, type ReportFrame } from "./report";

/**
 * The board as a spreadsheet: one row per note, the header in the board's language. Notes come
 * from anyone with a phone, so every cell is made inert before a spreadsheet sees it.
 */

/** Cells a spreadsheet would read as a formula (OWASP's list: = + - @ tab carriage return). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A leading apostrophe makes a spreadsheet show the text as text instead of running it. */
export function inertCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * Spreadsheets in Swedish, Norwegian and Finnish settings split on semicolons (the comma is their
 * decimal sign), so a file with commas opens as one column there; English ones split on commas.
 */
export function csvDelimiter(language: Language): string {
  return language === "en" ? "," : ";";
}

export function reportCsv(report: BoardReport, language: Language): string {
  return csvFile(language, [], [{ prefix: [], report }]);
}

/**
 * Several boards in one file (a series or a programme's groups, docs/api.md "Series of
 * meetings"): the board's title first on every row.
 */
export function boardsCsv(boards: ReadonlyArray<{ title: string; report: BoardReport }>, language: Language): string {
  const t = kitTranslator(language);
  return csvFile(language, [t("export.col.board")], boards.map(({ title, report }) => ({ prefix: [title], report })));
}

function csvFile(language: Language, leading: string[], parts: ReadonlyArray<{ prefix: string[]; report: BoardReport }>): string {
  const t = kitTranslator(language);
  const colours = colourNames(language);
  const header = [
    ...leading,
    t("export.col.frame"),
    t("export.col.cell"),
    t("export.col.text"),
    t("export.col.votes"),
    t("export.col.author"),
    t("export.col.color"),
    t("export.col.significance"),
    t("export.col.status"),
    t("export.col.owner"),
    t("export.col.start"),
    t("export.col.followUp"),
  ];
  const rows = parts.flatMap(({ prefix, report }) =>
    reportRows(report).map(({ frame, cell, note }) => [
      ...prefix,
      frame ? frameName(frame, t) : t("export.outside"),
      frame && cell ? cellName(frame, cell, t) : "",
      note.text,
      String(note.votes),
      note.author ?? "",
      colours.get(note.color) ?? note.color,
      note.significance ? t(`export.significance.${note.significance}`) : "",
      note.status ? t(`export.status.${note.status}`) : "",
      note.owner ?? "",
      note.startDate ?? "",
      note.followUpDate ?? "",
    ]),
  );
  // The byte-order mark tells spreadsheets the file is UTF-8, or å, ä and ö come out garbled.
  return stringify([header, ...rows].map((row) => row.map(inertCell)), { bom: true, delimiter: csvDelimiter(language), quoted: true, record_delimiter: "windows" });
}

export function frameName(frame: ReportFrame, t: KitTranslate): string {
  return frame.title.trim() || t("export.untitledFrame");
}

/** A cell without a label is named by its number, so two of them can still be told apart. */
export function cellName(frame: ReportFrame, cell: ReportCell, t: KitTranslate): string {
  if (cell.label.trim()) return cell.label;
  return frame.cells.length > 1 ? t("export.cell", { n: cell.index + 1 }) : "";
}

function colourNames(language: Language): Map<string, string> {
  const core = translator(language);
  return new Map(NOTE_COLORS.map((colour) => [colour.hex, core(`color.${colour.id}`)]));
}
