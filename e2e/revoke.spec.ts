import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures/test";
import { joinCodeOf } from "./fixtures/phone-page";

test("the facilitator renews the member link in the share dialog and a member's open board says its link no longer works", async ({ board, openAs }) => {
  const facilitator = await openAs(board.links.facilitator);
  const member = await openAs(board.links.member);
  const viewer = await openAs(board.links.viewer);
  for (const person of [facilitator, member, viewer]) await person.waitUntilOnline();

  await facilitator.button("Dela").click();
  const dialog = facilitator.page.getByRole("dialog", { name: "Dela tavlan" });
  const oldLink = await dialog.getByTestId("share-link-member").inputValue();
  await dialog.getByRole("button", { name: "Förnya länken: Deltagare" }).click();
  // Asked first, plainly, with the keyboard already on the answer.
  const confirm = dialog.getByRole("group", { name: /Den gamla länken slutar fungera direkt för alla som har den/ });
  await expect(confirm).toBeVisible();
  await expect(confirm.getByRole("button", { name: "Förnya", exact: true })).toBeFocused();
  await facilitator.page.keyboard.press("Enter");
  await expect(dialog.getByText("Ny länk. Den gamla fungerar inte längre.")).toBeVisible();
  const newLink = await dialog.getByTestId("share-link-member").inputValue();
  expect(newLink).toContain("#token=");
  expect(newLink).not.toBe(oldLink);

  // The member's open board stops and says why; nobody else is touched.
  const notice = member.page.getByRole("alert").filter({ hasText: "Den här länken fungerar inte längre" });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText("Be den som leder workshoppen om en ny länk.");
  await expect(member.canvas).toHaveCount(0);
  await expect(viewer.status).toHaveAttribute("data-status", "online");
  await expect(facilitator.status).toHaveAttribute("data-status", "online");

  // The old link opened again does not work; the new one does, as a member.
  const stale = await openAs(oldLink);
  await expect(stale.page.getByRole("heading", { name: "Länken fungerar inte" })).toBeVisible();
  const fresh = await openAs(newLink);
  await expect(fresh.page.getByRole("banner").getByText("Deltagare", { exact: true })).toBeVisible();
  await fresh.waitUntilOnline();
});

test("the facilitator who renews their own link keeps working on the board, and so does a reload", async ({ board, openAs }) => {
  const facilitator = await openAs(board.links.facilitator);
  await facilitator.waitUntilOnline();
  await facilitator.button("Dela").click();
  const dialog = facilitator.page.getByRole("dialog", { name: "Dela tavlan" });
  await dialog.getByRole("button", { name: "Förnya länken: Processledare" }).click();
  await dialog.getByTestId("share-renew-confirm-facilitator").click();
  await expect(dialog.getByText("Ny länk. Den gamla fungerar inte längre.")).toBeVisible();
  expect(await dialog.getByTestId("share-link-facilitator").inputValue()).not.toContain(board.facilitatorToken);
  await dialog.getByRole("button", { name: "Stäng" }).click();

  // Its own socket was closed with the old link; the page asks, finds its new cookie good, and goes on.
  await facilitator.waitUntilOnline();
  await expect(facilitator.page.getByTestId("link-revoked")).toHaveCount(0);
  await facilitator.addNoteAt(400, 300, "Efter förnyelsen");
  await facilitator.page.reload();
  await facilitator.waitUntilOnline();
  await expect(facilitator.page.locator(".role-badge")).toHaveText("Processledare");
  await expect(facilitator.note("Efter förnyelsen")).toHaveCount(1);
});

