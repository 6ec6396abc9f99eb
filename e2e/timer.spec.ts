import type { Locator } from "@playwright/test";
import { formatDuration } from "../lib/timer/timer";
import { joinCodeOf } from "./fixtures/phone-page";
import { expect, test } from "./fixtures/test";

/** "04:59" → 299, "1:02:03" → 3723. */
function seconds(text: string): number {
  return text
    .trim()
    .split(":")
    .reduce((total, part) => total * 60 + Number(part), 0);
}

/** Both clocks read in one go: the seconds they show may differ by the one that turned meanwhile. */
async function expectSameTime(a: Locator, b: Locator): Promise<void> {
  await expect
    .poll(async () => {
      const [x, y] = await Promise.all([a.textContent(), b.textContent()]);
      return Math.abs(seconds(x ?? "") - seconds(y ?? ""));
    })
    .toBeLessThanOrEqual(1);
}

test("the facilitator's step and timer reach a member's board and a phone, in the server's time, through a reload and a pause", async ({ board, openAs, openPhone, request }) => {
  const facilitator = await openAs(board.links.facilitator);
  const member = await openAs(board.links.member);
  const phone = await openPhone();
  await phone.join(await joinCodeOf(request, board));
  await facilitator.waitUntilOnline();
  await member.waitUntilOnline();

  // The facilitator writes one step and goes to it: the phone shows its title and question.
  const agenda = facilitator.page.getByTestId("agenda-panel");
  await agenda.getByRole("button", { name: "Visa agendan" }).click();
  await agenda.getByRole("button", { name: "Lägg till punkt" }).click();
  await agenda.getByLabel("Rubrik").fill("Tyst skrivande");
  await agenda.getByLabel("Minuter", { exact: true }).fill("5");
  await agenda.getByLabel("Fråga till deltagarna (syns i mobilerna)").fill("Vad fungerar bra i vardagen?");
  await agenda.getByLabel("Arbetssätt").selectOption({ label: "Skriv enskilt" });
  await agenda.getByRole("button", { name: "Spara" }).click();
  await agenda.getByRole("button", { name: /^Tyst skrivande/ }).click();
  await expect(agenda.getByTestId("agenda-current")).toContainText("Punkt 1 av 1 Tyst skrivande");
  await expect(phone.page.getByRole("region", { name: "Tyst skrivande" })).toContainText("Vad fungerar bra i vardagen?");
  await expect(member.page.getByTestId("agenda-current")).toContainText("Tyst skrivande");

  // The step set the timer to its five minutes, waiting; the keyboard starts it.
  const phoneTime = phone.page.getByTestId("timer-time");
  const memberTime = member.page.getByTestId("agenda-panel").getByTestId("timer-time");
  await expect(phoneTime).toHaveText("05:00");
  await expect(memberTime).toHaveText("05:00");
  await agenda.getByRole("button", { name: "Starta", exact: true }).focus();
  await facilitator.page.keyboard.press("Enter");
  await expect(member.page.getByTestId("timer")).toHaveAttribute("data-status", "running");
  await expect(phone.page.getByTestId("timer")).toHaveAttribute("data-status", "running");
  await expect(phoneTime).not.toHaveText("05:00");
  await expectSameTime(phoneTime, memberTime);

  // A reload asks the server again: the phone still shows the room's time.
  await phone.page.reload();
  await phone.waitUntilReady();
  await expect(phone.page.getByTestId("timer")).toHaveAttribute("data-status", "running");
  await expectSameTime(phoneTime, memberTime);

  // The private step offers private writing in one click.
  await agenda.getByRole("button", { name: "Starta tyst skrivning" }).click();
  await expect(facilitator.privateStatus).toBeVisible();

  // Pause freezes the same time on every screen.
  await agenda.getByRole("button", { name: "Pausa" }).click();
  const facilitatorTime = agenda.getByTestId("timer-time");
  for (const page of [facilitator.page, member.page, phone.page]) {
    await expect(page.getByTestId("timer")).toHaveAttribute("data-status", "paused");
    await expect(page.getByTestId("timer")).toContainText("Pausad");
  }
  const frozen = (await facilitatorTime.textContent())!;
  await expect(memberTime).toHaveText(frozen);
  await expect(phoneTime).toHaveText(frozen);

  // More time while paused, then on again: everyone follows.
  await agenda.getByRole("button", { name: "Lägg till 1 minut" }).click();
  await expect(phoneTime).toHaveText(formatDuration((seconds(frozen) + 60) * 1000));
  await agenda.getByRole("button", { name: "Fortsätt" }).click();
  await expect(phone.page.getByTestId("timer")).toHaveAttribute("data-status", "running");
  await expectSameTime(phoneTime, memberTime);

  // Members see the step and the time, but no controls.
  await expect(member.page.getByTestId("agenda-panel").getByRole("button", { name: "Pausa" })).toHaveCount(0);
});
