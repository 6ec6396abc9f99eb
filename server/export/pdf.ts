import PDFDocument from "pdfkit";
import type { Language } from "../../lib/i18n";
import { kitTranslator, type KitTranslate } from "../../lib/i18n/kit";
import { cellName, frameName } from "../../lib/export/csv";
import type { BoardReport, ReportFrame, ReportNote } from "../../lib/export/report";
import { statusName, type FollowUpItem } from "../../lib/board/follow-up";
import { scaleRange, type WorksheetPicture } from "../../lib/export/pictures";
import type { AgendaStep } from "../../lib/schema/session";
import { drawWorksheet } from "./pdf-picture";

/**
 * The printable A4 report for the binder: the board's title, date and time and how many took part,
 * the agenda with its minutes, each worksheet as a picture of how it looks and then its notes under
 * their cells by votes (a scale: how many answered, the median, the spread), a parking lot as a
 * table of who does what and when, the notes outside every worksheet, and last the follow-up list
 * (every parked question and action); every page numbered. Helvetica's WinAnsi encoding covers å ä ö æ ø and Finnish, so no font is
 * embedded: the file stays small and its text extractable (searchable, readable by screen readers).
 */
const MARGIN = 56;
const INK = "#1f2933";
const MUTED = "#52606d";

export interface ReportPdfOptions {
  title: string;
  language: Language;
  date: Date;
  /** The board's follow-up list (lib/board/follow-up.ts); none for one worksheet's report. */
  followUp?: readonly FollowUpItem[];
  /** Each worksheet as it looks (lib/export/pictures.ts), by frame id. */
  pictures?: ReadonlyMap<string, WorksheetPicture>;
  agenda?: readonly AgendaStep[];
  /** How many participant identities the board has (phones, and board users who wrote privately or voted). */
  participants?: number;
}

/** How tall a worksheet's picture may be: the rest of the page is for its notes. */
const PICTURE_MAX_HEIGHT = 300;

export async function reportPdf(report: BoardReport, options: ReportPdfOptions): Promise<Buffer> {
  const t = kitTranslator(options.language);
  const title = options.title.trim() || t("export.untitled");
  // Pages buffered, so each can be numbered "1 av 5" once the last is known.
  const doc = new PDFDocument({ size: "A4", margin: MARGIN, info: { Title: title, Creator: "Samla" }, lang: options.language, displayTitle: true, bufferPages: true });
  const done = collect(doc);
  doc.fillColor(INK).font("Helvetica-Bold").fontSize(22).text(title);
  doc.moveDown(0.2).font("Helvetica").fontSize(11).fillColor(MUTED).text(t("export.date", { date: formatDate(options.date, options.language) }));
  if (options.participants !== undefined) doc.text(t("export.participants", { count: options.participants }));
  if (options.agenda?.length) agendaTable(doc, options.agenda, t);
  report.frames.forEach((frame, i) => {
    if (i > 0 || options.agenda?.length) doc.addPage();
    else doc.moveDown(1.2);
    if (frame.kind === "parking") parkingTable(doc, frame, t);
    else worksheet(doc, frame, options.pictures?.get(frame.id), t);
  });
  if (report.outside.length > 0) {
    if (report.frames.length > 0) doc.addPage();
    heading(doc, t("export.outside"));
    noteList(doc, report.outside, t);
  }
  if (options.followUp?.length) {
    if (report.frames.length > 0 || report.outside.length > 0) doc.addPage();
    followUpTable(doc, options.followUp, t);
  }
  numberPages(doc, t);
  doc.end();
  return done;
}

function numberPages(doc: PDFKit.PDFDocument, t: KitTranslate): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    // In the bottom margin: written there, the text would otherwise start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.fillColor(MUTED).font("Helvetica").fontSize(9).text(t("export.page", { n: i + 1, total: count }), MARGIN, doc.page.height - bottom / 2 - 4, { width: doc.page.width - 2 * MARGIN, align: "right", lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}

/** The meeting's steps with their minutes, as the agenda had them. */
function agendaTable(doc: PDFKit.PDFDocument, steps: readonly AgendaStep[], t: KitTranslate): void {
  doc.moveDown(1.2);
  heading(doc, t("export.agenda"));
  const head = [t("export.col.step"), t("export.col.minutes")];
  const rows = steps.map((step, i) => [`${i + 1}. ${step.title}`, String(step.minutes)]);
  doc.font("Helvetica").fontSize(10).fillColor(INK);
  doc.table({
    columnStyles: ["*", 70],
    defaultStyle: { border: 0.5, borderColor: "#9aa5b1", padding: 4 },
    data: [head.map((text) => ({ text, type: "TH" as const, font: { src: "Helvetica-Bold" }, backgroundColor: "#eef2f6" })), ...rows],
  });
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
}

function heading(doc: PDFKit.PDFDocument, text: string): void {
  doc.fillColor(INK).font("Helvetica-Bold").fontSize(16).text(text, MARGIN);
  doc.moveDown(0.4);
}

