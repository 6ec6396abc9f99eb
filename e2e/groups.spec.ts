import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import type { CreateBoardResponse } from "../lib/api/schemas";
import { createFrame } from "../lib/board/frames";
import { notesOf } from "../lib/schema/board";
import { readFrames } from "../lib/schema/frame";
import { readNote } from "../lib/schema/note";
import { readSession } from "../lib/schema/session";
import { joinCodeOf } from "./fixtures/phone-page";
import { expect, test } from "./fixtures/test";

/**
 * The facilitator's worksheets come from a y-websocket client beside the browser, standing in for
 * the "Add worksheet" menu until it is on the board page: what the server and the pages do with
 * them is what this test is about. The same client reads the board as every board page gets it.
 */
function boardClient(baseURL: string, board: CreateBoardResponse) {
  const doc = new Y.Doc();
  const session = new Y.Doc();
  const options = { WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, params: { token: board.facilitatorToken }, disableBc: true };
  const url = baseURL.replace(/^http/, "ws") + "/yjs";
  const provider = new WebsocketProvider(url, board.id, doc, options);
  // What only the server decides (scale markers among it) comes on the session channel.
  const sessionProvider = new WebsocketProvider(url, `${board.id}/session`, session, options);
  const notes = () => [...notesOf(doc).entries()].map(([id, note]) => readNote(id, note));
  return {
    doc,
    session,
    notes,
    synced: () => expect.poll(() => provider.synced && sessionProvider.synced).toBe(true),
    destroy: () => {
      for (const p of [provider, sessionProvider]) {
        p.destroy();
        p.awareness.destroy();
      }
    },
  };
}

test("two phones split into groups of one write by their copies, the facilitator brings the groups together", async ({ board, openAs, openPhone, request, baseURL }) => {
  const client = boardClient(baseURL!, board);
  try {
    await client.synced();
    createFrame(client.doc, { id: "goal", kind: "flipchart", title: "Trygg vardag", x: 0, y: 0, now: Date.now() }, "e2e");
    const facilitator = await openAs(board.links.facilitator);
    await facilitator.waitUntilOnline();
    const code = await joinCodeOf(request, board);
    const [anna, bo] = [await openPhone(), await openPhone()];
    await anna.join(code, "Anna");
    await bo.join(code, "Bo");

    const page = facilitator.page;
    await page.getByRole("button", { name: "Små grupper" }).click();
    const dialog = page.getByRole("dialog", { name: "Små grupper" });
    await expect(dialog.getByLabel("Arbetsblad")).toHaveValue("goal");
    await dialog.getByRole("radio", { name: "Personer per grupp" }).check();
    await dialog.getByRole("spinbutton", { name: "Personer per grupp" }).fill("1");
    await dialog.getByRole("button", { name: "Dela in i grupper" }).click();
    const list = dialog.getByTestId("groups-list");
    await expect(list.getByRole("heading")).toHaveText(["Grupp 1", "Grupp 2"]);
    await expect(list).toContainText("Anna");
    await expect(list).toContainText("Bo");

    await expect(anna.page.getByTestId("my-group")).toHaveText(/^Du är i grupp [12]$/);
    await expect(bo.page.getByTestId("my-group")).toHaveText(/^Du är i grupp [12]$/);
    expect(await anna.page.getByTestId("my-group").textContent()).not.toBe(await bo.page.getByTestId("my-group").textContent());

    await anna.addNote("Fler promenader");
    await bo.addNote("Lugnare kvällar");
    await expect(facilitator.notes).toHaveCount(2);
    const copies = () => readFrames(client.doc).filter((frame) => frame.copyOf === "goal").map((frame) => frame.id);
    await expect.poll(() => client.notes().map((note) => copies().includes(note.frame ?? ""))).toEqual([true, true]);
    await expect.poll(() => new Set(client.notes().map((note) => note.frame)).size, { message: "each note in its own group's copy" }).toBe(2);

    await dialog.getByRole("button", { name: "Samla grupperna" }).click();
    await expect.poll(() => client.notes().map((note) => note.frame)).toEqual(["goal", "goal"]);
    await expect.poll(() => copies()).toEqual([]);
    await expect(facilitator.notes).toHaveCount(2);
    await expect(anna.page.getByTestId("my-group")).toHaveCount(0);
    await expect(dialog.getByRole("button", { name: "Dela in i grupper" })).toBeVisible();
  } finally {
    client.destroy();
  }
});

