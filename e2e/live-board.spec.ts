import { expect, test } from "./fixtures/test";

const PINK = "#f8bbd0";

test("a note created, typed, recoloured and dragged by the facilitator appears for a remote member", async ({ board, openAs }) => {
  const facilitator = await openAs(board.links.facilitator);
  const member = await openAs(board.links.member, { locale: "en-GB" });
  await facilitator.waitUntilOnline();
  await member.waitUntilOnline();

  await facilitator.addNoteAt(300, 300, "Trygghet för de boende");
  await expect(member.note("Trygghet för de boende")).toHaveCount(1);

  // The new note stays selected after writing: a colour click recolours it.
  await facilitator.page.getByRole("button", { name: "Rosa" }).click();
  await expect(member.note("Trygghet")).toHaveAttribute("data-color", PINK);

  const before = await facilitator.positionOf("Trygghet");
  await facilitator.dragCanvas([300, 300], [600, 450]);
  await expect.poll(async () => (await member.positionOf("Trygghet")).x).toBe(before.x + 300);
  expect((await member.positionOf("Trygghet")).y).toBe(before.y + 150);
});

test("two people typing in the same note both keep their text", async ({ board, openAs }) => {
  const a = await openAs(board.links.facilitator);
  const b = await openAs(board.links.member);
  await a.waitUntilOnline();
  await b.waitUntilOnline();
  await a.addNoteAt(400, 300, "mitten");
  await expect(b.note("mitten")).toHaveCount(1);

  await a.doubleClickCanvas(400, 300);
  await b.doubleClickCanvas(400, 300);
  await expect(a.editor).toBeFocused();
  await expect(b.editor).toBeFocused();
  await a.page.keyboard.press("Home");
  await a.page.keyboard.press("Control+Home");
  await b.page.keyboard.press("Control+End");
  await Promise.all([a.page.keyboard.type("början ", { delay: 15 }), b.page.keyboard.type(" slutet", { delay: 15 })]);
  await a.page.keyboard.press("Escape");
  await b.page.keyboard.press("Escape");
  for (const person of [a, b]) await expect(person.note("början mitten slutet")).toHaveCount(1);
});

test("undo takes back only my own change, never a colleague's", async ({ board, openAs }) => {
  const a = await openAs(board.links.facilitator);
  const b = await openAs(board.links.member);
  await a.waitUntilOnline();
  await b.waitUntilOnline();
  await a.addNoteAt(250, 250, "Min lapp");
  await b.addNoteAt(700, 250, "Kollegans lapp");
  await expect(a.note("Kollegans lapp")).toHaveCount(1);

  await a.canvas.click({ position: { x: 1000, y: 600 } });
  await a.page.keyboard.press("Control+z"); // the typing
  await a.page.keyboard.press("Control+z"); // the note itself
  for (const person of [a, b]) {
    await expect(person.note("Min lapp")).toHaveCount(0);
    await expect(person.note("Kollegans lapp")).toHaveCount(1);
  }
  await a.page.keyboard.press("Control+Shift+z");
  await a.page.keyboard.press("Control+Shift+z");
  await expect(b.note("Min lapp")).toHaveCount(1);
});

test("a reload shows the board exactly as it was left", async ({ board, openAs }) => {
  const a = await openAs(board.links.facilitator);
  await a.waitUntilOnline();
  await a.addNoteAt(300, 300, "Första");
  await a.addNoteAt(600, 300, "Andra");
  await a.dragCanvas([600, 300], [650, 500]);
  const first = await a.positionOf("Första");
  const second = await a.positionOf("Andra");
  await a.page.reload();
  await a.waitUntilOnline();
  await expect(a.notes).toHaveCount(2);
  expect(await a.positionOf("Första")).toEqual(first);
  expect(await a.positionOf("Andra")).toEqual(second);
  // The token left the address bar when the page traded it for a cookie.
  expect(a.page.url()).not.toContain("token");
});

