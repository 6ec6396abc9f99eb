import { screenLink } from "../lib/follow/presenting";
import { BoardPage } from "./fixtures/board-page";
import { PHONE, PhonePage, joinCodeOf } from "./fixtures/phone-page";
import { expect, test } from "./fixtures/policies";
import type { Page, Response } from "@playwright/test";

/**
 * The pages under Samla's Content-Security-Policy (server/http/security-headers.ts): Next must
 * put each response's nonce on its scripts, chunks loaded later must pass ('strict-dynamic'), and
 * the board's websocket and the phone's event stream must pass connect-src 'self'.
 */
const LAPTOP = { viewport: { width: 1440, height: 1000 }, locale: "sv-SE" };

/** Counts into `sockets` the frames each websocket of the page receives, by its address without the query. */
function watchSockets(page: Page, sockets: Map<string, number>): void {
  page.on("websocket", (socket) => {
    const url = socket.url().split("?")[0];
    sockets.set(url, 0);
    socket.on("framereceived", () => sockets.set(url, (sockets.get(url) ?? 0) + 1));
  });
}

/** The policy of a page's response: strict, with a nonce, and no eval (the test server is `npm start`). */
function expectStrictPolicy(response: Response): void {
  const headers = response.headers();
  const policy = headers["content-security-policy"] ?? "";
  expect(policy, response.url()).toMatch(/script-src 'nonce-[A-Za-z0-9+/]+={0,2}' 'strict-dynamic'/);
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).not.toContain("unsafe-eval");
  expect(headers["referrer-policy"]).toBe("no-referrer");
  expect(headers["permissions-policy"]).toContain("camera=()");
}

test("the start page, a board, its projector, the join pages and a phone run without a policy violation, and the board syncs over its websocket", async ({ policies, board, request, baseURL }) => {
  // The start page makes a board and opens it.
  const home = await policies.open("/", LAPTOP);
  expectStrictPolicy(home.response);
  await home.page.getByLabel("Börja från en metod").selectOption({ label: "Arbetsmöte 1 – Prioritering" });
  await home.page.getByRole("button", { name: "Ny tavla" }).click();
  await home.page.waitForURL(/\/b\//);
  await expect(home.page.getByTestId("connection-status")).toHaveAttribute("data-status", "online");
  await expect(home.page.getByTestId("frame-list").getByRole("button", { name: /^Prioritering/ })).toBeVisible();
  expect(policies.reports).toEqual([]);

  // The facilitator's board: its websockets (the board and its session) go to /yjs on this host and carry the sync.
  const facilitatorSockets = new Map<string, number>();
  const opened = await policies.open(board.links.facilitator, LAPTOP, (page) => watchSockets(page, facilitatorSockets));
  expectStrictPolicy(opened.response);
  const facilitator = new BoardPage(opened.page, opened.context);
  await facilitator.waitUntilOnline();
  const host = new URL(baseURL!).host;
  await expect.poll(() => [...facilitatorSockets.keys()].sort()).toEqual([`ws://${host}/yjs/${board.id}`, `ws://${host}/yjs/${board.id}/session`]);
  await facilitator.addNoteAt(300, 300, "Trygghet för de boende");
  const noteId = await facilitator.noteIdOf("Trygghet för de boende");
  expect(policies.reports).toEqual([]);

  // The projector page gets the note over its own websocket and draws it.
  const screenSockets = new Map<string, number>();
  const screenOpened = await policies.open(screenLink(board.links.viewer), LAPTOP, (page) => watchSockets(page, screenSockets));
  expectStrictPolicy(screenOpened.response);
  const screen = new BoardPage(screenOpened.page, screenOpened.context);
  await expect(screen.canvas).toBeVisible();
  await expect.poll(() => screen.drawnTexts(noteId)).toContain("Trygghet för de boende");
  expect([...screenSockets.keys()].sort()).toEqual([`ws://${host}/yjs/${board.id}`, `ws://${host}/yjs/${board.id}/session`]);
  for (const frames of screenSockets.values()) expect(frames).toBeGreaterThan(0);

  // A phone types the code at /join, joins at /join/CODE and lands on its page (event stream).
  const code = await joinCodeOf(request, board);
  const joinOpened = await policies.open("/join", PHONE);
  expectStrictPolicy(joinOpened.response);
  const phone = new PhonePage(joinOpened.page, joinOpened.context, baseURL!);
  const streams: number[] = [];
  phone.page.on("response", (res) => {
    if (res.url().endsWith(`/api/boards/${board.id}/me/events`)) streams.push(res.status());
  });
  const codeField = phone.page.getByLabel("Kod", { exact: true });
  await phone.hydrated(codeField);
  await codeField.fill(code);
  await phone.page.getByRole("button", { name: "Gå med" }).tap();
  await expect(phone.page).toHaveURL(new RegExp(`/join/${code.replace(" ", "")}$`));
  await phone.page.getByRole("button", { name: "Gå med" }).tap();
  await expect(phone.page).toHaveURL(new RegExp(`/p/${board.id}$`));
  await phone.waitUntilReady();

  // The event stream is open and brings what the facilitator changes.
  await expect.poll(() => streams).toContain(200);
  const auth = { Authorization: `Bearer ${board.facilitatorToken}` };
  expect((await request.patch(`/api/boards/${board.id}`, { headers: auth, data: { prompt: "Vad gör oss trygga?" } })).status()).toBe(200);
  await expect(phone.page.getByText("Vad gör oss trygga?")).toBeVisible();

  // Six digits in a row load the identity-number check, a chunk fetched only now.
  await phone.field.fill("Anna 811218-9876 behöver hjälp");
  await phone.addButton.tap();
  const guard = phone.page.getByRole("alertdialog", { name: "Det här ser ut som ett personnummer" });
  await guard.getByRole("button", { name: "Ta bort det åt mig" }).tap();
  await expect(phone.field).toHaveValue("Anna behöver hjälp");
  await phone.addButton.tap();
  await expect(phone.myNote("Anna behöver hjälp")).toContainText("Skickad");
  await expect(facilitator.note("Anna behöver hjälp")).toHaveCount(1);

  // Reloaded, the phone page is rendered on the server with a new nonce.
  const reloaded = await phone.page.reload();
  expectStrictPolicy(reloaded!);
  expect(reloaded!.headers()["content-security-policy"]).not.toBe(joinOpened.response.headers()["content-security-policy"]);
  await phone.waitUntilReady();

  expect(policies.reports).toEqual([]);
});

test("every page is rendered with the nonce of its own response on each of its scripts, the 404 page too", async ({ request, board }) => {
  const paths = ["/", "/join", "/join/ABC234", `/b/${board.id}`, `/b/${board.id}/screen`, `/p/${board.id}`, "/no-such-page"];
  const nonces: string[] = [];
  for (const path of paths) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(path === "/no-such-page" ? 404 : 200);
    const nonce = /script-src 'nonce-([^']+)'/.exec(res.headers()["content-security-policy"] ?? "")?.[1];
    expect(nonce, path).toBeTruthy();
    nonces.push(nonce!);
    const scripts = (await res.text()).match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length, path).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag, path).toContain(` nonce="${nonce}"`);
  }
  expect(new Set(nonces).size).toBe(paths.length);
});
