import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type * as Y from "yjs";
import type { CreateBoardResponse, SessionResponse } from "../../lib/api/schemas";
import { boardFollowUp, setFollowUpFields } from "../../lib/board/follow-up";
import { createFrame } from "../../lib/board/frames";
import { noteInCell } from "../../lib/export/fixture";
import { notesOf } from "../../lib/schema/board";
import { readFrames } from "../../lib/schema/frame";
import { readSession } from "../../lib/schema/session";
import type { SeriesOverviewResponse, SeriesResponse } from "../../lib/series/api";
import { parse } from "csv-parse/sync";
import { connectClient, startServer, waitForDoc, whenSynced } from "./helpers";
import { boardWithPhones, call, myView } from "./participation-helpers";
import type { JoinResponse } from "../../lib/api/schemas";

type Client = ReturnType<typeof connectClient>;

/**
 * A series of meetings over the API (docs/api.md, "Series"): each next meeting is made from the
 * last with its facilitator's token, and starts with what the last one left open.
 */
describe("a series of meetings", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  const clients: Client[] = [];
  const open = async (board: CreateBoardResponse, token = board.facilitatorToken) => {
    const client = connectClient(server.ws, board.id, token);
    clients.push(client);
    await whenSynced(client.provider);
    await whenSynced(client.sessionProvider);
    return client;
  };
  const create = (body: Record<string, unknown>, token?: string) => call<CreateBoardResponse>(server.http, "POST", "/api/boards", { body, token });
  /** What the server holds: a second client's copy once it has every note the first wrote. */
  const settled = async (board: CreateBoardResponse, ready: (doc: Y.Doc) => boolean) => {
    const reader = await open(board, board.memberToken);
    await waitForDoc(reader.doc, () => ready(reader.doc));
    return reader;
  };

  before(async () => {
    server = await startServer();
  });
  after(async () => {
    for (const client of clients) client.destroy();
    await server.close();
  });

  test("meetings 1 → 2 → 5 carry open questions and actions with their people and dates, never the closed ones", async () => {
    const first = (await create({ kit: "arbetsmote-1", language: "sv" })).body;
    const one = await open(first);
    createFrame(one.doc, { id: "park1", kind: "parking", title: "Parkeringar", x: 0, y: 3000, now: 1 }, "test");
    noteInCell(one.doc, "q-open", "Nattens överlämning", "park1", 0, 0);
    noteInCell(one.doc, "q-solved", "Trasig dusch", "park1", 0, 1);
    setFollowUpFields(one.doc, "q-open", { significance: "large", owner: "Kim", followUpDate: "2027-02-01" }, "test");
    setFollowUpFields(one.doc, "q-solved", { status: "solved" }, "test");
    const grid = readFrames(one.doc).find((frame) => frame.title === "Prioritering")!;
    noteInCell(one.doc, "act", "Fler promenader", grid.id, 0, 0);
    setFollowUpFields(one.doc, "act", { status: "open", owner: "Anna", startDate: "2027-01-10" }, "test");
    (await settled(first, (doc) => notesOf(doc).get("act")?.get("owner") === "Anna" && notesOf(doc).get("q-solved")?.get("status") === "solved")).destroy();

    const second = await create({ continues: first.id, language: "sv" }, first.facilitatorToken);
    assert.equal(second.status, 201);
    assert.match(second.body.seriesId!, /^[A-Za-z0-9_-]{16}$/);
    assert.equal(second.body.title, "Arbetsmöte 2 – Genomförande", "the series' next kit when none is named");
    const two = await open(second.body);
    const carried = boardFollowUp(two.doc);
    assert.deepEqual(carried.map((item) => [item.note.id, item.kind, item.note.owner]), [["q-open", "question", "Kim"], ["act", "action", "Anna"]]);
    assert.equal(notesOf(two.doc).get("q-open")!.get("followUpDate"), "2027-02-01");
    assert.equal(notesOf(two.doc).get("q-open")!.get("significance"), "large");
    const summary = readFrames(two.doc).find((frame) => frame.title === "Föregående möte: Prioritering")!;
    assert.ok(summary, "a summary of meeting 1's worksheet");
    assert.equal(readSession(two.session).locks[summary.id], true, "the summary is locked");
    assert.ok(readFrames(two.doc).some((frame) => frame.title === "Mål 1"), "Arbetsmöte 2's own worksheets");

    // In meeting 2 the action is done; a new question is parked.
    setFollowUpFields(two.doc, "act", { status: "solved" }, "test");
    const park2 = readFrames(two.doc).find((frame) => frame.kind === "parking")!;
    noteInCell(two.doc, "q-new", "Schemat i helgerna", park2.id, 0, 3);
    (await settled(second.body, (doc) => notesOf(doc).has("q-new") && notesOf(doc).get("act")?.get("status") === "solved")).destroy();

    const fifth = await create({ continues: second.body.id, kit: "arbetsmote-5", language: "sv" }, second.body.facilitatorToken);
    assert.equal(fifth.status, 201);
    assert.equal(fifth.body.seriesId, second.body.seriesId, "one series");
    const five = await open(fifth.body);
    const gathered = boardFollowUp(five.doc);
    assert.deepEqual(gathered.map((item) => item.note.id).sort(), ["q-new", "q-open"]);
    const kitParking = readFrames(five.doc).filter((frame) => frame.kind === "parking");
    assert.equal(kitParking.length, 1, "Arbetsmöte 5's own parking lot gathers them");
    assert.ok(gathered.every((item) => item.note.frame === kitParking[0].id));

    const series = await call<SeriesResponse>(server.http, "GET", `/api/series/${fifth.body.seriesId}`, { token: first.facilitatorToken });
    assert.equal(series.status, 200);
    assert.deepEqual(series.body.meetings.map((meeting) => [meeting.position, meeting.title, meeting.kit]), [
      [1, "Arbetsmöte 1 – Prioritering", "arbetsmote-1"],
      [2, "Arbetsmöte 2 – Genomförande", "arbetsmote-2"],
      [3, "Arbetsmöte 5 – Parkeringar", "arbetsmote-5"],
    ]);
    // Each meeting's link only where the caller already facilitates: meeting 1's token, meeting 1's link.
    assert.deepEqual(series.body.meetings.map((meeting) => meeting.link?.startsWith(`/b/${meeting.boardId}#token=`) ?? null), [true, null, null]);
    assert.deepEqual(series.body.followUp.map((item) => [item.id, item.boardId, item.since.boardId]).sort(), [["q-new", fifth.body.id, second.body.id], ["q-open", fifth.body.id, first.id]]);

    const session = await call<SessionResponse>(server.http, "GET", `/api/boards/${second.body.id}/session`, { token: second.body.facilitatorToken });
    assert.deepEqual(session.body.series, { id: second.body.seriesId, position: 2 });
    assert.equal(session.body.nextKit, "arbetsmote-3");
  });

  test("only a facilitator of the previous meeting continues it; only a facilitator of a meeting reads the series", async () => {
    const first = (await create({ title: "Vecka 1" })).body;
    assert.equal((await create({ continues: first.id }, first.memberToken)).status, 403);
    assert.equal((await create({ continues: first.id })).status, 401);
    assert.equal((await create({ continues: first.id }, "x".repeat(43))).status, 401);
    assert.equal((await create({ continues: "nosuchboard0000" }, first.facilitatorToken)).status, 404);
    assert.equal((await create({ continues: "../../etc" }, first.facilitatorToken)).status, 400);
    assert.equal((await create({ continues: first.id, import: {} }, first.facilitatorToken)).status, 400);

    const second = (await create({ continues: first.id, title: "Vecka 2" }, first.facilitatorToken)).body;
    assert.equal(second.title, "Vecka 2");
    const fork = await create({ continues: first.id, title: "Vecka 2 igen" }, first.facilitatorToken);
    assert.deepEqual([fork.status, fork.body.error], [409, "not_last_meeting"], "a meeting has one next meeting: no fork");
    const path = `/api/series/${second.seriesId}`;
    assert.equal((await call(server.http, "GET", path, { token: second.memberToken })).status, 401);
    assert.equal((await call(server.http, "GET", path, { token: second.viewerToken })).status, 401);
    assert.equal((await call(server.http, "GET", path)).status, 401);
    assert.equal((await call(server.http, "GET", "/api/series/nosuchseries0000", { token: second.facilitatorToken })).status, 404);
    const other = (await create({ title: "Någon annans" })).body;
    assert.equal((await call(server.http, "GET", path, { token: other.facilitatorToken })).status, 401, "a facilitator of another board");
    assert.equal((await call(server.http, "GET", path, { token: second.facilitatorToken })).status, 200);
  });

  test("a deleted meeting leaves the series; with its last meeting the series is gone", async () => {
    const first = (await create({ title: "A" })).body;
    const second = (await create({ continues: first.id, title: "B" }, first.facilitatorToken)).body;
    const path = `/api/series/${second.seriesId}`;
    assert.equal((await call(server.http, "DELETE", `/api/boards/${first.id}`, { token: first.facilitatorToken })).status, 204);
    const left = await call<SeriesResponse>(server.http, "GET", path, { token: second.facilitatorToken });
    assert.deepEqual(left.body.meetings.map((meeting) => meeting.title), ["B"]);
    assert.equal((await call(server.http, "DELETE", `/api/boards/${second.id}`, { token: second.facilitatorToken })).status, 204);
    assert.equal((await call(server.http, "GET", path, { token: second.facilitatorToken })).status, 404);
  });

  test("a phone follows to the next meeting as itself only when the facilitator let it; otherwise it joins with the code", async () => {
    const first = (await create({ title: "Möte 1" })).body;
    const [anna] = await boardWithPhones(server.http, first, ["Anna"]);
    const follow = (token: string, boardId = first.id) => call<JoinResponse>(server.http, "POST", `/api/boards/${boardId}/me/next-meeting`, { token });
    assert.equal((await myView(server.http, first.id, anna.participantToken)).nextMeeting, null);
    assert.equal((await follow(anna.participantToken)).status, 404, "no next meeting yet");

    const closed = (await create({ continues: first.id, title: "Möte 2" }, first.facilitatorToken)).body;
    assert.deepEqual((await myView(server.http, first.id, anna.participantToken)).nextMeeting, { mayFollow: false });
    assert.equal((await follow(anna.participantToken)).status, 403);

    const open = (await create({ continues: closed.id, title: "Möte 3", welcomePrevious: true }, closed.facilitatorToken)).body;
    const [bo] = await boardWithPhones(server.http, closed, ["Bo"]);
    assert.deepEqual((await myView(server.http, closed.id, bo.participantToken)).nextMeeting, { mayFollow: true });
    const followed = await follow(bo.participantToken, closed.id);
    assert.equal(followed.status, 201);
    assert.deepEqual([followed.body.boardId, followed.body.participantId, followed.body.name], [open.id, bo.participantId, "Bo"]);
    assert.match(followed.headers.get("set-cookie")!, new RegExp(`^samla_p_${open.id}=`));
    const there = await myView(server.http, open.id, followed.body.participantToken);
    assert.deepEqual(there.participant, { id: bo.participantId, name: "Bo" });
    const again = await follow(bo.participantToken, closed.id);
    assert.equal(again.body.participantId, bo.participantId, "following twice is one person");
    const people = await call<{ participants: unknown[] }>(server.http, "GET", `/api/boards/${open.id}/participants`, { token: open.facilitatorToken });
    assert.equal(people.body.participants.length, 1);
    assert.equal((await follow(followed.body.participantToken, closed.id)).status, 401, "a token of the next board is no participant of this one");
    // With meeting 2 gone, meeting 3 is no next meeting of meeting 1 (it continued meeting 2): meeting 1's phones may not follow.
    assert.equal((await call(server.http, "DELETE", `/api/boards/${closed.id}`, { token: closed.facilitatorToken })).status, 204);
    assert.equal((await myView(server.http, first.id, anna.participantToken)).nextMeeting, null);
    assert.equal((await follow(anna.participantToken)).status, 404);
  });

  test("a programme: parallel boards for each group of one meeting, each group's own next meeting, an overview and one spreadsheet of them all", async () => {
    const unitA = (await create({ kit: "ny-arbetsmetod", title: "Enhet A", language: "sv" })).body;
    const besides = (body: Record<string, unknown>, token = unitA.facilitatorToken) => create({ besides: unitA.id, ...body }, token);
    assert.equal((await besides({ title: "Enhet B" }, unitA.memberToken)).status, 403);
    assert.equal((await besides({ title: "Enhet B", continues: unitA.id })).status, 400);
    const unitB = (await besides({ title: "Enhet B" })).body;
    const unitC = (await besides({ title: "Enhet C" })).body;
    assert.equal(unitB.seriesId, unitC.seriesId);

    const a = await open(unitA);
    const goal = readFrames(a.doc).find((frame) => frame.title === "Vad vill vi uppnå?")!;
    noteInCell(a.doc, "a1", "Tryggare kvällar", goal.id, 0, 0);
    noteInCell(a.doc, "a2", "Färre larm", goal.id, 0, 1);
    const b = await open(unitB);
    const goalB = readFrames(b.doc).find((frame) => frame.title === "Vad vill vi uppnå?")!;
    assert.ok(goalB, "a parallel board gets the same method");
    noteInCell(b.doc, "b1", "Mer utevistelse", goalB.id, 0, 0);
    (await settled(unitA, (doc) => notesOf(doc).size === 2)).destroy();
    (await settled(unitB, (doc) => notesOf(doc).size === 1)).destroy();

    // Each group goes on to its own half-day 2; the other groups' boards are still open to continue.
    const halfDayB = (await create({ continues: unitB.id, title: "Enhet B, halvdag 2" }, unitB.facilitatorToken)).body;
    const halfDayA = await create({ continues: unitA.id, title: "Enhet A, halvdag 2" }, unitA.facilitatorToken);
    assert.equal(halfDayA.status, 201, "A's next meeting is A's own, not taken by B's");
    const bTwo = await open(halfDayB);
    assert.ok(!notesOf(bTwo.doc).has("a1"), "nothing of group A in group B's next meeting");

    const path = `/api/series/${unitA.seriesId ?? unitB.seriesId}`;
    const series = await call<SeriesResponse>(server.http, "GET", path, { token: unitC.facilitatorToken });
    assert.deepEqual(series.body.meetings.map((meeting) => [meeting.position, meeting.title]), [
      [1, "Enhet A"],
      [1, "Enhet B"],
      [1, "Enhet C"],
      [2, "Enhet B, halvdag 2"],
      [2, "Enhet A, halvdag 2"],
    ]);
    const overview = await call<SeriesOverviewResponse>(server.http, "GET", `${path}/overview`, { token: unitC.facilitatorToken });
    assert.equal(overview.status, 200);
    const first = overview.body.boards.find((board) => board.title === "Enhet A")!.worksheets.find((worksheet) => worksheet.title === "Vad vill vi uppnå?")!;
    assert.deepEqual([first.notes, first.top.map((note) => note.text)], [2, ["Tryggare kvällar", "Färre larm"]]);
    assert.equal((await call(server.http, "GET", `${path}/overview`, { token: unitC.memberToken })).status, 401);

    const csv = await fetch(`${server.http}${path}/export.csv`, { headers: { Authorization: `Bearer ${unitC.facilitatorToken}` } });
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get("content-disposition")!, /^attachment; filename="Motesserie\.csv"/);
    const rows = parse(await csv.text(), { bom: true, delimiter: ";" }) as string[][];
    assert.deepEqual(rows[0].slice(0, 4), ["Tavla", "Arbetsblad", "Ruta eller kolumn", "Lapp"]);
    const firstMeeting = rows.slice(1).filter((row) => !row[0].includes("halvdag 2"));
    assert.deepEqual(firstMeeting.map((row) => [row[0], row[3]]).sort(), [["Enhet A", "Färre larm"], ["Enhet A", "Tryggare kvällar"], ["Enhet B", "Mer utevistelse"]]);
    // Each group's half-day 2 holds the summary of its own half-day 1, and only that.
    assert.deepEqual(rows.filter((row) => row[0] === "Enhet B, halvdag 2").map((row) => row[3]), ["Mer utevistelse"]);
  });
});

