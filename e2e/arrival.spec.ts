import type { APIRequestContext } from "@playwright/test";
import type { CreateBoardResponse } from "../lib/api/schemas";
import type { Rect } from "../lib/geometry";
import { cellAt, cellRects } from "../lib/board/frame-layout";
import type { BoardPage } from "./fixtures/board-page";
import { joinCodeOf } from "./fixtures/phone-page";
import { expect, test } from "./fixtures/test";
import { Worksheets } from "./fixtures/worksheets";

const NOTE = 160; // DEFAULT_NOTE_SIZE: notes from phones and double-clicks keep it

/**
 * Where notes land on a kit board: in the "Nya lappar" area, never on the Prioritering worksheet's
 * title bar and axis labels as they did; and "Sortera efter röster" keeping the prioritisation.
 */
async function kitBoard(request: APIRequestContext): Promise<CreateBoardResponse> {
  const res = await request.post("/api/boards", { data: { kit: "arbetsmote-1", language: "sv" } });
  expect(res.status()).toBe(201);
  return (await res.json()) as CreateBoardResponse;
}

/** Every worksheet's whole rectangle (title and axes included), as the keyboard list knows it. */
async function worksheetRects(board: BoardPage): Promise<Rect[]> {
  const items = board.page.getByTestId("frame-list").locator("button[data-frame-id]");
  await expect(items).toHaveCount(2);
  return items.evaluateAll((buttons) =>
    buttons.map((b) => ({ x: Number(b.dataset.x), y: Number(b.dataset.y), width: Number(b.dataset.width), height: Number(b.dataset.height) })),
  );
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

async function noteRect(board: BoardPage, text: string): Promise<Rect> {
  return { ...(await board.positionOf(text)), width: NOTE, height: NOTE };
}

/** The texts the canvas draws for the arrival area (read from Konva's scene). */
async function arrivalLabel(board: BoardPage): Promise<string[]> {
  return board.page.evaluate(() => {
    type Node = { name(): string; text(): string };
    const stages = (window as unknown as { Konva?: { stages: Array<{ find(sel: (n: Node) => boolean): Node[] }> } }).Konva?.stages ?? [];
    return stages.flatMap((stage) => stage.find((n) => n.name() === "arrival-label")).map((n) => n.text());
  });
}

test("a phone's note and revealed notes land in Nya lappar, clear of every worksheet; the chip brings them into view", async ({ request, openAs, openPhone }) => {
  test.slow(); // two board pages and a phone writing four notes
  const board = await kitBoard(request);
  const facilitator = await openAs(board.links.facilitator);
  const member = await openAs(board.links.member);
  await facilitator.waitUntilOnline();
  await member.waitUntilOnline();
  const sheets = await worksheetRects(facilitator);
  await expect.poll(() => arrivalLabel(facilitator)).toEqual(["Nya lappar"]);

  // Zoomed in on the Prioritering worksheet, the area where notes land is out of view.
  for (let i = 0; i < 3; i++) await facilitator.button("Zooma in").click();
  const phone = await openPhone();
  await phone.join(await joinCodeOf(request, board));
  await phone.addNote("Från mobilen");
  await expect(facilitator.note("Från mobilen")).toHaveCount(1);
  const first = await noteRect(facilitator, "Från mobilen");
  for (const sheet of sheets) expect(overlaps(first, sheet), `on a worksheet at ${JSON.stringify(sheet)}`).toBe(false);
  const right = Math.max(...sheets.map((s) => s.x + s.width));
  expect(first.x).toBeGreaterThan(right);

  const chip = facilitator.page.getByTestId("arrival-chip");
  await expect(chip).toHaveText("1 ny lapp");
  await chip.click();
  await expect(chip).toBeHidden();
  const view = new Worksheets(facilitator);
  const [x, y] = await view.toCanvas(first);
  const canvas = (await facilitator.canvas.boundingBox())!;
  expect(x).toBeGreaterThanOrEqual(0);
  expect(y).toBeGreaterThanOrEqual(0);
  expect(x + NOTE * (await view.view()).scale).toBeLessThanOrEqual(canvas.width);

  // Held notes, revealed: beside the first, on nothing.
  await facilitator.button("Tyst skrivning").click();
  await expect(phone.page.getByText("Dina lappar är privata tills processledaren visar dem.")).toBeVisible();
  const held = ["Tyst ett", "Tyst två", "Tyst tre"];
  for (const text of held) await phone.addNote(text);
  await expect(facilitator.privateStatus).toContainText("3 lappar väntar");
  await facilitator.button("Visa alla").click();
  const placed = [first];
  for (const text of held) {
    await expect(facilitator.note(text)).toHaveCount(1);
    const rect = await noteRect(facilitator, text);
    for (const sheet of sheets) expect(overlaps(rect, sheet), `${text} on a worksheet`).toBe(false);
    for (const other of placed) expect(overlaps(rect, other), `${text} on another note`).toBe(false);
    expect(rect.x).toBeGreaterThan(right);
    placed.push(rect);
  }
  // The member, looking at the worksheets, is told too.
  await member.button("Zooma in").click();
  await expect(member.page.getByTestId("arrival-chip")).toHaveText("4 nya lappar");
});

test("sort by votes after a closed vote keeps every note in its cell, most voted first, and one undo restores all", async ({ request, openAs, openPhone }) => {
  test.slow(); // eight notes written on the board and two phones voting
  const board = await kitBoard(request);
  const facilitator = await openAs(board.links.facilitator);
  await facilitator.waitUntilOnline();
  const sheets = new Worksheets(facilitator);
  const grid = await sheets.frame(/^Prioritering/, "quadrant", 2, 2);
  // Two notes in each cell, side by side: the one on the right will get the votes.
  for (const cell of cellRects(grid)) {
    for (const [side, at] of [["vänster", 0.3], ["höger", 0.72]] as const) {
      const [x, y] = await sheets.toCanvas({ x: cell.x + cell.width * at, y: cell.y + cell.height * 0.55 });
      await facilitator.addNoteAt(x, y, `${side} ${cell.index + 1}`);
      await expect(facilitator.note(`${side} ${cell.index + 1}`)).toContainText(`i Prioritering, ruta ${cell.index + 1}`);
    }
  }
  const texts = [1, 2, 3, 4].flatMap((n) => [`vänster ${n}`, `höger ${n}`]);
  const cellOf = async (text: string) => cellAt([grid], { x: (await facilitator.positionOf(text)).x + NOTE / 2, y: (await facilitator.positionOf(text)).y + NOTE / 2 })?.cell;
  const before = new Map<string, { x: number; y: number }>();
  for (const text of texts) before.set(text, await facilitator.positionOf(text));

  await facilitator.startVote();
  const code = await joinCodeOf(request, board);
  const [a, b] = [await openPhone(), await openPhone()];
  for (const phone of [a, b]) await phone.join(code);
  for (const text of ["höger 1", "höger 2", "höger 3"]) await a.tapCandidate(text);
  await expect(a.dotsLeft).toHaveText("0 prickar kvar");
  for (const text of ["höger 4", "höger 1", "höger 2"]) await b.tapCandidate(text);
  await expect(b.dotsLeft).toHaveText("0 prickar kvar");
  await facilitator.button("Avsluta röstningen").click();
  await expect(facilitator.page.getByText("Röstningen är avslutad: rösterna står på lapparna.")).toBeVisible();

  await facilitator.button("Sortera efter röster").click();
  await expect.poll(() => facilitator.positionOf("höger 1")).not.toEqual(before.get("höger 1"));
  for (let n = 1; n <= 4; n++) {
    for (const side of ["vänster", "höger"]) await expect(facilitator.note(`${side} ${n}`)).toContainText(`i Prioritering, ruta ${n}`);
    expect(await cellOf(`höger ${n}`)).toBe(n - 1);
    expect(await cellOf(`vänster ${n}`)).toBe(n - 1);
    const [high, low] = [await facilitator.positionOf(`höger ${n}`), await facilitator.positionOf(`vänster ${n}`)];
    expect(high.y < low.y || (high.y === low.y && high.x < low.x), `cell ${n}: the voted note first`).toBe(true);
  }
  // Pressed again, nothing leaves its cell.
  await facilitator.button("Sortera efter röster").click();
  for (let n = 1; n <= 4; n++) await expect(facilitator.note(`vänster ${n}`)).toContainText(`i Prioritering, ruta ${n}`);

  // The second press changed nothing: one undo takes the sort back, every note where the room put it.
  await facilitator.button("Ångra").click();
  for (const text of texts) await expect.poll(() => facilitator.positionOf(text)).toEqual(before.get(text));
});
