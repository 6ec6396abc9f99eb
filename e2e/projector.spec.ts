import type { Locator, Page } from "@playwright/test";
import type { CreateBoardResponse } from "../lib/api/schemas";
import { joinCodeOf } from "./fixtures/phone-page";
import { expect, test } from "./fixtures/test";

/**
 * The projector is for the back of the room: a reserved strip at the top holds the step's title,
 * its question and the timer, the board gets all the rest, and nothing is drawn over the board.
 * Closed votes' counts show on the notes, as on the board.
 */

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Every note the projector's canvas draws, as page rectangles (from Konva's own scene). */
function drawnNotes(page: Page, ids: string[]): Promise<Box[]> {
  return page.evaluate((wanted) => {
    type Node = { id(): string; getClientRect(): { x: number; y: number; width: number; height: number } };
    type Stage = { container(): HTMLElement; find(sel: (n: Node) => boolean): Node[] };
    const stage = (window as unknown as { Konva?: { stages: Stage[] } }).Konva?.stages[0];
    if (!stage) return [];
    const origin = stage.container().getBoundingClientRect();
    return stage
      .find((n) => wanted.includes(n.id()))
      .map((n) => n.getClientRect())
      .map((r) => ({ x: origin.x + r.x, y: origin.y + r.y, width: r.width, height: r.height }));
  }, ids);
}

/** The size on screen of every note's text the projector draws (font size times zoom). */
function drawnTextSizes(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    type Node = { name(): string; fontSize(): number; getAbsoluteScale(): { x: number } };
    const stage = (window as unknown as { Konva?: { stages: Array<{ find(sel: (n: Node) => boolean): Node[] }> } }).Konva?.stages[0];
    return (stage?.find((n) => n.name() === "note-text") ?? []).map((n) => n.fontSize() * n.getAbsoluteScale().x);
  });
}

async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox();
  expect(box).not.toBeNull();
  return box!;
}

async function fontSize(locator: Locator): Promise<number> {
  return locator.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
}

// Two short notes and a sentence, which is written smaller on its note: all read at 24 px or more.
const NOTES = ["Värdighet i vardagen", "Tid för samtal", "Vi ser människan före diagnosen och tar oss tid att lyssna"];

