import { expect, test } from "./fixtures/test";

test("dragging the background pans: a note added afterwards lands where the board moved", async ({ board, openAs }) => {
  const a = await openAs(board.links.facilitator);
  await a.waitUntilOnline();
  await a.addNoteAt(400, 300, "Före");
  await a.dragCanvas([900, 600], [800, 500]); // the board moves up-left by 100 px
  await a.addNoteAt(400, 300, "Efter");
  const before = await a.positionOf("Före");
  const after = await a.positionOf("Efter");
  expect(after.x - before.x).toBe(100);
  expect(after.y - before.y).toBe(100);
});

test("space+drag pans even over a note, and the note stays put", async ({ board, openAs }) => {
  const a = await openAs(board.links.facilitator);
  await a.waitUntilOnline();
  await a.addNoteAt(400, 300, "Stilla");
  const before = await a.positionOf("Stilla");
  await a.canvas.click({ position: { x: 1000, y: 600 } });
  await a.page.keyboard.down(" ");
  await a.dragCanvas([400, 300], [500, 300]);
  await a.page.keyboard.up(" ");
  expect(await a.positionOf("Stilla")).toEqual(before);
  await a.addNoteAt(500, 300, "Bredvid");
  expect((await a.positionOf("Bredvid")).x).toBe(before.x);
});

test("wheel zooms around the pointer, the buttons zoom and 'show the whole board' fits everything", async ({ board, openAs }) => {
  const a = await openAs(board.links.facilitator);
  await a.waitUntilOnline();
  const zoom = a.page.locator(".zoom output");
  await expect(zoom).toHaveText("100%");
  const p = await a.at(600, 400);
  await a.page.mouse.move(p.x, p.y);
  await a.page.mouse.wheel(0, -300);
  await expect(zoom).not.toHaveText("100%");
  await a.button("Zooma ut").click();
  await a.button("Zooma ut").click();
  await a.addNoteAt(100, 100, "Hörn");
  await a.button("Visa hela tavlan").click();
  await expect(zoom).toHaveText("100%");
});

test("shift-click and the rubber band select several notes; Delete removes them together", async ({ board, openAs }) => {
  const a = await openAs(board.links.facilitator);
  const b = await openAs(board.links.member);
  await a.waitUntilOnline();
  await a.addNoteAt(200, 200, "Ett");
  await a.addNoteAt(450, 200, "Två");
  await a.addNoteAt(900, 500, "Tre");
  await a.dragCanvas([80, 80], [560, 320], ["Shift"]);
  await a.clickCanvas(900, 500, ["Shift"]);
  await a.page.keyboard.press("Delete");
  await expect(a.notes).toHaveCount(0);
  await expect(b.notes).toHaveCount(0);
});

test("the keyboard does every note action: arrows move, Enter edits, Escape leaves", async ({ board, openAs }) => {
  const a = await openAs(board.links.facilitator);
  const b = await openAs(board.links.member);
  await a.waitUntilOnline();
  await a.canvas.click({ position: { x: 1000, y: 600 } });
  await a.page.keyboard.press("n");
  await expect(a.editor).toBeFocused();
  await a.page.keyboard.type("Från tangentbordet");
  await a.page.keyboard.press("Escape");
  const note = a.note("Från tangentbordet");
  const start = await a.positionOf("Från tangentbordet");

  await note.focus();
  await a.page.keyboard.press("ArrowRight");
  await a.page.keyboard.press("ArrowRight");
  await a.page.keyboard.press("Shift+ArrowDown");
  await expect.poll(async () => b.positionOf("Från tangentbordet")).toEqual({ x: start.x + 20, y: start.y + 50 });

  await a.page.keyboard.press("Enter");
  await expect(a.editor).toBeFocused();
  await a.page.keyboard.press("End");
  await a.page.keyboard.type("!");
  await a.page.keyboard.press("Escape");
  await expect(a.note("Från tangentbordet!")).toBeFocused();
  await a.page.keyboard.press("Delete");
  await expect(b.notes).toHaveCount(0);
});

