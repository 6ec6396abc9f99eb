import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import type { CreateBoardResponse } from "../lib/api/schemas";
import type { BoardPage } from "./fixtures/board-page";
import { joinCodeOf } from "./fixtures/phone-page";
import { expect, test } from "./fixtures/test";

/**
 * axe-core's WCAG 2.1 A and AA rules on every kind of screen Samla has: nothing excluded, so a
 * violation is fixed in the page (contrast, labels, landmarks, names), not in this list.
 */
const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const LAPTOP = { viewport: { width: 1280, height: 800 } };

// axe reads the whole page, a few seconds each on a shared machine.
test.describe.configure({ timeout: 180_000 });

async function expectNoViolations(page: Page, what: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  const found = violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ")).join("\n  ")}`);
  expect(found, `axe on ${what}`).toEqual([]);
}

/** A note through the toolbar: a kit board's worksheets cover the canvas points a double-click would use. */
async function addNote(board: BoardPage, text: string): Promise<void> {
  await board.button("Ny lapp").click();
  await expect(board.editor).toBeFocused();
  await board.page.keyboard.type(text);
  await board.page.keyboard.press("Escape");
  await expect(board.note(text)).toHaveCount(1);
}

async function kitBoard(request: import("@playwright/test").APIRequestContext): Promise<CreateBoardResponse> {
  const res = await request.post("/api/boards", { data: { kit: "arbetsmote-1", language: "sv" } });
  expect(res.status()).toBe(201);
  return (await res.json()) as CreateBoardResponse;
}

test("the start page", async ({ browser }) => {
  const context = await browser.newContext({ ...LAPTOP, locale: "sv-SE" });
  const page = await context.newPage();
  await page.goto("/");
  await expect(page.getByRole("button", { name: "Ny tavla" })).toBeEnabled();
  await expectNoViolations(page, "the start page");
  await context.close();
});

test("a board for the facilitator, its share dialog and its join dialog", async ({ request, openAs }) => {
  const links = (await kitBoard(request)).links;
  const facilitator = await openAs(links.facilitator, LAPTOP);
  await facilitator.waitUntilOnline();
  await addNote(facilitator, "Värdighet i vardagen");
  await expect(facilitator.page.getByTestId("frame-list")).toBeAttached();
  await expectNoViolations(facilitator.page, "the facilitator's board");

  await facilitator.button("Dela").click();
  const share = facilitator.page.getByRole("dialog", { name: "Dela tavlan" });
  await expect(share).toBeVisible();
  await expectNoViolations(facilitator.page, "the share dialog");
  await facilitator.page.keyboard.press("Escape");
  await expect(share).toBeHidden();

  await facilitator.button("Bjud in mobiler").click();
  const join = facilitator.page.getByRole("dialog", { name: "Var med från mobilen" });
  await expect(join.getByTestId("join-code")).toHaveText(/^[A-Z2-9]{3} [A-Z2-9]{3}$/);
  await expectNoViolations(facilitator.page, "the join dialog");
  await join.getByRole("button", { name: "Stoppa inbjudan" }).click();
  await expect(join.getByTestId("join-closed")).toBeVisible();
  await expectNoViolations(facilitator.page, "the join dialog with the invitation stopped");
});

test("a board for a member", async ({ request, openAs }) => {
  const links = (await kitBoard(request)).links;
  const facilitator = await openAs(links.facilitator, LAPTOP);
  await facilitator.waitUntilOnline();
  const agenda = facilitator.page.getByTestId("agenda-panel");
  await agenda.getByRole("button", { name: "Visa agendan" }).click();
  await agenda.getByRole("button", { name: /^Våra värdegrundsmeningar/ }).click();
  const member = await openAs(links.member, LAPTOP);
  await member.waitUntilOnline();
  await expect(member.page.getByTestId("agenda-current")).toBeVisible();
  await expectNoViolations(member.page, "the member's board");
  await member.button("Uppföljning").click();
  await expect(member.page.getByTestId("follow-up-list")).toBeVisible();
  await expectNoViolations(member.page, "the follow-up list");
});

test("the phone page", async ({ request, openPhone }) => {
  const board = await kitBoard(request);
  const phone = await openPhone();
  await phone.join(await joinCodeOf(request, board), "Anna");
  await expectNoViolations(phone.page, "the phone page");
});

test("the phone's code page, also with a wrong code said under its field", async ({ openPhone }) => {
  const phone = await openPhone();
  await phone.goto("/join");
  const codeField = phone.page.getByLabel("Kod", { exact: true });
  await phone.hydrated(codeField);
  await expectNoViolations(phone.page, "the code page");
  await codeField.fill("ZZZ 999");
  await phone.page.getByRole("button", { name: "Gå med" }).tap();
  await expect(codeField).toHaveAttribute("aria-invalid", "true");
  await expectNoViolations(phone.page, "the code page with a wrong code");
});

test("the projector page", async ({ request, openAs }) => {
  const board = await kitBoard(request);
  const links = board.links;
  const projector = await openAs(links.projector, { viewport: { width: 1280, height: 720 } });
  await expect(projector.page.getByTestId("screen")).toBeVisible();
  await expect(projector.canvas).toBeVisible();
  await expectNoViolations(projector.page, "the projector page");

  // A step under way: its title, question and timer in the projector's strip.
  const auth = { Authorization: `Bearer ${board.facilitatorToken}` };
  expect((await request.post(`/api/boards/${board.id}/agenda`, { headers: auth, data: { step: 0 } })).status()).toBe(200);
  expect((await request.post(`/api/boards/${board.id}/timer`, { headers: auth, data: { action: "start" } })).status()).toBe(200);
  await expect(projector.page.getByTestId("screen-step-title")).toBeVisible();
  await expect(projector.page.getByTestId("timer")).toHaveAttribute("data-status", "running");
  await expectNoViolations(projector.page, "the projector page with a step and its timer");
});

test("small groups with roles: the groups dialog and a phone that shows its role", async ({ request, openAs, openPhone }) => {
  const res = await request.post("/api/boards", { data: { kit: "arbetsmote-4", language: "sv" } });
  const board = (await res.json()) as CreateBoardResponse;
  const facilitator = await openAs(board.links.facilitator, LAPTOP);
  await facilitator.waitUntilOnline();
  const phone = await openPhone();
  await phone.join(await joinCodeOf(request, board), "Anna");

  await facilitator.button("Små grupper").click();
  const dialog = facilitator.page.getByRole("dialog", { name: "Små grupper" });
  const roles = dialog.getByRole("textbox", { name: /^Roller i varje grupp/ });
  await roles.fill("A – har ett problem\nB – frågar och lyssnar\nC – iakttar och ger återkoppling");
  await expectNoViolations(facilitator.page, "the groups dialog, before the groups start");
  await dialog.getByRole("button", { name: "Dela in i grupper" }).click();
  await expect(dialog.getByRole("button", { name: "Byt roller" })).toBeVisible();
  await expectNoViolations(facilitator.page, "the groups dialog with roles");

  await expect(phone.page.getByTestId("my-role")).toHaveText("Din roll: A – har ett problem");
  await expectNoViolations(phone.page, "the phone page with a role");
});
