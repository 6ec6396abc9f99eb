import { expect, test } from "./fixtures/test";
import type { Page } from "@playwright/test";

/** Nordic users: a date kept until is deleted at 00:00 UTC, on that date here (server/lifecycle/keep-until.ts). */
const STOCKHOLM = { timezoneId: "Europe/Stockholm" };

async function storedOnDevice(page: Page): Promise<{ databases: string[]; keys: string[] }> {
  return page.evaluate(async () => ({
    databases: (await indexedDB.databases()).map((db) => db.name ?? ""),
    keys: Object.keys(localStorage),
  }));
}

async function expectTouchSize(locator: ReturnType<Page["getByRole"]>): Promise<void> {
  expect((await locator.boundingBox())!.height).toBeGreaterThanOrEqual(44);
}

test("a member forgets the board on this device: asked first, the copy, the keys and the cookies go, the link without its token opens nothing, and the board stays for the others", async ({ board, openAs }) => {
  const facilitator = await openAs(board.links.facilitator);
  const member = await openAs(board.links.member);
  for (const person of [facilitator, member]) await person.waitUntilOnline();
  await member.addNoteAt(300, 300, "Om Elsa i rum 4");
  await expect(facilitator.note("Om Elsa i rum 4")).toHaveCount(1);
  await expect.poll(async () => (await storedOnDevice(member.page)).databases).toContain(`samla-board-${board.id}`);

  const about = member.page.getByRole("button", { name: "Om tavlan: när den raderas, glöm den på den här enheten" });
  await expectTouchSize(about);
  await about.click();
  const dialog = member.page.getByRole("dialog", { name: "Om tavlan" });
  await expect(dialog.getByTestId("retention-when")).toContainText("raderas tavlan den");
  await expect(dialog.getByRole("region", { name: "Vad som har gjorts med tavlan" })).toHaveCount(0);
  const start = dialog.getByRole("button", { name: "Glöm tavlan på den här enheten…" });
  await expectTouchSize(start);
  await start.click();
  const question = dialog.getByRole("group", { name: /Glömma tavlan på den här enheten\?/ });
  await expect(question).toContainText("Tavlan finns kvar för alla andra. För att komma tillbaka behöver du länken igen.");
  await expect(question).not.toContainText("Du leder workshoppen");
  await expect(question.getByRole("button", { name: "Ja, glöm tavlan här" })).toBeFocused();
  await member.page.keyboard.press("Enter");

  await expect(member.page.getByRole("heading", { name: "Tavlan är glömd på den här enheten" })).toBeVisible();
  await expect(member.canvas).toHaveCount(0);
  await expect(member.page.getByText("Om Elsa i rum 4")).toHaveCount(0);
  await expect.poll(async () => (await storedOnDevice(member.page)).databases).not.toContain(`samla-board-${board.id}`);
  expect((await storedOnDevice(member.page)).keys.filter((key) => key.includes(board.id))).toEqual([]);
  expect((await member.context.cookies()).filter((cookie) => cookie.name.includes(board.id))).toEqual([]);

  // The board's address without the link's #token: this device has no way in any more.
  await member.page.goto(`/b/${board.id}`);
  await expect(member.page.getByRole("heading", { name: "Länken fungerar inte" })).toBeVisible();
  await expect(member.canvas).toHaveCount(0);
  expect((await storedOnDevice(member.page)).databases).not.toContain(`samla-board-${board.id}`);

  // For everyone else the board is as it was.
  await expect(facilitator.note("Om Elsa i rum 4")).toHaveCount(1);
  await expect(facilitator.status).toHaveAttribute("data-status", "online");
});

test("the facilitator is warned before forgetting the board on their device, and may cancel", async ({ board, openAs }) => {
  const facilitator = await openAs(board.links.facilitator);
  await facilitator.waitUntilOnline();
  await facilitator.button("Om tavlan: hur länge den sparas, radera den").click();
  const dialog = facilitator.page.getByRole("dialog", { name: "Om tavlan" });
  await dialog.getByRole("button", { name: "Glöm tavlan på den här enheten…" }).click();
  const question = dialog.getByRole("group", { name: /Glömma tavlan på den här enheten\?/ });
  await expect(question).toContainText("Du leder workshoppen. Spara processledarlänken");
  await question.getByRole("button", { name: "Avbryt" }).click();
  await expect(dialog.getByRole("button", { name: "Glöm tavlan på den här enheten…" })).toBeFocused();
  await expect(facilitator.status).toHaveAttribute("data-status", "online");
});

test("the facilitator keeps the board to a date three days ahead: the facilitator and a member are told in a banner, the projector is not", async ({ board, openAs }) => {
  let infoRead: Promise<unknown> | undefined;
  const facilitator = await openAs(board.links.facilitator, STOCKHOLM, (page) => {
    infoRead = page.waitForResponse((res) => res.request().method() === "GET" && new URL(res.url()).pathname === `/api/boards/${board.id}`);
  });
  await facilitator.waitUntilOnline();
  // 90 days ahead by default: once the page knows the date, no banner.
  await infoRead;
  await expect(facilitator.page.getByTestId("deletion-banner")).toHaveCount(0);

  const keep = new Date(Date.now() + 3 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
  const shown = new Intl.DateTimeFormat("sv-SE", { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${keep}T00:00:00Z`));
  await facilitator.button("Om tavlan: hur länge den sparas, radera den").click();
  const dialog = facilitator.page.getByRole("dialog", { name: "Om tavlan" });
  await dialog.getByRole("radio", { name: "Behåll till ett datum" }).check();
  await dialog.getByLabel("Radera tavlan den").fill(keep);
  await dialog.getByRole("button", { name: "Spara datumet" }).click();
  await expect(dialog.getByRole("status").filter({ hasText: "Sparat." })).toBeVisible();
  await expect(dialog.getByTestId("retention-when")).toHaveText(`Tavlan raderas den ${shown}, oavsett om den används eller inte. Den raderas inte tidigare.`);
  await expect(dialog.getByRole("region", { name: "Vad som har gjorts med tavlan" }).getByRole("listitem").first()).toContainText(`Processledare: satte tavlan att raderas den ${shown}`);
  await dialog.getByRole("button", { name: "Stäng", exact: true }).click();

  const text = `Tavlan raderas den ${shown}. Exportera det ni vill spara.`;
  const banner = facilitator.page.getByRole("region", { name: "Tavlan raderas snart" });
  await expect(banner).toHaveText(new RegExp(`^${text}`));
  await banner.getByRole("button", { name: "Om tavlan…" }).click();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("radio", { name: "Behåll till ett datum" })).toBeChecked();
  await dialog.getByRole("button", { name: "Stäng", exact: true }).click();

  const member = await openAs(board.links.member, STOCKHOLM);
  await member.waitUntilOnline();
  const memberBanner = member.page.getByRole("region", { name: "Tavlan raderas snart" });
  await expect(memberBanner).toContainText(text);
  const exportButton = memberBanner.getByRole("button", { name: "Exportera…" });
  await expectTouchSize(exportButton);
  await exportButton.click();
  await expect(member.page.getByRole("group", { name: "Exportera tavlan" })).toBeVisible();

  const projector = await openAs(board.links.projector, STOCKHOLM);
  await expect(projector.page.getByTestId("board-canvas")).toBeVisible();
  await expect(projector.page.getByTestId("deletion-banner")).toHaveCount(0);
});
