/**
 * `npm run screenshots`: a whole Arbetsmöte 1 workshop, in Swedish, in Chromium, one picture per
 * screen into docs/screens/. The facilitator on a 1280x800 laptop, two phones at 360x640, a remote
 * colleague with the member link, and the projector at 1280x720. Runs its own server on a free
 * port with a fresh data folder, after `next build` (the npm script builds first).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../e2e/chromium";
import type { CreateBoardResponse } from "../lib/api/schemas";

const OUT = join(process.cwd(), "docs", "screens");
const LAPTOP = { width: 1280, height: 800 };
const PHONE = { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 };
const PROJECTOR = { width: 1280, height: 720 };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

async function startServer(port: number, dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, SAMLA_PUBLIC_URL: `http://127.0.0.1:${port}` },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill();
  throw new Error("the server did not start");
}

async function shoot(page: Page, name: string): Promise<void> {
  // Let transitions and the timer's text settle; pictures, not assertions.
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(OUT, `${name}.png`) });
  console.log(`docs/screens/${name}.png`);
}

async function newPage(browser: Browser, options: Parameters<Browser["newContext"]>[0]): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: "sv-SE", deviceScaleFactor: 1, ...options });
  return { context, page: await context.newPage() };
}

/** Drags a note (by its text) to a point on the board, in board units, through the canvas. */
async function dragNote(page: Page, text: string, to: { x: number; y: number }): Promise<void> {
  const note = page.locator(".note-list li button").filter({ hasText: text });
  const x = Number(await note.getAttribute("data-x"));
  const y = Number(await note.getAttribute("data-y"));
  const box = (await page.getByTestId("board-canvas").boundingBox())!;
  const stage = await page.evaluate(() => {
    const s = (window as unknown as { Konva: { stages: Array<{ x(): number; y(): number; scaleX(): number }> } }).Konva.stages[0];
    return { x: s.x(), y: s.y(), scale: s.scaleX() };
  });
  const screen = (p: { x: number; y: number }) => ({ x: box.x + stage.x + p.x * stage.scale, y: box.y + stage.y + p.y * stage.scale });
  const from = screen({ x: x + 40, y: y + 40 });
  const end = screen({ x: to.x + 40, y: to.y + 40 });
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) await page.mouse.move(from.x + ((end.x - from.x) * i) / 12, from.y + ((end.y - from.y) * i) / 12);
  await page.mouse.up();
}

/** Brings a worksheet to the middle of the canvas (Space and drag) and zooms in to at least `scale`. */
async function zoomTo(page: Page, rect: { x: number; y: number; width: number; height: number }, scale: number): Promise<void> {
  const box = (await page.getByTestId("board-canvas").boundingBox())!;
  const stage = await page.evaluate(() => {
    const s = (window as unknown as { Konva: { stages: Array<{ x(): number; y(): number; scaleX(): number }> } }).Konva.stages[0];
    return { x: s.x(), y: s.y(), scale: s.scaleX() };
  });
  const from = { x: box.x + stage.x + (rect.x + rect.width / 2) * stage.scale, y: box.y + stage.y + (rect.y + rect.height / 2) * stage.scale };
  const to = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await page.keyboard.down("Space");
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(from.x + ((to.x - from.x) * i) / 10, from.y + ((to.y - from.y) * i) / 10);
  await page.mouse.up();
  await page.keyboard.up("Space");
  const current = () => page.evaluate(() => (window as unknown as { Konva: { stages: Array<{ scaleX(): number }> } }).Konva.stages[0].scaleX());
  for (let i = 0; i < 20 && (await current()) < scale; i++) await page.keyboard.press("+");
}

async function frameRect(page: Page, title: RegExp): Promise<{ x: number; y: number; width: number; height: number }> {
  const frame = page.getByTestId("frame-list").getByRole("button", { name: title }).first();
  const read = async (attr: string) => Number(await frame.getAttribute(attr));
  return { x: await read("data-x"), y: await read("data-y"), width: await read("data-width"), height: await read("data-height") };
}