test("the note list tells a screen reader what is on the board", async ({ board, openAs }) => {
  const a = await openAs(board.links.facilitator);
  await a.waitUntilOnline();
  await a.addNoteAt(300, 300, "Lyssna på varandra");
  const list = a.page.getByRole("region", { name: "Lappar på tavlan" });
  await expect(list.getByRole("button", { name: "Lapp 1 av 1, Gul: Lyssna på varandra" })).toHaveCount(1);
  await expect(a.canvas).toHaveAttribute("aria-label", /Dubbelklicka/);
});

test("notes selected together move together", async ({ board, openAs }) => {
  const a = await openAs(board.links.facilitator);
  const b = await openAs(board.links.member);
  await a.waitUntilOnline();
  await a.addNoteAt(200, 200, "Vänster");
  await a.addNoteAt(450, 200, "Höger");
  const left = await a.positionOf("Vänster");
  const right = await a.positionOf("Höger");
  await a.dragCanvas([80, 80], [560, 320], ["Shift"]);
  await a.dragCanvas([450, 200], [550, 400]);
  await expect.poll(() => b.positionOf("Vänster")).toEqual({ x: left.x + 100, y: left.y + 200 });
  await expect.poll(() => b.positionOf("Höger")).toEqual({ x: right.x + 100, y: right.y + 200 });
});

test("on a touch screen two fingers pinch to zoom and drag to pan", async ({ board, openAs }) => {
  const tablet = await openAs(board.links.facilitator, { viewport: { width: 1024, height: 768 }, hasTouch: true });
  await tablet.waitUntilOnline();
  const zoom = tablet.page.locator(".zoom output");
  await expect(zoom).toHaveText("100%");

  const cdp = await tablet.context.newCDPSession(tablet.page);
  const c = await tablet.at(250, 250);
  const touch = (type: "touchStart" | "touchMove" | "touchEnd", points: Array<[number, number]>) =>
    cdp.send("Input.dispatchTouchEvent", { type, touchPoints: points.map(([x, y], id) => ({ x, y, id })) });
  // Fingers 100 px apart spread to 300 px: three times closer.
  await touch("touchStart", [[c.x - 50, c.y], [c.x + 50, c.y]]);
  for (let i = 1; i <= 10; i++) await touch("touchMove", [[c.x - 50 - i * 10, c.y], [c.x + 50 + i * 10, c.y]]);
  await touch("touchEnd", []);
  await expect(zoom).toHaveText("300%");

  // Both fingers move 240 px right together: the board follows them, 80 board units at 300 %.
  // Notes come from the keyboard shortcut: a tap right after a synthetic two-finger drag is
  // taken by Chromium as stopping a fling, and gives no click.
  const addNote = async (text: string) => {
    await tablet.page.keyboard.press("n");
    await tablet.page.keyboard.type(text);
    await tablet.page.keyboard.press("Escape");
  };
  const viewX = async () => Number(await tablet.canvas.getAttribute("data-view-x"));
  // Where a new note goes: the canvas's centre, in board units (what "n" uses).
  const centreX = async () => {
    const box = (await tablet.canvas.boundingBox())!;
    return { board: (box.width / 2 - (await viewX())) / Number(await tablet.canvas.getAttribute("data-view-scale")), width: box.width };
  };
  const centreBefore = await centreX();
  await addNote("Före");
  const startX = await viewX();
  await touch("touchStart", [[c.x - 40, c.y], [c.x + 40, c.y]]);
  for (let i = 1; i <= 12; i++) await touch("touchMove", [[c.x - 40 + i * 20, c.y], [c.x + 40 + i * 20, c.y]]);
  await touch("touchEnd", []);
  await expect(zoom).toHaveText("300%");
  // On a busy machine the last move may be drawn a frame later: the note goes where the view ends.
  await expect.poll(viewX).toBeCloseTo(startX + 240, 0);
  // ... and the canvas settles (a loaded CI machine once added a frame after that): the same
  // view twice, a moment apart, before the note is placed at its centre.
  await expect
    .poll(async () => {
      const first = await viewX();
      await tablet.page.waitForTimeout(150);
      return (await viewX()) === first;
    })
    .toBe(true);
  const centreAfter = await centreX();
  await addNote("Efter");
  const before = await tablet.positionOf("Före");
  const after = await tablet.positionOf("Efter");
  // The second note lands where the centre went: 80 board units left, unless the canvas itself
  // changed size in between (a loaded CI machine once finished laying out the bars late).
  const seen = JSON.stringify({ before, after, centreBefore, centreAfter, startX, endX: await viewX() });
  expect(Math.abs(after.x - before.x - (centreAfter.board - centreBefore.board)), seen).toBeLessThanOrEqual(1);
  if (centreAfter.width === centreBefore.width) expect(Math.abs(after.x - before.x + 80), seen).toBeLessThanOrEqual(1);
  expect(Math.abs(after.y - before.y)).toBeLessThanOrEqual(1);
});

