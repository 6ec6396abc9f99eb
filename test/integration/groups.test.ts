import assert from "node:assert/strict";
import type * as Y from "yjs";
import { after, before, describe, test } from "node:test";
import type { CreateBoardResponse, JoinResponse } from "../../lib/api/schemas";
import type { GroupsOverview } from "../../lib/groups/api";
import { cellRects, centreOf } from "../../lib/board/frame-layout";
import { createFrame } from "../../lib/board/frames";
import { moveNotes } from "../../lib/board/actions";
import { readFrames } from "../../lib/schema/frame";
import { LIMITS } from "../../lib/schema/limits";
import { connectClient, createBoard, startServer, waitFor, waitForDoc, whenSynced } from "./helpers";
import { boardWithPhones, call, joinWithCode, boardInfo, myView, noteIn, notesIn, sessionOf, writeNote } from "./participation-helpers";

type Client = ReturnType<typeof connectClient>;

/**
 * Waits until the server holds what a board client wrote: a second client sees it only once the
 * server has applied it, so the next API call works on it.
 */
async function serverHas(ws: string, board: CreateBoardResponse, predicate: (doc: Y.Doc) => boolean, what: string): Promise<void> {
  const viewer = connectClient(ws, board.id, board.viewerToken);
  try {
    await whenSynced(viewer.provider);
    await waitForDoc(viewer.doc, () => predicate(viewer.doc), 5_000, what);
  } finally {
    viewer.destroy();
  }
}