test("the facilitator removes a phone's participant in the join dialog and the phone has to join again; its note stays, unless erased with the notes", async ({ board, openAs, openPhone, request }) => {
  const facilitator = await openAs(board.links.facilitator);
  await facilitator.waitUntilOnline();
  const code = await joinCodeOf(request, board);
  const anna = await openPhone();
  await anna.join(code, "Anna");
  await anna.addNote("Mer fika");
  const anonymous = await openPhone();
  await anonymous.join(code);
  await expect(facilitator.note("Mer fika")).toHaveCount(1);

  await facilitator.button("Bjud in mobiler").click();
  const dialog = facilitator.page.getByRole("dialog", { name: "Var med från mobilen" });
  const list = dialog.getByTestId("participant-list");
  const annasRow = list.getByRole("listitem").filter({ hasText: "Anna" });
  await expect(annasRow).toContainText("1 lapp");
  await expect(annasRow).toContainText("med kod");
  await expect(list.getByRole("listitem").filter({ hasText: "Anonym 1" })).toContainText("0 lappar");

  // A big enough target, reached with the keyboard, named for screen readers.
  const remove = list.getByRole("button", { name: "Ta bort Anna" });
  const box = (await remove.boundingBox())!;
  expect(box.height).toBeGreaterThanOrEqual(44);
  expect(box.width).toBeGreaterThanOrEqual(44);
  await remove.focus();
  await facilitator.page.keyboard.press("Enter");
  const confirm = list.getByRole("group", { name: /Ta bort Anna\?/ });
  await expect(confirm).toContainText("Lapparna stannar på tavlan");
  await expect(confirm.getByRole("button", { name: "Ja, ta bort" })).toBeFocused();
  await facilitator.page.keyboard.press("Enter");
  await expect(list.getByRole("status")).toHaveText("Anna är borttagen.");
  await expect(list.getByRole("listitem")).toHaveCount(1);
  await expect(list.getByRole("listitem")).toContainText("Anonym 1");

  // The phone, still open, says it has to join again; the note stays on the board.
  await expect(anna.page.getByRole("heading", { name: "Gå med i workshoppen för att skriva lappar" })).toBeVisible();
  await expect(anna.page.getByRole("link", { name: "Gå med" })).toBeVisible();
  await expect(facilitator.note("Mer fika")).toHaveCount(1);
  // The other phone goes on.
  await anonymous.addNote("Fortfarande med");
  await expect(facilitator.note("Fortfarande med")).toHaveCount(1);

  // Joining again makes a new participant, who can write.
  await anna.join(code, "Anna");
  await anna.addNote("Tillbaka");
  await expect(facilitator.note("Tillbaka")).toHaveCount(1);

  // Erasing someone can take their notes too: asked in the same question.
  await expect.poll(() => copyHolds(facilitator.page, board.id, "Tillbaka"), { message: "the facilitator's IndexedDB copy has the note" }).toBe(true);
  const annaAgain = list.getByRole("listitem").filter({ hasText: "Anna" });
  await expect(annaAgain).toContainText("1 lapp");
  await annaAgain.getByRole("button", { name: "Ta bort Anna" }).click();
  await list.getByRole("group", { name: /Ta bort Anna\?/ }).getByRole("button", { name: "Ta bort, också lapparna" }).click();
  await expect(list.getByRole("status")).toHaveText("Anna är borttagen, med sina lappar.");
  await expect(facilitator.note("Tillbaka")).toHaveCount(0);
  await expect(facilitator.note("Fortfarande med")).toHaveCount(1);
  // The device's copy is rewritten without her: no raw update there holds her note any more.
  await expect.poll(() => copyHolds(facilitator.page, board.id, "Tillbaka"), { timeout: 15_000, message: "the erased note left the IndexedDB copy" }).toBe(false);
  expect(await copyHolds(facilitator.page, board.id, "Fortfarande med")).toBe(true);
});

/** Whether any record of the page's IndexedDB copy of the board holds `text` (as UTF-8, as Yjs stores it). */
function copyHolds(page: Page, boardId: string, text: string): Promise<boolean> {
  return page.evaluate(
    async ([name, needle]) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      try {
        const records = await new Promise<unknown[]>((resolve, reject) => {
          const all = db.transaction("updates").objectStore("updates").getAll();
          all.onsuccess = () => resolve(all.result);
          all.onerror = () => reject(all.error);
        });
        const latin1 = (bytes: Uint8Array) => Array.from(bytes, (b) => String.fromCharCode(b)).join("");
        const wanted = latin1(new TextEncoder().encode(needle));
        return records.some((record) => latin1(record as Uint8Array).includes(wanted));
      } finally {
        db.close();
      }
    },
    [`samla-board-${boardId}`, text] as const,
  );
}
