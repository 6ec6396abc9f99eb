import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { parse } from "csv-parse/sync";
import ICAL from "ical.js";
import { makeAction, setFollowUpFields } from "../../lib/board/follow-up";
import type { CreateBoardResponse } from "../../lib/api/schemas";
import type { BoardFile } from "../../lib/export/board-file";
import { fillWorkshop, noteInCell } from "../../lib/export/fixture";
import { pdfPages } from "../../server/export/pdf-text";
import { connectClient, createBoard, startServer, waitForDoc, whenSynced } from "./helpers";
import { call } from "./participation-helpers";

type Client = ReturnType<typeof connectClient>;

describe("export and import", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let board: CreateBoardResponse;
  let facilitator: Client;
  const download = (path: string, token?: string, headers: Record<string, string> = {}) =>
    fetch(`${server.http}/api/boards/${board.id}/${path}`, { headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers } });

  before(async () => {
    server = await startServer();
    board = await createBoard(server.http, "Arbetsmöte 1 – Prioritering");
    facilitator = connectClient(server.ws, board.id, board.facilitatorToken);
    await whenSynced(facilitator.provider);
    fillWorkshop(facilitator.doc);
    noteInCell(facilitator.doc, "evil", '=HYPERLINK("x")', "prio", 3, 0);
    // Written over the websocket: the export reads the server's copy, so wait until it has it.
    const member = connectClient(server.ws, board.id, board.memberToken);
    await whenSynced(member.provider);
    await waitForDoc(member.doc, () => member.doc.getMap("notes").has("evil") && member.doc.getMap("notes").size === 7);
    member.destroy();
  });
  after(async () => {
    facilitator.destroy();
    await server.close();
  });

  test("the CSV has a row per note under its worksheet and cell, formulas made inert, as an attachment", async () => {
    for (const token of [board.facilitatorToken, board.memberToken]) {
      const res = await download("export.csv", token);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("content-type"), "text/csv; charset=utf-8");
      assert.equal(res.headers.get("cache-control"), "no-store");
      assert.match(res.headers.get("content-disposition")!, /^attachment; filename="Arbetsmote-1-Prioritering\.csv"; filename\*=UTF-8''Arbetsm%C3%B6te/);
      const rows = parse(await res.text(), { bom: true, delimiter: ";" }) as string[][];
      assert.equal(rows[0][0], "Arbetsblad");
      assert.deepEqual(rows[1].slice(0, 3), ["Prioritering", "1 – Påverkan: Stor, Kan börja nu: Ja", "Vi hälsar alltid"]);
      assert.deepEqual(rows.find((row) => row[2].includes("HYPERLINK"))?.slice(0, 3), ["Prioritering", "4 – Påverkan: Liten, Kan börja nu: Nej", `'=HYPERLINK("x")`]);
    }
  });

  test("?lang and ?frame: one worksheet's CSV in English", async () => {
    const rows = parse(await (await download("export.csv?frame=park&lang=en", board.memberToken)).text(), { bom: true, delimiter: "," }) as string[][];
    assert.deepEqual(rows.map((row) => row[2]), ["Note", "Trasig dusch", "Nattpersonalen saknar rapport"]);
    assert.equal(rows[1][6], "Large significance");
  });

  test("the PDF lists the notes under their cell labels, parking lot and loose notes after", async () => {
    const res = await download("export.pdf", board.facilitatorToken);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "application/pdf");
    assert.match(res.headers.get("content-disposition")!, /filename="Arbetsmote-1-Prioritering\.pdf"/);
    const pages = await pdfPages(new Uint8Array(await res.arrayBuffer()));
    assert.match(pages[0], /^Arbetsmöte 1 – Prioritering/);
    assert.match(pages[0], /1 – Påverkan: Stor, Kan börja nu: Ja\s+•\s+Vi hälsar alltid\s+\(Alva\)\s+•\s+=SUM\(A1\)\s+2 – Påverkan: Stor, Kan börja nu: Nej\s+•\s+Åäö æø ÅÄÖ/);
    assert.match(pages[0], /4 – Påverkan: Liten, Kan börja nu: Nej\s+•\s+=HYPERLINK\("x"\)/);
    assert.match(pages[1], /Parkeringar[\s\S]*Trasig dusch[\s\S]*Kim\s+2026-03-01\s+2026-04-01/);
    assert.match(pages[2], /Fika på fredag/);
    // The binder ends with the follow-up list: here the two parked questions.
    assert.match(pages[3], /^Uppföljning[\s\S]*Parkerad\s+fråga\s+Nattpersonalen\s+saknar\s+rapport[\s\S]*Trasig dusch/);
  });

  test("the board cookie works like the bearer token", async () => {
    const cookie = await call(server.http, "POST", `/api/boards/${board.id}/session`, { body: { token: board.memberToken } });
    const setCookie = cookie.headers.get("set-cookie")!.split(";")[0];
    const res = await download("export.json", undefined, { Cookie: setCookie });
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as BoardFile).format, "samla-board");
  });

  test("a viewer may not export, a wrong token is refused, an unknown worksheet is 404", async () => {
    for (const format of ["csv", "json", "pdf"]) {
      assert.equal((await download(`export.${format}`, board.viewerToken)).status, 403);
      assert.equal((await download(`export.${format}`, "x".repeat(40))).status, 401);
      assert.equal((await download(`export.${format}`)).status, 401);
      assert.equal((await download(`export.${format}?frame=nope`, board.memberToken)).status, 404);
    }
  });

  test("a saved board opens as a new board with the same worksheets and notes in the same cells", async () => {
    const file = (await (await download("export.json", board.facilitatorToken)).json()) as BoardFile;
    const created = await call<CreateBoardResponse>(server.http, "POST", "/api/boards", { body: { import: file } });
    assert.equal(created.status, 201);
    assert.notEqual(created.body.id, board.id);
    assert.equal(created.body.title, "Arbetsmöte 1 – Prioritering");
    const again = (await (await fetch(`${server.http}/api/boards/${created.body.id}/export.csv`, { headers: { Authorization: `Bearer ${created.body.memberToken}` } })).text()).trim();
    const original = (await (await download("export.csv", board.memberToken)).text()).trim();
    assert.equal(again, original);
  });

  test("a title with control characters is refused when typed, and cleaned when it comes from a saved file", async () => {
    const typed = await call(server.http, "POST", "/api/boards", { body: { title: "Tavla\u0000ett" } });
    assert.equal(typed.status, 400);
    assert.match(typed.body.message!, /control characters/);
    const file = (await (await download("export.json", board.facilitatorToken)).json()) as BoardFile;
    const created = await call<CreateBoardResponse>(server.http, "POST", "/api/boards", { body: { import: { ...file, title: "Gamla\u0000 tavlan\u0007" } } });
    assert.equal(created.status, 201);
    assert.equal(created.body.title, "Gamla tavlan");
  });

  test("a tampered file is refused with a clear message, and no board is created", async () => {
    const file = (await (await download("export.json", board.facilitatorToken)).json()) as BoardFile;
    file.notes[0] = { ...file.notes[0], color: "url(javascript:alert(1))" };
    const answer = await call(server.http, "POST", "/api/boards", { body: { title: "Tampered", import: file } });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error, "invalid_board_file");
    assert.match(answer.body.message!, /import\.notes\.0\.color: not a post-it colour/);
    const notAFile = await call(server.http, "POST", "/api/boards", { body: { import: { format: "samla-board", version: 1 } } });
    assert.equal(notAFile.status, 400);
  });

  test("a large board file is read, while any other body over 64 KB is still refused", async () => {
    const file = (await (await download("export.json", board.facilitatorToken)).json()) as BoardFile;
    const many = { ...file, notes: Array.from({ length: 600 }, (_, i) => ({ ...file.notes[6], id: `n${i}`, text: `Lapp ${i} ${"å".repeat(200)}` })) };
    assert.ok(JSON.stringify(many).length > 200_000);
    assert.equal((await call(server.http, "POST", "/api/boards", { body: { import: many } })).status, 201);
    assert.equal((await call(server.http, "POST", "/api/boards", { body: { title: "x", padding: "y".repeat(70_000) } })).status, 413);
  });

  test("the follow-up list: a spreadsheet of parked questions and actions, and a calendar of the open follow-up dates", async () => {
    // No open item has a date yet (the one dated question is solved): no calendar to make.
    const none = await download("follow-up.ics", board.memberToken);
    assert.equal(none.status, 404);
    assert.equal(((await none.json()) as { error: string }).error, "nothing_to_follow_up");
    // The loose note becomes an action over the websocket; the exports read the server's copy.
    makeAction(facilitator.doc, "loose", "test");
    setFollowUpFields(facilitator.doc, "loose", { owner: "Bo", followUpDate: "2027-01-15" }, "test");
    const member = connectClient(server.ws, board.id, board.memberToken);
    await whenSynced(member.provider);
    await waitForDoc(member.doc, () => (member.doc.getMap("notes").get("loose") as Map<string, unknown> | undefined)?.get("owner") === "Bo");
    member.destroy();

    assert.equal((await download("follow-up.csv")).status, 401);
    const csv = await download("follow-up.csv", board.memberToken);
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get("content-disposition")!, /filename="Arbetsmote-1-Prioritering-Uppfoljning\.csv"/);
    const rows = parse(await csv.text(), { bom: true, delimiter: ";" }) as string[][];
    assert.deepEqual(rows, [
      ["Typ", "Lapp", "Status", "Ansvarig", "Start", "Uppföljning", "Arbetsblad"],
      ["Åtgärd", "Fika på fredag", "Öppen", "Bo", "", "2027-01-15", ""],
      ["Parkerad fråga", "Nattpersonalen saknar rapport", "Öppen", "", "", "", "Parkeringar"],
      ["Parkerad fråga", "Trasig dusch", "Löser vi själva", "Kim", "2026-03-01", "2026-04-01", "Parkeringar"],
    ]);

    const ics = await download("follow-up.ics?lang=en", board.facilitatorToken);
    assert.equal(ics.status, 200);
    assert.equal(ics.headers.get("content-type"), "text/calendar; charset=utf-8");
    const calendar = new ICAL.Component(ICAL.parse(await ics.text()));
    const events = calendar.getAllSubcomponents("vevent").map((event) => new ICAL.Event(event));
    // The solved question's date is not in it: there is nothing left to follow up.
    assert.deepEqual(
      events.map((event) => [event.uid, event.summary, event.startDate.toString()]),
      [[`${board.id}-loose@samla`, "Follow up: Fika på fredag", "2027-01-15"]],
    );
  });
});
