import { expect, test } from "./fixtures/test";

/**
 * Method kits from the home page and the workshop bar. What is asserted: the worksheet titles in
 * the board's screen-reader list of worksheets (the canvas is Konva, so the list is what a person
 * with a screen reader gets) and the steps in the agenda panel.
 */
test("a board made from Arbetsmöte 1 opens with its worksheets and steps, and the facilitator adds Backspegling's", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "sv-SE" });
  const page = await context.newPage();
  await page.goto("/");

  const method = page.getByLabel("Börja från en metod");
  await expect(method).toHaveValue("blank");
  await method.selectOption({ label: "Arbetsmöte 1 – Prioritering" });
  await expect(page.getByText(/Tre och tre värderar vi våra värdegrundsmeningar/)).toBeVisible();
  await expect(page.getByLabel("Tavlans namn")).toHaveAttribute("placeholder", "Arbetsmöte 1 – Prioritering");
  await page.getByRole("button", { name: "Ny tavla" }).click();

  await page.waitForURL(/\/b\//);
  await expect(page.getByTestId("connection-status")).toHaveAttribute("data-status", "online");
  const worksheets = page.getByTestId("frame-list");
  await expect(worksheets.getByRole("button", { name: /^Prioritering/ })).toBeVisible();
  await expect(worksheets.getByRole("button", { name: /^Vårt förslag till värdegrund/ })).toBeVisible();
  const agenda = page.getByTestId("agenda-panel");
  await agenda.getByRole("button", { name: "Visa agendan" }).click();
  await expect(agenda.getByRole("button", { name: /^Våra värdegrundsmeningar/ })).toBeVisible();
  await expect(agenda.getByRole("button", { name: /^Prioritering i storgrupp/ })).toBeVisible();

  // Adding a second method from the workshop bar, with the keyboard.
  await page.getByRole("button", { name: "Lägg till arbetsblad från en metod" }).click();
  const dialog = page.getByRole("dialog", { name: "Lägg till arbetsblad från en metod" });
  await dialog.getByLabel("Metod").selectOption({ label: "Backspegling" });
  await expect(dialog.getByText("2 arbetsblad · 3 steg")).toBeVisible();
  await dialog.getByRole("button", { name: "Lägg till", exact: true }).press("Enter");
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "Arbetsbladen från Backspegling finns nu på tavlan" })).toBeVisible();
  await expect(worksheets.getByRole("button", { name: /^Backspegling/ })).toBeVisible();
  await expect(worksheets.getByRole("button", { name: /^Helhetsbild/ })).toBeVisible();
  await expect(agenda.getByRole("button", { name: /^Laget runt/ })).toBeVisible();
  await context.close();
});
