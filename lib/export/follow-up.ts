import ICAL from "ical.js";
import { stringify } from "csv-stringify/sync";
import { statusName, type FollowUpItem } from "../board/follow-up";
import type { Language } from "../i18n";
import { kitTranslator } from "../i18n/kit";
import { csvDelimiter, inertCell } from "./csv";

/**
 * The follow-up list taken away: a spreadsheet of every item (parked questions and actions, open
 * or not) and a calendar of the open ones' follow-up dates, for whoever keeps the unit's diary.
 */

/** One row per item, in the list's order; notes come from anyone with a phone, so every cell is made inert. */
export function followUpCsv(items: readonly FollowUpItem[], worksheetTitle: (frameId: string) => string | undefined, language: Language): string {
  const t = kitTranslator(language);
  const header = [
    t("followUp.col.kind"),
    t("export.col.text"),
    t("export.col.status"),
    t("export.col.owner"),
    t("export.col.start"),
    t("export.col.followUp"),
    t("export.col.frame"),
  ];
  const rows = items.map(({ note, kind, status }) => [
    t(`followUp.kind.${kind}`),
    note.text,
    statusName(kind, status, t),
    note.owner ?? "",
    note.startDate ?? "",
    note.followUpDate ?? "",
    (note.frame && worksheetTitle(note.frame)) || "",
  ]);
  return stringify([header, ...rows].map((row) => row.map(inertCell)), { bom: true, delimiter: csvDelimiter(language), quoted: true, record_delimiter: "windows" });
}

export interface CalendarOptions {
  boardId: string;
  boardTitle: string;
  language: Language;
  /** When the file is made (DTSTAMP). */
  now: Date;
}

/**
 * An iCalendar file (RFC 5545) with one all-day event per open item that has a follow-up date;
 * `null` when there is none (a calendar must hold at least one component). Each event's UID is the
 * board's and the note's, so a calendar that honours UIDs updates an event it already has.
 * Titles and notes are typed by people: their control characters go before ical.js escapes the rest.
 */
export function followUpCalendar(items: readonly FollowUpItem[], { boardId, boardTitle, language, now }: CalendarOptions): string | null {
  const dated = items.filter((item) => item.status === "open" && item.note.followUpDate);
  if (dated.length === 0) return null;
  const t = kitTranslator(language);
  const title = plainText(boardTitle);
  const calendar = new ICAL.Component(["vcalendar", [], []]);
  calendar.updatePropertyWithValue("prodid", "-//Samla//Follow-up list//EN");
  calendar.updatePropertyWithValue("version", "2.0");
  calendar.updatePropertyWithValue("calscale", "GREGORIAN");
  calendar.updatePropertyWithValue("method", "PUBLISH");
  // An X- property is written raw unless it is typed as text.
  calendar.addProperty(new ICAL.Property(["x-wr-calname", {}, "text", t("followUp.calendarName", { title })]));
  const stamp = ICAL.Time.fromJSDate(now, true);
  for (const { note } of dated) {
    const event = new ICAL.Event(new ICAL.Component("vevent"));
    event.uid = `${boardId}-${note.id}@samla`;
    event.component.updatePropertyWithValue("dtstamp", stamp);
    const day = ICAL.Time.fromDateString(note.followUpDate!);
    event.startDate = day;
    const next = day.clone();
    next.adjust(1, 0, 0, 0);
    event.endDate = next;
    // A reminder of a day, not a meeting: it never shows the day as busy.
    event.component.updatePropertyWithValue("transp", "TRANSPARENT");
    const text = plainText(note.text).trim();
    event.summary = t("followUp.calendarSummary", { text: firstLine(text) || "…" });
    const owner = note.owner ? plainText(note.owner).trim() : "";
    event.description = [text, owner ? t("followUp.calendarOwner", { name: owner }) : "", t("followUp.calendarBoard", { title })].filter(Boolean).join("\n\n");
    calendar.addSubcomponent(event.component);
  }
  return `${calendar.toString()}\r\n`;
}

/** Newlines kept (ical.js escapes them), every other control character gone, a lone CR too. */
function plainText(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, " ");
}

const SUMMARY_CHARS = 80;

/** A calendar shows the summary on one short line: the note's first line, cut at a word. */
function firstLine(text: string): string {
  const line = text.trim().split(/\r?\n/)[0] ?? "";
  if (line.length <= SUMMARY_CHARS) return line;
  const cut = line.slice(0, SUMMARY_CHARS);
  const space = cut.lastIndexOf(" ");
  return `${(space > SUMMARY_CHARS / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
