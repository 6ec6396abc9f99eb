import type { Page } from "@playwright/test";
import type { CreateBoardResponse } from "../lib/api/schemas";
import type { BoardPage } from "./fixtures/board-page";
import { PHONE } from "./fixtures/phone-page";
import { expect, test } from "./fixtures/test";

/**
 * The board owns the screen: on a 1280x800 laptop the header and toolbar leave the canvas at least
 * 80 % of the height, the facilitator's workshop tools sit in one panel that closes, and every one
 * of them is reached with the keyboard from the panel's button.
 */
const LAPTOP = { viewport: { width: 1280, height: 800 } };

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

async function canvasHeight(board: BoardPage): Promise<number> {
  await expect(board.canvas).toBeVisible();
  return (await board.canvas.boundingBox())!.height;
}

/** What the focused element is called, as a screen reader would say it (its label, else its text). */
function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return "";
    return (el.getAttribute("aria-label") || el.textContent || "").replace(/\s+/g, " ").trim();
  });
}

test("at 1280x800 the facilitator's canvas keeps 80 % of the height, and every workshop tool is reached by keyboard from the panel", async ({ request, openAs }) => {
  const links = (await kitBoard(request)).links;
  const facilitator = await openAs(links.facilitator, LAPTOP);
  await facilitator.waitUntilOnline();
  const { page } = facilitator;
  // A note, so that a vote can be started (the button is disabled on an empty board).
  await addNote(facilitator, "Värdighet i vardagen");

  const toggle = page.getByRole("button", { name: "Workshop", exact: true });
  const panel = page.getByRole("complementary", { name: "Workshop: agenda och verktyg" });
  // On a laptop the panel opens beside the board: the board loses width, never height.
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await expect(panel).toBeVisible();
  expect(await canvasHeight(facilitator)).toBeGreaterThanOrEqual(0.8 * 800);

  await toggle.click();
  await expect(panel).toBeHidden();
  expect(await canvasHeight(facilitator)).toBeGreaterThanOrEqual(0.8 * 800);
  const closedWidth = (await facilitator.canvas.boundingBox())!.width;
  expect(closedWidth).toBeGreaterThanOrEqual(1280 - 2);

  // Open it from the keyboard and walk through it with Tab.
  await toggle.focus();
  await page.keyboard.press("Enter");
  await expect(panel).toBeVisible();
  const reached: string[] = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press("Tab");
    reached.push(await focusedName(page));
  }
  for (const tool of ["Visa agendan", "Bjud in mobiler", "Tyst skrivning", "Små grupper", "Starta röstning", "Lägg till arbetsblad från en metod", "Presentera", "Projektorvy", "Om tavlan: hur länge den sparas, radera den"]) {
    expect(reached, `${tool} is reached with Tab`).toContain(tool);
  }
  // The panel's tools come right after its button, before the toolbar.
  expect(reached.indexOf("Bjud in mobiler")).toBeLessThan(reached.findIndex((name) => name.includes("Ny lapp")));

  // Esc closes the panel from inside it and gives focus back to its button.
  await panel.getByRole("button", { name: "Tyst skrivning" }).focus();
  await page.keyboard.press("Escape");
  await expect(panel).toBeHidden();
  await expect(toggle).toBeFocused();
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
});

/** The facilitator goes to the method's first step, from the agenda in the workshop panel. */
async function goToFirstStep(facilitator: BoardPage): Promise<void> {
  const agenda = facilitator.page.getByTestId("agenda-panel");
  await agenda.getByRole("button", { name: "Visa agendan" }).click();
  await agenda.getByRole("button", { name: /^Våra värdegrundsmeningar/ }).click();
  await expect(agenda.getByTestId("agenda-current")).toContainText("Våra värdegrundsmeningar");
}

test("a member and a viewer get less chrome: no workshop tools, no panel until a step is under way", async ({ request, openAs }) => {
  const links = (await kitBoard(request)).links;
  const member = await openAs(links.member, LAPTOP);
  await member.waitUntilOnline();
  const viewer = await openAs(links.viewer, LAPTOP);
  await viewer.waitUntilOnline();
  // Steps not yet begun are nothing to follow: the board has the whole window.
  await expect(member.page.getByRole("button", { name: "Workshop", exact: true })).toHaveCount(0);
  expect(await canvasHeight(member)).toBeGreaterThanOrEqual(0.8 * 800);
  expect((await member.canvas.boundingBox())!.width).toBeGreaterThanOrEqual(1280 - 2);
  // A viewer has no toolbar row either.
  await expect(viewer.page.getByRole("button", { name: "Ny lapp" })).toHaveCount(0);
  expect(await canvasHeight(viewer)).toBeGreaterThanOrEqual(0.9 * 800);

  const facilitator = await openAs(links.facilitator, LAPTOP);
  await facilitator.waitUntilOnline();
  await goToFirstStep(facilitator);
  // The step is under way: the member's panel shows it, without any of the facilitator's tools.
  const panel = member.page.getByRole("complementary", { name: "Workshop: agenda och verktyg" });
  await expect(panel.getByTestId("agenda-current")).toContainText("Våra värdegrundsmeningar");
  await expect(member.page.getByRole("button", { name: "Bjud in mobiler" })).toHaveCount(0);
  expect(await canvasHeight(member)).toBeGreaterThanOrEqual(0.8 * 800);
});

test("on a phone-sized browser a member's canvas gets most of the screen, and the panel opens over it", async ({ request, openAs }) => {
  const links = (await kitBoard(request)).links;
  const facilitator = await openAs(links.facilitator, LAPTOP);
  await facilitator.waitUntilOnline();
  await goToFirstStep(facilitator);
  const phone = await openAs(links.member, { ...PHONE });
  await phone.waitUntilOnline();
  const toggle = phone.page.getByRole("button", { name: "Workshop", exact: true });
  // Narrow: closed at first, so the notes are what the member sees.
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  expect(await canvasHeight(phone)).toBeGreaterThanOrEqual(0.7 * 640);
  await toggle.tap();
  const panel = phone.page.getByRole("complementary", { name: "Workshop: agenda och verktyg" });
  await expect(panel.getByTestId("agenda-current")).toContainText("Våra värdegrundsmeningar");
  await panel.getByRole("button", { name: "Stäng panelen" }).tap();
  await expect(panel).toBeHidden();
  await expect(toggle).toBeFocused();
});
