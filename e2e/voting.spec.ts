import type { PhonePage } from "./fixtures/phone-page";
import { joinCodeOf } from "./fixtures/phone-page";
import { expect, test } from "./fixtures/test";

const NOTES = ["Fler pauser", "Ny kaffemaskin", "Flexibla arbetstider", "Tystare kontor"];
const [N1, N2, N3, N4] = NOTES;

/** The server's own answer to a dot, past the phone's checks (the phone refuses these itself). */
async function dotByApi(phone: PhonePage, boardId: string, noteId: string) {
  const res = await phone.context.request.post(`${phone.origin}/api/boards/${boardId}/vote/dots`, {
    headers: { Origin: phone.origin },
    data: { noteId, delta: 1 },
  });
  return { status: res.status(), ...((await res.json()) as { error?: string }) };
}

test("dot voting with three phones and the facilitator: limits hold, reloads give no extra dots, the counts add up", async ({ board, openAs, openPhone, request }) => {
  const facilitator = await openAs(board.links.facilitator);
  const code = await joinCodeOf(request, board);
  const [a, b, c] = [await openPhone(), await openPhone(), await openPhone()];
  for (const phone of [a, b, c]) await phone.join(code);
  await facilitator.waitUntilOnline();
  await a.addNote(N1);
  await a.addNote(N2);
  await b.addNote(N3);
  await c.addNote(N4);
  await expect(facilitator.notes).toHaveCount(4);
  const ids = Object.fromEntries(await Promise.all(NOTES.map(async (text) => [text, await facilitator.noteIdOf(text)] as const)));

  await facilitator.startVote();
  await expect(facilitator.voteStatus).toContainText("3 av 3 prickar kvar");
  for (const phone of [a, b, c]) {
    await expect(phone.dotsLeft).toHaveText("3 prickar kvar");
    await expect(phone.vote.locator("li")).toHaveCount(4);
  }

  // A spends all three dots; a fourth is refused.
  await a.tapCandidate(N1);
  await expect(a.dotsLeft).toHaveText("2 prickar kvar");
  await a.tapCandidate(N2);
  await expect(a.dotsLeft).toHaveText("1 prick kvar");
  await a.tapCandidate(N3);
  await expect(a.dotsLeft).toHaveText("0 prickar kvar");
  for (const text of [N1, N2, N3]) await expect(a.candidate(text)).toContainText("1 prick från dig");
  await a.tapCandidate(N4);
  await expect(a.voteMessage).toHaveText("Du har använt alla dina prickar. Ta tillbaka en om du vill flytta den.");
  await expect(a.dotsLeft).toHaveText("0 prickar kvar");
  await expect(a.candidate(N4)).not.toContainText("från dig");
  expect(await dotByApi(a, board.id, ids[N4])).toMatchObject({ status: 409, error: "no_dots_left" });

  // B: one dot per note.
  await b.tapCandidate(N1);
  await expect(b.dotsLeft).toHaveText("2 prickar kvar");
  await b.tapCandidate(N1);
  await expect(b.voteMessage).toHaveText("En prick per lapp i den här röstningen.");
  await expect(b.dotsLeft).toHaveText("2 prickar kvar");
  await expect(b.candidate(N1)).toContainText("1 prick från dig");
  expect(await dotByApi(b, board.id, ids[N1])).toMatchObject({ status: 409, error: "one_per_note" });
  await b.tapCandidate(N2);
  await expect(b.dotsLeft).toHaveText("1 prick kvar");

  await c.tapCandidate(N1);
  await expect(c.dotsLeft).toHaveText("2 prickar kvar");

  // The facilitator votes on the canvas, with the chip on the note.
  await facilitator.clickVoteChip(N4);
  await expect(facilitator.voteStatus).toContainText("2 av 3 prickar kvar");
  await expect.poll(() => facilitator.drawnTexts(ids[N4])).toContain("● 1");

  // A scans the code again and, to be sure nothing comes from the last visit, opens the page in a
  // fresh tab: the same participant, still no dots left.
  await a.goto(`/join/${code}`);
  const join = a.page.getByRole("button", { name: "Gå med" });
  await a.hydrated(join);
  await join.tap();
  await expect(a.page).toHaveURL(new RegExp(`/p/${board.id}$`));
  await a.reopen(`/p/${board.id}`);
  await expect(a.dotsLeft).toHaveText("0 prickar kvar");
  for (const text of [N1, N2, N3]) await expect(a.candidate(text)).toContainText("1 prick från dig");
  expect(await dotByApi(a, board.id, ids[N4])).toMatchObject({ status: 409, error: "no_dots_left" });

  await facilitator.button("Avsluta röstningen").click();
  await expect(facilitator.page.getByText("Röstningen är avslutad: rösterna står på lapparna.")).toBeVisible();
  const expected: Record<string, number> = { [N1]: 3, [N2]: 2, [N3]: 1, [N4]: 1 };
  for (const phone of [a, b, c]) {
    await expect(phone.vote.getByRole("heading", { name: "Resultat" })).toBeVisible();
    const rows = phone.vote.locator("li");
    await expect(rows).toHaveCount(4);
    await expect(rows.nth(0)).toContainText(N1); // highest first
    await expect(rows.nth(1)).toContainText(N2);
    for (const [text, count] of Object.entries(expected)) {
      await expect(phone.candidate(text)).toContainText(`${count} ${count === 1 ? "prick" : "prickar"} totalt`);
    }
  }
  for (const [text, count] of Object.entries(expected)) await expect.poll(() => facilitator.drawnCount(ids[text])).toBe(count);
});
