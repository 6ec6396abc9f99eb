import { expect, test } from "./fixtures/test";
import { joinCodeOf } from "./fixtures/phone-page";
import type { Page } from "@playwright/test";

/** Names of the IndexedDB databases and localStorage keys a page's origin holds. */
async function storedOnDevice(page: Page): Promise<{ databases: string[]; keys: string[] }> {
  return page.evaluate(async () => ({
    databases: (await indexedDB.databases()).map((db) => db.name ?? ""),
    keys: Object.keys(localStorage),
  }));
}

test("the facilitator sets how long the board is kept, then deletes it: a member, a phone and the facilitator are told, and the member's device keeps nothing of it", async ({
  board,
  openAs,
  openPhone,
  request,
}) => {
  const facilitator = await openAs(board.links.facilitator);
  const member = await openAs(board.links.member);
  for (const person of [facilitator, member]) await person.waitUntilOnline();
  await member.addNoteAt(300, 300, "Om Elsa i rum 4");
  await expect(facilitator.note("Om Elsa i rum 4")).toHaveCount(1);
  const phone = await openPhone();
  await phone.join(await joinCodeOf(request, board), "Anna");
  await phone.addNote("Från mobilen");
  await expect(facilitator.note("Från mobilen")).toHaveCount(1);
  await expect.poll(async () => (await storedOnDevice(member.page)).databases).toContain(`samla-board-${board.id}`);

  // How long the board is kept: 90 days by default, shorter if the facilitator chooses.
  await facilitator.page.getByRole("button", { name: "Om tavlan: hur länge den sparas, radera den" }).click();
  const dialog = facilitator.page.getByRole("dialog", { name: "Om tavlan" });
  const days = dialog.getByLabel("Radera tavlan efter så här lång tid utan användning");
  await expect(days).toHaveValue("90");
  const when = dialog.getByTestId("retention-when");
  await expect(when).toContainText("raderas tavlan den");
  const before = await when.textContent();
  await days.selectOption({ label: "30 dagar" });
  await expect(dialog.getByRole("status").filter({ hasText: "Sparat." })).toBeVisible();
  await expect(when).not.toHaveText(before!);
  // The change is in the board's audit log, with who and what, and never a note's text.
  const audit = dialog.getByRole("region", { name: "Vad som har gjorts med tavlan" });
  await expect(audit.getByRole("listitem").first()).toContainText("Processledare: ändrade sparandetiden till 30 dagar");
  await expect(audit).not.toContainText("Om Elsa");

  // Deleting asks first, naming the board, with the keyboard on the answer.
  const start = dialog.getByRole("button", { name: "Radera tavlan…" });
  const box = (await start.boundingBox())!;
  expect(box.height).toBeGreaterThanOrEqual(44);
  await start.click();
  const question = dialog.getByRole("group", { name: new RegExp(`Radera ”${board.title}” för alla\\?`) });
  await expect(question).toContainText("Det går inte att ångra.");
  await expect(question.getByRole("button", { name: `Radera ”${board.title}”` })).toBeFocused();
  await facilitator.page.keyboard.press("Enter");

  // Everyone on the board is told at once.
  for (const page of [member.page, facilitator.page, phone.page]) {
    await expect(page.getByRole("alert").filter({ hasText: "Tavlan finns inte längre" })).toBeVisible();
  }
  await expect(member.canvas).toHaveCount(0);
  // The member's device drops its copy of the board and what it kept beside it.
  await expect.poll(async () => (await storedOnDevice(member.page)).databases).not.toContain(`samla-board-${board.id}`);
  expect((await storedOnDevice(member.page)).keys.filter((key) => key.includes(board.id))).toEqual([]);
  expect((await storedOnDevice(phone.page)).keys.filter((key) => key.includes(board.id) || /^samla:(code|key):/.test(key))).toEqual([]);

  // The link opened again says the same.
  const again = await openAs(board.links.member);
  await expect(again.page.getByRole("heading", { name: "Tavlan finns inte längre" })).toBeVisible();
});

test("a viewer and the projector keep nothing of the board on their device; a member's copy goes after a month unused", async ({ board, openAs }) => {
  const facilitator = await openAs(board.links.facilitator);
  await facilitator.waitUntilOnline();
  await facilitator.addNoteAt(300, 300, "Synlig för alla");

  const viewer = await openAs(board.links.viewer);
  await viewer.waitUntilOnline();
  await expect(viewer.note("Synlig för alla")).toHaveCount(1);
  const projector = await openAs(board.links.projector);
  await expect(projector.page.getByTestId("screen")).toBeVisible();
  await expect(projector.page.getByTestId("board-canvas")).toBeVisible();
  for (const page of [viewer.page, projector.page]) {
    expect((await storedOnDevice(page)).databases).not.toContain(`samla-board-${board.id}`);
  }

  // A member's device keeps a copy, to go on offline...
  const member = await openAs(board.links.member);
  await member.waitUntilOnline();
  await expect.poll(async () => (await storedOnDevice(member.page)).databases).toContain(`samla-board-${board.id}`);
  // ... until it has gone unopened for a month: the next Samla page the device opens drops it.
  await member.page.evaluate((id) => localStorage.setItem(`samla:opened:${id}`, String(Date.now() - 31 * 24 * 60 * 60 * 1000)), board.id);
  await member.page.goto("/");
  await expect.poll(async () => (await storedOnDevice(member.page)).databases).not.toContain(`samla-board-${board.id}`);
  expect((await storedOnDevice(member.page)).keys.filter((key) => key.includes(board.id))).toEqual([]);
});

test("a phone leaves the workshop: asked first, its name goes from the facilitator's list, its note stays without the name, and the phone forgets the board", async ({ board, openAs, openPhone, request }) => {
  const facilitator = await openAs(board.links.facilitator);
  await facilitator.waitUntilOnline();
  const phone = await openPhone();
  await phone.join(await joinCodeOf(request, board), "Berit");
  await phone.addNote("Mer tid för samtal");
  await expect(facilitator.note("Mer tid för samtal")).toHaveCount(1);

  const leave = phone.page.getByRole("button", { name: "Lämna workshoppen" });
  expect((await leave.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  await leave.click();
  const question = phone.page.getByRole("group", { name: /Lämna workshoppen\?/ });
  await expect(question).toContainText("Lapparna du har skickat stannar på tavlan, utan namn.");
  await expect(question.getByRole("button", { name: "Ja, lämna" })).toBeFocused();
  await phone.page.keyboard.press("Enter");

  await expect(phone.page.getByRole("alert").filter({ hasText: "Du har lämnat workshoppen" })).toBeVisible();
  await expect.poll(async () => (await storedOnDevice(phone.page)).keys.filter((key) => key.includes(board.id) || /^samla:(code|key):/.test(key))).toEqual([]);
  await expect(facilitator.note("Mer tid för samtal")).toHaveCount(1);

  await facilitator.button("Bjud in mobiler").click();
  const list = facilitator.page.getByRole("dialog", { name: "Var med från mobilen" }).getByTestId("participant-list");
  await expect(list).toContainText("Ingen har gått med än.");
  await expect(list).not.toContainText("Berit");
});
