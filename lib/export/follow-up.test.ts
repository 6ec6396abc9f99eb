import assert from "node:assert/strict";
import { test } from "node:test";
import ICAL from "ical.js";
import type { FollowUpItem } from "../board/follow-up";
import type { NoteSnapshot } from "../schema/note";
import { followUpCalendar, followUpCsv } from "./follow-up";

function item(id: string, text: string, extra: Partial<NoteSnapshot>, kind: FollowUpItem["kind"] = "action"): FollowUpItem {
  const note: NoteSnapshot = { id, text, x: 0, y: 0, width: 160, height: 160, color: "#fff176", createdAt: 1, z: 0, ...extra };
  return { note, kind, status: note.status ?? "open" };
}

const ITEMS = [
  item("a1", "Ringa anhöriga om nya besökstider innan jul, alla avdelningar, och skriva ner vad de tycker om förslaget", { owner: "Bo", followUpDate: "2027-01-15", frame: "f" }),
  item("q1", "Vikarier saknar introduktion", { followUpDate: "2027-02-01", owner: "Enhetschefen" }, "question"),
  item("a2", "=HYPERLINK(\"x\")", { status: "solved", followUpDate: "2027-01-01" }),
  item("a3", "Boka lokal", {}),
];

test("the calendar holds one all-day event per open item with a follow-up date, and parses", () => {
  const text = followUpCalendar(ITEMS, { boardId: "B1", boardTitle: "Arbetsmöte 2", language: "sv", now: new Date("2026-12-03T10:00:00Z") })!;
  assert.ok(text.includes("\r\n"), "lines end in CRLF as RFC 5545 asks");
  const calendar = new ICAL.Component(ICAL.parse(text));
  assert.equal(calendar.getFirstPropertyValue("x-wr-calname"), "Uppföljning: Arbetsmöte 2");
  const events = calendar.getAllSubcomponents("vevent").map((component) => new ICAL.Event(component));
  assert.deepEqual(
    events.map((event) => [event.uid, event.startDate.toString(), event.startDate.isDate, event.endDate.toString()]),
    [
      ["B1-a1@samla", "2027-01-15", true, "2027-01-16"],
      ["B1-q1@samla", "2027-02-01", true, "2027-02-02"],
    ],
  );
  assert.equal(events[0].summary, "Följ upp: Ringa anhöriga om nya besökstider innan jul, alla avdelningar, och skriva ner…");
  assert.match(events[0].description, /^Ringa anhöriga .*förslaget\n\nAnsvarig: Bo\n\nFrån tavlan Arbetsmöte 2$/);
});

test("the spreadsheet lists every item with its kind and status in the board's language, formulas made inert", () => {
  const csv = followUpCsv(ITEMS, (id) => (id === "f" ? "Mål" : undefined), "sv");
  const lines = csv.replace(/^\uFEFF/, "").trimEnd().split("\r\n");
  assert.equal(lines[0], '"Typ";"Lapp";"Status";"Ansvarig";"Start";"Uppföljning";"Arbetsblad"');
  assert.equal(lines.length, 5);
  assert.ok(lines[1].startsWith('"Åtgärd";"Ringa anhöriga'));
  assert.ok(lines[1].endsWith('"Öppen";"Bo";;"2027-01-15";"Mål"'));
  assert.equal(lines[2], '"Parkerad fråga";"Vikarier saknar introduktion";"Öppen";"Enhetschefen";;"2027-02-01";');
  assert.equal(lines[3], `"Åtgärd";"'=HYPERLINK(""x"")";"Klar";;;"2027-01-01";`);
  assert.ok(followUpCsv(ITEMS, () => undefined, "en").replace(/^\uFEFF/, "").startsWith('"Kind","Note","Status"'));
});

test("a title or a note cannot add lines of its own to the calendar, and a calendar with nothing in it is not made", () => {
  const evil = "Möte\r\nBEGIN:VEVENT\nSUMMARY:falsk\rEND:VEVENT\u0007";
  const items = [item("x", `Ring\rBEGIN:VALARM\nslut`, { followUpDate: "2027-03-01", owner: "Bo\nBEGIN:VTODO" })];
  const text = followUpCalendar(items, { boardId: "B1", boardTitle: evil, language: "sv", now: new Date() })!;
  const lines = text.split("\r\n");
  assert.ok(!lines.some((line) => /^(BEGIN|END):V(ALARM|TODO)/.test(line) || line.startsWith("SUMMARY:falsk")), text);
  assert.ok(!/[\u0000-\u0008\u000b-\u001f\u007f]/.test(text.replace(/\r\n/g, "")), "no control character is left in the file");
  const calendar = new ICAL.Component(ICAL.parse(text));
  assert.equal(calendar.getAllSubcomponents("vevent").length, 1);
  assert.equal(calendar.getFirstPropertyValue("x-wr-calname"), "Uppföljning: Möte\nBEGIN:VEVENT\nSUMMARY:falsk\nEND:VEVENT ");
  assert.equal(followUpCalendar([item("y", "Klar", { status: "solved", followUpDate: "2027-01-01" }), item("z", "Utan datum", {})], { boardId: "B1", boardTitle: "t", language: "sv", now: new Date() }), null);
});
