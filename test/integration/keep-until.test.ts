import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { AuditResponse, BoardInfoResponse, CreateBoardResponse } from "../../lib/api/schemas";
import { connectClient, createBoard, startServer, waitFor, whenSynced } from "./helpers";
import { boardInfo, call } from "./participation-helpers";

type Server = Awaited<ReturnType<typeof startServer>>;
type Client = ReturnType<typeof connectClient>;

const DAY_MS = 24 * 60 * 60 * 1000;
/** The injected clock starts on 3 March 2031, 09:00 UTC. */
const T0 = Date.UTC(2031, 2, 3, 9, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString();

async function clockedServer(t: { after: (fn: () => Promise<void>) => void }, retentionDays?: number) {
  const clock = { now: T0 };
  const server = await startServer({ now: () => clock.now, retentionDays, limits: { roomLingerMs: 0 } });
  const clients: Client[] = [];
  t.after(async () => {
    for (const c of clients) c.destroy();
    await server.close();
  });
  return { server, clock, clients };
}

const patch = (server: Server, board: CreateBoardResponse, body: unknown, token = board.facilitatorToken) =>
  call<BoardInfoResponse>(server.http, "PATCH", `/api/boards/${board.id}`, { token, body });

async function exists(server: Server, board: CreateBoardResponse): Promise<boolean> {
  const answer = await call(server.http, "GET", `/api/boards/${board.id}`, { token: board.facilitatorToken });
  assert.ok(answer.status === 200 || (answer.status === 404 && answer.body.error === "board_not_found"), `${answer.status}`);
  return answer.status === 200;
}

/** A stock client opens the board and leaves: the board was in use at the clock's time. */
async function useBoard(server: Server, clients: Client[], board: CreateBoardResponse): Promise<void> {
  const client = connectClient(server.ws, board.id, board.memberToken);
  clients.push(client);
  await whenSynced(client.provider);
  client.destroy();
  await waitFor(() => !server.realtime.rooms.isLoaded(board.id), 5_000, "the board let go");
}

describe("keeping a board to a date (keepUntil)", () => {
  test("is a real date after today and at most the server's maximum ahead; only the facilitator sets it; a refusal changes nothing", async (t) => {
    const { server } = await clockedServer(t, 90);
    const board = await createBoard(server.http, "datumkontroll");
    const refusals: string[] = [];
    for (const keepUntil of ["2031-06-02", "2031-03-03", "2031-03-02", "2031-02-30", "03/10/2031", "2031-3-10", ""]) {
      const answer = await patch(server, board, { keepUntil });
      refusals.push(`${keepUntil}: ${answer.status} ${answer.body.error}`);
    }
    assert.deepEqual(refusals, [
      "2031-06-02: 400 retention_too_long",
      "2031-03-03: 400 invalid_date",
      "2031-03-02: 400 invalid_date",
      "2031-02-30: 400 invalid_date",
      "03/10/2031: 400 invalid_date",
      "2031-3-10: 400 invalid_date",
      ": 400 invalid_date",
    ]);
    const both = await patch(server, board, { keepUntil: "2031-04-01", retentionDays: 7 });
    assert.deepEqual([both.status, both.body.error], [400, "invalid"]);
    assert.equal((await patch(server, board, { keepUntil: "2031-04-01" }, board.memberToken)).status, 403);
    const info = await boardInfo(server.http, board.id, board.facilitatorToken);
    assert.deepEqual([info.keepUntil, info.retentionDays, info.deleteAfter], [null, null, iso(T0 + 90 * DAY_MS)]);

    // The last day allowed: today (3 March) plus 90 days.
    const last = await patch(server, board, { keepUntil: "2031-06-01" });
    assert.deepEqual([last.status, last.body.keepUntil], [200, "2031-06-01"]);
  });

  test("deleteAfter answers the date for every role, the facilitator also keepUntil; days and a date replace each other; each change is audited", async (t) => {
    const { server } = await clockedServer(t, 90);
    const board = await createBoard(server.http, "datum");

    const dated = await patch(server, board, { keepUntil: "2031-03-20" });
    assert.equal(dated.status, 200);
    assert.deepEqual([dated.body.keepUntil, dated.body.retentionDays, dated.body.deleteAfter], ["2031-03-20", null, "2031-03-20T00:00:00.000Z"]);
    for (const token of [board.memberToken, board.viewerToken]) {
      const info = await boardInfo(server.http, board.id, token);
      assert.equal(info.deleteAfter, "2031-03-20T00:00:00.000Z");
      assert.equal(info.keepUntil, undefined, "only the facilitator sees the rule");
    }

    const days = await patch(server, board, { retentionDays: 7 });
    assert.deepEqual([days.body.keepUntil, days.body.retentionDays, days.body.deleteAfter], [null, 7, iso(T0 + 7 * DAY_MS)], "days clear the date");
    const again = await patch(server, board, { keepUntil: "2031-04-01" });
    assert.deepEqual([again.body.keepUntil, again.body.retentionDays], ["2031-04-01", null], "a date clears the days");
    const back = await patch(server, board, { keepUntil: null });
    assert.deepEqual([back.body.keepUntil, back.body.retentionDays, back.body.deleteAfter], [null, null, iso(T0 + 90 * DAY_MS)], "null: back to days without use");

    const audit = await call<AuditResponse>(server.http, "GET", `/api/boards/${board.id}/audit`, { token: board.facilitatorToken });
    assert.deepEqual(
      audit.body.entries.map((e) => [e.role, e.action, e.detail]),
      [
        ["facilitator", "retention.change", "90"],
        ["facilitator", "retention.change", "2031-04-01"],
        ["facilitator", "retention.change", "7"],
        ["facilitator", "retention.change", "2031-03-20"],
      ],
    );
  });

  test("the sweep deletes a board on its date although it was used the day before, and not a moment before", async (t) => {
    const { server, clock, clients } = await clockedServer(t, 90);
    const dated = await createBoard(server.http, "till ett datum");
    const undated = await createBoard(server.http, "utan datum");
    assert.equal((await patch(server, dated, { keepUntil: "2031-03-10" })).status, 200);

    clock.now = Date.UTC(2031, 2, 9, 15, 0);
    await useBoard(server, clients, dated);
    assert.equal((await boardInfo(server.http, dated.id, dated.memberToken)).deleteAfter, "2031-03-10T00:00:00.000Z", "use does not move a date");
    clock.now = Date.UTC(2031, 2, 10) - 1;
    assert.equal(await server.sweepRetention(), 0, "the day before");
    assert.equal(await exists(server, dated), true);

    clock.now = Date.UTC(2031, 2, 10);
    assert.equal(await server.sweepRetention(), 1, "on the date");
    assert.deepEqual([await exists(server, dated), await exists(server, undated)], [false, true]);
  });

  test("idle time does not delete a dated board earlier, and someone on it does not keep it past its date", async (t) => {
    const { server, clock, clients } = await clockedServer(t, 30);
    const board = await createBoard(server.http, "länge utan användning");
    // 20 days on, unused since it was made, the facilitator keeps it 30 days from today.
    clock.now = T0 + 20 * DAY_MS;
    assert.equal((await patch(server, board, { keepUntil: "2031-04-22" })).status, 200);
    clock.now = T0 + 31 * DAY_MS;
    assert.equal(await server.sweepRetention(), 0, "31 days unused, with 30 the most: the date decides");
    assert.equal(await exists(server, board), true);

    const client = connectClient(server.ws, board.id, board.memberToken);
    clients.push(client);
    await whenSynced(client.provider);
    const codes: number[] = [];
    client.provider.on("connection-close", (event) => event && codes.push(event.code));
    clock.now = Date.UTC(2031, 3, 22, 0, 30);
    assert.equal(await server.sweepRetention(), 1);
    assert.equal(await exists(server, board), false);
    await waitFor(() => codes.includes(4410), 5_000, "the one on the board told (4410)");
  });
});