describe("small groups", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  before(async () => {
    server = await startServer();
  });
  after(() => server?.close());

  /** A board with a 2x2 worksheet drawn by the facilitator's client, and `names` phones joined. */
  async function boardWithWorksheet(t: { after: (fn: () => void) => void }, names: string[], kind: "quadrant" | "flipchart" = "quadrant") {
    const board = await createBoard(server.http);
    const phones = await boardWithPhones(server.http, board, names);
    const facilitator: Client = connectClient(server.ws, board.id, board.facilitatorToken);
    t.after(() => facilitator.destroy());
    await whenSynced(facilitator.provider);
    createFrame(facilitator.doc, { id: "prio", kind, title: "Prioritering", x: 0, y: 0, now: Date.now() }, "test");
    await serverHas(server.ws, board, (doc) => readFrames(doc).length === 1, "the worksheet on the server");
    return { board, phones, doc: facilitator.doc, session: facilitator.session, facilitator };
  }

  const start = (board: CreateBoardResponse, body: Record<string, unknown>, token = board.facilitatorToken) =>
    call<GroupsOverview>(server.http, "POST", `/api/boards/${board.id}/groups`, { token, body });

  test("7 participants in groups of 3: three copies, everyone in exactly one group, a phone's note by its group's copy", async (t) => {
    const { board, phones, doc } = await boardWithWorksheet(t, ["Anna", "Bo", "Cilla", "Dan", "Eva", "Fia", "Gun"]);
    const started = await start(board, { frameId: "prio", size: 3 });
    assert.equal(started.status, 201, JSON.stringify(started.body));
    const groups = started.body.groups!.groups;
    assert.equal(groups.length, 3);
    const everyone = groups.flatMap((g) => g.members.map((m) => m.name)).sort();
    assert.deepEqual(everyone, ["Anna", "Bo", "Cilla", "Dan", "Eva", "Fia", "Gun"], "each person once");
    assert.deepEqual(groups.map((g) => g.members.length).sort(), [2, 2, 3]);

    await waitForDoc(doc, () => readFrames(doc).filter((f) => f.copyOf === "prio").length === 3, 5_000, "three copies on the board");
    const copies = readFrames(doc).filter((f) => f.copyOf === "prio");
    assert.deepEqual(copies.map((c) => c.group).sort(), [1, 2, 3]);
    assert.ok(copies.every((c) => c.title.startsWith("Prioritering – Grupp ")));
    const plenary = readFrames(doc).find((f) => f.id === "prio")!;
    assert.ok(copies.every((c) => c.y >= plenary.y + plenary.height), "copies in a row under the worksheet");

    // Each phone knows its group; a note from group 2's member lands right under group 2's copy.
    const view = await myView(server.http, board.id, phones[0].participantToken);
    const mine = groups.find((g) => g.members.some((m) => m.id === phones[0].participantId))!;
    assert.equal(view.group, mine.group);
    const noteId = await writeNote(server.http, board.id, phones[0].participantToken, "Fler pauser");
    await waitForDoc(doc, () => noteIn(doc, noteId) !== null, 5_000, "the note on the board");
    const note = noteIn(doc, noteId)!;
    const copy = copies.find((c) => c.group === mine.group)!;
    const others = copies.filter((c) => c !== copy);
    const centre = centreOf(note);
    assert.ok(centre.x >= copy.x && centre.x < copy.x + copy.width && centre.y > copy.y + copy.height, "under its group's copy");
    assert.ok(others.every((c) => centre.x < c.x || centre.x >= c.x + c.width), "not under another group's copy");
  });

  test("merge moves the copies' notes into the plenary frame's same cells and deletes the copies", async (t) => {
    const { board, phones, doc, session } = await boardWithWorksheet(t, ["Anna", "Bo"]);
    const started = await start(board, { frameId: "prio", size: 1 });
    assert.equal(started.status, 201);
    await waitForDoc(doc, () => readFrames(doc).filter((f) => f.copyOf === "prio").length === 2, 5_000, "two copies");
    const ids = [await writeNote(server.http, board.id, phones[0].participantToken, "Ett"), await writeNote(server.http, board.id, phones[1].participantToken, "Två")];
    await waitForDoc(doc, () => ids.every((id) => noteIn(doc, id)), 5_000, "the notes");
    // Each group sorts its note into a cell of its copy: Anna's to cell 3, Bo's to cell 1.
    const copyOfGroup = (group: number) => readFrames(doc).find((f) => f.copyOf === "prio" && f.group === group)!;
    const groupOf = (phone: number) => started.body.groups!.groups.find((g) => g.members.some((m) => m.id === phones[phone].participantId))!.group;
    const cellOf = (phone: number, cell: number) => cellRects(copyOfGroup(groupOf(phone))).find((c) => c.index === cell)!;
    moveNotes(doc, [
      { id: ids[0], x: cellOf(0, 3).x + 40, y: cellOf(0, 3).y + 80 },
      { id: ids[1], x: cellOf(1, 1).x + 40, y: cellOf(1, 1).y + 80 },
    ], "test");
    assert.equal(noteIn(doc, ids[0])!.cell, 3);
    await serverHas(server.ws, board, (seen) => noteIn(seen, ids[0])?.cell === 3 && noteIn(seen, ids[1])?.cell === 1, "the sorted notes on the server");

    const merged = await call<{ moved: number }>(server.http, "POST", `/api/boards/${board.id}/groups/merge`, { token: board.facilitatorToken, body: {} });
    assert.equal(merged.status, 200, JSON.stringify(merged.body));
    assert.equal(merged.body.moved, 2);
    await waitFor(() => readFrames(doc).every((f) => !f.copyOf) && sessionOf(session).groups === null, 5_000, "copies gone");
    assert.deepEqual(
      ids.map((id) => ({ frame: noteIn(doc, id)!.frame, cell: noteIn(doc, id)!.cell })),
      [
        { frame: "prio", cell: 3 },
        { frame: "prio", cell: 1 },
      ],
    );
    const plenaryCell = cellRects(readFrames(doc).find((f) => f.id === "prio")!).find((c) => c.index === 3)!;
    const centre = centreOf(noteIn(doc, ids[0])!);
    assert.ok(centre.x > plenaryCell.x && centre.x < plenaryCell.x + plenaryCell.width && centre.y > plenaryCell.y && centre.y < plenaryCell.y + plenaryCell.height);
    assert.equal((await myView(server.http, board.id, phones[0].participantToken)).group, null);
  });

  test("merge brings the notes still waiting in the groups' inboxes next to the plenary frame, and counts them", async (t) => {
    const { board, phones, doc, session } = await boardWithWorksheet(t, ["Anna", "Bo"]);
    const started = await start(board, { frameId: "prio", size: 1 });
    assert.equal(started.status, 201);
    await waitForDoc(doc, () => readFrames(doc).filter((f) => f.copyOf === "prio").length === 2, 5_000, "two copies");
    const sorted = await writeNote(server.http, board.id, phones[0].participantToken, "Sorterad");
    const waiting = [
      await writeNote(server.http, board.id, phones[0].participantToken, "Väntar 1"),
      await writeNote(server.http, board.id, phones[1].participantToken, "Väntar 2"),
      await writeNote(server.http, board.id, phones[1].participantToken, "Väntar 3"),
    ];
    await waitForDoc(doc, () => [sorted, ...waiting].every((id) => noteIn(doc, id)), 5_000, "the notes");
    const copies = readFrames(doc).filter((f) => f.copyOf === "prio");
    assert.ok(waiting.every((id) => noteIn(doc, id)!.frame === undefined && copies.some((c) => noteIn(doc, id)!.y > c.y + c.height)), "waiting under the copies");
    const groupOf = (phone: number) => started.body.groups!.groups.find((g) => g.members.some((m) => m.id === phones[phone].participantId))!.group;
    const cell = cellRects(copies.find((c) => c.group === groupOf(0))!).find((c) => c.index === 2)!;
    moveNotes(doc, [{ id: sorted, x: cell.x + 40, y: cell.y + 80 }], "test");
    await serverHas(server.ws, board, (seen) => noteIn(seen, sorted)?.cell === 2, "the sorted note on the server");

    const merged = await call<{ moved: number; fromInboxes: number }>(server.http, "POST", `/api/boards/${board.id}/groups/merge`, { token: board.facilitatorToken, body: {} });
    assert.equal(merged.status, 200, JSON.stringify(merged.body));
    assert.deepEqual(merged.body, { moved: 1, fromInboxes: 3 });
    await waitFor(() => readFrames(doc).every((f) => !f.copyOf) && sessionOf(session).groups === null, 5_000, "copies gone");
    const plenary = readFrames(doc).find((f) => f.id === "prio")!;
    assert.deepEqual(noteIn(doc, sorted)!.frame, "prio");
    const inbox = sessionOf(session).inbox!;
    assert.ok(inbox.x >= plenary.x + plenary.width, "the board's inbox is right of the plenary frame");
    const notes = waiting.map((id) => noteIn(doc, id)!);
    for (const note of notes) {
      assert.equal(note.frame, undefined, "waiting notes are in no cell");
      assert.ok(note.x >= inbox.x && note.y >= inbox.y && note.y < plenary.y + plenary.height, "beside the plenary frame, not far below it");
    }
    assert.equal(new Set(notes.map((n) => `${n.x},${n.y}`)).size, 3, "one inbox cell each");
    // Group 1's notes come first: its first waiting note takes the inbox's first cell.
    const first = noteIn(doc, groupOf(0) === 1 ? waiting[0] : waiting[1])!;
    assert.deepEqual({ x: first.x, y: first.y }, inbox, "group 1's first note in the first cell");
  });

  test("on a flipchart, a group's notes go into its copy and come back to the plenary flipchart", async (t) => {
    const { board, phones, doc } = await boardWithWorksheet(t, ["Anna"], "flipchart");
    assert.equal((await start(board, { frameId: "prio", count: 1 })).status, 201);
    const id = await writeNote(server.http, board.id, phones[0].participantToken, "Mål");
    await waitForDoc(doc, () => noteIn(doc, id) !== null, 5_000, "the note");
    const copy = readFrames(doc).find((f) => f.copyOf === "prio")!;
    assert.equal(noteIn(doc, id)!.frame, copy.id);
    await call(server.http, "POST", `/api/boards/${board.id}/groups/merge`, { token: board.facilitatorToken, body: {} });
    await waitForDoc(doc, () => noteIn(doc, id)?.frame === "prio", 5_000, "the note in the plenary flipchart");
  });

  test("copies that would not fit on the board: 409 no_room, and nothing is written", async (t) => {
    const board = await createBoard(server.http);
    await boardWithPhones(server.http, board, ["Anna", "Bo", "Cilla"]);
    const facilitator: Client = connectClient(server.ws, board.id, board.facilitatorToken);
    t.after(() => facilitator.destroy());
    await whenSynced(facilitator.provider);
    // 12 000 wide near the board's right edge: the third copy would stand past it.
    createFrame(facilitator.doc, { id: "wide", kind: "quadrant", title: "Bred", x: 980_000, y: 0, width: 12_000, now: Date.now() }, "test");
    await serverHas(server.ws, board, (doc) => readFrames(doc).length === 1, "the worksheet on the server");
    const refused = await start(board, { frameId: "wide", count: 3 });
    assert.equal(refused.status, 409, JSON.stringify(refused.body));
    assert.equal(refused.body.error, "no_room");
    const viewer = connectClient(server.ws, board.id, board.viewerToken);
    t.after(() => viewer.destroy());
    await whenSynced(viewer.provider);
    assert.deepEqual(readFrames(viewer.doc).map((f) => f.id), ["wide"], "no copies");
    assert.equal(sessionOf(viewer.session).groups, null);
    const overview = await call<GroupsOverview>(server.http, "GET", `/api/boards/${board.id}/groups`, { token: board.facilitatorToken });
    assert.deepEqual(overview.body, { groups: null });
  });

  test("copies past the board's frame limit: 409 no_room", async (t) => {
    const { board, doc } = await boardWithWorksheet(t, ["Anna", "Bo"]);
    doc.transact(() => {
      for (let i = 1; i < LIMITS.maxFramesPerBoard; i++) createFrame(doc, { id: `f${i}`, kind: "flipchart", title: "", x: 0, y: 2000 + i, now: 1 }, "test");
    });
    await serverHas(server.ws, board, (seen) => readFrames(seen).length === LIMITS.maxFramesPerBoard, "a full board on the server");
    const refused = await start(board, { frameId: "prio", count: 2 });
    assert.equal(refused.status, 409, JSON.stringify(refused.body));
    assert.equal(refused.body.error, "no_room");
    assert.equal(readFrames(doc).length, LIMITS.maxFramesPerBoard);
  });

  test("a latecomer joins the smallest group", async (t) => {
    const { board, session } = await boardWithWorksheet(t, ["Anna", "Bo", "Cilla"]);
    assert.equal((await start(board, { frameId: "prio", count: 2 })).status, 201);
    const { joinCode } = await boardInfo(server.http, board.id, board.facilitatorToken);
    const late = await joinWithCode(server.http, joinCode!, "Dan");
    const overview = await call<GroupsOverview>(server.http, "GET", `/api/boards/${board.id}/groups`, { token: board.facilitatorToken });
    assert.deepEqual(overview.body.groups!.groups.map((g) => g.members.length), [2, 2]);
    const view = await myView(server.http, board.id, late.participantToken);
    assert.ok(view.group === 1 || view.group === 2);
    await waitForDoc(session, () => sessionOf(session).groups?.members[late.participantId] === view.group, 5_000, "the latecomer in the board's session");
  });

  test("a phone cannot start groups, and groups need a worksheet on the board", async (t) => {
    const { board, phones } = await boardWithWorksheet(t, ["Anna"]);
    const byPhone = await start(board, { frameId: "prio" }, phones[0].participantToken);
    assert.ok(byPhone.status === 401 || byPhone.status === 403, String(byPhone.status));
    const byMember = await start(board, { frameId: "prio" }, board.memberToken);
    assert.equal(byMember.status, 403);
    assert.equal((await start(board, { frameId: "nosuchframe" })).status, 404);
    assert.equal((await start(board, { frameId: "prio" })).status, 201);
    assert.equal((await start(board, { frameId: "prio" })).status, 409, "one set of groups at a time");
  });
  test("groups on the same notes: each copy starts with the worksheet's notes in their cells and those waiting in Nya lappar; coming together keeps each group's result side by side", async (t) => {
    const { board, phones, doc } = await boardWithWorksheet(t, ["Anna", "Bo", "Cilla", "Dan"]);
    const plenary = readFrames(doc).find((f) => f.id === "prio")!;
    const first = cellRects(plenary)[0];
    const sentence = await writeNote(server.http, board.id, phones[0].participantToken, "Vi hälsar alltid");
    await writeNote(server.http, board.id, phones[1].participantToken, "Vi lyssnar");
    await writeNote(server.http, board.id, phones[2].participantToken, "Vi frågar först");
    await waitForDoc(doc, () => notesIn(doc).length === 3, 5_000, "three sentences");
    moveNotes(doc, [{ id: sentence, x: first.x + 20, y: first.y + 60 }], "test");
    await serverHas(server.ws, board, (d) => noteIn(d, sentence)?.frame === "prio", "a sentence in cell 1");

    assert.equal((await start(board, { frameId: "prio", size: 2, sameNotes: true })).status, 201);
    await waitForDoc(doc, () => notesIn(doc).length === 9, 5_000, "each of two groups with its three");
    const copies = readFrames(doc).filter((f) => f.copyOf === "prio");
    assert.equal(copies.length, 2);
    for (const copy of copies) {
      const own = notesIn(doc).filter((note) => note.frame === copy.id);
      assert.deepEqual(own.map((note) => [note.text, note.cell]), [["Vi hälsar alltid", 0]], "the sentence in the same cell of the copy");
      const underneath = notesIn(doc).filter((note) => note.frame === undefined && note.y > copy.y + copy.height && note.x >= copy.x && note.x < copy.x + copy.width + 200);
      assert.deepEqual(underneath.map((note) => note.text).sort(), ["Vi frågar först", "Vi lyssnar"], "the waiting sentences in the group's inbox");
    }

    const merged = await call(server.http, "POST", `/api/boards/${board.id}/groups/merge`, { token: board.facilitatorToken });
    assert.equal(merged.status, 200);
    const overview = await call<GroupsOverview>(server.http, "GET", `/api/boards/${board.id}/groups`, { token: board.facilitatorToken });
    assert.equal(overview.body.groups, null, "the groups have ended");
    await serverHas(server.ws, board, (d) => readFrames(d).filter((f) => f.copyOf === "prio").length === 2 && notesIn(d).length === 9, "the groups' results stay, side by side");
  });
});

