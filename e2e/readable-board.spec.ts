import type { APIRequestContext } from "@playwright/test";
import type { CreateBoardResponse } from "../lib/api/schemas";
import type { BoardPage } from "./fixtures/board-page";
import { expect, test } from "./fixtures/test";
import { Worksheets } from "./fixtures/worksheets";

/**
 * A kit board on a 1280x800 laptop opens where its notes can be read: text at least 12 px on
 * screen, sized to its note with no word broken, vote chips below the words, and "+" zooming
 * into the middle of what is shown.
 */
const LAPTOP = { width: 1280, height: 800 };

async function kitBoard(request: APIRequestContext): Promise<CreateBoardResponse> {
  const res = await request.post("/api/boards", { data: { kit: "arbetsmote-1", language: "sv" } });
  expect(res.status()).toBe(201);
  return (await res.json()) as CreateBoardResponse;
}

interface DrawnNote {
  text: string;
  /** The font size as it reaches the screen (the note's size times the zoom). */
  screenFontSize: number;
  lines: string[];
  textBottom: number;
  chipTop: number | null;
  /** The vote chip's size on screen, in CSS px. */
  chipSize: { width: number; height: number } | null;
}

/** Every note's text as Konva drew it: its size on screen, its lines, and where its vote chip is. */
async function drawnNotes(board: BoardPage): Promise<DrawnNote[]> {
  return board.page.evaluate(() => {
    type Node = {
      name(): string;
      text(): string;
      fontSize(): number;
      getAbsoluteScale(): { x: number };
      getClientRect(): { y: number; width: number; height: number };
      getParent(): Node;
      find(sel: (n: Node) => boolean): Node[];
      textArr: Array<{ text: string }>;
    };
    const stages = (window as unknown as { Konva?: { stages: Array<{ find(sel: (n: Node) => boolean): Node[] }> } }).Konva?.stages ?? [];
    return stages
      .flatMap((stage) => stage.find((n) => n.name() === "note-text"))
      .map((node) => {
        const rect = node.getClientRect();
        const chip = node.getParent().find((n) => n.name() === "vote-chip")[0];
        return {
          text: node.text(),
          screenFontSize: node.fontSize() * node.getAbsoluteScale().x,
          lines: node.textArr.map((line) => line.text.trim()),
          textBottom: rect.y + rect.height,
          chipTop: chip ? chip.getClientRect().y : null,
          chipSize: chip ? { width: chip.getClientRect().width, height: chip.getClientRect().height } : null,
        };
      });
  });
}

test("a kit board opens on a laptop with notes readable, each word whole, vote chips below the words", async ({ request, openAs }) => {
  const board = await kitBoard(request);
  const facilitator = await openAs(board.links.facilitator, { viewport: LAPTOP });
  await facilitator.waitUntilOnline();
  const sheets = new Worksheets(facilitator);

  // Opened on the first worksheet, its title bar in view, at a zoom where 16 px note text (the smallest) reads as 12.
  await expect.poll(async () => (await sheets.view()).scale * 16).toBeGreaterThanOrEqual(12);
  const first = facilitator.page.getByTestId("frame-list").locator("button[data-frame-id]").first();
  const [left, top] = await sheets.toCanvas({ x: Number(await first.getAttribute("data-x")), y: Number(await first.getAttribute("data-y")) });
  const canvas = (await facilitator.canvas.boundingBox())!;
  expect(left).toBeGreaterThanOrEqual(0);
  expect(top).toBeGreaterThanOrEqual(0);
  expect(top).toBeLessThan(canvas.height / 3);

  await facilitator.addNoteAt(canvas.width / 2 - 120, canvas.height / 2, "Boendes välbefinnande och morgonrutinerna");
  await facilitator.addNoteAt(canvas.width / 2 + 120, canvas.height / 2, "Fika");
  await expect(facilitator.notes).toHaveCount(2);

  const notes = await drawnNotes(facilitator);
  expect(notes.map((n) => n.text).sort()).toEqual(["Boendes välbefinnande och morgonrutinerna", "Fika"]);
  for (const note of notes) {
    expect(note.screenFontSize, `"${note.text}" on screen`).toBeGreaterThanOrEqual(12);
    const words = new Set(note.text.split(/\s+/));
    for (const line of note.lines) {
      for (const word of line.split(/\s+/)) expect(words, `"${word}" in "${note.text}" is a whole word`).toContain(word);
    }
  }
  const size = (text: string) => notes.find((n) => n.text === text)!.screenFontSize;
  expect(size("Fika"), "a one-word note is written larger than a long one").toBeGreaterThan(size("Boendes välbefinnande och morgonrutinerna"));

  await facilitator.startVote(2);
  // Nobody else has joined to vote: the status says so, not "0 av 0".
  await expect(facilitator.voteStatus).toHaveText(/^Röstning pågår: ingen har röstat än/);
  await expect.poll(async () => (await drawnNotes(facilitator)).every((n) => n.chipTop !== null)).toBe(true);
  for (const note of await drawnNotes(facilitator)) {
    expect(note.chipTop!, `the vote chip of "${note.text}" is below its words`).toBeGreaterThanOrEqual(note.textBottom - 0.5);
    expect(note.screenFontSize).toBeGreaterThanOrEqual(12);
  }
});