test("a phone puts its marker on a 0-10 scale: one marker, the latest value", async ({ board, openPhone, request, baseURL }) => {
  const client = boardClient(baseURL!, board);
  try {
    await client.synced();
    createFrame(client.doc, { id: "where", kind: "scale", title: "Var är vi?", lowLabel: "0 = nu", highLabel: "10 = önskat läge", x: 0, y: 0, now: Date.now() }, "e2e");
    const code = await joinCodeOf(request, board);
    const anna = await openPhone();
    await anna.join(code, "Anna");
    const scale = anna.page.getByRole("group", { name: "Var är vi?" });
    await expect(scale).toContainText("0 = nu");
    await expect(scale).toContainText("10 = önskat läge");
    await expect(scale.getByRole("radio")).toHaveCount(11);
    const seven = scale.getByRole("radio", { name: "7", exact: true });
    const box = await scale.locator("label").filter({ hasText: /^7$/ }).boundingBox();
    expect(box!.width).toBeGreaterThanOrEqual(44);
    expect(box!.height).toBeGreaterThanOrEqual(44);
    expect(await anna.page.evaluate(() => document.documentElement.scrollWidth), "the choices wrap on a 360 px screen").toBeLessThanOrEqual(360);

    await seven.check();
    await expect.poll(() => Object.values(readSession(client.session).scaleMarkers.where ?? {})).toEqual([7]);
    await scale.getByRole("radio", { name: "4", exact: true }).check();
    await expect.poll(() => Object.values(readSession(client.session).scaleMarkers.where ?? {})).toEqual([4]);
    await anna.page.reload();
    await expect(anna.page.getByRole("group", { name: "Var är vi?" }).getByRole("radio", { name: "4", exact: true })).toBeChecked();
  } finally {
    client.destroy();
  }
});

test("Arbetsmöte 1's trios from the agenda: every group starts with the same sentences, and coming together keeps each group's result side by side", async ({ openAs, openPhone, request }) => {
  const board = (await (await request.post("/api/boards", { data: { kit: "arbetsmote-1", language: "sv" } })).json()) as CreateBoardResponse;
  const facilitator = await openAs(board.links.facilitator, { viewport: { width: 1280, height: 800 } });
  await facilitator.waitUntilOnline();
  const code = await joinCodeOf(request, board);
  const phones = [await openPhone(), await openPhone(), await openPhone(), await openPhone()];
  for (const [i, phone] of phones.entries()) await phone.join(code, `Person ${i + 1}`);
  await phones[0].addNote("Vi hälsar alltid");
  await phones[1].addNote("Vi frågar först");
  await expect(facilitator.notes).toHaveCount(2);

  const agenda = facilitator.page.getByTestId("agenda-panel");
  await agenda.getByRole("button", { name: "Visa agendan" }).click();
  await agenda.getByRole("button", { name: "Nästa punkt" }).click();
  await agenda.getByRole("button", { name: "Nästa punkt" }).click();
  await expect(agenda.getByTestId("agenda-current")).toContainText("Värdera tre och tre");
  await agenda.getByRole("button", { name: "Starta smågrupper (3 per grupp)" }).click();

  // Four people in trios: two groups, each with both sentences to rate in its own copy.
  const frames = facilitator.page.getByTestId("frame-list");
  await expect(frames).toContainText("Prioritering – Grupp 1");
  await expect(frames).toContainText("Prioritering – Grupp 2");
  await expect(facilitator.note("Vi hälsar alltid")).toHaveCount(3);
  await expect(facilitator.note("Vi frågar först")).toHaveCount(3);

  await facilitator.page.getByRole("button", { name: "Små grupper" }).click();
  const dialog = facilitator.page.getByRole("dialog", { name: "Små grupper" });
  await expect(dialog).toContainText("varje grupps resultat kvar sida vid sida");
  await dialog.getByRole("button", { name: "Samlas och jämför grupperna" }).click();
  await expect(dialog.getByRole("button", { name: "Dela in i grupper" })).toBeVisible();
  await expect(frames).toContainText("Prioritering – Grupp 2");
  await expect(facilitator.note("Vi hälsar alltid")).toHaveCount(3);
});

