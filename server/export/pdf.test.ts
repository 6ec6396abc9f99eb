import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { boardFollowUp, makeAction, setFollowUpFields } from "../../lib/board/follow-up";
import { reportOf, workshopBoard } from "../../lib/export/fixture";
import { pdfPages } from "./pdf-text";
import { reportPdf } from "./pdf";
import { worksheetPictures } from "../../lib/export/pictures";
import { createFrame } from "../../lib/board/frames";
import { writeSession } from "../../lib/schema/session";

const date = new Date("2026-02-01T10:00:00Z");

describe("the PDF report", () => {
  test("starts with the title and date, then lists the notes under their cells with their votes", async () => {
    const pages = await pdfPages(await reportPdf(reportOf(workshopBoard()), { title: "Arbetsmöte 1", language: "sv", date }));
    assert.match(pages[0], /^Arbetsmöte 1\s+Exporterad 1 februari 2026/);
    assert.match(pages[0], /Prioritering\s+1 – Påverkan: Stor, Kan börja nu: Ja\s+•\s+Vi hälsar alltid\s+\(3 röster · Alva\)\s+•\s+=SUM\(A1\)\s+2 – Påverkan: Stor, Kan börja nu: Nej\s+•\s+Åäö æø ÅÄÖ\s+\(1 röst\)/);
    assert.match(pages[0], /3 – Påverkan: Liten, Kan börja nu: Ja\s+Inga lappar\./);
  });

  test("gives the parking lot a table of owners and dates, large significance first, and ends with the loose notes", async () => {
    const pages = await pdfPages(await reportPdf(reportOf(workshopBoard()), { title: "", language: "sv", date }));
    assert.match(pages[0], /^Namnlös tavla/);
    assert.match(pages[1], /Parkeringar\s+Lapp\s+Betydelse\s+Status\s+Ansvarig\s+Start\s+Uppföljning\s+Trasig dusch\s+Stor\s+betydelse\s+Löser\s+vi\s+själva\s+Kim\s+2026-03-01\s+2026-04-01\s+Nattpersonalen\s+saknar\s+rapport\s+Övriga/);
    assert.match(pages[2], /Lappar utanför arbetsbladen\s+•\s+Fika på fredag/);
  });

  test("ends with the follow-up list: who does what by when, open items first", async () => {
    const board = workshopBoard();
    makeAction(board.doc, "loose", "test");
    setFollowUpFields(board.doc, "loose", { owner: "Bo", followUpDate: "2027-01-15" }, "test");
    const pages = await pdfPages(await reportPdf(reportOf(board), { title: "Arbetsmöte 5", language: "sv", date, followUp: boardFollowUp(board.doc) }));
    assert.match(pages.at(-1)!, /^Uppföljning\s+Typ\s+Lapp\s+Status\s+Ansvarig\s+Start\s+Uppföljning\s+Åtgärd\s+Fika på fredag\s+Öppen\s+Bo\s+2027-01-15\s+Parkerad\s+fråga\s+Nattpersonalen\s+saknar\s+rapport\s+Öppen\s+Parkerad\s+fråga\s+Trasig dusch\s+Löser\s+vi\s+själva\s+Kim\s+2026-03-01\s+2026-04-01/);
    assert.match(pages.at(-2)!, /Lappar utanför arbetsbladen/);
  });

  test("speaks the board's language", async () => {
    const pages = await pdfPages(await reportPdf(reportOf(workshopBoard(), { frameId: "prio" }), { title: "Työpaja", language: "fi", date }));
    assert.equal(pages.length, 1);
    assert.match(pages[0], /Viety 1\. helmikuuta 2026/);
    assert.match(pages[0], /\(3 ääntä · Alva\)/);
  });

  test("the binder: how many took part, the agenda with its minutes, each worksheet's picture, a scale's result, and every page numbered", async () => {
    const board = workshopBoard();
    createFrame(board.doc, { id: "scale", kind: "scale", title: "Var är vi nu?", lowLabel: "0 = nuläget", highLabel: "10 = önskeläge", x: 0, y: 4000, now: 3 }, "test");
    writeSession(board.session, { voteCounts: { a: 3, c: 1, b: 5 }, scaleMarkers: { scale: { p1: 3, p2: 6, p3: 8, p4: 7 } } });
    const agenda = [
      { title: "Inledning", minutes: 10, prompt: "", mode: "discuss" as const },
      { title: "Prioritera", minutes: 30, prompt: "", mode: "private" as const },
    ];
    const pdf = await reportPdf(reportOf(board), { title: "Arbetsmöte 1", language: "sv", date, agenda, participants: 12, pictures: worksheetPictures(board.doc, board.session) });
    const pages = await pdfPages(pdf);
    assert.match(pages[0], /Exporterad 1 februari 2026 kl. 11:00\s+12 deltagare\s+Dagordning\s+Punkt\s+Minuter\s+1\. Inledning\s+10\s+2\. Prioritera\s+30/);
    const prioritering = pages.find((page) => page.startsWith("Prioritering"))!;
    // The picture shows the notes as they lie (text and all), then the list has them by votes.
    assert.equal(prioritering.match(/Vi hälsar alltid/g)?.length, 2, "in the picture and in the list");
    assert.match(prioritering, /1 – Påverkan: Stor, Kan börja nu: Ja\s+•\s+=SUM\(A1\)\s+\(5 röster\)\s+•\s+Vi hälsar alltid\s+\(3 röster · Alva\)/);
    assert.match(pages.find((page) => page.includes("Var är vi nu?"))!, /4 svar · median 6,5 · spridning 3–8/);
    pages.forEach((page, i) => assert.match(page, new RegExp(`Sida ${i + 1} av ${pages.length}\\s*$`)));
  });
});
