import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import type { Download, Page } from "@playwright/test";
import type { CreateBoardResponse } from "../lib/api/schemas";
import { pdfPages } from "../server/export/pdf-text";
import type { BoardPage } from "./fixtures/board-page";
import { expect, test } from "./fixtures/test";
import { Worksheets } from "./fixtures/worksheets";

/** What a download saved, once the browser has it all. */
async function downloaded(page: Page, start: () => Promise<void>): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent("download"), start()]);
  return { download, bytes: await readFile((await download.path())!) };
}

/** Opens the Export menu and picks one of its entries. */
async function exportAs(board: BoardPage, entry: string): Promise<{ download: Download; bytes: Buffer }> {
  await board.button("Exportera tavlan").click();
  const menu = board.page.getByRole("group", { name: "Exportera tavlan" });
  const item = menu.getByRole("link", { name: entry }).or(menu.getByRole("button", { name: entry }));
  return downloaded(board.page, () => item.click());
}

/** "Ny lapp" at the middle of the screen, then dragged so its centre lands on a canvas point. */
async function noteInto(board: BoardPage, sheets: Worksheets, text: string, to: [number, number]): Promise<void> {
  await board.button("Ny lapp").click();
  await expect(board.editor).toBeFocused();
  await board.page.keyboard.type(text);
  await board.page.keyboard.press("Escape");
  await expect(board.editor).toHaveCount(0);
  await board.dragCanvas(await sheets.noteCentre(text), to);
}

test("Arbetsmöte 1: two notes dragged into cells 1 and 2 come out under those cells in the CSV and the PDF (the agenda, each worksheet drawn, numbered pages), and as a picture", async ({ request, openAs }) => {
  const res = await request.post("/api/boards", { data: { kit: "arbetsmote-1", language: "sv" } });
  expect(res.status()).toBe(201);
  const board = (await res.json()) as CreateBoardResponse;

  const a = await openAs(board.links.facilitator);
  await a.waitUntilOnline();
  const sheets = new Worksheets(a);
  const grid = await sheets.frame(/^Prioritering,/, "quadrant", 2, 2);
  await noteInto(a, sheets, "Vi hälsar på alla", await sheets.cellCentre(grid, 0));
  await expect(a.note("Vi hälsar på alla")).toContainText("i Prioritering, ruta 1");
  await noteInto(a, sheets, "Mer tid för samtal, åäö", await sheets.cellCentre(grid, 1));
  await expect(a.note("Mer tid för samtal, åäö")).toContainText("i Prioritering, ruta 2");

  const csv = await exportAs(a, "Tabell (CSV)");
  expect(csv.download.suggestedFilename()).toBe("Arbetsmöte 1 – Prioritering.csv");
  const rows = parse(csv.bytes.toString("utf8"), { bom: true, delimiter: ";" }) as string[][];
  expect(rows[0].slice(0, 3)).toEqual(["Arbetsblad", "Ruta eller kolumn", "Lapp"]);
  expect(rows.filter((row) => row[0] === "Prioritering").map((row) => [row[1], row[2]])).toEqual([
    ["1 – Påverkan på värdighet och välbefinnande: Stor, Kan vi börja omedelbart? Ja", "Vi hälsar på alla"],
    ["2 – Påverkan på värdighet och välbefinnande: Stor, Kan vi börja omedelbart? Nej", "Mer tid för samtal, åäö"],
  ]);

  const pdf = await exportAs(a, "Rapport för pärmen (PDF, A4)");
  expect(pdf.download.suggestedFilename()).toBe("Arbetsmöte 1 – Prioritering.pdf");
  const pages = await pdfPages(new Uint8Array(pdf.bytes));
  const text = pages.join("\n");
  expect(text).toMatch(/^Arbetsmöte 1 – Prioritering/);
  // The binder: the agenda with its minutes first, each worksheet drawn as it looks (its notes in
  // the picture, then listed), every page numbered.
  expect(pages[0]).toMatch(/Dagordning\s+Punkt\s+Minuter\s+1\. Våra värdegrundsmeningar\s+10/);
  const prioritering = pages.find((page) => page.startsWith("Prioritering"))!;
  expect(prioritering.match(/Vi hälsar/g)).toHaveLength(2); // in the picture the note wraps at its width
  pages.forEach((page, i) => expect(page).toMatch(new RegExp(`Sida ${i + 1} av ${pages.length}\\s*$`)));
  expect(text).toMatch(/1 – Påverkan på värdighet och välbefinnande: Stor, Kan vi börja omedelbart\? Ja\s+•\s+Vi hälsar på alla\s+2 – Påverkan/);
  expect(text).toMatch(/2 – Påverkan på värdighet och välbefinnande: Stor, Kan vi börja omedelbart\? Nej\s+•\s+Mer tid för samtal, åäö\s+3 – Påverkan/);

  const png = await exportAs(a, "Bild (PNG)");
  expect(png.download.suggestedFilename()).toBe("Arbetsmöte 1 – Prioritering.png");
  expect(png.bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
});

test("a saved board opened from the start page becomes a new board with the same notes in the same cells", async ({ board, openAs }) => {
  const a = await openAs(board.links.facilitator);
  await a.waitUntilOnline();
  const sheets = new Worksheets(a);
  await sheets.add("Fyrfältare 2×2");
  const grid = await sheets.frame(/^Prioritering,/, "quadrant", 2, 2);
  await noteInto(a, sheets, "Sparad lapp", await sheets.cellCentre(grid, 2));
  await expect(a.note("Sparad lapp")).toContainText("i Prioritering, ruta 3");
  const saved = await exportAs(a, "Sparfil (JSON)");
  expect(saved.download.suggestedFilename()).toBe("Arbetsmöte 1.json");

  const home = a.page;
  await home.goto("/");
  await home.getByLabel("Öppna en sparad tavla (JSON)").setInputFiles({ name: "tavla.json", mimeType: "application/json", buffer: saved.bytes });
  await home.waitForURL(/\/b\/[^/#]+#?/);
  expect(home.url()).not.toContain(board.id);
  await a.waitUntilOnline();
  await expect(a.note("Sparad lapp")).toContainText("i Prioritering, ruta 3");

  await home.goto("/");
  await home.getByLabel("Öppna en sparad tavla (JSON)").setInputFiles({ name: "fel.json", mimeType: "application/json", buffer: Buffer.from('{"format":"miro"}') });
  await expect(home.getByText(/^Filen gick inte att öppna: /)).toBeVisible();
});
