import { expect, test } from "./fixtures/test";
import { Worksheets } from "./fixtures/worksheets";
import type { BoardPage } from "./fixtures/board-page";

/** A large screen: a projector's, with room for the bars above the board. */
const SCREEN = { viewport: { width: 1440, height: 1000 } };

/** Drags the note `text` so that its centre lands on a canvas point. */
async function dragNoteTo(sheets: Worksheets, text: string, to: [number, number]): Promise<void> {
  const from = await sheets.noteCentre(text);
  await sheets.board.dragCanvas(from, to);
}

/** A facilitator's board with a fresh Prioritering grid and two notes beside it; returns the grid. */
async function boardWithGrid(a: BoardPage) {
  const sheets = new Worksheets(a);
  await a.waitUntilOnline();
  await sheets.add("Fyrfältare 2×2");
  await expect(sheets.item(/^Prioritering, Fyrfältare 2×2, 0 lappar/)).toHaveCount(1);
  // The grid is larger than the screen: the view zooms out to show all of it.
  await expect.poll(async () => (await sheets.view()).scale).toBeLessThan(1);
  const grid = await sheets.frame(/^Prioritering/, "quadrant", 2, 2);
  // Two notes left of the grid, whatever room the bars above the board leave it.
  const [left] = await sheets.toCanvas(grid);
  const { height } = (await a.canvas.boundingBox())!;
  await a.addNoteAt(left / 2, height * 0.3, "Ett");
  await a.addNoteAt(left / 2, height * 0.55, "Två");
  return { sheets, grid };
}

test("notes dragged into a quadrant grid's cells 1 and 2 are there for another person too, and the note list says so", async ({ board, openAs }) => {
  const a = await openAs(board.links.facilitator, SCREEN);
  const { sheets, grid } = await boardWithGrid(a);
  await dragNoteTo(sheets, "Ett", await sheets.cellCentre(grid, 0));
  await dragNoteTo(sheets, "Två", await sheets.cellCentre(grid, 1));
  await expect(a.note("Ett")).toContainText("i Prioritering, ruta 1");

  const b = await openAs(board.links.member, SCREEN);
  await b.waitUntilOnline();
  await expect(b.note("Ett")).toContainText("i Prioritering, ruta 1");
  await expect(b.note("Två")).toContainText("i Prioritering, ruta 2");
  await expect(new Worksheets(b).item(/^Prioritering, Fyrfältare 2×2, 2 lappar$/)).toHaveCount(1);
});

test("dragging a worksheet by its title moves its notes with it, for everyone", async ({ board, openAs }) => {
  const a = await openAs(board.links.facilitator, SCREEN);
  const b = await openAs(board.links.member, SCREEN);
  const { sheets, grid } = await boardWithGrid(a);
  await dragNoteTo(sheets, "Ett", await sheets.cellCentre(grid, 0));
  await dragNoteTo(sheets, "Två", await sheets.cellCentre(grid, 3));
  const note = await a.positionOf("Ett");
  const other = await a.positionOf("Två");

  const [x, y] = await sheets.titleBand(grid);
  await a.dragCanvas([x, y], [x + 120, y + 60]);
  const moved = await sheets.position(/^Prioritering/);
  const dx = moved.x - grid.x;
  const dy = moved.y - grid.y;
  expect(dx).toBeGreaterThan(100);
  expect(dy).toBeGreaterThan(50);
  await expect.poll(() => b.positionOf("Ett")).toEqual({ x: note.x + dx, y: note.y + dy });
  await expect.poll(() => b.positionOf("Två")).toEqual({ x: other.x + dx, y: other.y + dy });
  await expect.poll(() => new Worksheets(b).position(/^Prioritering/)).toEqual(moved);
  await expect(b.note("Ett")).toContainText("ruta 1");
});

