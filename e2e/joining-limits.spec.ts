import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { APIRequestContext } from "@playwright/test";
import type { CreateBoardResponse } from "../lib/api/schemas";
import { OwnServer, freePort } from "./fixtures/own-server";
import { expect, test } from "./fixtures/test";

/** A server of the test's own with one small limit (`SAMLA_LIMIT_*`), stopped and removed afterwards. */
async function withOwnServer(env: Record<string, string>, run: (server: OwnServer) => Promise<void>): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "samla-e2e-limits-"));
  const server = await OwnServer.start({ port: await freePort(), dataDir, secret: randomBytes(32).toString("base64url"), env });
  try {
    await run(server);
  } finally {
    await server.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function newBoard(request: APIRequestContext, origin: string): Promise<CreateBoardResponse> {
  const res = await request.post(`${origin}/api/boards`, { data: { title: "Kick-off" } });
  expect(res.status()).toBe(201);
  return (await res.json()) as CreateBoardResponse;
}

test("a phone that opens the QR code's link joins with its key while typed codes are paused", async ({ openAs, openPhone, request }) => {
  test.setTimeout(120_000);
  await withOwnServer({ SAMLA_LIMIT_WRONG_JOIN_CODES_PER_HOUR: "3" }, async ({ origin }) => {
    const board = await newBoard(request, origin);
    const facilitator = await openAs(origin + board.links.facilitator);
    await facilitator.waitUntilOnline();
    const { code, qrUrl } = await facilitator.readJoinDialog();
    const qr = new URL(qrUrl);
    const key = qr.hash.replace("#key=", "");
    expect(key).toMatch(/^[A-Za-z0-9_-]{22}$/);

    // Someone somewhere guesses codes until the server pauses typed codes for everybody.
    for (let i = 0; i < 3; i++) expect((await request.post(`${origin}/api/join`, { data: { code: "ZZZ999" } })).status()).toBe(404);

    // Anna types the code from the wall: paused, and told to scan the QR code instead.
    const anna = await openPhone(origin);
    await anna.goto(`/join/${code.replace(" ", "")}`);
    const annaJoin = anna.page.getByRole("button", { name: "Gå med" });
    await anna.hydrated(annaJoin);
    await annaJoin.tap();
    await expect(anna.page.getByRole("status")).toHaveText(
      /^Just nu går det inte att gå med genom att skriva koden\. Skanna QR-koden i rummet i stället, eller försök igen om \d+ minuter?\.$/,
    );
    await expect(anna.page).toHaveURL(/\/join\/[A-Z2-9]{6}$/);

    // Bo scans the QR code (the same path on the test server's address, as in phones.spec.ts).
    const bo = await openPhone(origin);
    const sent: string[] = [];
    bo.page.on("request", (req) => sent.push(`${req.url()} ${req.headers()["referer"] ?? ""}`));
    await bo.goto(qr.pathname + qr.hash);
    const boJoin = bo.page.getByRole("button", { name: "Gå med" });
    await bo.hydrated(boJoin);
    await bo.page.getByLabel("Ditt namn (frivilligt)").fill("Bo");
    await boJoin.tap();
    await expect(bo.page).toHaveURL(new RegExp(`/p/${board.id}$`));
    await bo.waitUntilReady();
    expect(sent.filter((line) => line.includes(key)), "the key is in no address and no Referer").toEqual([]);

    // The facilitator sees one participant of the board's 400.
    await facilitator.button("Bjud in mobiler").click();
    const dialog = facilitator.page.getByRole("dialog", { name: "Var med från mobilen" });
    await expect(dialog.getByTestId("participant-budget")).toContainText("Har gått med: 1 av 400");
  });
});

test("a full board tells the phone so; the facilitator lets more in and the phone joins", async ({ openAs, openPhone, request }) => {
  test.setTimeout(120_000);
  await withOwnServer({ SAMLA_LIMIT_PARTICIPANTS_PER_BOARD: "1" }, async ({ origin }) => {
    const board = await newBoard(request, origin);
    const facilitator = await openAs(origin + board.links.facilitator);
    await facilitator.waitUntilOnline();
    const qr = new URL((await facilitator.readJoinDialog()).qrUrl);

    const first = await openPhone(origin);
    await first.goto(qr.pathname + qr.hash);
    await first.hydrated(first.page.getByRole("button", { name: "Gå med" }));
    await first.page.getByRole("button", { name: "Gå med" }).tap();
    await first.waitUntilReady();

    const second = await openPhone(origin);
    await second.goto(qr.pathname + qr.hash);
    const secondJoin = second.page.getByRole("button", { name: "Gå med" });
    await second.hydrated(secondJoin);
    await secondJoin.tap();
    await expect(second.page.getByRole("status")).toHaveText("Workshoppen är full. Be processledaren släppa in fler och försök sedan igen.");

    await facilitator.button("Bjud in mobiler").click();
    const budget = facilitator.page.getByRole("dialog", { name: "Var med från mobilen" }).getByTestId("participant-budget");
    await expect(budget).toContainText("Har gått med: 1 av 1");
    await expect(budget).toContainText("Fullt: nya mobiler kommer inte in förrän du släpper in fler.");
    await budget.getByRole("button", { name: "Släpp in 100 till" }).click();
    await expect(budget).toContainText("Har gått med: 1 av 101");
    await expect(budget).not.toContainText("Fullt");

    await secondJoin.tap();
    await expect(second.page).toHaveURL(new RegExp(`/p/${board.id}$`));
    await second.waitUntilReady();
    // The open dialog follows the room as it joins.
    await expect(budget).toContainText("Har gått med: 2 av 101");
  });
});
