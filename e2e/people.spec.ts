import { expect, test } from "./fixtures/test";

test("the start page creates a board in Swedish and lands the facilitator on it", async ({ browser }) => {
  const context = await browser.newContext({ locale: "sv-SE" });
  const page = await context.newPage();
  await page.goto("/");
  await page.getByLabel("Tavlans namn").fill("Arbetsplatsträff");
  await page.getByRole("button", { name: "Ny tavla" }).click();
  await expect(page.getByRole("heading", { name: "Arbetsplatsträff" })).toBeVisible();
  await expect(page.getByRole("banner").getByText("Processledare", { exact: true })).toBeVisible();
  expect(page.url()).not.toContain("token");
  await context.close();
});

test("the browser's language picks the interface language, and the user can switch", async ({ board, openAs }) => {
  const norwegian = await openAs(board.links.member, { locale: "nb-NO" });
  await expect(norwegian.button("Ny lapp")).toBeVisible();
  await expect(norwegian.page.getByRole("banner").getByText("Deltaker", { exact: true })).toBeVisible();
  const english = await openAs(board.links.member, { locale: "en-US" });
  await expect(english.button("New note")).toBeVisible();
  await english.page.getByLabel("Language").selectOption("sv");
  await expect(english.button("Ny lapp")).toBeVisible();
  await english.page.reload();
  await expect(english.button("Ny lapp")).toBeVisible();
});

test("the share dialog gives three links, and each opens the board with its own rights", async ({ board, openAs }) => {
  const facilitator = await openAs(board.links.facilitator);
  await facilitator.button("Dela").click();
  const memberLink = await facilitator.page.getByTestId("share-link-member").inputValue();
  const viewerLink = await facilitator.page.getByTestId("share-link-viewer").inputValue();
  expect(await facilitator.page.getByTestId("share-link-facilitator").inputValue()).toContain("#token=");
  expect(memberLink).toContain("#token=");
  await facilitator.page.getByRole("button", { name: "Stäng", exact: true }).click();

  const member = await openAs(memberLink);
  await expect(member.page.getByRole("banner").getByText("Deltagare", { exact: true })).toBeVisible();
  await expect(member.button("Dela")).toHaveCount(0);
  const viewer = await openAs(viewerLink);
  await expect(viewer.page.getByRole("banner").getByText("Bara läsa", { exact: true })).toBeVisible();
});

test("others' cursors and names show live, and so does who is writing in which note", async ({ board, openAs }) => {
  const a = await openAs(board.links.facilitator);
  const b = await openAs(board.links.member);
  await a.waitUntilOnline();
  await b.waitUntilOnline();
  await b.page.getByLabel("Ditt namn").fill("Karin");
  await expect(a.page.getByText("2 personer här")).toBeVisible();
  await a.addNoteAt(400, 300, "Gemensam");
  await b.doubleClickCanvas(400, 300);
  await expect(b.editor).toBeFocused();
  // Presence is drawn on the canvas; its state is what the canvas draws from.
  await expect
    .poll(() => a.page.evaluate(() => document.querySelector("[data-testid=board-canvas] canvas") !== null))
    .toBe(true);
  const seen = await a.page.waitForFunction(() => {
    const stages = (window as unknown as { Konva?: { stages: Array<{ find(sel: string): Array<{ text(): string }> }> } }).Konva?.stages ?? [];
    return stages.some((stage) => stage.find("Text").some((node) => node.text() === "Karin skriver här"));
  });
  expect(await seen.jsonValue()).toBe(true);
});

test("offline: keep working, see it clearly, and everything merges when the connection returns", async ({ board, openAs }) => {
  const a = await openAs(board.links.facilitator);
  const b = await openAs(board.links.member);
  await a.waitUntilOnline();
  await b.waitUntilOnline();
  await a.context.setOffline(true);
  await expect(a.status).toHaveAttribute("data-status", "offline");
  await expect(a.status).toContainText("Frånkopplad");
  await a.addNoteAt(300, 300, "Skrivet utan nät");
  await b.addNoteAt(700, 300, "Skrivet under tiden");
  await expect(b.note("Skrivet utan nät")).toHaveCount(0);
  await a.context.setOffline(false);
  await a.waitUntilOnline();
  for (const person of [a, b]) {
    await expect(person.note("Skrivet utan nät")).toHaveCount(1);
    await expect(person.note("Skrivet under tiden")).toHaveCount(1);
  }
});

test("on a phone-sized screen a member adds a note with the toolbar and the facilitator sees it", async ({ board, openAs }) => {
  const facilitator = await openAs(board.links.facilitator);
  const phone = await openAs(board.links.member, { viewport: { width: 360, height: 640 }, hasTouch: true, isMobile: true });
  await phone.waitUntilOnline();
  await phone.button("Ny lapp").tap();
  await expect(phone.editor).toBeFocused();
  await phone.page.keyboard.type("Från mobilen");
  await phone.page.keyboard.press("Escape");
  await expect(facilitator.note("Från mobilen")).toHaveCount(1);
  const box = await phone.button("Ny lapp").boundingBox();
  expect(box!.height).toBeGreaterThanOrEqual(44);
});
