import { readFile } from "node:fs/promises";
import type { CreateBoardResponse } from "../lib/api/schemas";
import { expect, test } from "./fixtures/test";
import { frameText, joinCodeOf, type PhonePage } from "./fixtures/phone-page";

/**
 * Arbetsmöte 3's personal action plan from its kit: two phones write personal plans, each sees
 * only their own, the board shows how many have written, and ending the step, private writing and
 * its reveal included, shows nobody's plan.
 */
test("Arbetsmöte 3: each phone writes a personal plan only it sees; the board counts them and reveals none", async ({ request, openAs, openPhone }) => {
  const created = await request.post("/api/boards", { data: { kit: "arbetsmote-3", language: "sv" } });
  expect(created.status()).toBe(201);
  const board = (await created.json()) as CreateBoardResponse;
  const plans = { anna: "Anna-PLAN-fraga-de-boende-4711", bo: "Bo-PLAN-kurs-om-demens-0815" };
  const contribution = "Jag-lyssnar-forst-2024";

  const facilitator = await openAs(board.links.facilitator);
  const frames: string[] = [];
  const member = await openAs(board.links.member, {}, (page) => page.on("websocket", (ws) => ws.on("framereceived", ({ payload }) => void frames.push(frameText(payload)))));
  const code = await joinCodeOf(request, board);
  const anna = await openPhone();
  const bo = await openPhone();
  await anna.join(code, "Anna");
  await bo.join(code, "Bo");
  await facilitator.waitUntilOnline();
  await member.waitUntilOnline();

  // The contributions step: private writing on, one signed contribution waits.
  const agenda = facilitator.page.getByTestId("agenda-panel");
  await agenda.getByRole("button", { name: "Visa agendan" }).click();
  await agenda.getByRole("button", { name: /^Mina tre bidrag/ }).click();
  await agenda.getByRole("button", { name: "Starta tyst skrivning" }).click();
  await expect(facilitator.privateStatus).toContainText("0 lappar väntar");
  await anna.addNote(contribution);
  await expect(facilitator.privateStatus).toContainText("1 lapp väntar");

  // The personal plan: the phones write to their own plan, not to the board.
  await agenda.getByRole("button", { name: /^Min personliga handlingsplan/ }).click();
  await expect(agenda.getByTestId("agenda-current")).toContainText("Min personliga handlingsplan");
  for (const phone of [anna, bo]) {
    const plan = phone.page.getByTestId("personal-plan");
    await expect(plan.getByRole("heading", { name: "Min personliga handlingsplan" })).toBeVisible();
    await expect(plan.getByText("Bara du ser det du skriver här. Det kommer aldrig upp på tavlan.")).toBeVisible();
    await expect(phone.field, "no board note by mistake during a personal step").toHaveCount(0);
  }
  await writePlan(anna, "Delaktighet", plans.anna);
  await writePlan(bo, "Kompetensutveckling", plans.bo);
  await expect(facilitator.page.getByTestId("personal-status")).toContainText("2 personer har skrivit i sin plan");
  await expect(member.page.getByTestId("personal-status")).toContainText("2 personer har skrivit i sin plan");

  // Each phone has its own plan, under its area, and only that.
  await expect(anna.page.getByTestId("personal-notes").getByRole("heading", { name: "Delaktighet" })).toBeVisible();
  await expect(anna.page.getByTestId("personal-notes")).toContainText(plans.anna);
  await expect(bo.page.getByTestId("personal-notes")).toContainText(plans.bo);
  expect(await anna.page.content()).not.toContain(plans.bo);
  expect(await bo.page.content()).not.toContain(plans.anna);

  // The writer keeps their plan as a file, made on the phone.
  const [download] = await Promise.all([anna.page.waitForEvent("download"), anna.page.getByRole("button", { name: "Ladda ner" }).click()]);
  const file = await readFile((await download.path())!, "utf8");
  expect(file).toContain("Min personliga handlingsplan");
  expect(file).toContain(`Delaktighet\n- ${plans.anna}`);
  expect(file).not.toContain(plans.bo);

  // Ending private writing reveals the waiting contribution, never a plan.
  const privateWriting = facilitator.page.getByRole("button", { name: "Tyst skrivning", exact: true });
  await expect(privateWriting).toHaveAttribute("aria-pressed", "true");
  await privateWriting.click();
  await expect(member.note(contribution)).toHaveCount(1);
  await expect(facilitator.note(contribution)).toHaveCount(1);
  await agenda.getByRole("button", { name: "Föregående punkt" }).click();
  await expect(facilitator.page.getByTestId("personal-status")).toHaveCount(0);
  // The contribution's frames came to the member; a plan sent along would have come with them.
  expect(frames.some((frame) => frame.includes(contribution))).toBe(true);
  for (const text of Object.values(plans)) {
    expect(frames.filter((frame) => frame.includes(text))).toEqual([]);
    expect(await member.page.content()).not.toContain(text);
    expect(await facilitator.page.content()).not.toContain(text);
  }
  await expect(member.notes).toHaveCount(1);
  // After the step the plan is still the writer's, to print or download; the field is back.
  await expect(anna.page.getByTestId("personal-notes")).toContainText(plans.anna);
  await expect(anna.field).toBeVisible();
});

async function writePlan(phone: PhonePage, area: string, text: string): Promise<void> {
  const plan = phone.page.getByTestId("personal-plan");
  await plan.getByLabel("Område").selectOption(area);
  await plan.getByLabel("Vad vill du göra?").fill(text);
  await plan.getByRole("button", { name: "Spara i min plan" }).click();
  await expect(plan.getByText("Sparat i din plan.")).toBeVisible();
  await expect(plan.getByLabel("Vad vill du göra?")).toHaveValue("");
}
