import type { APIRequestContext } from "@playwright/test";
import type { CreateBoardResponse } from "../lib/api/schemas";
import type { BoardPage } from "./fixtures/board-page";
import { joinCodeOf } from "./fixtures/phone-page";
import { expect, test } from "./fixtures/test";
import { Worksheets } from "./fixtures/worksheets";

const LAPTOP = { viewport: { width: 1280, height: 800 } };

async function kitBoard(request: APIRequestContext, kit: string): Promise<CreateBoardResponse> {
  const res = await request.post("/api/boards", { data: { kit, language: "sv" } });
  expect(res.status()).toBe(201);
  return (await res.json()) as CreateBoardResponse;
}

/** "Nästa möte" in the workshop panel: the method (the series' next one offered first), then the new board. */
async function nextMeeting(facilitator: BoardPage, kit: string | null): Promise<void> {
  const { page } = facilitator;
  await facilitator.button("Nästa möte och mötesserie").click();
  const dialog = page.getByTestId("series-dialog");
  const method = dialog.getByLabel("Metod för nästa möte");
  if (kit) await method.selectOption({ label: kit });
  await dialog.getByRole("button", { name: "Skapa nästa möte" }).click();
  await expect(dialog.getByRole("status")).toHaveText("Nästa möte är klart. Länken finns också i serielistan.");
  await dialog.getByRole("link", { name: "Öppna nästa möte" }).click();
  await facilitator.waitUntilOnline();
}

