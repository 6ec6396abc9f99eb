/**
 * Rendering in headless Chromium (software rendering: --disable-gpu). Boards of 200, 1,000 and
 * 3,000 notes are seeded through the stock y-websocket client into the real app server
 * (server/main.ts with the built pages); the facilitator link is opened at 1280x800 and we
 * measure time to first render, then requestAnimationFrame intervals while panning, dragging a
 * note and zooming.
 */
import { chromium, type Browser, type CDPSession, type Page } from "@playwright/test";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { createNote } from "../lib/board/actions";
import { DEFAULT_NOTE_SIZE } from "../lib/schema/note";
import {
  connectClient,
  createBoard,
  machine,
  median,
  ms,
  noteTextFor,
  PROJECT_DIR,
  removeTempDir,
  sleep,
  spawnAppServer,
  summarize,
  tempDir,
  waitFor,
  whenSynced,
  type PartResult,
  type Row,
} from "./common";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../e2e/chromium";
import { measureOpening } from "./render-opening";

const SIZES = [200, 1_000, 3_000];
/** Grid pitch in board units: 160-unit notes with 80-unit gaps of empty background between them. */
const PITCH = 240;
const GAP_CENTRE = DEFAULT_NOTE_SIZE + (PITCH - DEFAULT_NOTE_SIZE) / 2; // 200
const SEED_BATCH = 100;
const TTFR_LOADS = 3;
const STEP_MS = 16; // one pointer event per 60 Hz frame, as a mouse delivers them
const PAN_STEPS = 90; // each way
const DRAG_STEPS = 60;
const WHEEL_STEPS = 24; // each way
const INTERACTION_DEADLINE_MS = 30_000;
const LOAD_TIMEOUT_MS = 90_000;
const VIEWPORT = { width: 1280, height: 800 };
const ORIGIN = Symbol("bench seeder");

/** Page script: window.__bench.start() and .stop(), the requestAnimationFrame stamps recordFrames reads. */
export const FRAME_RECORDER = `(() => {
  const bench = window.__bench || (window.__bench = {});
  bench.stamps = [];
  bench.recording = false;
  bench.start = () => {
    bench.stamps = [];
    bench.recording = true;
    const tick = (t) => { if (!bench.recording) return; bench.stamps.push(t); requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  };
  bench.stop = () => { bench.recording = false; return bench.stamps; };
})();`;

/** Runs in the page before its scripts: time to first render, and the frame recorder. */
function initScript(expected: number): string {
  return `(() => {
  const bench = { ttfr: null };
  window.__bench = bench;
  const poll = () => {
    // Every note synced and rendered: the list's count (its buttons come after the canvas, deferred).
    const count = document.querySelector(".note-list h2 [aria-live]");
    if (window.Konva && window.Konva.stages[0] && count && count.textContent.replace(/\\D/g, "") === "${expected}") {
      requestAnimationFrame(() => requestAnimationFrame(() => { bench.ttfr = performance.now(); }));
      return;
    }
    requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
})();
${FRAME_RECORDER}`;
}

/** What Konva has under a canvas point: null for the empty background, else the note id (or shape). */
async function hitAt(page: Page, x: number, y: number): Promise<string | null> {
  return page.evaluate(`(() => {
    const stage = window.Konva && window.Konva.stages[0];
    if (!stage) throw new Error("no Konva stage on the page");
    const hit = stage.getIntersection({ x: ${x}, y: ${y} });
    if (!hit) return null;
    const note = hit.findAncestor(".note");
    return note ? note.id() : "shape:" + hit.getClassName();
  })()`);
}

async function stageTransform(page: Page): Promise<{ x: number; y: number; scale: number }> {
  return page.evaluate(`(() => { const s = window.Konva.stages[0]; return { x: s.x(), y: s.y(), scale: s.scaleX() }; })()`);
}

export async function nextFrames(page: Page, count: number): Promise<void> {
  await page.evaluate(`new Promise((resolve) => { let n = ${count}; const f = () => (--n <= 0 ? resolve() : requestAnimationFrame(f)); requestAnimationFrame(f); })`);
}

/** Main-thread time of the page so far (seconds), from the DevTools Performance domain. */
async function mainThread(cdp: CDPSession): Promise<{ task: number; script: number }> {
  const { metrics } = await cdp.send("Performance.getMetrics");
  const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN;
  return { task: get("TaskDuration"), script: get("ScriptDuration") };
}

interface Recording {
  intervals: number[];
  /** How long each pointer or wheel event took until the page had handled it (CDP ack). */
  stepMs: number[];
  stepsDone: number;
  seconds: number;
  taskMs: number;
  scriptMs: number;
}

