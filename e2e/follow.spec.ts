import type { Page } from "@playwright/test";
import { screenLink } from "../lib/follow/presenting";
import type { BoardPage } from "./fixtures/board-page";
import { expect, test } from "./fixtures/test";

interface View {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The board area a page's canvas shows, read from Konva's stage (its position and scale). */
function viewOf(page: Page): Promise<View | null> {
  return page.evaluate(() => {
    type Stage = { x(): number; y(): number; scaleX(): number; width(): number; height(): number };
    const stage = (window as unknown as { Konva?: { stages: Stage[] } }).Konva?.stages[0];
    if (!stage || stage.width() === 0) return null;
    const scale = stage.scaleX();
    return { x: -stage.x() / scale, y: -stage.y() / scale, width: stage.width() / scale, height: stage.height() / scale };
  });
}

/**
 * Whether `follower` shows what `leader` shows: the same centre, the leader's whole area in view,
 * and as large as fits (one side equal). A board unit of slack: the area is sent rounded.
 */
async function shows(follower: Page, leader: Page): Promise<boolean> {
  const [a, b] = [await viewOf(follower), await viewOf(leader)];
  if (!a || !b) return false;
  const near = (p: number, q: number) => Math.abs(p - q) <= 1.5;
  return (
    near(a.x + a.width / 2, b.x + b.width / 2) &&
    near(a.y + a.height / 2, b.y + b.height / 2) &&
    a.width >= b.width - 1.5 &&
    a.height >= b.height - 1.5 &&
    (near(a.width, b.width) || near(a.height, b.height))
  );
}

/** Whether the projector shows the middle of what `leader` shows, with a short note's text (32 units) at 24 px or more. */
async function showsMiddleReadably(projector: Page, leader: Page): Promise<boolean> {
  const [a, b] = [await viewOf(projector), await viewOf(leader)];
  const scale = Number(await projector.getByTestId("board-canvas").getAttribute("data-view-scale"));
  if (!a || !b) return false;
  const near = (p: number, q: number) => Math.abs(p - q) <= 1.5;
  return near(a.x + a.width / 2, b.x + b.width / 2) && near(a.y + a.height / 2, b.y + b.height / 2) && 32 * scale >= 24;
}

/** Drags the background from a spot right of the canvas's middle (kept free of notes below). */
async function pan(board: BoardPage, dx: number, dy: number): Promise<void> {
  const box = (await board.canvas.boundingBox())!;
  const from: [number, number] = [box.width * 0.6, box.height * 0.55];
  await board.dragCanvas(from, [from[0] + dx, from[1] + dy]);
}

/** A point on the canvas as fractions of its size (the bars above it take what they need). */
async function spot(board: BoardPage, fx: number, fy: number): Promise<[number, number]> {
  const box = (await board.canvas.boundingBox())!;
  return [Math.round(box.width * fx), Math.round(box.height * fy)];
}

async function present(facilitator: BoardPage): Promise<void> {
  await facilitator.page.locator(".name-field input").fill("Anna");
  const toggle = facilitator.button("Presentera");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await expect(facilitator.page.getByTestId("present-controls")).toContainText("Du presenterar.");
}

test("a member follows the presenting facilitator's pans and zooms until panning on their own, then follows again", async ({ board, openAs }) => {
  const facilitator = await openAs(board.links.facilitator);
  const member = await openAs(board.links.member);
  await facilitator.waitUntilOnline();
  await member.waitUntilOnline();
  await facilitator.addNoteAt(...(await spot(facilitator, 0.2, 0.4)), "Trygghet");
  await expect(member.note("Trygghet")).toHaveCount(1);

  // Nobody presents yet: nothing to follow.
  await expect(member.button("Följ processledaren")).toHaveCount(0);
  await present(facilitator);
  const follow = member.page.getByTestId("follow-controls");
  await expect(follow).toContainText("Anna presenterar.");
  await member.button("Följ processledaren").click();
  await expect(follow).toContainText("Du följer Anna.");
  await expect.poll(() => shows(member.page, facilitator.page)).toBe(true);

  // The facilitator zooms in twice and pans: the member's view goes along.
  await facilitator.button("Zooma in").click();
  await facilitator.button("Zooma in").click();
  await expect(facilitator.page.locator(".zoom output")).toHaveText("156%");
  const before = await viewOf(facilitator.page);
  await pan(facilitator, -250, -100);
  expect((await viewOf(facilitator.page))?.x).not.toBe(before?.x);
  await expect.poll(() => shows(member.page, facilitator.page)).toBe(true);
  await expect(member.page.locator(".zoom output")).not.toHaveText("100%");

  // The member drags the background: their own view now, no longer following.
  await pan(member, 200, 60);
  await expect(follow).toHaveAttribute("data-follow", "stopped");
  await expect(member.button("Följ igen")).toBeVisible();
  const ownView = await viewOf(member.page);

  // The facilitator moves on; the projector (a viewer, always following) shows that it arrived,
  // and the member's view has stayed where they put it.
  const screen = await openAs(screenLink(board.links.viewer));
  await expect(screen.page.getByTestId("screen")).toHaveAttribute("data-presenter", "Anna");
  await pan(facilitator, 200, -80);
  await expect.poll(() => shows(screen.page, facilitator.page)).toBe(true);
  expect(await viewOf(member.page)).toEqual(ownView);

  // Zoomed far out on the laptop, where 12 px still reads: the projector shows the same middle,
  // large enough for the back of the room, rather than shrinking the notes with it.
  for (let i = 0; i < 6; i++) await facilitator.button("Zooma ut").click();
  await expect(facilitator.page.locator(".zoom output")).toHaveText("41%");
  await expect.poll(() => showsMiddleReadably(screen.page, facilitator.page)).toBe(true);
  // The facilitator is told so, beside "Presentera".
  await expect(facilitator.page.getByTestId("present-controls")).toContainText("Projektorn visar mitten av din vy, förstorad");
  expect(await shows(screen.page, facilitator.page), "the projector shows less than the laptop, readable").toBe(false);

  await member.button("Följ igen").click();
  await expect(follow).toContainText("Du följer Anna.");
  await expect.poll(() => shows(member.page, facilitator.page)).toBe(true);

  // Presenting ends: the follow offer goes with it.
  await facilitator.button("Presentera").click();
  await expect(member.button("Sluta följa")).toHaveCount(0);
  await expect(follow).not.toContainText("Anna");
});

test("the projector link from the share dialog shows the whole board, read-only, then follows whoever presents, with the question and the timer", async ({ board, openAs, request }) => {
  const facilitator = await openAs(board.links.facilitator);
  await facilitator.waitUntilOnline();
  await facilitator.addNoteAt(...(await spot(facilitator, 0.2, 0.35)), "Vänster");
  await facilitator.addNoteAt(...(await spot(facilitator, 0.8, 0.7)), "Höger");

  await facilitator.button("Dela").click();
  const link = await facilitator.page.getByTestId("share-link-screen").inputValue();
  expect(new URL(link).pathname).toBe(`/b/${board.id}/screen`);
  await facilitator.page.getByRole("dialog").getByRole("button", { name: "Stäng" }).click();

  const screen = await openAs(link);
  const page = screen.page;
  await expect(page.getByTestId("board-canvas")).toBeVisible();
  // The token has left the address bar; no toolbar, no tools, no way to write.
  await expect.poll(() => page.url()).not.toContain("token");
  await expect(page.getByRole("toolbar")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Ny lapp/ })).toHaveCount(0);