function worksheet(doc: PDFKit.PDFDocument, frame: ReportFrame, picture: WorksheetPicture | undefined, t: KitTranslate): void {
  heading(doc, frameName(frame, t));
  if (picture) {
    const top = doc.y;
    const height = drawWorksheet(doc, picture, { x: MARGIN, y: top, width: doc.page.width - 2 * MARGIN, maxHeight: PICTURE_MAX_HEIGHT });
    doc.x = MARGIN;
    doc.y = top + height + 12;
  }
  if (picture?.scale) {
    const range = scaleRange(picture.scale);
    const result = range
      ? t("export.scaleResult", { count: picture.scale.total, median: String(picture.scale.median).replace(".", t("export.decimal")), low: range.low, high: range.high })
      : t("export.noAnswers");
    doc.font("Helvetica").fontSize(11).fillColor(INK).text(result, MARGIN);
    return;
  }
  if (frame.cells.length === 0) {
    doc.font("Helvetica").fontSize(11).fillColor(MUTED).text(t("export.noNotes"));
    return;
  }
  for (const cell of frame.cells) {
    const name = cellName(frame, cell, t);
    if (name) doc.moveDown(0.4).fillColor(INK).font("Helvetica-Bold").fontSize(12).text(name, MARGIN);
    // Most votes first (stable: reading order among equals), as the room decided.
    noteList(doc, [...cell.notes].sort((a, b) => b.votes - a.votes), t);
  }
}

function noteList(doc: PDFKit.PDFDocument, notes: readonly ReportNote[], t: KitTranslate): void {
  doc.font("Helvetica").fontSize(11);
  if (notes.length === 0) {
    doc.fillColor(MUTED).text(t("export.noNotes"), MARGIN + 12);
    return;
  }
  for (const note of notes) {
    const extras = [note.votes > 0 ? t("export.votes", { count: note.votes }) : "", note.author ?? ""].filter(Boolean).join(" · ");
    doc.fillColor(INK).text(`•  ${note.text.trim()}`, MARGIN + 12, undefined, { continued: extras !== "" });
    if (extras) doc.fillColor(MUTED).text(`  (${extras})`);
    doc.moveDown(0.2);
  }
}

/** Arbetsmöte 5's parking lot: large significance first, then who is responsible and when. */
function parkingTable(doc: PDFKit.PDFDocument, frame: ReportFrame, t: KitTranslate): void {
  heading(doc, frameName(frame, t));
  const notes = frame.cells.flatMap((cell) => cell.notes);
  if (notes.length === 0) {
    doc.font("Helvetica").fontSize(11).fillColor(MUTED).text(t("export.noNotes"));
    return;
  }
  const head = [t("export.col.text"), t("export.col.significance"), t("export.col.status"), t("export.col.owner"), t("export.col.start"), t("export.col.followUp")];
  const rows = notes.map((note) => [
    note.text.trim(),
    note.significance ? t(`export.significance.${note.significance}`) : "",
    note.status ? t(`export.status.${note.status}`) : "",
    note.owner ?? "",
    note.startDate ?? "",
    note.followUpDate ?? "",
  ]);
  doc.font("Helvetica").fontSize(10).fillColor(INK);
  doc.table({
    columnStyles: ["*", 78, 78, 70, 62, 70],
    defaultStyle: { border: 0.5, borderColor: "#9aa5b1", padding: 4 },
    data: [head.map((text) => ({ text, type: "TH" as const, font: { src: "Helvetica-Bold" }, backgroundColor: "#eef2f6" })), ...rows],
  });
}

/** Who does what by when, for the whole board: open items first, by follow-up date. */
function followUpTable(doc: PDFKit.PDFDocument, items: readonly FollowUpItem[], t: KitTranslate): void {
  heading(doc, t("followUp.title"));
  const head = [t("followUp.col.kind"), t("export.col.text"), t("export.col.status"), t("export.col.owner"), t("export.col.start"), t("export.col.followUp")];
  const rows = items.map(({ note, kind, status }) => [t(`followUp.kind.${kind}`), note.text.trim(), statusName(kind, status, t), note.owner ?? "", note.startDate ?? "", note.followUpDate ?? ""]);
  doc.font("Helvetica").fontSize(10).fillColor(INK);
  doc.table({
    columnStyles: [70, "*", 78, 70, 62, 70],
    defaultStyle: { border: 0.5, borderColor: "#9aa5b1", padding: 4 },
    data: [head.map((text) => ({ text, type: "TH" as const, font: { src: "Helvetica-Bold" }, backgroundColor: "#eef2f6" })), ...rows],
  });
}

function formatDate(date: Date, language: Language): string {
  const locale = { sv: "sv-SE", nb: "nb-NO", en: "en-GB", fi: "fi-FI" }[language];
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Stockholm" }).format(date);
}