test("Arbetsmöte 1 → 2 → 5 as a series: what the phones wrote and was parked or made an action reaches meeting 5's parking lot with its person", async ({ request, openAs, openPhone }) => {
  test.slow(); // three boards in turn, two phones
  const first = await kitBoard(request, "arbetsmote-1");
  const facilitator = await openAs(first.links.facilitator, LAPTOP);
  await facilitator.waitUntilOnline();
  const code = await joinCodeOf(request, first);
  const phones = [await openPhone(), await openPhone()];
  for (const phone of phones) await phone.join(code);
  await phones[0].addNote("Nattens överlämning");
  await phones[1].addNote("Fler promenader");
  await phones[1].addNote("Sång på fredagar");
  await expect(facilitator.note(/Nattens överlämning|Fler promenader|Sång på fredagar/)).toHaveCount(3);

  // The facilitator parks one question with a person responsible, and makes the other an action.
  const sheets = new Worksheets(facilitator);
  await sheets.add("Parkering");
  await facilitator.button("Visa hela tavlan").click();
  const lot = await sheets.frame(/^Parkeringar, Parkering/, "parking", 1, 1);
  // (A note dropped in a parking lot opens its follow-up panel, over the right of the board: that one last.)
  const grid = await sheets.frame(/^Prioritering/, "quadrant", 2, 2);
  await facilitator.dragCanvas(await sheets.noteCentre("Sång på fredagar"), await sheets.cellCentre(grid, 0));
  await expect(facilitator.note("Sång på fredagar")).toContainText("i Prioritering");
  await facilitator.dragCanvas(await sheets.noteCentre("Nattens överlämning"), await sheets.cellCentre(lot, 0));
  await expect(facilitator.note("Nattens överlämning")).toContainText("i Parkeringar");
  await facilitator.clickCanvas(...(await sheets.noteCentre("Nattens överlämning")));
  const panel = facilitator.page.getByTestId("follow-up-panel");
  await panel.getByLabel("Ansvarig").fill("Kim");
  await panel.getByLabel("Uppföljningsdatum").fill("2027-02-01");
  await facilitator.page.keyboard.press("Escape");
  await facilitator.clickCanvas(...(await sheets.noteCentre("Fler promenader")));
  await facilitator.button("Uppföljning").click();
  await panel.getByRole("button", { name: "Gör till åtgärd" }).click();
  await panel.getByLabel("Ansvarig").fill("Anna");
  const followUp = () => panel.getByTestId("follow-up-list").getByRole("listitem");
  await expect(followUp()).toHaveText([/Nattens överlämning.*Parkerad fråga · Öppen · Kim · Följs upp 1 feb\. 2027/, /Fler promenader.*Åtgärd · Öppen · Anna/]);

  // Meeting 2: the series' next method is offered, and both come along, with their people.
  await nextMeeting(facilitator, null);
  await expect(facilitator.page.getByRole("heading", { level: 1 })).toHaveText("Arbetsmöte 2 – Genomförande");
  await expect(facilitator.page.getByTestId("frame-list")).toContainText("Öppna åtgärder från tidigare möten");
  // The summary of meeting 1: its worksheet as it ended, locked.
  await expect(facilitator.page.getByTestId("frame-list")).toContainText("Föregående möte: Prioritering, Fyrfältare 2×2, 1 lapp");
  await expect(facilitator.note("Sång på fredagar")).toContainText("i Föregående möte: Prioritering");
  await facilitator.button("Uppföljning").click();
  await expect(followUp()).toHaveText([/Nattens överlämning.*Parkerad fråga · Öppen · Kim · Följs upp 1 feb\. 2027/, /Fler promenader.*Åtgärd · Öppen · Anna/]);
  await facilitator.button("Uppföljning").click();

  // Meeting 5, the parking lots' meeting: the question waits in its parking lot.
  await nextMeeting(facilitator, "Arbetsmöte 5 – Parkeringar");
  await expect(facilitator.page.getByRole("heading", { level: 1 })).toHaveText("Arbetsmöte 5 – Parkeringar");
  await expect(facilitator.note("Nattens överlämning")).toContainText("i Parkeringar");
  await expect(facilitator.note("Fler promenader")).toHaveCount(1);

  // The series: three meetings in order, and what is open across them, each once.
  await facilitator.button("Nästa möte och mötesserie").click();
  const dialog = facilitator.page.getByTestId("series-dialog");
  await expect(dialog.getByTestId("series-meetings").getByRole("listitem")).toHaveText([
    /Möte 1: Arbetsmöte 1 – Prioritering.*0 öppna.*Öppna/,
    /Möte 2: Arbetsmöte 2 – Genomförande.*0 öppna/,
    /Möte 3: Arbetsmöte 5 – Parkeringar.*2 öppna.*det här mötet/,
  ]);
  await expect(dialog.getByTestId("series-follow-up").getByRole("listitem")).toHaveText([
    /Parkerad fråga: Nattens överlämning · Kim · Följs upp 1 feb. 2027 · sedan Arbetsmöte 1 – Prioritering/,
    /Åtgärd: Fler promenader · Anna · Inget datum · sedan Arbetsmöte 1 – Prioritering/,
  ]);
  await facilitator.page.screenshot({ path: test.info().outputPath("series.png") });

  // The overview: every board's worksheets with their strongest notes.
  await dialog.getByRole("button", { name: "Visa översikten" }).click();
  await expect(dialog.getByTestId("series-overview")).toContainText("Prioritering: 1 lapp · Sång på fredagar");

  // Each meeting's link opens it.
  await dialog.getByRole("link", { name: "Öppna Arbetsmöte 1 – Prioritering" }).click();
  await facilitator.waitUntilOnline();
  await expect(facilitator.page.getByRole("heading", { level: 1 })).toHaveText("Arbetsmöte 1 – Prioritering");
});

test("a member has no Nästa möte, and the server refuses them the series", async ({ request, openAs }) => {
  const first = await kitBoard(request, "arbetsmote-1");
  const member = await openAs(first.links.member, LAPTOP);
  await member.waitUntilOnline();
  await expect(member.button("Nästa möte och mötesserie")).toHaveCount(0);
  const answer = await member.page.evaluate(
    async (id) => (await fetch("/api/boards", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ continues: id }) })).status,
    first.id,
  );
  expect(answer).toBe(403);
});