/** Runs `steps` paced at one per STEP_MS while the page records rAF stamps; returns frame intervals. */
export async function recordFrames(page: Page, cdp: CDPSession, steps: number, step: (i: number) => Promise<void>): Promise<Recording> {
  await page.evaluate("window.__bench.start()");
  await nextFrames(page, 2);
  const before = await mainThread(cdp);
  const t0 = performance.now();
  let done = 0;
  const stepMs: number[] = [];
  for (let i = 0; i < steps; i++) {
    if (performance.now() - t0 > INTERACTION_DEADLINE_MS) break;
    const wait = t0 + i * STEP_MS - performance.now();
    if (wait > 0) await sleep(wait);
    const s0 = performance.now();
    await step(i);
    stepMs.push(performance.now() - s0);
    done++;
  }
  await nextFrames(page, 2);
  const after = await mainThread(cdp);
  const stamps = (await page.evaluate("window.__bench.stop()")) as number[];
  const intervals = stamps.slice(1).map((t, i) => t - stamps[i]);
  return { intervals, stepMs, stepsDone: done, seconds: (performance.now() - t0) / 1000, taskMs: (after.task - before.task) * 1000, scriptMs: (after.script - before.script) * 1000 };
}

export interface Interaction {
  frames: ReturnType<typeof summarize>;
  longFrames: number;
  input: ReturnType<typeof summarize>;
  stepsDone: number;
  stepsPlanned: number;
  seconds: number;
  /** Main-thread busy time (all tasks) and JavaScript time, per recorded frame. */
  taskMsPerFrame: number;
  scriptMsPerFrame: number;
}

export function interaction(rec: Recording, planned: number): Interaction {
  const n = Math.max(1, rec.intervals.length);
  return {
    frames: summarize(rec.intervals),
    longFrames: rec.intervals.filter((d) => d > 50).length,
    input: summarize(rec.stepMs),
    stepsDone: rec.stepsDone,
    stepsPlanned: planned,
    seconds: rec.seconds,
    taskMsPerFrame: rec.taskMs / n,
    scriptMsPerFrame: rec.scriptMs / n,
  };
}

/** Drags the pointer from `from` in `steps` equal steps of `delta`, then back (if `back`). */
export async function dragPath(page: Page, cdp: CDPSession, from: { x: number; y: number }, delta: { x: number; y: number }, steps: number, back: boolean): Promise<Interaction> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  const total = back ? steps * 2 : steps;
  const rec = await recordFrames(page, cdp, total, async (i) => {
    const k = i < steps ? i + 1 : total - i - 1;
    await page.mouse.move(from.x + delta.x * k, from.y + delta.y * k);
  });
  await page.mouse.up();
  return interaction(rec, total);
}

interface BoardResult {
  notes: number;
  seedSeconds: number;
  ttfrMs: number[];
  pan100: Interaction;
  drag: Interaction;
  zoom: Interaction;
  panOverview: Interaction;
  overviewScale: number;
  minZoomPercent: string;
  checks: string[];
}

/** Notes in a grid from the origin, 80 units of background between neighbours. */
async function seedBoard(wsUrl: string, boardId: string, token: string, count: number): Promise<number> {
  const t0 = performance.now();
  const cols = Math.ceil(Math.sqrt(count * 1.6));
  const writer = connectClient(wsUrl, boardId, token);
  try {
    await whenSynced(writer.provider, 30_000);
    for (let start = 0; start < count; start += SEED_BATCH) {
      writer.doc.transact(() => {
        for (let k = start; k < Math.min(count, start + SEED_BATCH); k++) {
          createNote(writer.doc, { id: `seed-${k}`, x: (k % cols) * PITCH, y: Math.floor(k / cols) * PITCH, text: noteTextFor(k), now: Date.now() }, ORIGIN);
        }
      }, ORIGIN);
    }
    // A second stock client proves the server holds them all.
    const check = connectClient(wsUrl, boardId, token);
    try {
      await waitFor(() => check.doc.getMap("notes").size === count, 60_000, `${count} seeded notes to reach a second client`);
    } finally {
      check.destroy();
    }
  } finally {
    writer.destroy();
  }
  return (performance.now() - t0) / 1000;
}