describe("groups with roles, and the same groups again", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  before(async () => {
    server = await startServer();
  });
  after(() => server?.close());
  const ROLES = ["A – har ett problem", "B – frågar och lyssnar", "C – iakttar och ger återkoppling"];

  async function boardWithTrioSheet(t: { after: (fn: () => void) => void }, board: CreateBoardResponse, names: string[]) {
    const phones = await boardWithPhones(server.http, board, names);
    const facilitator: Client = connectClient(server.ws, board.id, board.facilitatorToken);
    t.after(() => facilitator.destroy());
    await whenSynced(facilitator.provider);
    createFrame(facilitator.doc, { id: "roles", kind: "columns", title: "Roller i trion", x: 0, y: 0, now: Date.now() }, "test");
    await serverHas(server.ws, board, (doc) => readFrames(doc).some((frame) => frame.id === "roles"), "the worksheet on the server");
    return { phones, facilitator };
  }
  const groupsPath = (board: CreateBoardResponse) => `/api/boards/${board.id}/groups`;
  const post = <T = Record<string, unknown>>(board: CreateBoardResponse, path: string, body: Record<string, unknown> = {}) =>
    call<T>(server.http, "POST", `${groupsPath(board)}${path}`, { token: board.facilitatorToken, body });
  const rolesOnPhones = async (board: CreateBoardResponse, phones: Array<{ participantToken: string; participantId: string }>) => {
    const views = await Promise.all(phones.map((phone) => myView(server.http, board.id, phone.participantToken)));
    return new Map(phones.map((phone, i) => [phone.participantId, { group: views[i].group, role: views[i].role }]));
  };

  test("trios with A, B and C: each phone sees its role, each trio has all three, and every press moves everyone to the next role", async (t) => {
    const board = await createBoard(server.http);
    const { phones } = await boardWithTrioSheet(t, board, ["Anna", "Bo", "Cilla", "Dan", "Eva", "Fia"]);
    assert.equal((await post(board, "", { frameId: "roles", size: 3, roles: ROLES })).status, 201);

    const rounds: Array<Awaited<ReturnType<typeof rolesOnPhones>>> = [];
    for (let round = 0; round < 3; round++) {
      const seen = await rolesOnPhones(board, phones);
      for (const group of [1, 2]) {
        const roles = [...seen.values()].filter((v) => v.group === group).map((v) => v.role).sort();
        assert.deepEqual(roles, ROLES, `round ${round + 1}, group ${group}: one A, one B, one C`);
      }
      rounds.push(seen);
      if (round < 2) {
        const next = await post<{ round: number }>(board, "/roles/next");
        assert.equal(next.status, 200);
        assert.equal(next.body.round, round + 1);
      }
    }
    for (const phone of phones) {
      const had = rounds.map((seen) => seen.get(phone.participantId)!.role);
      assert.deepEqual([...had].sort(), ROLES, "after three rounds everyone has had every role");
    }
    const overview = await call<GroupsOverview>(server.http, "GET", groupsPath(board), { token: board.facilitatorToken });
    assert.ok(overview.body.groups!.groups.every((g) => g.members.every((m) => m.role !== null)), "the facilitator sees each role");
  });

  test("swapping roles needs running groups with roles, and only the facilitator swaps them", async (t) => {
    const board = await createBoard(server.http);
    const { phones } = await boardWithTrioSheet(t, board, ["Anna", "Bo"]);
    assert.equal((await post(board, "/roles/next")).status, 409, "no groups");
    assert.equal((await post(board, "", { frameId: "roles", size: 2 })).status, 201);
    const none = await post(board, "/roles/next");
    assert.deepEqual([none.status, none.body.error], [409, "no_roles"]);
    assert.equal((await myView(server.http, board.id, phones[0].participantToken)).role, null, "no roles, no role on the phone");
    const byPhone = await call(server.http, "POST", `${groupsPath(board)}/roles/next`, { token: phones[0].participantToken, body: {} });
    assert.ok(byPhone.status === 401 || byPhone.status === 403, String(byPhone.status));
    const tooMany = await post(board, "", { frameId: "roles", roles: ["1", "2", "3", "4", "5", "6", "7"] });
    assert.equal(tooMany.status, 400, "at most six roles");
  });

  test("the same groups again: after coming together, the next start keeps everyone's group; a newcomer joins the smallest", async (t) => {
    const board = await createBoard(server.http);
    const { phones } = await boardWithTrioSheet(t, board, ["Anna", "Bo", "Cilla", "Dan", "Eva", "Fia"]);
    assert.equal((await post(board, "", { frameId: "roles", size: 3, roles: ROLES })).status, 201);
    const first = await rolesOnPhones(board, phones);
    assert.equal((await post(board, "/merge")).status, 200);
    const { joinCode } = await boardInfo(server.http, board.id, board.facilitatorToken);
    const late = await joinWithCode(server.http, joinCode!, "Gun");

    assert.equal((await post(board, "", { frameId: "roles", size: 2, keep: true, roles: ROLES })).status, 201);
    const again = await rolesOnPhones(board, phones);
    for (const phone of phones) assert.deepEqual(again.get(phone.participantId), first.get(phone.participantId), "same group, same role");
    const overview = await call<GroupsOverview>(server.http, "GET", groupsPath(board), { token: board.facilitatorToken });
    assert.equal(overview.body.groups!.groups.length, 2, "the kept groups, not groups of two");
    assert.deepEqual(overview.body.groups!.groups.map((g) => g.members.length).sort(), [3, 4]);
    assert.ok((await myView(server.http, board.id, late.participantToken)).group !== null, "the newcomer is in a group");

    assert.equal((await post(board, "/merge")).status, 200);
    assert.equal((await post(board, "", { frameId: "roles", size: 2 })).status, 201, "without keep: new groups");
    const fresh = await call<GroupsOverview>(server.http, "GET", groupsPath(board), { token: board.facilitatorToken });
    assert.equal(fresh.body.groups!.groups.length, 4);
  });

  test("the same groups in the next meeting, for the phones that followed; one who stayed behind is named nowhere there, and an erased person leaves no trace", async (t) => {
    const first = await createBoard(server.http);
    const { phones, facilitator: firstClient } = await boardWithTrioSheet(t, first, ["Anna", "Bo", "Cilla", "Dan", "Eva", "Fia"]);
    assert.equal((await post(first, "", { frameId: "roles", size: 2 })).status, 201);
    const before = await rolesOnPhones(first, phones);
    const pairs = [1, 2, 3].map((group) => phones.filter((phone) => before.get(phone.participantId)!.group === group));
    assert.deepEqual(pairs.map((pair) => pair.length), [2, 2, 2]);
    const [[x1], [y1, y2], [z1, z2]] = pairs;
    // The meeting ends with the groups still running: they are what the phones take along.
    const next = await call<CreateBoardResponse>(server.http, "POST", "/api/boards", { token: first.facilitatorToken, body: { title: "Möte 2", continues: first.id, welcomePrevious: true } });
    assert.equal(next.status, 201, JSON.stringify(next.body));
    const follow = async (phone: (typeof phones)[number]) => {
      const answer = await call<JoinResponse>(server.http, "POST", `/api/boards/${first.id}/me/next-meeting`, { token: phone.participantToken });
      assert.equal(answer.status, 201);
      return answer.body;
    };
    await follow(x1);
    const y1Next = await follow(y1);
    const { facilitator } = await boardWithTrioSheet(t, next.body, []);
    const kept = () => sessionOf(facilitator.session).keptGroups;
    await waitForDoc(facilitator.session, () => Object.keys(kept()?.members ?? {}).length === 2, 5_000, "the followers' groups on the next board");
    assert.notEqual(kept()!.members[x1.participantId], kept()!.members[y1.participantId]);

    assert.equal((await post(next.body, "", { frameId: "roles", size: 3, keep: true })).status, 201);
    const groupThere = async (token: string) => (await myView(server.http, next.body.id, token)).group;
    const y1There = await groupThere(y1Next.participantToken);
    assert.equal(y1There, 2, "the second to follow brought the second group");
    // Bo's partner follows after the same groups have started: back to that group, not to the
    // smallest (both have one person; the smallest, lowest number, would be Anna's).
    const late = await follow(y2);
    assert.equal(await groupThere(late.participantToken), y1There, "with the one from their group");

    for (const stayed of [z1, z2]) assert.ok(!JSON.stringify(sessionOf(facilitator.session)).includes(stayed.participantId), "nobody who has not followed is named on the next board");
    // One who stayed behind is erased from the first meeting: they leave its groups too.
    assert.equal((await call(server.http, "DELETE", `/api/boards/${first.id}/participants/${z2.participantId}`, { token: first.facilitatorToken, body: { notes: "remove" } })).status, 204);
    await waitForDoc(firstClient.session, () => !JSON.stringify(sessionOf(firstClient.session)).includes(z2.participantId), 5_000, "the erased person in no group of the first meeting");

    const leaving = x1.participantId;
    const erased = await call(server.http, "DELETE", `/api/boards/${next.body.id}/participants/${leaving}`, { token: next.body.facilitatorToken, body: { notes: "remove" } });
    assert.equal(erased.status, 204);
    await waitForDoc(facilitator.session, () => !JSON.stringify(sessionOf(facilitator.session)).includes(leaving), 5_000, "the erased person in no group, seat or kept group");
  });

  test("two taps on 'follow' at once make one person, in their group", async (t) => {
    const first = await createBoard(server.http);
    const { phones } = await boardWithTrioSheet(t, first, ["Anna", "Bo"]);
    assert.equal((await post(first, "", { frameId: "roles", count: 1 })).status, 201);
    const next = await call<CreateBoardResponse>(server.http, "POST", "/api/boards", { token: first.facilitatorToken, body: { title: "Möte 2", continues: first.id, welcomePrevious: true } });
    const tap = () => call<JoinResponse>(server.http, "POST", `/api/boards/${first.id}/me/next-meeting`, { token: phones[0].participantToken });
    const answers = await Promise.all([tap(), tap()]);
    assert.deepEqual(answers.map((answer) => answer.status), [201, 201]);
    const people = await call<{ participants: unknown[] }>(server.http, "GET", `/api/boards/${next.body.id}/participants`, { token: next.body.facilitatorToken });
    assert.equal(people.body.participants.length, 1);
    const { facilitator } = await boardWithTrioSheet(t, next.body, []);
    await waitForDoc(facilitator.session, () => sessionOf(facilitator.session).keptGroups?.members[phones[0].participantId] === 1, 5_000, "their group kept");
  });

  test("a 'Byt roller' sent twice moves the roles once", async (t) => {
    const board = await createBoard(server.http);
    await boardWithTrioSheet(t, board, ["Anna", "Bo", "Cilla"]);
    assert.equal((await post(board, "", { frameId: "roles", size: 3, roles: ROLES })).status, 201);
    const [one, two] = await Promise.all([post<{ round: number }>(board, "/roles/next", { from: 0 }), post<{ round: number }>(board, "/roles/next", { from: 0 })]);
    assert.deepEqual([one.status, two.status], [200, 200]);
    assert.deepEqual([one.body.round, two.body.round], [1, 1]);
    assert.equal((await post(board, "/roles/next", { from: -1 })).status, 400);
  });
});