test("the projector's strip holds the step's title, its question and the timer; the board has the rest, and a closed vote's counts show on its notes", async ({
  request,
  openAs,
  openPhone,
}, testInfo) => {
  const res = await request.post("/api/boards", { data: { kit: "arbetsmote-1", language: "sv" } });
  expect(res.status()).toBe(201);
  const board = (await res.json()) as CreateBoardResponse;
  const facilitator = await openAs(board.links.facilitator);
  await facilitator.waitUntilOnline();
  const screen = await openAs(board.links.projector, { viewport: { width: 1280, height: 720 } });
  const page = screen.page;
  const strip = page.getByTestId("screen-strip");
  await expect(screen.canvas).toBeVisible();
  // Nothing under way: a slim bar with the board's name, no step, no timer.
  await expect(strip.getByRole("heading", { level: 1 })).toHaveText("Arbetsmöte 1 – Prioritering");
  await expect(strip.getByTestId("timer")).toHaveCount(0);
  expect((await boxOf(strip)).height).toBeLessThan(80);
  await page.screenshot({ path: testInfo.outputPath("projector-sv-idle.png") });

  // Three phones write a note each.
  const code = await joinCodeOf(request, board);
  const phones = [await openPhone(), await openPhone(), await openPhone()];
  for (const [i, phone] of phones.entries()) {
    await phone.join(code);
    await phone.addNote(NOTES[i]);
  }
  await expect(facilitator.notes).toHaveCount(NOTES.length);
  const ids = Object.fromEntries(await Promise.all(NOTES.map(async (text) => [text, await facilitator.noteIdOf(text)] as const)));

  // The facilitator starts the first step, then its timer.
  const agenda = facilitator.page.getByTestId("agenda-panel");
  await agenda.getByRole("button", { name: "Visa agendan" }).click();
  await agenda.getByRole("button", { name: /^Våra värdegrundsmeningar/ }).click();
  await agenda.getByRole("button", { name: "Starta", exact: true }).click();

  const title = strip.getByTestId("screen-step-title");
  const prompt = strip.getByTestId("screen-prompt");
  await expect(title).toHaveText("Våra värdegrundsmeningar");
  await expect(strip).toContainText("Punkt 1 av");
  await expect(prompt).toHaveText(/^Vi tar fram våra värdegrundsmeningar med plusmarkeringar/);
  await expect(strip.getByTestId("timer")).toHaveAttribute("data-status", "running");
  await expect(strip.getByTestId("timer-time")).toHaveText(/^(10:00|09:\d\d)$/);
  // Read from the back of the room.
  expect(await fontSize(title)).toBeGreaterThanOrEqual(28);
  expect(await fontSize(prompt)).toBeGreaterThanOrEqual(28);
  expect(await fontSize(strip.getByTestId("timer-time"))).toBeGreaterThanOrEqual(40);

  // The strip and the canvas share the window without overlapping; the timer is inside the strip.
  const stripBox = await boxOf(strip);
  const timerBox = await boxOf(strip.getByTestId("timer"));
  expect(stripBox.y).toBe(0);
  expect(timerBox.y).toBeGreaterThanOrEqual(stripBox.y);
  expect(timerBox.y + timerBox.height).toBeLessThanOrEqual(stripBox.y + stripBox.height + 0.5);
  for (const box of [await boxOf(prompt), await boxOf(title)]) expect(box.y + box.height).toBeLessThanOrEqual(stripBox.y + stripBox.height + 0.5);
  const stripBottom = stripBox.y + stripBox.height;
  await expect.poll(async () => (await boxOf(screen.canvas)).y).toBeGreaterThanOrEqual(stripBottom - 0.5);
  const canvasBox = await boxOf(screen.canvas);
  expect(canvasBox.y + canvasBox.height).toBeLessThanOrEqual(720);
  // The canvas takes all the rest: from the strip to the bottom, edge to edge.
  expect(canvasBox.y + canvasBox.height).toBeGreaterThanOrEqual(719);
  expect(canvasBox.width).toBeGreaterThanOrEqual(1279);
  expect(stripBox.height).toBeLessThan(720 / 2);

  // No note lies under the strip: all are drawn on the canvas, below it.
  await expect.poll(async () => (await drawnNotes(page, Object.values(ids))).length).toBe(NOTES.length);
  await expect
    .poll(async () => (await drawnNotes(page, Object.values(ids))).every((note) => note.y >= stripBottom - 0.5 && note.y < 720))
    .toBe(true);

  // Readable from the back of the room: the notes, not the empty worksheets, fill the board's part.
  await expect.poll(async () => (await drawnTextSizes(page)).length).toBe(NOTES.length);
  for (const size of await drawnTextSizes(page)) expect(size, "note text on the projector, in px").toBeGreaterThanOrEqual(24);

  await page.screenshot({ path: testInfo.outputPath("projector-sv.png") });

  // A vote with the phones: while it is open the projector shows no counts, once closed it does.
  await facilitator.startVote();
  await phones[0].tapCandidate(NOTES[0]);
  await phones[1].tapCandidate(NOTES[0]);
  await phones[2].tapCandidate(NOTES[1]);
  for (const phone of phones) await expect(phone.dotsLeft).toHaveText("2 prickar kvar");
  expect(await screen.drawnCount(ids[NOTES[0]])).toBeNull();
  await facilitator.button("Avsluta röstningen").click();
  await expect(strip).toContainText("Röstningen är avslutad: rösterna står på lapparna.");
  const expected: Record<string, number> = { [NOTES[0]]: 2, [NOTES[1]]: 1, [NOTES[2]]: 0 };
  for (const [text, count] of Object.entries(expected)) await expect.poll(() => screen.drawnCount(ids[text])).toBe(count);
  // The chips take room from the words, which get smaller: the projector zooms so they still read.
  await expect.poll(async () => Math.min(...(await drawnTextSizes(page))), { message: "the smallest note text, in px" }).toBeGreaterThanOrEqual(24);
  // A screen reader hears the same counts, most votes first (the canvas is a picture to it).
  await expect(page.getByRole("list", { name: "Röstningens resultat, flest röster först" }).getByRole("listitem")).toHaveText([
    `${NOTES[0]}: 2 röster`,
    `${NOTES[1]}: 1 röst`,
    `${NOTES[2]}: 0 röster`,
  ]);
  // Read-only: no dot buttons on the projector's notes.
  for (const id of Object.values(ids)) expect(await screen.drawnTexts(id)).not.toContain("+ ●");
  // Still nothing under the strip, now that it says the vote is closed.
  const after = await boxOf(strip);
  await expect.poll(async () => (await boxOf(screen.canvas)).y).toBeGreaterThanOrEqual(after.y + after.height - 0.5);

  await page.screenshot({ path: testInfo.outputPath("projector-sv-votes.png") });

  // The next step's question is a kit's long instruction: the strip grows, the board still has most of the screen.
  await agenda.getByRole("button", { name: /^Värdera tre och tre/ }).click();
  await expect(title).toHaveText("Värdera tre och tre");
  await expect(prompt).toHaveText(/^Tre och tre: skriv 1/);
  const long = await boxOf(strip);
  expect(long.height).toBeLessThan(720 / 2);
  await expect.poll(async () => (await boxOf(screen.canvas)).y).toBeGreaterThanOrEqual(long.y + long.height - 0.5);
  await expect
    .poll(async () => (await drawnNotes(page, Object.values(ids))).every((note) => note.y >= long.y + long.height - 0.5))
    .toBe(true);
  await page.screenshot({ path: testInfo.outputPath("projector-sv-long.png") });
});
