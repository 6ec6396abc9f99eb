import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parse as parseCsv } from "csv-parse/sync";
import { inertCell, reportCsv } from "./csv";
import { buildReport } from "./report";
import { reportOf, workshopBoard, noteInCell } from "./fixture";

describe("the CSV", () => {
  test("has a header in the board's language and one row per note, in report order", () => {
    const rows = parse(reportCsv(reportOf(workshopBoard()), "sv"), ";");
    assert.deepEqual(rows[0], ["Arbetsblad", "Ruta eller kolumn", "Lapp", "Röster", "Skribent", "Färg", "Betydelse", "Status", "Ansvarig", "Start", "Uppföljning"]);
    assert.deepEqual(rows[1], ["Prioritering", "1 – Påverkan: Stor, Kan börja nu: Ja", "Vi hälsar alltid", "3", "Alva", "Gul", "", "", "", "", ""]);
    assert.deepEqual(rows.slice(1).map((row) => row[2]), ["Vi hälsar alltid", "'=SUM(A1)", "Åäö æø ÅÄÖ", "Trasig dusch", "Nattpersonalen saknar rapport", "Fika på fredag"]);
    assert.deepEqual(rows[4], ["Parkeringar", "Frågor", "Trasig dusch", "0", "", "Gul", "Stor betydelse", "Löser vi själva", "Kim", "2026-03-01", "2026-04-01"]);
    assert.equal(rows[6][0], "Lappar utanför arbetsbladen");
  });

  test("English uses commas and English words", () => {
    const rows = parse(reportCsv(reportOf(workshopBoard()), "en"), ",");
    assert.equal(rows[0][0], "Worksheet");
    assert.equal(rows[4][6], "Large significance");
  });

  test("starts with a byte-order mark so spreadsheets read å ä ö as UTF-8", () => {
    assert.ok(reportCsv(reportOf(workshopBoard()), "fi").startsWith("\uFEFF"));
  });

  for (const attack of ["=SUM(A1)", "+1", "-1", "@x", "=cmd|' /C calc'!A0", "\t=1", "\r=1", '=HYPERLINK("x")']) {
    test(`a note ${JSON.stringify(attack)} comes out as text, not a formula`, () => {
      const board = workshopBoard();
    const doc = board.doc;
      noteInCell(doc, "evil", attack, "prio", 3, 0);
      const rows = parse(reportCsv(buildReport(doc, board.session, { frameId: "prio" }), "sv"), ";");
      const row = rows.find((r) => r[1].startsWith("4 "));
      assert.equal(row?.[2], `'${attack}`);
    });
  }

  test("leaves ordinary text alone and escapes only where a formula could start", () => {
    assert.equal(inertCell("Vi hälsar = alltid"), "Vi hälsar = alltid");
    assert.equal(inertCell("2026-03-01"), "2026-03-01");
    assert.equal(inertCell("-"), "'-");
  });

  test("quotes and newlines in a note stay inside its cell", () => {
    const board = workshopBoard();
    const doc = board.doc;
    noteInCell(doc, "q", 'Säg "hej";\nvarje dag', "prio", 3, 0);
    const rows = parse(reportCsv(buildReport(doc, board.session, { frameId: "prio" }), "sv"), ";");
    assert.equal(rows.find((r) => r[1].startsWith("4 "))?.[2], 'Säg "hej";\nvarje dag');
  });
});

function parse(text: string, delimiter: string): string[][] {
  return parseCsv(text, { bom: true, delimiter, relax_column_count: false }) as string[][];
}