test("Arbetsmöte 4's coaching trio: each phone shows its role, the facilitator swaps the roles round, and the same trio meets again", async ({ openAs, openPhone, request }) => {
  const board = (await (await request.post("/api/boards", { data: { kit: "arbetsmote-4", language: "sv" } })).json()) as CreateBoardResponse;
  const facilitator = await openAs(board.links.facilitator, { viewport: { width: 1280, height: 800 } });
  await facilitator.waitUntilOnline();
  const code = await joinCodeOf(request, board);
  const phones = [await openPhone(), await openPhone(), await openPhone()];
  for (const [i, phone] of phones.entries()) await phone.join(code, `Person ${i + 1}`);
  const roles = () => Promise.all(phones.map((phone) => phone.page.getByTestId("my-role").textContent()));
  const ROLES = ["Din roll: A – har ett problem", "Din roll: B – frågar och lyssnar", "Din roll: C – iakttar och ger återkoppling"];

  const agenda = facilitator.page.getByTestId("agenda-panel");
  await agenda.getByRole("button", { name: "Visa agendan" }).click();
  await agenda.getByRole("button", { name: "Nästa punkt" }).click();
  await expect(agenda.getByTestId("agenda-current")).toContainText("Nulägesbeskrivning av A");
  await agenda.getByRole("button", { name: "Starta smågrupper (3 per grupp)" }).click();

  // One trio: one A, one B, one C, each shown on its own phone under the group.
  for (const phone of phones) await expect(phone.page.getByTestId("my-role")).toHaveText(/^Din roll: [ABC] – /);
  const first = await roles();
  expect([...first].sort()).toEqual(ROLES);

  // The roles stay through the steps; "Byt roller" moves everyone on: A becomes B, B becomes C, C becomes A.
  await agenda.getByRole("button", { name: "Nästa punkt" }).click();
  await expect(agenda.getByRole("status").filter({ hasText: "Runda 1" })).toBeVisible();
  const projector = await openAs(board.links.projector, { viewport: { width: 1280, height: 720 } });
  await expect(projector.page.getByTestId("screen-round")).toHaveText(/Runda 1$/);
  await agenda.getByRole("button", { name: "Byt roller" }).click();
  await expect(agenda.getByRole("status").filter({ hasText: "Runda 2" })).toBeVisible();
  await expect(projector.page.getByTestId("screen-round"), "the room sees the roles move on").toHaveText(/Runda 2$/);
  const next = (role: string | null) => ROLES[(ROLES.indexOf(role!) + 1) % 3];
  for (const [i, phone] of phones.entries()) await expect(phone.page.getByTestId("my-role")).toHaveText(next(first[i]));

  // The facilitator sees who has which role, brings the trio together, and starts the same trio again.
  await facilitator.page.getByRole("button", { name: "Små grupper" }).click();
  const dialog = facilitator.page.getByRole("dialog", { name: "Små grupper" });
  await expect(dialog.getByTestId("groups-list")).toContainText("B – frågar och lyssnar");
  await dialog.getByRole("button", { name: "Samla grupperna" }).click();
  await expect(phones[0].page.getByTestId("my-group")).toHaveCount(0);
  const same = dialog.getByRole("checkbox", { name: "Samma grupp som förra gången (1 grupp)" });
  await expect(same).toBeChecked();
  await dialog.getByRole("button", { name: "Dela in i grupper" }).click();
  for (const [i, phone] of phones.entries()) await expect(phone.page.getByTestId("my-role")).toHaveText(first[i]!);
});
