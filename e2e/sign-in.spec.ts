import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { freePort, OwnServer } from "./fixtures/own-server";
import { PEOPLE, startProvider, type TestProvider } from "../test/integration/oidc-provider";

/**
 * Sign-in in Chromium, through a real OpenID Connect provider's pages (oidc-provider, started
 * here), against a Samla server of its own started with the OIDC variables.
 */
let provider: TestProvider;
let samla: OwnServer;

test.beforeAll(async () => {
  const port = await freePort();
  provider = await startProvider([`http://127.0.0.1:${port}/auth/callback`]);
  samla = await OwnServer.start({ port, dataDir: mkdtempSync(join(tmpdir(), "samla-e2e-oidc-")), secret: randomBytes(32).toString("base64url"), env: provider.env });
});

test.afterAll(async () => {
  await samla?.kill();
  await provider?.close();
});

/** A new person on a new device, signed in at the provider from Samla's start page. */
async function signedIn(browser: Browser, login: keyof typeof PEOPLE): Promise<Page> {
  const context = await browser.newContext({ locale: "sv-SE", viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${samla.origin}/`);
  await expect(page.getByText("För att gå med i en workshop med kod eller länk behövs inget konto.")).toBeVisible();
  await expect(page.getByLabel("Tavlans namn")).toHaveCount(0);
  const signIn = page.getByRole("link", { name: "Logga in för att skapa en tavla" });
  expect((await signIn.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  await signIn.click();
  // The provider's own page, on its own address.
  await expect(page).toHaveURL(new RegExp(`^${provider.issuer}/interaction/`));
  await page.getByLabel("Användarnamn").fill(login);
  await page.getByRole("button", { name: "Logga in hos organisationen" }).click();
  await expect(page).toHaveURL(`${samla.origin}/`);
  await expect(page.getByTestId("signed-in-as")).toHaveText(`Inloggad som ${PEOPLE[login].name}`);
  return page;
}

test("a facilitator signs in, creates a board, finds it under Mina tavlor and adds a colleague, who finds it under theirs", async ({ browser }) => {
  // The colleague has signed in once: Samla knows only people its provider has sent.
  const bob = await signedIn(browser, "bob");
  const alice = await signedIn(browser, "alice");

  await alice.getByLabel("Tavlans namn").fill("Arbetsplatsträff med konto");
  await alice.getByRole("button", { name: "Ny tavla" }).click();
  await expect(alice).toHaveURL(/\/b\/[A-Za-z0-9_-]+/);
  const boardId = /\/b\/([A-Za-z0-9_-]+)/.exec(alice.url())![1];
  await expect(alice.getByTestId("connection-status")).toHaveAttribute("data-status", "online");

  await alice.goto(`${samla.origin}/`);
  const mine = alice.getByRole("region", { name: "Mina tavlor" });
  const entry = mine.getByRole("listitem").filter({ hasText: "Arbetsplatsträff med konto" });
  await expect(entry).toContainText("ägare");
  await expect(entry).toContainText("raderas");
  // Opened from the list: no link, no token; the account makes her the board's facilitator.
  await entry.getByRole("link", { name: "Öppna ”Arbetsplatsträff med konto”" }).click();
  await expect(alice).toHaveURL(`${samla.origin}/b/${boardId}`);
  await expect(alice.getByTestId("connection-status")).toHaveAttribute("data-status", "online");

  await alice.getByRole("button", { name: "Om tavlan: hur länge den sparas, radera den" }).click();
  const dialog = alice.getByRole("dialog", { name: "Om tavlan" });
  const people = dialog.getByRole("region", { name: "Processledare med konto" });
  await expect(people.getByRole("listitem")).toHaveText([/Alice Andersson \(du\) · ägare/]);
  await people.getByLabel("Kollegans e-postadress").fill("ingen@vard.example");
  await people.getByRole("button", { name: "Lägg till" }).click();
  await expect(people.getByRole("status")).toHaveText("Ingen har loggat in i Samla med den adressen. Din kollega måste logga in i Samla en gång först.");
  await people.getByLabel("Kollegans e-postadress").fill(PEOPLE.bob.email);
  await people.getByRole("button", { name: "Lägg till" }).click();
  await expect(people.getByRole("listitem").nth(1)).toContainText("Bo Berg · processledare");
  await expect(dialog.getByRole("region", { name: "Vad som har gjorts med tavlan" }).getByRole("listitem").first()).toContainText("Alice Andersson (Processledare): lade till en processledare");

  await bob.reload();
  const bobs = bob.getByRole("region", { name: "Mina tavlor" }).getByRole("listitem").filter({ hasText: "Arbetsplatsträff med konto" });
  await expect(bobs).toContainText("processledare");
  await bobs.getByRole("link").click();
  await expect(bob.getByTestId("connection-status")).toHaveAttribute("data-status", "online");
});
