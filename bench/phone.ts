/**
 * The phone page (`/p/BOARD`): the gzip size of every script it loads, and how long until its
 * "Add" button works, in headless Chromium at 360x640 with the CPU throttled 4x (CDP), a cold
 * cache each time. A joined phone is simulated by giving the browser the participant cookie.
 */
import { chromium, type Browser } from "@playwright/test";
import { gzipSync } from "node:zlib";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../e2e/chromium";
import type { BoardInfoResponse, JoinResponse } from "../lib/api/schemas";
import { createBoard, median, ms, removeTempDir, spawnAppServer, tempDir, type PartResult, type Row } from "./common";
import { ensureBuild } from "./render";

const LOADS = 5;
const CPU_SLOWDOWN = 4;
const BUDGET_BYTES = 150 * 1024;

async function joinedPhone(http: string): Promise<{ boardId: string; token: string }> {
  const board = await createBoard(http, "Phone bench");
  const info = (await (await fetch(`${http}/api/boards/${board.id}`, { headers: { Authorization: `Bearer ${board.facilitatorToken}` } })).json()) as BoardInfoResponse;
  const joined = (await (
    await fetch(`${http}/api/join`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ code: info.joinCode, name: "Bench" }) })
  ).json()) as JoinResponse;
  return { boardId: board.id, token: joined.participantToken };
}

/** One cold load: scripts with their sizes, and ms from navigation until the form is interactive. */
async function load(browser: Browser, http: string, phone: { boardId: string; token: string }, slowdown: number) {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, locale: "sv-SE" });
  await context.addCookies([{ name: `samla_p_${phone.boardId}`, value: phone.token, url: http, httpOnly: true, sameSite: "Strict" }]);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: slowdown });
  const scripts = new Map<string, number>();
  page.on("response", async (response) => {
    if (response.request().resourceType() !== "script") return;
    try {
      scripts.set(response.url(), gzipSync(await response.body(), { level: 6 }).length);
    } catch {
      // A script the page dropped before it arrived.
    }
  });
  await page.goto(`${http}/p/${phone.boardId}`, { waitUntil: "commit" });
  await page.locator("form[data-interactive]").waitFor({ timeout: 60_000 });
  const interactiveMs = await page.evaluate(() => performance.now());
  await page.waitForLoadState("networkidle");
  await context.close();
  return { interactiveMs, scripts };
}

export async function run(): Promise<PartResult> {
  const warnings: string[] = [];
  ensureBuild(warnings);
  const dataDir = tempDir("phone");
  const server = await spawnAppServer(dataDir);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const phone = await joinedPhone(server.http);
    const first = await load(browser, server.http, phone, 1);
    const gzipBytes = [...first.scripts.values()].reduce((sum, size) => sum + size, 0);
    const times: number[] = [];
    for (let i = 0; i < LOADS; i++) times.push((await load(browser, server.http, phone, CPU_SLOWDOWN)).interactiveMs);
    times.sort((a, b) => a - b);
    if (gzipBytes > BUDGET_BYTES) warnings.push(`WARNING: the phone route loads ${(gzipBytes / 1024).toFixed(1)} KiB of gzipped JavaScript, over the 150 KiB budget`);
    const rows: Row[] = [
      { part: "phone", scenario: "/p/BOARD, 360x640", metric: "JavaScript loaded (gzip)", value: `${(gzipBytes / 1024).toFixed(1)} KiB (${gzipBytes.toLocaleString("en")} bytes) in ${first.scripts.size} files: ${gzipBytes <= BUDGET_BYTES ? "within" : "OVER"} the 150 KiB budget` },
      { part: "phone", scenario: `CPU ${CPU_SLOWDOWN}x slower, cold cache`, metric: '"Add" works after', value: `${ms(median(times), 0)} median of ${LOADS} (${ms(times[0], 0)} – ${ms(times[times.length - 1], 0)})` },
    ];
    return {
      part: "phone",
      rows,
      warnings,
      notes: [
        `phone: gzip level 6 of each script body as served, one cold load until the network is idle; the identity-number check (~3 KB) is not among them: it loads once a note has six digits in a row. ` +
          `Loopback network, so the time is CPU and parsing, not transfer. Headless Chromium, CDP CPU throttling ${CPU_SLOWDOWN}x on this machine's cores.`,
      ],
      data: { gzipBytes, scripts: Object.fromEntries(first.scripts), interactiveMs: times },
    };
  } finally {
    await browser.close();
    await server.stop();
    removeTempDir(dataDir);
  }
}