describe("groups across a restart", () => {
  test("a server restarted mid-exercise keeps each phone's group, role and round, and the groups kept for next time", async () => {
    const first = await startServer();
    let closed = false;
    try {
      const board = await createBoard(first.http);
      const phones = await boardWithPhones(first.http, board, ["Anna", "Bo", "Cilla"]);
      const facilitator: Client = connectClient(first.ws, board.id, board.facilitatorToken);
      await whenSynced(facilitator.provider);
      createFrame(facilitator.doc, { id: "roles", kind: "columns", title: "Roller i trion", x: 0, y: 0, now: Date.now() }, "test");
      await serverHas(first.ws, board, (doc) => readFrames(doc).some((frame) => frame.id === "roles"), "the worksheet on the server");
      facilitator.destroy();
      const post = (http: string, path: string, body: Record<string, unknown> = {}) => call(http, "POST", `/api/boards/${board.id}/groups${path}`, { token: board.facilitatorToken, body });
      assert.equal((await post(first.http, "", { frameId: "roles", size: 3, roles: ["A", "B", "C"] })).status, 201);
      assert.equal((await post(first.http, "/roles/next", { from: 0 })).status, 200);
      const views = async (http: string) => Promise.all(phones.map(async (phone) => JSON.stringify(await myView(http, board.id, phone.participantToken).then((v) => [v.group, v.role]))));
      const before = await views(first.http);

      await first.close();
      closed = true;
      const second = await startServer({ dataDir: first.dataDir, port: first.port });
      try {
        // A phone asks again after the restart, as its page does: the first try may meet a connection the old server closed.
        const after = await views(second.http).catch(() => views(second.http));
        assert.deepEqual(after, before, "the same group and role on every phone");
        assert.equal((await post(second.http, "/roles/next", { from: 0 })).body.round, 1, "still round 2: a retry of the press before the restart moves nothing");
        assert.equal((await post(second.http, "/merge")).status, 200);
        assert.equal((await post(second.http, "", { frameId: "roles", keep: true, roles: ["A", "B", "C"] })).status, 201);
        const again = await call<GroupsOverview>(second.http, "GET", `/api/boards/${board.id}/groups`, { token: board.facilitatorToken });
        assert.equal(again.body.groups!.groups.length, 1, "the kept trio, started again");
      } finally {
        await second.close();
      }
    } finally {
      if (!closed) await first.close();
    }
  });
});