async function openBoard(browser: Browser, url: string, expected: number) {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: "sv-SE" });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.addInitScript({ content: initScript(expected) });
  await page.goto(url, { timeout: LOAD_TIMEOUT_MS });
  // Functions, not strings: the pages' CSP has no 'unsafe-eval', and a string is polled with eval.
  await page.waitForFunction(() => (window as unknown as { __bench?: { ttfr: number | null } }).__bench?.ttfr != null, null, { timeout: LOAD_TIMEOUT_MS, polling: 100 });
  const ttfr = (await page.evaluate("window.__bench.ttfr")) as number;
  return { context, page, ttfr, errors };
}

async function measureBoard(browser: Browser, url: string, count: number, seedSeconds: number, warnings: string[]): Promise<BoardResult> {
  const checks: string[] = [];
  const ttfrMs: number[] = [];
  for (let i = 0; i < TTFR_LOADS - 1; i++) {
    const visit = await openBoard(browser, url, count);
    ttfrMs.push(visit.ttfr);
    await visit.context.close();
  }
  const { context, page, ttfr, errors } = await openBoard(browser, url, count);
  ttfrMs.push(ttfr);
  try {
    await page.getByTestId("connection-status").and(page.locator('[data-status="online"]')).waitFor({ timeout: 30_000 });
    const cdp = await context.newCDPSession(page);
    await cdp.send("Performance.enable");
    await nextFrames(page, 10);
    const box = (await page.getByTestId("board-canvas").boundingBox())!;
    const at = (x: number, y: number) => ({ x: box.x + x, y: box.y + y });
    const start = await stageTransform(page);
    if (start.x !== 0 || start.y !== 0 || start.scale !== 1) throw new Error(`expected the board to open at 100 % at the origin, got ${JSON.stringify(start)}`);

    // (a) Pan at 100 %: press in a gap of the grid near the bottom right, drag up-left and back.
    const panFrom = {
      x: PITCH * Math.floor((box.width * 0.8) / PITCH) + GAP_CENTRE - PITCH,
      y: PITCH * Math.floor((box.height * 0.8) / PITCH) + GAP_CENTRE - PITCH,
    };
    const panHit = await hitAt(page, panFrom.x, panFrom.y);
    if (panHit !== null) throw new Error(`pan start (${panFrom.x}, ${panFrom.y}) is not empty background: ${panHit}`);
    checks.push(`pan at 100 % starts on empty background at canvas (${panFrom.x}, ${panFrom.y})`);
    const panDelta = { x: -6, y: -4 };
    await page.mouse.move(at(panFrom.x, panFrom.y).x, at(panFrom.x, panFrom.y).y);
    const pan100 = await dragPath(page, cdp, at(panFrom.x, panFrom.y), panDelta, PAN_STEPS, true);
    const afterPan = await stageTransform(page);
    if (pan100.stepsDone < pan100.stepsPlanned) {
      warnings.push(`WARNING: render ${count}: the pan at 100 % hit its ${INTERACTION_DEADLINE_MS / 1000} s deadline after ${pan100.stepsDone} of ${pan100.stepsPlanned} pointer steps`);
    }

    // (b) Drag a note at 100 %: the note at grid (1, 1), by (300, 180).
    const noteCentre = {
      x: Math.round(afterPan.x + (PITCH + DEFAULT_NOTE_SIZE / 2) * afterPan.scale),
      y: Math.round(afterPan.y + (PITCH + DEFAULT_NOTE_SIZE / 2) * afterPan.scale),
    };
    const noteId = await hitAt(page, noteCentre.x, noteCentre.y);
    if (!noteId || noteId.startsWith("shape:")) throw new Error(`no note under canvas (${noteCentre.x}, ${noteCentre.y}): ${noteId}`);
    const listed = page.locator(`.note-list li button[data-note-id="${noteId}"]`);
    const x0 = Number(await listed.getAttribute("data-x"));
    const y0 = Number(await listed.getAttribute("data-y"));
    const dragDelta = { x: 5, y: 3 };
    const drag = await dragPath(page, cdp, at(noteCentre.x, noteCentre.y), dragDelta, DRAG_STEPS, false);
    const movedBy = { x: dragDelta.x * drag.stepsDone, y: dragDelta.y * drag.stepsDone };
    await page.waitForFunction(
      ({ id, x, y }) => {
        const b = document.querySelector<HTMLElement>(`.note-list li button[data-note-id="${id}"]`);
        return b !== null && Number(b.dataset.x) === x && Number(b.dataset.y) === y;
      },
      { id: noteId, x: x0 + movedBy.x, y: y0 + movedBy.y },
      { timeout: 10_000, polling: 50 },
    );
    checks.push(`note ${noteId} dragged from (${x0}, ${y0}) by (${movedBy.x}, ${movedBy.y}), as the note list confirms`);

    // (c) Zoom: wheel steps around the centre, out to the minimum and back in.
    const centre = at(box.width / 2, box.height / 2);
    await page.mouse.move(centre.x, centre.y);
    let minZoomPercent = "";
    const zoomRec = await recordFrames(page, cdp, WHEEL_STEPS * 2, async (i) => {
      await page.mouse.wheel(0, i < WHEEL_STEPS ? 100 : -100);
      if (i === WHEEL_STEPS - 1) minZoomPercent = (await page.locator(".zoom output").textContent()) ?? "";
    });
    const zoom = interaction(zoomRec, WHEEL_STEPS * 2);
    await nextFrames(page, 10); // let the last wheel events land before the next gesture
    checks.push(`zoom went down to ${minZoomPercent} and back up to ${await page.locator(".zoom output").textContent()}`);

    // (d) Pan the whole board in view ("Visa hela tavlan"): press in the fit margin, bottom right.
    await page.getByRole("button", { name: /Visa hela tavlan/ }).click();
    await nextFrames(page, 5);
    const overview = await stageTransform(page);
    const overviewFrom = { x: Math.round(box.width - 20), y: Math.round(box.height - 20) };
    const overviewHit = await hitAt(page, overviewFrom.x, overviewFrom.y);
    if (overviewHit !== null) throw new Error(`overview pan start is not empty background: ${overviewHit}`);
    checks.push(`overview at ${(overview.scale * 100).toFixed(1)} %: pan starts on empty background at canvas (${overviewFrom.x}, ${overviewFrom.y})`);
    const panOverview = await dragPath(page, cdp, at(overviewFrom.x, overviewFrom.y), panDelta, PAN_STEPS, true);
    const afterOverviewPan = await stageTransform(page);
    if (panOverview.stepsDone < panOverview.stepsPlanned) {
      warnings.push(
        `WARNING: render ${count}: the whole-board pan hit its ${INTERACTION_DEADLINE_MS / 1000} s deadline after ${panOverview.stepsDone} of ${panOverview.stepsPlanned} pointer steps ` +
          `(the page took ${((panOverview.seconds * 1000) / panOverview.stepsDone).toFixed(0)} ms per pointer move instead of ${STEP_MS})`,
      );
    } else if (Math.abs(afterOverviewPan.x - overview.x) > 1 || Math.abs(afterOverviewPan.y - overview.y) > 1) {
      warnings.push(`WARNING: render ${count}: the whole-board pan did not end where it started: ${JSON.stringify(overview)} → ${JSON.stringify(afterOverviewPan)}`);
    }

    if (errors.length > 0) warnings.push(`WARNING: render ${count}: page errors: ${errors.slice(0, 3).join(" | ")}`);
    return { notes: count, seedSeconds, ttfrMs, pan100, drag, zoom, panOverview, overviewScale: overview.scale, minZoomPercent, checks };
  } finally {
    await context.close();
  }
}