test("a locked worksheet stays put when a member drags its title, while the member still moves the notes in it", async ({ board, openAs }) => {
  const a = await openAs(board.links.facilitator, SCREEN);
  const { sheets, grid } = await boardWithGrid(a);
  await dragNoteTo(sheets, "Ett", await sheets.cellCentre(grid, 0));
  await a.clickCanvas(...(await sheets.titleBand(grid)));
  const bar = a.page.getByTestId("frame-bar");
  await bar.getByRole("button", { name: "Lås", exact: true }).click();
  await expect(sheets.item(/^Prioritering.*Låst$/)).toHaveCount(1);

  const b = await openAs(board.links.member, SCREEN);
  await b.waitUntilOnline();
  const member = new Worksheets(b);
  await expect(member.item(/Låst$/)).toHaveCount(1);
  await member.item(/^Prioritering/).focus(); // brings the frame into the member's view
  await expect(b.page.getByTestId("frame-bar")).toContainText("Låst av processledaren");
  await b.page.keyboard.press("ArrowRight"); // the keyboard cannot move it either
  await b.page.keyboard.press("Escape");
  const [x, y] = await member.titleBand(grid);
  await b.dragCanvas([x, y], [x + 150, y + 100]);
  // The member may still move a note inside it: from cell 1 to cell 3.
  await dragNoteTo(member, "Ett", await member.cellCentre(grid, 2));
  await expect(a.note("Ett")).toContainText("i Prioritering, ruta 3");
  await expect(b.note("Ett")).toContainText("i Prioritering, ruta 3");
  expect(await member.position(/^Prioritering/)).toEqual({ x: grid.x, y: grid.y });
  expect(await sheets.position(/^Prioritering/)).toEqual({ x: grid.x, y: grid.y });
});

test("a parked question's responsible person and follow-up date, set in the panel, show on another screen", async ({ board, openAs }) => {
  const a = await openAs(board.links.facilitator, SCREEN);
  const b = await openAs(board.links.member, SCREEN);
  const sheets = new Worksheets(a);
  await a.waitUntilOnline();
  await sheets.add("Parkering");
  const lot = await sheets.frame(/^Parkeringar, Parkering/, "parking", 1, 1);
  const [x, y] = await sheets.toCanvas({ x: lot.x + 120, y: lot.y + 200 });
  await a.addNoteAt(x, y, "Nattens rutiner");
  await expect(a.note("Nattens rutiner")).toContainText("i Parkeringar");
  await a.clickCanvas(...(await sheets.noteCentre("Nattens rutiner")));

  const panel = a.page.getByTestId("follow-up-panel");
  await expect(panel).toContainText("Nattens rutiner");
  await panel.getByLabel("Betydelse för värdigt liv och välbefinnande").selectOption({ label: "Stor betydelse" });
  await panel.getByLabel("Ansvarig").fill("Anna Berg");
  await panel.getByLabel("Uppföljningsdatum").fill("2026-03-15");
  await panel.getByLabel("Till en annan nivå i organisationen").check();

  await expect.poll(() => new Worksheets(b).drawnTexts(lot.id)).toEqual(
    expect.arrayContaining(["★ Stor betydelse", expect.stringContaining("Ansvarig: Anna Berg"), expect.stringContaining("Uppföljning 2026-03-15")]),
  );
  await expect.poll(async () => (await new Worksheets(b).drawnTexts(lot.id)).join("\n")).toContain("Till en annan nivå i organisationen");
});

test("markers placed on a scale from the board show on another screen as dots with the median", async ({ board, openAs }) => {
  const a = await openAs(board.links.facilitator, SCREEN);
  const b = await openAs(board.links.member, SCREEN);
  const sheets = new Worksheets(a);
  await a.waitUntilOnline();
  await sheets.add("Skala 0–10");
  const scale = await sheets.frame(/^Var är vi på en skala 0–10\?, Skala 0–10/, "scale", 0, 0);
  // The facilitator by keyboard path (the bar's 0-10 row), the member by clicking the line at 3.
  await a.page.getByTestId("frame-bar").getByRole("button", { name: "Värde 7", exact: true }).click();
  await b.waitUntilOnline();
  const member = new Worksheets(b);
  await member.item(/^Var är vi/).focus();
  await b.page.keyboard.press("Escape");
  const line = await member.toCanvas({ x: scaleLineX(scale, 3), y: scale.y + 72 + (scale.height - 72) / 2 });
  await b.clickCanvas(...line);
  await expect.poll(() => member.drawnTexts(scale.id)).toEqual(expect.arrayContaining(["2 markeringar", "Median 5"]));
  await expect.poll(() => sheets.drawnTexts(scale.id)).toEqual(expect.arrayContaining(["2 markeringar", "Median 5"]));
});

/** Board x of a value on a fresh scale frame's line (lib/board/frame-layout.ts scaleX). */
function scaleLineX(frame: { x: number; width: number }, value: number): number {
  const margin = Math.min(80, frame.width / 10);
  return frame.x + margin + ((frame.width - 2 * margin) * value) / 10;
}
