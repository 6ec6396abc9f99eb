import { readFile } from "node:fs/promises";
import ICAL from "ical.js";
import { expect, test } from "./fixtures/test";
import { PHONE } from "./fixtures/phone-page";
import { Worksheets } from "./fixtures/worksheets";

const LAPTOP = { viewport: { width: 1280, height: 800 } };

test("any note becomes an action with a person and a date, keeps them wherever it is moved, and every editor's follow-up list and calendar show it", async ({ board, openAs }) => {
  const facilitator = await openAs(board.links.facilitator, LAPTOP);
  // A colleague on a phone-sized browser, with the member link.
  const member = await openAs(board.links.member, PHONE);
  const sheets = new Worksheets(facilitator);
  await facilitator.waitUntilOnline();
  await member.waitUntilOnline();

  // A question parked in a parking lot gets its person and dates in the panel that opens with it.
  await sheets.add("Parkering");
  const lot = await sheets.frame(/^Parkeringar, Parkering/, "parking", 1, 1);
  const [x, y] = await sheets.toCanvas({ x: lot.x + 120, y: lot.y + 200 });
  await facilitator.addNoteAt(x, y, "Vikarier saknar introduktion");
  await facilitator.clickCanvas(...(await sheets.noteCentre("Vikarier saknar introduktion")));
  const panel = facilitator.page.getByTestId("follow-up-panel");
  await expect(panel.getByRole("heading", { name: "Parkerad fråga" })).toBeVisible();
  await panel.getByLabel("Ansvarig").fill("Enhetschefen");
  await panel.getByLabel("Uppföljningsdatum").fill("2027-02-01");

  // Dragged out of the parking lot (to the board left of it), it keeps them: it is an action now.
  await facilitator.page.keyboard.press("Escape"); // done with the panel
  await facilitator.button("Zooma ut").click();
  const [lotLeft] = await sheets.toCanvas(lot);
  const [outX, outY] = [lotLeft / 2, 160];
  expect(outX).toBeGreaterThan(80);
  await facilitator.dragCanvas(await sheets.noteCentre("Vikarier saknar introduktion"), [outX, outY]);
  await expect(facilitator.note("Vikarier saknar introduktion")).not.toContainText("i Parkeringar");
  await facilitator.clickCanvas(...(await sheets.noteCentre("Vikarier saknar introduktion")));
  await expect(panel.getByRole("heading", { name: "Åtgärd" })).toBeVisible();
  await expect(panel.getByLabel("Ansvarig")).toHaveValue("Enhetschefen");
  await expect(panel.getByLabel("Uppföljningsdatum")).toHaveValue("2027-02-01");

  // A plain note becomes an action from the follow-up list.
  await facilitator.addNoteAt(outX, outY + 280, "Ringa anhöriga om besökstiderna");
  await facilitator.clickCanvas(...(await sheets.noteCentre("Ringa anhöriga om besökstiderna")));
  await expect(panel).toHaveCount(0); // a plain note opens no panel by itself
  await facilitator.button("Uppföljning").click();
  await panel.getByRole("button", { name: "Gör till åtgärd" }).click();
  await expect(panel.getByRole("heading", { name: "Åtgärd" })).toBeVisible();
  await panel.getByLabel("Ansvarig").fill("Bo");
  await panel.getByLabel("Uppföljningsdatum").fill("2027-01-15");
  // The note names the person responsible on the board.
  const actionId = await facilitator.noteIdOf("Ringa anhöriga");
  await expect.poll(() => facilitator.drawnTexts(actionId)).toContain("→ Bo");

  // The colleague's list: open items by follow-up date, each with its kind, status, person and date.
  await member.button("Uppföljning").click();
  const list = member.page.getByTestId("follow-up-list");
  await expect(list.getByRole("listitem")).toHaveText([/Ringa anhöriga.*Åtgärd · Öppen · Bo · Följs upp 15 jan\. 2027/, /Vikarier saknar introduktion.*Åtgärd · Öppen · Enhetschefen · Följs upp 1 feb\. 2027/]);
  await expect(list).toContainText("2 öppna");
  await member.page.screenshot({ path: test.info().outputPath("member-list.png") });

  // The colleague marks one done: it goes to the end of the list, on every screen.
  await list.getByRole("button", { name: "Ringa anhöriga om besökstiderna" }).click();
  const memberPanel = member.page.getByTestId("follow-up-panel");
  await memberPanel.getByRole("radio", { name: "Klar" }).check();
  // The facilitator's list, still open, follows.
  await expect(panel.getByTestId("follow-up-list").getByRole("listitem")).toHaveText([/Vikarier saknar introduktion/, /Ringa anhöriga.*Åtgärd · Klar · Bo/]);
  await facilitator.page.screenshot({ path: test.info().outputPath("facilitator-list.png") });

  // The calendar file holds the open follow-up date, for whoever keeps the unit's diary.
  const [download] = await Promise.all([facilitator.page.waitForEvent("download"), panel.getByRole("link", { name: "Datumen till kalendern (.ics)" }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.ics$/);
  const calendar = new ICAL.Component(ICAL.parse(await readFile((await download.path())!, "utf8")));
  const events = calendar.getAllSubcomponents("vevent").map((event) => new ICAL.Event(event));
  expect(events.map((event) => [event.summary, event.startDate.toString()])).toEqual([["Följ upp: Vikarier saknar introduktion", "2027-02-01"]]);
});

test("by keyboard: U on a note opens its follow-up with focus in the panel, and Esc goes back to the note", async ({ board, openAs }) => {
  const member = await openAs(board.links.member, LAPTOP);
  await member.waitUntilOnline();
  await member.addNoteAt(300, 300, "Ny rutin för nattens rapport");
  await member.note("Ny rutin för nattens rapport").focus();
  await member.page.keyboard.press("u");
  const panel = member.page.getByTestId("follow-up-panel");
  await expect(panel.getByRole("button", { name: "Gör till åtgärd" })).toBeFocused();
  await member.page.keyboard.press("Enter");
  await expect(panel.getByLabel("Ansvarig")).toBeFocused();
  await member.page.keyboard.type("Anna");
  await expect(panel.getByTestId("follow-up-list").getByRole("listitem")).toHaveText([/Ny rutin för nattens rapport.*Åtgärd · Öppen · Anna · Inget datum/]);
  // Only a spreadsheet to take away: the calendar needs a date.
  await expect(panel.getByRole("link")).toHaveText(["Ladda ner listan (CSV)"]);
  await member.page.keyboard.press("Escape");
  await expect(panel.getByTestId("follow-up-list")).toHaveCount(0);
  await expect(member.note("Ny rutin för nattens rapport")).toBeFocused();
});

test("a viewer has no follow-up list to change or take away, and the server refuses them the files", async ({ board, openAs, request }) => {
  const viewer = await openAs(board.links.viewer, LAPTOP);
  await viewer.waitUntilOnline();
  await expect(viewer.button("Uppföljning")).toHaveCount(0);
  const token = new URL(board.links.viewer, "http://x").hash.replace("#token=", "");
  for (const file of ["follow-up.csv", "follow-up.ics"]) {
    const res = await request.get(`/api/boards/${board.id}/${file}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status(), file).toBe(403);
  }
});