/** The newest source file the pages are built from, to tell a stale build. */
function newestSource(): { file: string; mtimeMs: number } {
  let newest = { file: "", mtimeMs: 0 };
  const visit = (path: string) => {
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const name of readdirSync(path)) visit(join(path, name));
    } else if (/\.(tsx?|css|js|json)$/.test(path) && !/\.test\.tsx?$/.test(path) && stat.mtimeMs > newest.mtimeMs) {
      newest = { file: path.slice(PROJECT_DIR.length + 1), mtimeMs: stat.mtimeMs };
    }
  };
  for (const entry of ["app", "components", "lib", "next.config.js", "package-lock.json"]) {
    if (existsSync(join(PROJECT_DIR, entry))) visit(join(PROJECT_DIR, entry));
  }
  return newest;
}

/** Builds the pages if there is no build; says so loudly if the build is older than the sources. */
export function ensureBuild(warnings: string[]): void {
  const buildId = join(PROJECT_DIR, ".next", "BUILD_ID");
  if (!existsSync(buildId)) {
    process.stderr.write("render: no Next build (.next/BUILD_ID missing), running `npx next build` …\n");
    const result = spawnSync("npx", ["next", "build"], { cwd: PROJECT_DIR, stdio: ["ignore", 2, 2] });
    if (result.status !== 0) throw new Error("npx next build failed");
    return;
  }
  const newest = newestSource();
  if (newest.mtimeMs > statSync(buildId).mtimeMs) {
    warnings.push(`WARNING: render measured a Next build older than ${newest.file}; run \`npx next build\` and measure again`);
  }
}

