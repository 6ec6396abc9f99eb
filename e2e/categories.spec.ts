import type { APIRequestContext } from "@playwright/test";
import type { CreateBoardResponse } from "../lib/api/schemas";
import { joinCodeOf } from "./fixtures/phone-page";
import { expect, test } from "./fixtures/test";

async function kitBoard(request: APIRequestContext, kit: string): Promise<CreateBoardResponse> {
  const res = await request.post("/api/boards", { data: { kit, language: "sv" } });
  expect(res.status()).toBe(201);
  return (await res.json()) as CreateBoardResponse;
}

test("a phone offers Backspegling's four questions as large choices, and the note lands under the one chosen", async ({ request, openAs, openPhone }) => {
  const board = await kitBoard(request, "backspegling");
  const facilitator = await openAs(board.links.facilitator, { viewport: { width: 1280, height: 800 } });
  await facilitator.waitUntilOnline();
  const agenda = facilitator.page.getByTestId("agenda-panel");
  await agenda.getByRole("button", { name: "Visa agendan" }).click();
  await agenda.getByRole("button", { name: "Nästa punkt" }).click(); // to the first step, "Reflektera själv"
  await expect(agenda.getByTestId("agenda-current")).toContainText("Reflektera själv");
  const phone = await openPhone();
  await phone.join(await joinCodeOf(request, board));
  const choices = phone.page.getByTestId("category-choice");
  await expect(choices.getByRole("radio")).toHaveCount(4);
  await expect(choices).toContainText("Var hör lappen hemma?");

  // Without a choice the phone says so where the eye is, and keeps the text.
  await phone.page.getByLabel("Skriv en lapp").fill("Att fråga innan jag hjälper");
  await phone.page.getByRole("button", { name: "Lägg till lapp", exact: true }).click();
  await expect(phone.page.getByTestId("composer-message")).toHaveText("Välj var lappen hör hemma först.");
  await expect(phone.page.getByTestId("composer-message")).toBeInViewport();
  await choices.getByRole("radio", { name: "Vad lärde du dig?" }).check();
  // Each choice is a whole row to tap, not a small radio button.
  for (const choice of await choices.locator("label").all()) expect((await choice.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  await phone.page.screenshot({ path: test.info().outputPath("phone-categories.png") });
  await phone.page.getByRole("button", { name: "Lägg till lapp", exact: true }).click();
  await expect(phone.page.getByTestId("composer-message")).toHaveText("Lappen är tillagd.");

  await expect(facilitator.note("Att fråga innan jag hjälper")).toContainText("i Backspegling, Vad lärde du dig?");
});
