import { expect, test } from "./fixtures/test";
import { joinCodeOf } from "./fixtures/phone-page";

test("phones join with the code or the QR code, add notes with the big button, and the board shows them", async ({ board, openAs, openPhone, baseURL }) => {
  const facilitator = await openAs(board.links.facilitator);
  await facilitator.waitUntilOnline();
  const { code, qrUrl, linkUrl } = await facilitator.readJoinDialog();
  expect(linkUrl).toBe(qrUrl);
  const qr = new URL(qrUrl);
  expect(qr.pathname).toBe(`/join/${code.replace(" ", "")}`);
  expect(qr.hash).toMatch(/^#key=[A-Za-z0-9_-]{22}$/);

  // Anna types the code at /join, a wrong one first.
  const anna = await openPhone();
  await anna.goto("/join");
  const codeField = anna.page.getByLabel("Kod", { exact: true });
  await anna.hydrated(codeField);
  await codeField.fill("AB1");
  await anna.page.getByRole("button", { name: "Gå med" }).tap();
  await expect(anna.page.getByRole("status")).toHaveText("En kod har 6 bokstäver och siffror. Kontrollera den och försök igen.");
  // A possible code no board has: said here, on the first page, under the field.
  await codeField.fill("ZZZ 999");
  await anna.page.getByRole("button", { name: "Gå med" }).tap();
  await expect(anna.page.getByRole("status")).toHaveText("Ingen workshop har den här koden. Kontrollera koden i rummet och försök igen.");
  await expect(anna.page).toHaveURL(/\/join$/);
  await expect(codeField).toHaveAttribute("aria-invalid", "true");
  const problem = (await anna.page.getByTestId("join-code-problem").boundingBox())!;
  expect(problem.y + problem.height).toBeLessThanOrEqual(640);

  await codeField.fill(code); // as the dialog shows it: "ABC 234"
  await anna.page.getByRole("button", { name: "Gå med" }).tap();
  await anna.page.getByLabel("Ditt namn (frivilligt)").fill("Anna");
  await anna.page.getByRole("button", { name: "Gå med" }).tap();
  await expect(anna.page).toHaveURL(new RegExp(`/p/${board.id}$`));
  await anna.waitUntilReady();
  await expect(anna.page.getByRole("heading", { level: 1 })).toHaveText("Arbetsmöte 1");

  // Bo scans the QR code. On a machine with a network address the server puts that in it instead
  // of the loopback address the facilitator used (a phone cannot reach 127.0.0.1; here it is this
  // machine's LAN address), so the test opens the same path on the test server's own address.
  expect(qr.port).toBe(new URL(baseURL!).port);
  const bo = await openPhone();
  await bo.goto(qr.pathname + qr.hash);
  await expect(bo.page.getByText(code)).toBeVisible();
  await bo.hydrated(bo.page.getByRole("button", { name: "Gå med" }));
  await bo.page.getByRole("button", { name: "Gå med" }).tap();
  await expect(bo.page).toHaveURL(new RegExp(`/p/${board.id}$`));
  await bo.waitUntilReady();
  expect(new URL(bo.page.url()).origin).toBe(baseURL);

  // The big button: a thumb's worth of height, most of the screen's width.
  const box = (await anna.addButton.boundingBox())!;
  expect(box.height).toBeGreaterThanOrEqual(44);
  expect(box.width).toBeGreaterThanOrEqual(270);

  await anna.addNote("Mer fika på fredagar");
  await expect(anna.page.getByText("Lappen är tillagd.")).toBeVisible();
  await anna.addNote("Kortare möten");
  await bo.addNote("Bättre skyltning i entrén");
  await expect(anna.myNotes).toHaveCount(2);
  await expect(anna.myNote("Kortare möten")).toContainText("Skickad");
  await expect(anna.myNote("Mer fika på fredagar")).toContainText("Skickad");
  await expect(bo.myNotes).toHaveCount(1);
  await expect(bo.myNote("Bättre skyltning i entrén")).toContainText("Skickad");

  await expect(facilitator.notes).toHaveCount(3);
  for (const text of ["Mer fika på fredagar", "Kortare möten", "Bättre skyltning i entrén"]) {
    await expect(facilitator.note(text)).toHaveCount(1);
    // …and the canvas draws it.
    const id = await facilitator.noteIdOf(text);
    await expect.poll(() => facilitator.drawnTexts(id)).toContain(text);
  }
});

test("the identity-number guard: nothing leaves the phone until the number is out and Add is pressed again", async ({ board, openAs, openPhone, request }) => {
  const facilitator = await openAs(board.links.facilitator);
  const phone = await openPhone();
  await phone.join(await joinCodeOf(request, board));
  await facilitator.waitUntilOnline();
  const posted: string[] = [];
  phone.page.on("request", (req) => {
    if (req.method() === "POST" && req.url().endsWith(`/api/boards/${board.id}/notes`)) posted.push(req.postData() ?? "");
  });

  await phone.field.fill("Anna 811218-9876 behöver hjälp");
  await phone.addButton.tap();
  const dialog = phone.page.getByRole("alertdialog", { name: "Det här ser ut som ett personnummer" });
  await expect(dialog).toBeVisible();
  await expect(dialog.locator("mark")).toHaveText("811218-9876");
  await expect(dialog.getByRole("button", { name: "Ta bort det åt mig" })).toBeFocused();
  await dialog.getByRole("button", { name: "Ta bort det åt mig" }).tap();

  await expect(dialog).toHaveCount(0);
  await expect(phone.field).toHaveValue("Anna behöver hjälp");
  await expect(phone.field).toBeFocused();
  await expect(phone.page.getByText("Numret är borttaget. Läs igenom texten innan du skickar.")).toBeVisible();
  await phone.page.waitForTimeout(500); // nothing may arrive: a note would go out at once
  expect(posted).toEqual([]);
  await expect(phone.page.getByText("Dina lappar visas här.")).toBeVisible();
  await expect(facilitator.notes).toHaveCount(0);

  await phone.addButton.tap();
  await expect(phone.myNote("Anna behöver hjälp")).toContainText("Skickad");
  await expect(facilitator.note("Anna behöver hjälp")).toHaveCount(1);
  await expect(facilitator.notes).toHaveCount(1);
  expect(posted).toHaveLength(1);
  expect(posted[0]).not.toContain("811218");
  expect(await facilitator.page.content()).not.toContain("811218");
});

test("offline: notes wait on the phone, go out when the connection returns, and land exactly once", async ({ board, openAs, openPhone, request }) => {
  const facilitator = await openAs(board.links.facilitator);
  const phone = await openPhone();
  await phone.join(await joinCodeOf(request, board));
  await facilitator.waitUntilOnline();

  await phone.context.setOffline(true);
  await expect(phone.offlineBanner).toBeVisible();
  await phone.addNote("Skriven i tunneln");
  await expect(phone.page.getByText("Lappen är sparad i mobilen. Den skickas när anslutningen är tillbaka.")).toBeVisible();
  await phone.addNote("Skriven i hissen");
  await expect(phone.myNotes).toHaveCount(2);
  for (const text of ["Skriven i tunneln", "Skriven i hissen"]) await expect(phone.myNote(text)).toContainText("Väntar på att skickas");
  await expect(facilitator.notes).toHaveCount(0);

  await phone.context.setOffline(false);
  for (const text of ["Skriven i tunneln", "Skriven i hissen"]) await expect(phone.myNote(text)).toContainText("Skickad");
  await expect(phone.offlineBanner).toBeHidden();
  await expect(facilitator.notes).toHaveCount(2);

  // The answer to a note is lost on the way back: the server has the note, the phone does not know
  // it and sends it again (its outbox retries every few seconds). The idempotency key makes it one note.
  let tries = 0;
  await phone.page.route(`**/api/boards/${board.id}/notes`, async (route) => {
    if (route.request().method() !== "POST") return route.fallback();
    if (++tries > 1) return route.fallback();
    await route.fetch(); // reaches the server…
    await route.abort("connectionreset"); // …but the answer never reaches the phone
  });
  await phone.addNote("Svaret kom bort");
  await expect(facilitator.note("Svaret kom bort")).toHaveCount(1);
  const row = phone.myNote("Svaret kom bort");
  // The phone's own view names the note by its idempotency key, so it is listed once, as sent,
  // even before the retry's answer arrives; the retry then finds the same note.
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Skickad");
  await expect.poll(() => tries, { timeout: 15_000 }).toBe(2);
  await expect(row).toHaveCount(1);
  await expect(facilitator.note("Svaret kom bort")).toHaveCount(1);

  // A reload sends the outbox again too; still one copy of each, also after a few more seconds.
  await phone.page.reload();
  await phone.waitUntilReady();
  await expect(phone.myNotes).toHaveCount(3);
  await phone.page.waitForTimeout(2_000);
  for (const text of ["Skriven i tunneln", "Skriven i hissen", "Svaret kom bort"]) await expect(facilitator.note(text)).toHaveCount(1);
  await expect(facilitator.notes).toHaveCount(3);
});
