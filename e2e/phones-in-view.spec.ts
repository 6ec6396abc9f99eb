import type { APIRequestContext, Locator } from "@playwright/test";
import type { CreateBoardResponse } from "../lib/api/schemas";
import { expect, test } from "./fixtures/test";
import { joinCodeOf, PHONE } from "./fixtures/phone-page";

const SCREEN = PHONE.viewport!;

/** The element lies wholly inside the phone's screen as it is scrolled now. */
async function expectInView(element: Locator, height = SCREEN.height): Promise<void> {
  await expect(element).toBeVisible();
  await expect.poll(async () => (await element.boundingBox())!.y).toBeGreaterThanOrEqual(0);
  await expect.poll(async () => {
    const box = (await element.boundingBox())!;
    return box.y + box.height;
  }).toBeLessThanOrEqual(height);
}

/** A step with a question of a few lines, as a method's step has: it fills the top of the phone. */
async function goToStep(request: APIRequestContext, board: CreateBoardResponse): Promise<void> {
  const headers = { Authorization: `Bearer ${board.facilitatorToken}` };
  const steps = [{ title: "Tyst skrivande", minutes: 5, mode: "private", prompt: "Vad fungerar bra i vardagen på avdelningen, och vad skulle du vilja ändra på om du fick bestämma själv?" }];
  expect((await request.put(`/api/boards/${board.id}/agenda`, { headers, data: { steps } })).status()).toBe(200);
  expect((await request.post(`/api/boards/${board.id}/agenda`, { headers, data: { step: 0 } })).status()).toBe(200);
}

test("at 360x640 with a step question on screen, what a tap on Add says is in view and told to screen readers", async ({ board, openPhone, request }) => {
  await goToStep(request, board);
  const anna = await openPhone();
  await anna.join(await joinCodeOf(request, board), "Anna");
  await expect(anna.page.getByRole("region", { name: "Tyst skrivande" })).toBeVisible();
  const message = anna.page.getByTestId("composer-message");
  const messageId = (await message.getAttribute("id"))!;
  await expect(anna.field).toHaveAttribute("aria-describedby", new RegExp(messageId.replace(/[:«»]/g, ".")));
  await expect(anna.addButton).toHaveAttribute("aria-describedby", messageId);
  await expect(message).toHaveAttribute("role", "status");

  // Focus on the field: the Add button comes into view with it (the keyboard opens over the bottom).
  await anna.field.tap();
  await expectInView(anna.addButton);
  // The keyboard opens: what the eye sees shrinks to the top 340 px (emulated by the viewport,
  // which moves the visual viewport as a keyboard does); Add moves up into it, above the keys.
  await anna.page.setViewportSize({ width: SCREEN.width, height: 340 });
  await expectInView(anna.addButton, 340);
  await anna.page.setViewportSize(SCREEN);

  // Nothing written: "Skriv något först", where the eye is.
  await anna.page.evaluate(() => window.scrollTo(0, 0));
  await anna.addButton.tap();
  await expect(message).toHaveText("Skriv något först.");
  await expectInView(message);

  // Too long.
  await anna.page.evaluate(() => window.scrollTo(0, 0));
  await anna.field.fill("x".repeat(501));
  await anna.addButton.tap();
  await expect(message).toHaveText("Lappen är för lång. Korta den lite.");
  await expectInView(message);

  // Added.
  await anna.page.evaluate(() => window.scrollTo(0, 0));
  await anna.field.fill("Mer fika på fredagar");
  await anna.addButton.tap();
  await expect(message).toHaveText("Lappen är tillagd.");
  await expectInView(message);
  await expect(anna.myNote("Mer fika på fredagar")).toContainText("Skickad");
});