  // Nobody presents: both notes are in view.
  await expect
    .poll(async () => {
      const view = await viewOf(page);
      const [left, right] = [await facilitator.positionOf("Vänster"), await facilitator.positionOf("Höger")];
      return !!view && view.x <= left.x && view.y <= left.y && view.x + view.width >= right.x + 160 && view.y + view.height >= right.y + 160;
    })
    .toBe(true);
  // A double-click on the projector adds nothing.
  await screen.doubleClickCanvas(...(await spot(screen, 0.5, 0.5)));
  await expect(facilitator.notes).toHaveCount(2);

  await present(facilitator);
  await facilitator.button("Zooma in").click();
  await pan(facilitator, -150, -80);
  await expect.poll(() => shows(page, facilitator.page)).toBe(true);

  // The step's question above the board, large; the shared timer once it runs.
  const auth = { Authorization: `Bearer ${board.facilitatorToken}` };
  expect((await request.patch(`/api/boards/${board.id}`, { headers: auth, data: { prompt: "Vad tar vi med oss?" } })).status()).toBe(200);
  await expect(page.getByTestId("screen")).toContainText("Vad tar vi med oss?");
  await expect(page.getByTestId("timer")).toHaveCount(0);
  expect((await request.post(`/api/boards/${board.id}/timer`, { headers: auth, data: { action: "start", minutes: 5 } })).status()).toBe(200);
  await expect(page.getByTestId("timer")).toHaveAttribute("data-status", "running");
  await expect(page.getByTestId("timer-time")).toHaveText(/^0[45]:\d\d$/);
});

test("the facilitator's projector button opens the screen in a new window, and the board stays the facilitator's", async ({ board, openAs }) => {
  const facilitator = await openAs(board.links.facilitator);
  await facilitator.waitUntilOnline();
  const popup = facilitator.context.waitForEvent("page");
  await facilitator.button("Projektorvy").click();
  const screen = await popup;
  await expect(screen.getByTestId("screen")).toBeVisible();
  await expect(screen.getByTestId("board-canvas")).toBeVisible();

  // Open the share dialog's projector link in this same browser too: the facilitator's cookie stays.
  await facilitator.button("Dela").click();
  const link = await facilitator.page.getByTestId("share-link-screen").inputValue();
  const tab = await facilitator.context.newPage();
  await tab.goto(link);
  await expect(tab.getByTestId("board-canvas")).toBeVisible();
  await expect.poll(() => tab.url()).not.toContain("token");
  await facilitator.page.reload();
  await facilitator.waitUntilOnline();
  await expect(facilitator.page.locator(".role-badge")).toHaveText("Processledare");
});