test("a pinch and a two-finger pan right after it make no note: their lifts are not a double tap", async ({ board, openAs }) => {
  const tablet = await openAs(board.links.facilitator, { viewport: { width: 1024, height: 768 }, hasTouch: true });
  await tablet.waitUntilOnline();
  const cdp = await tablet.context.newCDPSession(tablet.page);
  const c = await tablet.at(250, 250);
  const touch = (type: "touchStart" | "touchMove" | "touchEnd", points: Array<[number, number]>) =>
    cdp.send("Input.dispatchTouchEvent", { type, touchPoints: points.map(([x, y], id) => ({ x, y, id })) });
  // Two quick gestures, as a hand zooming in and then moving the board does.
  for (const spread of [10, 0]) {
    await touch("touchStart", [[c.x - 40, c.y], [c.x + 40, c.y]]);
    for (let i = 1; i <= 4; i++) await touch("touchMove", [[c.x - 40 - i * spread + i * 5, c.y], [c.x + 40 + i * spread + i * 5, c.y]]);
    await touch("touchEnd", []);
  }
  await tablet.page.waitForTimeout(500);
  await expect(tablet.editor).toHaveCount(0);
  await expect(tablet.page.locator(".note-list h2")).toContainText("(0");
  // A real double tap with one finger still makes a note.
  for (let tap = 0; tap < 2; tap++) {
    await touch("touchStart", [[c.x, c.y]]);
    await touch("touchEnd", []);
  }
  await expect(tablet.editor).toBeFocused();
});

test("from the keyboard, Space selects several notes and the arrows move them together", async ({ board, openAs }) => {
  const a = await openAs(board.links.facilitator);
  const b = await openAs(board.links.member);
  await a.waitUntilOnline();
  await a.addNoteAt(200, 200, "Första");
  await a.addNoteAt(500, 200, "Andra");
  const first = await a.positionOf("Första");
  const second = await a.positionOf("Andra");
  await a.note("Första").focus();
  await a.page.keyboard.press(" ");
  await a.page.keyboard.press("Tab");
  await expect(a.note("Andra")).toBeFocused();
  await a.page.keyboard.press(" ");
  await expect(a.note("Första")).toHaveAttribute("aria-pressed", "true");
  await expect(a.note("Andra")).toHaveAttribute("aria-pressed", "true");
  await a.page.keyboard.press("ArrowDown");
  await expect.poll(() => b.positionOf("Första")).toEqual({ x: first.x, y: first.y + 10 });
  await expect.poll(() => b.positionOf("Andra")).toEqual({ x: second.x, y: second.y + 10 });
});

test("with nothing selected the arrow keys move the view", async ({ board, openAs }) => {
  const a = await openAs(board.links.facilitator);
  await a.waitUntilOnline();
  await a.addNoteAt(400, 300, "Här");
  await a.page.keyboard.press("Escape"); // nothing selected
  for (let i = 0; i < 4; i++) await a.page.keyboard.press("ArrowRight");
  await a.addNoteAt(400, 300, "Sedan"); // the first note has moved 200 px out of the way
  await expect(a.notes).toHaveCount(2);
  expect((await a.positionOf("Sedan")).x - (await a.positionOf("Här")).x).toBe(200);
});