describe("scale markers", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  before(async () => {
    server = await startServer();
  });
  after(() => server?.close());

  const mark = (boardId: string, token: string, frameId: string, value: number | null) =>
    call<{ value: number | null }>(server.http, "POST", `/api/boards/${boardId}/scale`, { token, body: { frameId, value } });

  test("a phone sets 7, then 4: one marker, at 4; a wrong frame is 404", async (t) => {
    const board = await createBoard(server.http);
    const [anna, bo] = await boardWithPhones(server.http, board, ["Anna", "Bo"]);
    const facilitator: Client = connectClient(server.ws, board.id, board.facilitatorToken);
    t.after(() => facilitator.destroy());
    await whenSynced(facilitator.provider);
    createFrame(facilitator.doc, { id: "where", kind: "scale", title: "Var är vi?", x: 0, y: 0, lowLabel: "nu", highLabel: "önskat läge", now: Date.now() }, "test");
    createFrame(facilitator.doc, { id: "grid", kind: "quadrant", title: "Prioritering", x: 0, y: 800, now: Date.now() }, "test");
    await serverHas(server.ws, board, (doc) => readFrames(doc).length === 2, "the frames on the server");

    assert.deepEqual((await myView(server.http, board.id, anna.participantToken)).scales, [
      { frameId: "where", title: "Var är vi?", lowLabel: "nu", highLabel: "önskat läge", myValue: null },
    ]);
    const first = await mark(board.id, anna.participantToken, "where", 7);
    assert.equal(first.status, 200);
    assert.deepEqual(first.body, { value: 7 });
    assert.equal((await mark(board.id, anna.participantToken, "where", 4)).status, 200);
    assert.equal((await mark(board.id, bo.participantToken, "where", 9)).status, 200);
    await waitForDoc(facilitator.session, () => sessionOf(facilitator.session).scaleMarkers.where?.[bo.participantId] === 9, 5_000, "markers on the board");
    assert.deepEqual(sessionOf(facilitator.session).scaleMarkers.where, { [anna.participantId]: 4, [bo.participantId]: 9 });
    assert.equal((await myView(server.http, board.id, anna.participantToken)).scales[0].myValue, 4);

    assert.equal((await mark(board.id, anna.participantToken, "where", null)).status, 200);
    await waitForDoc(facilitator.doc, () => !(anna.participantId in (sessionOf(facilitator.session).scaleMarkers.where ?? {})), 5_000, "marker taken off");

    const wrong = await mark(board.id, anna.participantToken, "grid", 5);
    assert.equal(wrong.status, 404);
    assert.equal(wrong.body.error, "unknown_frame");
    assert.equal((await mark(board.id, anna.participantToken, "nothing", 5)).status, 404);
    assert.equal((await mark(board.id, anna.participantToken, "where", 11)).status, 400);
    assert.equal((await mark(board.id, board.facilitatorToken, "where", 5)).status, 401, "a board link is not a participant");
  });
});