export const frames = (i: Interaction) =>
  `frame ${i.frames.p50.toFixed(1)} / ${i.frames.p95.toFixed(1)} / ${i.frames.max.toFixed(0)} ms, ${i.longFrames} of ${i.frames.count} > 50 ms; ` +
  `input handled ${i.input.p50.toFixed(0)} / ${i.input.p95.toFixed(0)} ms; JS ${i.scriptMsPerFrame.toFixed(1)} of ${i.taskMsPerFrame.toFixed(1)} ms busy per frame`;

/** One 60 Hz vsync: rAF intervals are whole multiples of it, give or take the timer's jitter. */
const VSYNC_MS = 1000 / 60;
const JITTER_MS = 0.5;
const TARGET_NOTES = 1_000;

/** The target: a 1,000-note board pans at p95 within one frame (no frame dropped). */
function panTargetRows(results: BoardResult[]): Row[] {
  const board = results.find((r) => r.notes === TARGET_NOTES);
  if (!board) return [];
  const verdict = (i: Interaction) => `p95 ${i.frames.p95.toFixed(1)} ms: ${i.frames.p95 <= VSYNC_MS + JITTER_MS ? "met" : "MISSED"}`;
  const scenario = `target: ${TARGET_NOTES.toLocaleString("en")} notes pan at p95 ≤ 16.7 ms`;
  return [
    { part: "render", scenario, metric: "pan at 100 %", value: verdict(board.pan100) },
    { part: "render", scenario, metric: `pan, whole board in view (${(board.overviewScale * 100).toFixed(0)} %)`, value: verdict(board.panOverview) },
  ];
}

export async function run(): Promise<PartResult> {
  const warnings: string[] = [];
  ensureBuild(warnings);
  const buildId = readFileSync(join(PROJECT_DIR, ".next", "BUILD_ID"), "utf8").trim();
  const dataDir = tempDir("render");
  const server = await spawnAppServer(dataDir);
  let browser: Browser | null = null;
  try {
    const boards: Array<{ count: number; url: string; seedSeconds: number }> = [];
    for (const count of SIZES) {
      const board = await createBoard(server.http, `Render ${count}`);
      const seedSeconds = await seedBoard(server.ws, board.id, board.facilitatorToken, count);
      boards.push({ count, url: server.http + board.links.facilitator, seedSeconds });
    }
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
    // Warm the server (first page requests, file cache) so the first measured load is not special.
    const warm = await openBoard(browser, boards[0].url, boards[0].count);
    await warm.context.close();

    const results: BoardResult[] = [];
    for (const board of boards) results.push(await measureBoard(browser, board.url, board.count, board.seedSeconds, warnings));

    const rows: Row[] = [];
    for (const r of results) {
      const scenario = `${r.notes.toLocaleString("en")} notes`;
      rows.push(
        { part: "render", scenario, metric: `time to first render (median of ${TTFR_LOADS})`, value: `${ms(median(r.ttfrMs), 0)} (${r.ttfrMs.map((t) => t.toFixed(0)).join(", ")})` },
        { part: "render", scenario, metric: "pan at 100 %", value: frames(r.pan100) },
        { part: "render", scenario, metric: "drag a note at 100 %", value: frames(r.drag) },
        { part: "render", scenario, metric: `wheel zoom 100 % → ${r.minZoomPercent} → back`, value: frames(r.zoom) },
        { part: "render", scenario, metric: `pan, whole board in view (${(r.overviewScale * 100).toFixed(0)} %)`, value: frames(r.panOverview) },
      );
    }
    rows.push(...panTargetRows(results));
    rows.push(...(await measureOpening(browser, server)));
    const { cpus } = machine();
    return {
      part: "render",
      rows,
      warnings,
      notes: [
        `render: SOFTWARE RENDERING on a ${cpus}-core machine: headless Chromium (${CHROMIUM_ARGS.join(" ")}) at ${VIEWPORT.width}x${VIEWPORT.height}, sharing the cores with the app server and this harness; ` +
          "frame = p50 / p95 / max interval between requestAnimationFrame callbacks (16.7 ms = 60 fps; a p95 within 0.5 ms of it counts as one frame); input handled = p50 / p95 time until the page had handled one pointer move or wheel step " +
          "(sent one per 16 ms, or as soon as the previous one was handled); JS / busy = main-thread script and total task time per frame (DevTools Performance metrics). " +
          "Each board opened in a fresh browser context (no IndexedDB copy).",
      ],
      data: { buildId, chromiumArgs: CHROMIUM_ARGS, viewport: VIEWPORT, pitch: PITCH, boards: results },
    };
  } finally {
    if (browser) await browser.close();
    await server.stop();
    removeTempDir(dataDir);
  }
}