test("a viewer sees the board live but cannot change anything", async ({ board, openAs }) => {
  const facilitator = await openAs(board.links.facilitator);
  const viewer = await openAs(board.links.viewer);
  await facilitator.waitUntilOnline();
  await viewer.waitUntilOnline();
  await facilitator.addNoteAt(400, 300, "Bara att läsa");
  await expect(viewer.note("Bara att läsa")).toHaveCount(1);
  const before = await facilitator.positionOf("Bara att läsa");

  await expect(viewer.button("Ny lapp")).toHaveCount(0);
  await viewer.doubleClickCanvas(800, 500);
  await viewer.page.keyboard.press("n");
  await viewer.dragCanvas([400, 300], [700, 600]);
  await viewer.clickCanvas(400, 300);
  await viewer.page.keyboard.press("Delete");
  await expect(viewer.editor).toHaveCount(0);

  // A later change by the facilitator arrives, so anything the viewer did would have too.
  await facilitator.addNoteAt(200, 600, "Senare");
  await expect(viewer.note("Senare")).toHaveCount(1);
  await expect(facilitator.notes).toHaveCount(2);
  expect(await facilitator.positionOf("Bara att läsa")).toEqual(before);
  await expect(viewer.notes).toHaveCount(2);
});

test("a link opens the board over one connection per channel, traded once, with what others wrote already there", async ({ board, openAs }) => {
  const member = await openAs(board.links.member);
  await member.waitUntilOnline();
  await member.addNoteAt(300, 300, "Skrivet innan du kom");

  const sockets: string[] = [];
  const trades: string[] = [];
  const facilitator = await openAs(board.links.facilitator, {}, (page) => {
    page.on("websocket", (socket) => sockets.push(new URL(socket.url()).pathname));
    page.on("request", (request) => request.url().endsWith("/session") && trades.push(request.method()));
  });
  await facilitator.waitUntilOnline();
  await expect(facilitator.note("Skrivet innan du kom")).toHaveCount(1);
  expect(facilitator.page.url()).not.toContain("token");
  // The page's inline script started the trade and the channels; the page's code took them over.
  expect(trades).toEqual(["POST"]);
  expect(sockets.sort()).toEqual([`/yjs/${board.id}`, `/yjs/${board.id}/session`]);

  // The channels taken over carry writes both ways.
  await facilitator.addNoteAt(600, 300, "Efter öppningen");
  await expect(member.note("Efter öppningen")).toHaveCount(1);
  await member.addNoteAt(300, 500, "Svar från kollegan");
  await expect(facilitator.note("Svar från kollegan")).toHaveCount(1);
});

test("a wrong link says so clearly and opens no connection to the board", async ({ board, openAs }) => {
  const sockets: string[] = [];
  const stranger = await openAs(`/b/${board.id}#token=${"x".repeat(43)}`, {}, (page) => page.on("websocket", (socket) => sockets.push(socket.url())));
  await expect(stranger.page.getByRole("heading", { name: "Länken fungerar inte" })).toBeVisible();
  expect(sockets).toEqual([]);
});

test("if the server cannot be reached when a link is opened, the link survives for a retry", async ({ board, browser }) => {
  const context = await browser.newContext({ locale: "sv-SE" });
  const page = await context.newPage();
  await page.route("**/api/boards/*/session", (route) => route.abort("connectionrefused"));
  await page.goto(board.links.member);
  await expect(page.getByRole("heading", { name: "Tavlan går inte att nå just nu" })).toBeVisible();
  expect(page.url()).toContain("#token=");
  await page.unroute("**/api/boards/*/session");
  await page.getByRole("button", { name: "Försök igen" }).click();
  await expect(page.getByRole("banner").getByText("Deltagare", { exact: true })).toBeVisible();
  expect(page.url()).not.toContain("token");
  await context.close();
});

test("a personal identity number typed on the board is flagged in the editor and removed with one press", async ({ board, openAs }) => {
  const facilitator = await openAs(board.links.facilitator);
  const member = await openAs(board.links.member);
  await facilitator.waitUntilOnline();
  await member.waitUntilOnline();
  await facilitator.doubleClickCanvas(300, 300);
  await expect(facilitator.editor).toBeFocused();
  await facilitator.page.keyboard.type("Anna 811218-9876 vill gå ut");
  const warning = facilitator.page.getByTestId("identity-warning");
  await expect(warning).toBeVisible();
  await expect(warning).toContainText("personnummer");
  await facilitator.page.getByRole("button", { name: "Ta bort numret" }).click();
  await expect(warning).toHaveCount(0);
  await expect(facilitator.editor).toBeFocused();
  await facilitator.page.keyboard.press("Escape");
  await expect(member.note(/Anna\s+vill gå ut/)).toHaveCount(1);
  await expect(member.note(/811218/)).toHaveCount(0);
});