describe("voting on a worksheet", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  before(async () => {
    server = await startServer();
  });
  after(() => server?.close());

  test("the candidates are the notes in the chosen worksheet", async (t) => {
    const board = await createBoard(server.http);
    const [anna] = await boardWithPhones(server.http, board, ["Anna"]);
    const facilitator: Client = connectClient(server.ws, board.id, board.facilitatorToken);
    t.after(() => facilitator.destroy());
    await whenSynced(facilitator.provider);
    const doc = facilitator.doc;
    createFrame(doc, { id: "goal", kind: "flipchart", title: "Mål", x: -2000, y: 0, now: Date.now() }, "test");
    const ids = [await writeNote(server.http, board.id, anna.participantToken, "I bladet"), await writeNote(server.http, board.id, anna.participantToken, "Utanför")];
    await waitForDoc(doc, () => ids.every((id) => noteIn(doc, id)), 5_000, "notes");
    const cell = cellRects(readFrames(doc)[0])[0];
    moveNotes(doc, [{ id: ids[0], x: cell.x + 30, y: cell.y + 30 }], "test");
    await serverHas(server.ws, board, (seen) => notesIn(seen).some((n) => n.frame === "goal"), "the note in the worksheet on the server");
    let vote = await call<{ noteIds: string[] }>(server.http, "POST", `/api/boards/${board.id}/vote`, { token: board.facilitatorToken, body: { frameId: "goal" } });
    assert.equal(vote.status, 201, JSON.stringify(vote.body));
    assert.deepEqual(vote.body.noteIds, [ids[0]]);
    await call(server.http, "DELETE", `/api/boards/${board.id}/vote`, { token: board.facilitatorToken });
    vote = await call(server.http, "POST", `/api/boards/${board.id}/vote`, { token: board.facilitatorToken, body: { frameId: "elsewhere" } });
    assert.equal(vote.status, 404);
  });

});

