import { joinCodeOf } from "./fixtures/phone-page";
import type { CreateBoardResponse } from "../lib/api/schemas";
import { expect, test } from "./fixtures/test";

test("a phone sends homework for the next meeting: it waits for that board, lands in its Nya lappar, later notes go straight there, and the phone follows to the meeting as itself", async ({ request, openAs, openPhone }) => {
  const first = (await (await request.post("/api/boards", { data: { kit: "arbetsmote-1", language: "sv" } })).json()) as CreateBoardResponse;
  const phone = await openPhone();
  await phone.join(await joinCodeOf(request, first));
  const card = phone.page.getByTestId("homework");
  await expect(card.getByRole("heading", { name: "Uppgift till nästa möte" })).toBeVisible();
  await expect(card).toContainText("Till arbetsmöte 2: reflektera enskilt");
  await card.getByLabel("Skriv en lapp till nästa möte").fill("Mer tid vid frukosten");
  await card.getByRole("button", { name: "Skicka till nästa möte" }).click();
  await expect(card.getByRole("status").first()).toHaveText("Skickad. Lappen väntar tills nästa möte har en tavla.");
  await expect(card).toContainText("1 lapp väntar på nästa möte.");
  await phone.page.screenshot({ path: test.info().outputPath("phone-homework.png"), fullPage: true });

  // The facilitator makes meeting 2; the note is waiting in its Nya lappar.
  const next = await request.post("/api/boards", { data: { continues: first.id, language: "sv", welcomePrevious: true }, headers: { Authorization: `Bearer ${first.facilitatorToken}` } });
  expect(next.status()).toBe(201);
  const second = (await next.json()) as CreateBoardResponse;
  const facilitator = await openAs(second.links.facilitator, { viewport: { width: 1280, height: 800 } });
  await facilitator.waitUntilOnline();
  await expect(facilitator.note("Mer tid vid frukosten")).toHaveCount(1);

  // Sent now, it goes straight to meeting 2's board, where the facilitator sees it arrive.
  await card.getByLabel("Skriv en lapp till nästa möte").fill("Sjunga tillsammans");
  await card.getByRole("button", { name: "Skicka till nästa möte" }).click();
  await expect(card.getByRole("status").first()).toHaveText("Skickad. Lappen finns på nästa mötes tavla.");
  await expect(facilitator.note("Sjunga tillsammans")).toHaveCount(1);

  // The facilitator let this meeting's phones follow: one tap, and the phone is in meeting 2 as itself.
  const nextCard = phone.page.getByTestId("next-meeting");
  await expect(nextCard.getByRole("heading", { name: "Nästa möte har en tavla" })).toBeVisible();
  await nextCard.getByRole("button", { name: "Gå till nästa möte" }).click();
  await expect(phone.page).toHaveURL(new RegExp(`/p/${second.id}$`));
  await expect(phone.page.getByRole("heading", { level: 1 })).toHaveText("Arbetsmöte 2 – Genomförande");
  await phone.addNote("Från samma mobil");
  await expect(facilitator.note("Från samma mobil")).toHaveCount(1);
});