async function phoneJoin(browser: Browser, origin: string, code: string, name: string): Promise<Page> {
  const { page } = await newPage(browser, PHONE);
  await page.goto(`${origin}/join/${code}`);
  await page.getByLabel("Ditt namn (frivilligt)").fill(name);
  return page;
}

async function visible(locator: Locator): Promise<void> {
  await locator.first().waitFor({ state: "visible", timeout: 15_000 });
}

async function main(): Promise<void> {
  // Overwrites its own screens only: the series dialog's and a phone's categories (12, 13) were
  // taken by hand beside them and stay.
  mkdirSync(OUT, { recursive: true });
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "samla-screens-"));
  const server = await startServer(port, dataDir);
  const origin = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    // The start page, Arbetsmöte 1 chosen.
    const { page: home } = await newPage(browser, { viewport: LAPTOP });
    await home.goto(origin);
    await home.getByLabel("Börja från en metod").selectOption({ label: "Arbetsmöte 1 – Prioritering" });
    await visible(home.getByText(/Tre och tre värderar vi/));
    await shoot(home, "01-startsida");

    const res = await fetch(`${origin}/api/boards`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: origin },
      body: JSON.stringify({ kit: "arbetsmote-1", language: "sv", title: "Arbetsmöte 1 – Prioritering" }),
    });
    if (res.status !== 201) throw new Error(`POST /api/boards: ${res.status} ${await res.text()}`);
    const board = (await res.json()) as CreateBoardResponse;

    // The facilitator's laptop: the worksheets and the agenda in the workshop panel.
    const { page: lead } = await newPage(browser, { viewport: LAPTOP });
    await lead.goto(origin + board.links.facilitator);
    await visible(lead.locator('[data-testid="connection-status"][data-status="online"]'));
    await visible(lead.getByTestId("agenda-current"));
    await lead.getByLabel("Ditt namn").fill("Maria");
    const agenda = lead.getByTestId("agenda-panel");
    await agenda.getByRole("button", { name: "Visa agendan" }).click();
    await agenda.getByRole("button", { name: /^Våra värdegrundsmeningar/ }).click();
    await agenda.getByRole("button", { name: "Dölj agendan" }).click();
    await shoot(lead, "02-tavlan-processledare");

    // Let people join: the code and the QR code, for the projector.
    await lead.getByRole("button", { name: "Bjud in mobiler" }).click();
    const joinDialog = lead.getByRole("dialog", { name: "Var med från mobilen" });
    const codeText = (await joinDialog.getByTestId("join-code").textContent())!.replace(/\s/g, "");
    await shoot(lead, "03-bjud-in-mobiler");
    await joinDialog.getByRole("button", { name: "Stäng", exact: true }).click();

    // Two phones join with the code; one picture of the join page.
    const anna = await phoneJoin(browser, origin, codeText, "Anna");
    await shoot(anna, "04-mobil-ga-med");
    await anna.getByRole("button", { name: "Gå med" }).click();
    const ali = await phoneJoin(browser, origin, codeText, "Ali");
    await ali.getByRole("button", { name: "Gå med" }).click();
    for (const phone of [anna, ali]) await visible(phone.getByRole("heading", { name: /^Mina lappar/ }));

    // Private writing: the phones write, the board only counts what waits.
    await lead.getByRole("button", { name: "Tyst skrivning", exact: true }).click();
    const sentences: Array<[Page, string]> = [
      [anna, "Vi ser människan före diagnosen"],
      [ali, "Alla får bestämma över sin egen dag"],
      [anna, "Vi tar oss tid att lyssna"],
      [ali, "Maten är en stund att se fram emot"],
      [anna, "Vi knackar och väntar på svar"],
    ];
    for (const [phone, text] of sentences) {
      await phone.getByLabel("Skriv en lapp", { exact: true }).fill(text);
      await phone.getByRole("button", { name: "Lägg till lapp", exact: true }).click();
      await visible(phone.locator("li").filter({ hasText: text }));
    }
    await anna.getByLabel("Skriv en lapp", { exact: true }).fill("Vi säger hej till alla i korridoren");
    await anna.evaluate(() => window.scrollTo(0, 0));
    await shoot(anna, "05-mobil-skriver");
    await visible(lead.getByTestId("private-status").filter({ hasText: "5 lappar väntar" }));
    await shoot(lead, "06-tyst-skrivning");

    // Show them all, and sort them into the worksheet's cells.
    await lead.getByRole("button", { name: "Visa alla", exact: true }).click();
    await lead.getByRole("button", { name: "Tyst skrivning", exact: true }).click();
    for (const [, text] of sentences) await visible(lead.locator(".note-list li button").filter({ hasText: text }));
    const quadrant = await frameRect(lead, /^Prioritering/);
    const cell = (col: number, row: number, k: number) => ({
      x: quadrant.x + quadrant.width * (0.2 + 0.4 * col) + k * 190,
      y: quadrant.y + quadrant.height * (0.22 + 0.38 * row),
    });
    const places = [cell(0, 0, 0), cell(1, 0, 0), cell(0, 0, 1), cell(1, 1, 0), cell(0, 1, 0)];
    // The board opens readable, on the worksheet (lib/board/opening-view.ts); the new notes wait
    // to its right, so the whole board is shown for the drags.
    await lead.getByRole("button", { name: "Visa hela tavlan" }).click();
    for (let i = 0; i < sentences.length; i++) await dragNote(lead, sentences[i][1], places[i]);
    await lead.keyboard.press("Escape");
    await zoomTo(lead, quadrant, 0.75);

    // Vote with dots: the phones tap their choice.
    await lead.getByRole("button", { name: "Starta röstning", exact: true }).click();
    const voteDialog = lead.getByRole("dialog", { name: "Starta röstning" });
    await voteDialog.getByRole("button", { name: "Starta röstningen" }).click();
    for (const [phone, picks] of [
      [anna, ["Vi ser människan", "Alla får bestämma"]],
      [ali, ["Alla får bestämma", "Vi tar oss tid"]],
    ] as Array<[Page, string[]]>) {
      const card = phone.locator("section", { has: phone.getByRole("heading", { name: /^Röstning/ }) });
      await visible(card);
      for (const pick of picks) await card.locator("li").filter({ hasText: pick }).getByRole("button").first().click();
    }
    await shoot(ali, "07-mobil-rostar");
    await lead.getByRole("button", { name: "Avsluta röstningen" }).click();
    await visible(lead.getByRole("button", { name: "Sortera efter röster" }));
    await shoot(lead, "08-rostresultat");

    // The facilitator presents; a remote colleague follows, the projector shows the step.
    const { page: remote } = await newPage(browser, { viewport: LAPTOP });
    await remote.goto(origin + board.links.member);
    await visible(remote.locator('[data-testid="connection-status"][data-status="online"]'));
    await lead.getByRole("button", { name: "Presentera" }).click();
    await agenda.getByRole("button", { name: "Visa agendan" }).click();
    await agenda.getByRole("button", { name: /^Prioritering i storgrupp/ }).click();
    await agenda.getByRole("button", { name: "Dölj agendan" }).click();
    await agenda.getByRole("group", { name: "Timer" }).getByRole("button", { name: /^Starta/ }).click();
    await remote.getByRole("button", { name: "Följ processledaren" }).click().catch(() => undefined);
    await shoot(remote, "09-distans-foljer");

    const { page: projector } = await newPage(browser, { viewport: PROJECTOR });
    await projector.goto(origin + board.links.projector);
    await visible(projector.getByTestId("screen"));
    await projector.waitForTimeout(1500);
    await shoot(projector, "10-projektor");

    // What the group decided becomes an action with a person and a date, on the follow-up list.
    await lead.locator(".note-list li button").filter({ hasText: "Vi tar oss tid" }).focus();
    await lead.getByRole("button", { name: "Uppföljning" }).click();
    const followUp = lead.getByTestId("follow-up-panel");
    await followUp.getByRole("button", { name: "Gör till åtgärd" }).click();
    await followUp.getByLabel("Ansvarig").fill("Maria");
    await followUp.getByLabel("Uppföljningsdatum").fill("2027-01-20");
    await followUp.getByLabel("Ansvarig").focus();
    await shoot(lead, "11-uppfoljning");
  } finally {
    await browser.close();
    server.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
