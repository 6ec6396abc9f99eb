import { expect, test } from "./fixtures/test";

// The start page follows the browser's language: these pages are Swedish.
test.use({ locale: "sv-SE" });

test("the board keeps the phones' note rules: an empty new note goes, a note stops at 500 characters with a counter", async ({ board, openAs }) => {
  test.setTimeout(120_000);
  const facilitator = await openAs(board.links.facilitator);
  const member = await openAs(board.links.member);
  await facilitator.waitUntilOnline();
  await member.waitUntilOnline();

  // "Ny lapp", then Esc without writing: no note is left behind, here or for anyone else.
  await facilitator.button("Ny lapp").click();
  await expect(facilitator.editor).toBeFocused();
  await facilitator.page.keyboard.press("Escape");
  await expect(facilitator.editor).toHaveCount(0);
  await expect(facilitator.notes).toHaveCount(0);

  // "Ny lapp", only spaces, then a click elsewhere: gone too.
  await facilitator.button("Ny lapp").click();
  await facilitator.page.keyboard.type("   ");
  await facilitator.clickCanvas(40, 40);
  await expect(facilitator.editor).toHaveCount(0);
  await expect(facilitator.notes).toHaveCount(0);
  await expect(member.notes).toHaveCount(0);

  // A pasted text of 600 characters stops at 500, and the counter says there is no room left.
  await facilitator.button("Ny lapp").click();
  await expect(facilitator.editor).toBeFocused();
  await facilitator.page.keyboard.insertText("x".repeat(380));
  await expect(facilitator.page.getByTestId("note-editor-counter")).toHaveCount(0);
  await facilitator.page.keyboard.insertText("y".repeat(220));
  await expect(facilitator.editor).toHaveValue("x".repeat(380) + "y".repeat(120));
  await expect(facilitator.page.getByTestId("note-editor-counter")).toHaveText("0 tecken kvar");
  await expect(facilitator.editor).toHaveAttribute("aria-describedby", (await facilitator.page.getByTestId("note-editor-counter").getAttribute("id"))!);
  await facilitator.page.keyboard.press("Escape");
  await expect(member.notes).toHaveCount(1);
  const id = await member.noteIdOf(/x{20}y{20}/);
  await expect.poll(async () => (await member.drawnTexts(id)).join("").length).toBe(500);
});

test("a note emptied by mistake keeps its place and Ctrl+Z brings its words back; emoji count one each, as on phones", async ({ board, openAs }) => {
  const facilitator = await openAs(board.links.facilitator);
  const member = await openAs(board.links.member);
  await facilitator.waitUntilOnline();
  await member.waitUntilOnline();
  await facilitator.addNoteAt(200, 200, "Kvar");
  await expect(member.notes).toHaveCount(1);

  // Opened again, its text wiped, left with Esc. Deleted, its words could not be undone back
  // (Yjs restores a deleted note as it was when deleted), so it stays until Delete.
  await facilitator.page.waitForTimeout(500); // a person's pause: the wiping is its own step to undo (captureTimeout 400 ms)
  await facilitator.doubleClickCanvas(200, 200);
  await expect(facilitator.editor).toHaveValue("Kvar");
  await facilitator.page.keyboard.press("Control+A");
  await facilitator.page.keyboard.press("Backspace");
  await facilitator.page.keyboard.press("Escape");
  await expect(facilitator.editor).toHaveCount(0);
  await expect(member.notes).toHaveCount(1);
  await expect(member.note("Kvar")).toHaveCount(0);
  await facilitator.page.keyboard.press("Control+z");
  await expect(member.note("Kvar")).toHaveCount(1);

  // 500 emoji are 500 characters, on the board as on a phone.
  await facilitator.button("Ny lapp").click();
  await expect(facilitator.editor).toBeFocused();
  await facilitator.page.keyboard.insertText("🙂".repeat(520));
  await expect.poll(async () => [...(await facilitator.editor.inputValue())].length).toBe(500);
  await expect(facilitator.page.getByTestId("note-editor-counter")).toHaveText("0 tecken kvar");
  await facilitator.page.keyboard.press("Escape");
  const id = await member.noteIdOf(/(?:🙂){20}/u);
  await expect.poll(async () => [...(await member.drawnTexts(id)).join("")].length).toBe(500);
});

test("the identity-number warning opens wholly in view, also for a note at the board's bottom-right corner", async ({ board, openAs }) => {
  const facilitator = await openAs(board.links.facilitator);
  await facilitator.waitUntilOnline();
  const canvas = (await facilitator.canvas.boundingBox())!;
  // Right of the middle, near the bottom (clear of the zoom buttons): below the note there is no room.
  await facilitator.doubleClickCanvas(canvas.width - 240, canvas.height - 100);
  await expect(facilitator.editor).toBeFocused();
  await facilitator.page.keyboard.type("Anna 811218-9876 vill gå ut");
  const warning = facilitator.page.getByTestId("identity-warning");
  await expect(warning).toBeVisible();
  await expect
    .poll(async () => {
      const box = (await warning.boundingBox())!;
      return box.x >= canvas.x && box.y >= canvas.y && box.x + box.width <= canvas.x + canvas.width && box.y + box.height <= canvas.y + canvas.height;
    })
    .toBe(true);
  await facilitator.page.getByRole("button", { name: "Ta bort numret" }).click();
  await expect(warning).toHaveCount(0);
  await expect(facilitator.editor).toBeFocused();
});

test("Pausa is not offered once the timer shows 00:00", async ({ board, openAs }) => {
  // The timer runs in the server's clock: this test waits its one minute out.
  test.setTimeout(180_000);
  const facilitator = await openAs(board.links.facilitator);
  await facilitator.waitUntilOnline();
  const agenda = facilitator.page.getByTestId("agenda-panel");
  await agenda.getByLabel("Minuter på timern").fill("1");
  await agenda.getByRole("button", { name: "Starta", exact: true }).click();
  await expect(agenda.getByRole("button", { name: "Pausa" })).toBeVisible();
  await expect(agenda.getByTestId("timer-time")).toHaveText("00:00", { timeout: 90_000 });
  await expect(agenda.getByRole("button", { name: "Pausa" })).toHaveCount(0);
  // What is left to do at 00:00: more time, or stop.
  await expect(agenda.getByRole("button", { name: "Stoppa" })).toBeVisible();
  await agenda.getByRole("button", { name: "Lägg till 1 minut" }).click();
  await expect(agenda.getByRole("button", { name: "Pausa" })).toBeVisible();
});

test("the import file button is ours, in Swedish, a 44 px target that the keyboard reaches", async ({ page }) => {
  await page.goto("/");
  const button = page.locator("label", { hasText: "Öppna en sparad tavla (JSON)" });
  await expect(button).toBeVisible();
  const box = (await button.boundingBox())!;
  expect(box.height).toBeGreaterThanOrEqual(44);
  // The browser's own control ("Choose File / No file chosen") is not shown.
  const input = page.getByLabel("Öppna en sparad tavla (JSON)");
  const inputBox = (await input.boundingBox())!;
  expect(inputBox.width).toBeLessThanOrEqual(1);
  await input.focus();
  await expect(input).toBeFocused();
  await expect(input).toHaveAttribute("type", "file");
});