test("a closed vote's results come first on the phone; the facilitator reads how many have voted, never a call to vote", async ({ board, openAs, openPhone, request }) => {
  test.setTimeout(150_000);
  const facilitator = await openAs(board.links.facilitator);
  await facilitator.waitUntilOnline();
  const code = await joinCodeOf(request, board);
  const anna = await openPhone();
  await anna.join(code, "Anna");
  const bo = await openPhone();
  await bo.join(code, "Bo");
  await anna.addNote("Fler pauser");
  await anna.addNote("Ny kaffemaskin");
  await expect(facilitator.notes).toHaveCount(2);

  await facilitator.startVote(2);
  await expect(facilitator.voteStatus).toHaveText(/^Röstning pågår: 0 av \d+ har röstat(\. Du har \d av 2 prickar kvar\.)?$/);
  await anna.tapCandidate("Fler pauser");
  await expect(anna.dotsLeft).toHaveText("1 prick kvar");
  await expect(facilitator.voteStatus).toHaveText(/^Röstning pågår: 1 av \d+ har röstat(\. Du har \d av 2 prickar kvar\.)?$/);
  await bo.tapCandidate("Fler pauser");
  await bo.tapCandidate("Ny kaffemaskin");
  await expect(facilitator.voteStatus).toHaveText(/^Röstning pågår: 2 av \d+ har röstat(\. Du har \d av 2 prickar kvar\.)?$/);
  const total = Number((await facilitator.voteStatus.textContent())!.match(/av (\d+)/)![1]);
  expect(total).toBeGreaterThanOrEqual(2);
  // Their own dots, if they vote too, are a fact beside it, not a call to vote.
  await expect(facilitator.voteStatus).not.toContainText("Använd prickknappen");

  // Bo has scrolled down to his notes when the vote closes.
  await bo.page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await facilitator.button("Avsluta röstningen").click();
  const results = bo.page.getByTestId("vote-results");
  await expect(results.getByRole("heading", { name: "Resultat" })).toBeVisible();
  const resultsBox = (await results.boundingBox())!;
  const notesBox = (await bo.myNotesHeading.boundingBox())!;
  const composerBox = (await bo.page.locator("form[data-interactive]").boundingBox())!;
  expect(resultsBox.y).toBeLessThan(composerBox.y);
  expect(resultsBox.y).toBeLessThan(notesBox.y);
  await expectInView(results.getByRole("heading", { name: "Resultat" }));
  await expect(results.locator("li").first()).toContainText("Fler pauser");
});

test("the people count counts the phones that follow the board", async ({ board, openAs, openPhone, request }) => {
  const facilitator = await openAs(board.links.facilitator);
  await facilitator.waitUntilOnline();
  const presence = facilitator.page.locator(".presence");
  await expect(presence).toHaveText("1 person här");
  const code = await joinCodeOf(request, board);
  const anna = await openPhone();
  await anna.join(code, "Anna");
  const bo = await openPhone();
  await bo.join(code, "Bo");
  await expect(presence).toHaveText("3 personer här");
  await bo.close();
  await expect(presence).toHaveText("2 personer här");
});

test("with joining stopped the dialog shows no code and no QR code, only that it is stopped and how to open it", async ({ board, openAs }) => {
  const facilitator = await openAs(board.links.facilitator);
  await facilitator.waitUntilOnline();
  await facilitator.button("Bjud in mobiler").click();
  const dialog = facilitator.page.getByRole("dialog", { name: "Var med från mobilen" });
  await expect(dialog.getByTestId("join-code")).toBeVisible();
  // One button closes the dialog; the other stops the invitation, and says so.
  await expect(dialog.getByRole("button", { name: /^Stäng/ })).toHaveCount(1);
  await dialog.getByRole("button", { name: "Stoppa inbjudan" }).click();

  const closed = dialog.getByTestId("join-closed");
  await expect(closed).toContainText("Inbjudan är stoppad: ingen ny kan gå med.");
  await expect(closed).toContainText("Tryck på ”Öppna inbjudan”");
  await expect(dialog.getByTestId("join-code")).toHaveCount(0);
  await expect(dialog.locator("svg[data-url]")).toHaveCount(0);

  await dialog.getByRole("button", { name: "Öppna inbjudan" }).click();
  await expect(dialog.getByTestId("join-code")).toBeVisible();
  await expect(closed).toHaveCount(0);
  await dialog.getByRole("button", { name: "Stäng", exact: true }).click();
  await expect(dialog).toBeHidden();
});
