import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CreateBoardResponse } from "../lib/api/schemas";
import { OwnServer, freePort } from "./fixtures/own-server";
import { joinCodeOf } from "./fixtures/phone-page";
import { expect, test } from "./fixtures/test";

test("a server killed mid-vote comes back with every note and every dot", async ({ openAs, openPhone, request }) => {
  test.setTimeout(120_000);
  const options = { port: await freePort(), dataDir: mkdtempSync(join(tmpdir(), "samla-e2e-restart-")), secret: randomBytes(32).toString("base64url") };
  let server = await OwnServer.start(options);
  try {
    const { origin } = server;
    const res = await request.post(`${origin}/api/boards`, { data: { title: "Omstart" } });
    expect(res.status()).toBe(201);
    const board = (await res.json()) as CreateBoardResponse;

    const facilitator = await openAs(origin + board.links.facilitator);
    await facilitator.waitUntilOnline();
    await facilitator.addNoteAt(300, 300, "Från tavlan");
    const phone = await openPhone(origin);
    await phone.join(await joinCodeOf(request, board, origin));
    const fromPhone = ["Från mobilen ett", "Från mobilen två", "Från mobilen tre"];
    for (const text of fromPhone) {
      await phone.addNote(text);
      await expect(phone.myNote(text)).toContainText("Skickad");
    }
    await expect(facilitator.notes).toHaveCount(4);

    await facilitator.startVote();
    // Every note is a candidate: the server has the facilitator's note too.
    await expect(phone.vote.locator("li")).toHaveCount(4);
    await phone.tapCandidate("Från tavlan");
    await expect(phone.dotsLeft).toHaveText("2 prickar kvar");
    await phone.tapCandidate(fromPhone[0]);
    await expect(phone.dotsLeft).toHaveText("1 prick kvar");
    await facilitator.clickVoteChip("Från tavlan");
    await expect(facilitator.voteStatus).toContainText("2 av 3 prickar kvar");

    await server.kill();
    await expect(facilitator.status).not.toHaveAttribute("data-status", "online");
    server = await OwnServer.start(options);

    // A newcomer's board (no local copy) has every note; the facilitator's reconnects by itself.
    const member = await openAs(origin + board.links.member);
    await member.waitUntilOnline();
    await expect(member.notes).toHaveCount(4);
    for (const text of ["Från tavlan", ...fromPhone]) await expect(member.note(text)).toHaveCount(1);
    await facilitator.waitUntilOnline();
    await facilitator.page.reload();
    await facilitator.waitUntilOnline();
    await expect(facilitator.voteStatus).toContainText("2 av 3 prickar kvar");

    // The phone, in a fresh tab (nothing cached): its two dots are still spent.
    await phone.reopen(`/p/${board.id}`);
    await expect(phone.dotsLeft).toHaveText("1 prick kvar");
    await expect(phone.candidate("Från tavlan")).toContainText("1 prick från dig");
    await expect(phone.candidate(fromPhone[0])).toContainText("1 prick från dig");
    await expect(phone.myNotes).toHaveCount(3);

    await facilitator.button("Avsluta röstningen").click();
    await expect(phone.vote.getByRole("heading", { name: "Resultat" })).toBeVisible();
    await expect(phone.candidate("Från tavlan")).toContainText("2 prickar totalt");
    await expect(phone.candidate(fromPhone[0])).toContainText("1 prick totalt");
    await expect(phone.candidate(fromPhone[1])).toContainText("0 prickar totalt");
    await expect(phone.candidate(fromPhone[2])).toContainText("0 prickar totalt");
    const id = await member.noteIdOf("Från tavlan");
    await expect.poll(() => member.drawnCount(id)).toBe(2);
  } finally {
    await server.kill();
    rmSync(options.dataDir, { recursive: true, force: true });
  }
});
