import { expect, test } from "./fixtures/test";
import { frameText, joinCodeOf } from "./fixtures/phone-page";

test("private writing: held notes reach no one, not even as websocket bytes, until the facilitator shows them", async ({ board, openAs, openPhone, request }) => {
  // Ascii words, so they would show in a frame's bytes whatever the encoding around them.
  const secrets = ["Hemligt-ALFA-4711", "Hemligt-BETA-0815"];
  const frames: string[] = [];
  const facilitator = await openAs(board.links.facilitator);
  const member = await openAs(board.links.member, {}, (page) =>
    page.on("websocket", (ws) => ws.on("framereceived", ({ payload }) => void frames.push(frameText(payload)))),
  );
  const code = await joinCodeOf(request, board);
  const anna = await openPhone();
  const bo = await openPhone();
  await anna.join(code);
  await bo.join(code);
  await facilitator.waitUntilOnline();
  await member.waitUntilOnline();
  expect(frames.length).toBeGreaterThan(0);

  await facilitator.button("Tyst skrivning").click();
  await expect(facilitator.button("Tyst skrivning")).toHaveAttribute("aria-pressed", "true");
  await expect(member.privateStatus).toContainText("0 lappar väntar");
  for (const phone of [anna, bo]) await expect(phone.page.getByText("Dina lappar är privata tills processledaren visar dem.")).toBeVisible();

  await anna.addNote(secrets[0]);
  await bo.addNote(secrets[1]);
  await expect(anna.myNote(secrets[0])).toContainText("Privat tills den visas");
  await expect(bo.myNote(secrets[1])).toContainText("Privat tills den visas");
  await expect(facilitator.privateStatus).toContainText("2 lappar väntar");
  // The count came to the member over the same websocket, after both notes were stored: a note's
  // words sent along would have come before it.
  await expect(member.privateStatus).toContainText("2 lappar väntar");
  for (const secret of secrets) {
    expect(frames.filter((frame) => frame.includes(secret))).toEqual([]);
    expect(await member.page.content()).not.toContain(secret);
    expect(await facilitator.page.content()).not.toContain(secret);
  }
  await expect(member.notes).toHaveCount(0);
  await expect(facilitator.notes).toHaveCount(0);
  // Each phone has its own note, and only that.
  await expect(anna.myNotes).toHaveCount(1);
  expect(await anna.page.content()).not.toContain(secrets[1]);
  expect(await bo.page.content()).not.toContain(secrets[0]);

  await facilitator.button("Visa alla").click();
  for (const secret of secrets) {
    await expect(member.note(secret)).toHaveCount(1);
    await expect(facilitator.note(secret)).toHaveCount(1);
  }
  // The same recorder hears them now, so it would have heard them before.
  for (const secret of secrets) expect(frames.some((frame) => frame.includes(secret))).toBe(true);
  await expect(member.privateStatus).toContainText("0 lappar väntar");
  await expect(anna.myNote(secrets[0])).toContainText("Skickad");
  await expect(bo.myNote(secrets[1])).toContainText("Skickad");
});

test("read aloud: the arrow key steps through the held notes, placing each on the board as it goes", async ({ board, openAs, openPhone, request }) => {
  const texts = ["Första tanken", "Andra tanken", "Tredje tanken"];
  const facilitator = await openAs(board.links.facilitator);
  const member = await openAs(board.links.member);
  const phone = await openPhone();
  await phone.join(await joinCodeOf(request, board));
  await facilitator.waitUntilOnline();
  await member.waitUntilOnline();

  await facilitator.button("Tyst skrivning").click();
  await expect(phone.page.getByText("Dina lappar är privata tills processledaren visar dem.")).toBeVisible();
  for (const text of texts) {
    await phone.addNote(text);
    await expect(phone.myNote(text)).toContainText("Privat tills den visas");
  }
  await expect(facilitator.privateStatus).toContainText("3 lappar väntar");

  await facilitator.button("Läs upp").click();
  const dialog = facilitator.page.getByRole("dialog", { name: "Läs upp" });
  const shown = dialog.getByTestId("read-aloud-note");
  const position = dialog.locator(".read-aloud-position");
  await expect(shown).toHaveText(texts[0]);
  await expect(position).toHaveText("Lapp 1 av 3");
  await expect(member.notes).toHaveCount(0);

  const keys = facilitator.page.keyboard;
  await keys.press("ArrowRight");
  await expect(shown).toHaveText(texts[1]);
  await expect(position).toHaveText("Lapp 2 av 3");
  await expect(member.note(texts[0])).toHaveCount(1);
  await expect(member.notes).toHaveCount(1);
  await expect(facilitator.privateStatus).toContainText("2 lappar väntar");

  // Back shows the first one again without placing it twice.
  await keys.press("ArrowLeft");
  await expect(shown).toHaveText(texts[0]);
  await expect(position).toHaveText("Lapp 1 av 3");
  await keys.press("ArrowRight");
  await expect(shown).toHaveText(texts[1]);
  await expect(position).toHaveText("Lapp 2 av 3");

  await keys.press("ArrowRight");
  await expect(shown).toHaveText(texts[2]);
  await expect(position).toHaveText("Lapp 3 av 3");
  await expect(member.notes).toHaveCount(2);

  await keys.press("ArrowRight");
  await expect(dialog.getByText("Alla lappar sitter på tavlan.")).toBeVisible();
  await expect(shown).toHaveCount(0);
  await dialog.getByRole("button", { name: "Klar" }).click();
  await expect(dialog).toHaveCount(0);

  for (const person of [facilitator, member]) {
    await expect(person.notes).toHaveCount(3);
    for (const text of texts) await expect(person.note(text)).toHaveCount(1);
  }
  await expect(facilitator.privateStatus).toContainText("0 lappar väntar");
  for (const text of texts) await expect(phone.myNote(text)).toContainText("Skickad");
});