test("a care word wider than a note at the smallest size is written smaller, never broken", async ({ request, openAs }) => {
  const board = await kitBoard(request);
  const facilitator = await openAs(board.links.facilitator, { viewport: LAPTOP });
  await facilitator.waitUntilOnline();
  const canvas = (await facilitator.canvas.boundingBox())!;
  const text = "Genomförandeplanen och biståndshandläggaren";
  await facilitator.addNoteAt(canvas.width / 2, canvas.height / 2, text);
  const [note] = await drawnNotes(facilitator);
  expect(note.text).toBe(text);
  const words = new Set(text.split(/\s+/));
  for (const line of note.lines) {
    for (const word of line.split(/\s+/)) expect(words, `"${word}" in ${JSON.stringify(note.lines)} is a whole word`).toContain(word);
  }
  const scale = (await new Worksheets(facilitator).view()).scale;
  expect(note.screenFontSize / scale, "below the regular minimum of 16").toBeLessThan(16);
});

test("+ and − zoom around the middle of what is shown, so the notes there stay there", async ({ request, openAs }) => {
  const board = await kitBoard(request);
  const facilitator = await openAs(board.links.facilitator, { viewport: LAPTOP });
  await facilitator.waitUntilOnline();
  const sheets = new Worksheets(facilitator);
  await expect.poll(async () => (await sheets.view()).scale).toBeLessThan(1);
  const canvas = (await facilitator.canvas.boundingBox())!;
  const middle = async () => {
    const v = await sheets.view();
    return { x: (canvas.width / 2 - v.x) / v.scale, y: (canvas.height / 2 - v.y) / v.scale };
  };
  const before = await middle();
  const scale = (await sheets.view()).scale;
  await facilitator.button("Zooma in").click();
  await expect.poll(async () => (await sheets.view()).scale).toBeGreaterThan(scale);
  const after = await middle();
  expect(Math.abs(after.x - before.x)).toBeLessThan(1);
  expect(Math.abs(after.y - before.y)).toBeLessThan(1);
  await facilitator.button("Zooma ut").click();
  await expect.poll(async () => (await sheets.view()).scale).toBeCloseTo(scale, 5);
  const back = await middle();
  expect(Math.abs(back.x - before.x)).toBeLessThan(1);
});

test("on a touch tablet the vote chip is a 44 px target, still below the words", async ({ request, openAs }) => {
  const board = await kitBoard(request);
  const tablet = await openAs(board.links.facilitator, { viewport: { width: 1024, height: 768 }, hasTouch: true, isMobile: true });
  await tablet.waitUntilOnline();
  const canvas = (await tablet.canvas.boundingBox())!;
  await tablet.addNoteAt(canvas.width / 2, canvas.height / 2, "Fler pauser under dagen");
  // At this width the workshop panel starts closed, over the board when opened; closed again to see the notes.
  const panel = tablet.page.getByRole("button", { name: "Workshop", exact: true });
  if ((await panel.getAttribute("aria-expanded")) === "false") await panel.click();
  await tablet.startVote(2);
  if ((await panel.getAttribute("aria-expanded")) === "true") await panel.click();
  await expect.poll(async () => (await drawnNotes(tablet))[0]?.chipSize?.height ?? 0).toBeGreaterThanOrEqual(44);
  const [note] = await drawnNotes(tablet);
  expect(note.chipSize!.width).toBeGreaterThanOrEqual(44);
  expect(note.chipTop!).toBeGreaterThanOrEqual(note.textBottom - 0.5);
  expect(note.screenFontSize).toBeGreaterThanOrEqual(12);
});
