import ICAL from "ical.js";
import { stringify } from "csv-stringify/sync";
import type { FollowUpItem } from "../board/follow-up";
import type { Language } from "../i18n";
import { kitTranslator, type KitTranslate } from "../i18n/kit";
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

/** A parked question keeps the seed's words for its status (Arbetsmöte 5); an action says "done". */
export function statusName(kind: FollowUpItem["kind"], status: FollowUpItem["status"], t: KitTranslate): string {
  return kind === "question" ? t(`export.status.${status}`) : t(`followUp.status.${status}`);
}

export interface CalendarOptions {
  boardId: string;
  boardTitle: string;
  language: Language;
  /** When the file is made (DTSTAMP). */
  now: Date;
}

/**
 * An iCalendar file with one all-day event per open item that has a follow-up date. Each event's
 * UID is the board's and the note's, so importing a newer file moves an event instead of adding a
 * second one.
 */
export function followUpCalendar(items: readonly FollowUpItem[], { boardId, boardTitle, language, now }: CalendarOptions): string {
  const t = kitTranslator(language);
  const calendar = new ICAL.Component(["vcalendar", [], []]);
  calendar.updatePropertyWithValue("prodid", `-//Samla//${t("followUp.title")}//${language.toUpperCase()}`);
  calendar.updatePropertyWithValue("version", "2.0");
  calendar.updatePropertyWithValue("calscale", "GREGORIAN");
  calendar.updatePropertyWithValue("x-wr-calname", t("followUp.calendarName", { title: boardTitle }));
  const stamp = ICAL.Time.fromJSDate(now, true);
  for (const { note } of items.filter((item) => item.status === "open" && item.note.followUpDate)) {
    const event = new ICAL.Event(new ICAL.Component("vevent"));
    event.uid = `${boardId}-${note.id}@samla`;
    event.component.updatePropertyWithValue("dtstamp", stamp);
    const day = ICAL.Time.fromDateString(note.followUpDate!);
    event.startDate = day;
    const next = day.clone();
    next.adjust(1, 0, 0, 0);
    event.endDate = next;
    event.summary = t("followUp.calendarSummary", { text: firstLine(note.text) });
    const lines = [note.text.trim(), note.owner ? t("followUp.calendarOwner", { name: note.owner.trim() }) : "", t("followUp.calendarBoard", { title: boardTitle })];
    event.description = lines.filter(Boolean).join("\n\n");
    calendar.addSubcomponent(event.component);
  }
  return calendar.toString().replace(/\r?\n/g, "\r\n") + "\r\n";
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
