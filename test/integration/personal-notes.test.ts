import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, test } from "node:test";
import type { AgendaStep } from "../../lib/schema/session";
import type { CreateBoardResponse, JoinResponse, PersonalNoteView } from "../../lib/api/schemas";
import { pdfPages } from "../../server/export/pdf-text";
import { connectClient, startServer, waitForDoc, whenSynced } from "./helpers";
import { boardWithPhones, call, frameRecorder, myView, newIdempotencyKey, notesIn, openEvents, sessionOf, writeNote } from "./participation-helpers";
import { expectNoTraces, missingFrom } from "./data-files";

/**
 * Personal notes (a personal worksheet such as Arbetsmöte 3's action plan, docs/privacy.md): only
 * their writer is ever sent them. Each "never" below is checked against a search that finds the
 * writer's own text where it must be, so that a search which finds nothing cannot pass alone.
 */

type Server = Awaited<ReturnType<typeof startServer>>;
type Client = ReturnType<typeof connectClient>;

/** Unique for this run: no marker is found by chance or left over from another run. */
const RUN = randomBytes(6).toString("hex");

describe("personal notes", () => {
  let server: Server;
  const clients: Client[] = [];
  const closers: Array<() => void> = [];
  before(async () => {
    server = await startServer({ compactEvery: 10 });
  });
  after(async () => {
    for (const close of closers) close();
    for (const c of clients) c.destroy();
    await server?.close();
  });

  const createKitBoard = async () => {
    const created = await call<CreateBoardResponse>(server.http, "POST", "/api/boards", { body: { kit: "arbetsmote-3", language: "sv" } });
    assert.equal(created.status, 201);
    return created.body;
  };
  /** The facilitator goes to the kit's personal step; answers its areas. */
  const toPersonalStep = async (board: CreateBoardResponse) => {
    const first = await call<{ agenda: { steps: AgendaStep[] } }>(server.http, "POST", `/api/boards/${board.id}/agenda`, { token: board.facilitatorToken, body: { step: 0 } });
    const index = first.body.agenda.steps.findIndex((step) => step.mode === "personal");
    assert.ok(index >= 0, "Arbetsmöte 3 has a personal step");
    const moved = await call<{ personal: { areas: string[] } | null }>(server.http, "POST", `/api/boards/${board.id}/agenda`, { token: board.facilitatorToken, body: { step: index } });
    assert.equal(moved.status, 200);
    assert.ok(moved.body.personal);
    return { index, areas: moved.body.personal.areas };
  };
  const writePersonal = async (boardId: string, token: string, text: string, area: string, idempotencyKey = newIdempotencyKey()) => {
    const answer = await call<PersonalNoteView>(server.http, "POST", `/api/boards/${boardId}/me/personal`, { token, body: { text, area, idempotencyKey } });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    return answer.body;
  };
  const watch = async (board: CreateBoardResponse, token: string) => {
    const client = connectClient(server.ws, board.id, token);
    clients.push(client);
    await whenSynced(client.provider);
    await whenSynced(client.sessionProvider);
    return client;
  };
  /** Raw sockets on both documents, keeping every frame the server sends this link. */
  const record = async (board: CreateBoardResponse, token: string) => {
    const recorders = [await frameRecorder(`${server.ws}/${board.id}?token=${token}`), await frameRecorder(`${server.ws}/${board.id}/session?token=${token}`)];
    closers.push(...recorders.map((r) => r.close));
    return { saw: (text: string) => recorders.some((r) => r.saw(text)) };
  };
  const exportsOf = async (board: CreateBoardResponse, token: string) => {
    const texts: string[] = [];
    for (const format of ["csv", "json"]) {
      const res = await fetch(`${server.http}/api/boards/${board.id}/export.${format}`, { headers: { Authorization: `Bearer ${token}` } });
      assert.equal(res.status, 200);
      texts.push(await res.text());
    }
    const pdf = await fetch(`${server.http}/api/boards/${board.id}/export.pdf`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(pdf.status, 200);
    texts.push((await pdfPages(new Uint8Array(await pdf.arrayBuffer()))).join("\n"));
    return texts.join("\n");
  };

  test("Arbetsmöte 3: each writer sees only their own plan; no frame, stream, export or list of anyone else carries it", async () => {
    const board = await createKitBoard();
    const [karin, ola] = await boardWithPhones(server.http, board, ["Karin", "Ola"]);
    const member = await call<JoinResponse>(server.http, "POST", `/api/boards/${board.id}/participants`, { token: board.memberToken, body: { name: "Distans" } });
    assert.equal(member.status, 201);
    const memberToken = member.body.participantToken;
    const watchers = {
      facilitator: await record(board, board.facilitatorToken),
      member: await record(board, board.memberToken),
      viewer: await record(board, board.viewerToken),
    };
    const olaEvents = await openEvents(server.http, board.id, ola.participantToken);
    closers.push(() => void olaEvents.close());
    const facilitatorDoc = await watch(board, board.facilitatorToken);

    const { areas } = await toPersonalStep(board);
    assert.deepEqual(areas, ["Delaktighet", "Verksamhetsutveckling", "Kompetensutveckling", "Yrkesrollsutveckling", "Utveckling av personliga egenskaper"]);
    const karinTexts = [`Karins plan ${RUN} ett`, `Karins plan ${RUN} två`];
    await writePersonal(board.id, karin.participantToken, karinTexts[0], areas[0]);
    await writePersonal(board.id, karin.participantToken, karinTexts[1], areas[2]);
    const olaText = `Olas plan ${RUN}`;
    await writePersonal(board.id, ola.participantToken, olaText, areas[1]);
    const memberText = `Distans plan ${RUN}`;
    await writePersonal(board.id, memberToken, memberText, areas[4]);

    // The board knows how many have written, never what.
    await waitForDoc(facilitatorDoc.session, () => sessionOf(facilitatorDoc.session).personalWriters === 3, 5_000, "three writers counted");

    const karinView = await myView(server.http, board.id, karin.participantToken);
    assert.deepEqual(karinView.personal.notes.map((n) => [n.area, n.text]), [[areas[0], karinTexts[0]], [areas[2], karinTexts[1]]]);
    assert.equal(karinView.personal.step?.title, "Min personliga handlingsplan");
    const olaView = await myView(server.http, board.id, ola.participantToken);
    assert.deepEqual(olaView.personal.notes.map((n) => n.text), [olaText]);
    await olaEvents.next((view) => view.personal.notes.length === 1);

    // Ending the step, and private writing with its reveal, publishes nothing of it.
    for (const body of [{ on: true }, { on: false }]) {
      assert.equal((await call(server.http, "POST", `/api/boards/${board.id}/private-writing`, { token: board.facilitatorToken, body })).status, 200);
    }
    assert.equal((await call(server.http, "POST", `/api/boards/${board.id}/reveal`, { token: board.facilitatorToken, body: {} })).status, 200);
    assert.equal((await call(server.http, "POST", `/api/boards/${board.id}/agenda`, { token: board.facilitatorToken, body: { step: null } })).status, 200);
    await waitForDoc(facilitatorDoc.session, () => sessionOf(facilitatorDoc.session).personal === null, 5_000, "the personal step ended");
    // A board note written after, so every recorder has certainly been sent what came before.
    const later = `Efteråt ${RUN}`;
    await writeNote(server.http, board.id, ola.participantToken, later);
    await waitForDoc(facilitatorDoc.doc, () => notesIn(facilitatorDoc.doc).some((n) => n.text === later), 5_000, "the later note");
    for (const [who, recorder] of Object.entries(watchers)) {
      assert.ok(recorder.saw(later), `${who}'s recorder works`);
      for (const text of [...karinTexts, olaText, memberText]) assert.ok(!recorder.saw(text), `${who} was sent "${text}"`);
    }
    assert.equal(notesIn(facilitatorDoc.doc).filter((n) => n.text.includes(RUN) && n.text !== later).length, 0, "no personal note is on the board");

    // Ola's own stream and view: his plan, never Karin's or the member's.
    const streamed = JSON.stringify(olaEvents.events);
    assert.ok(streamed.includes(olaText));
    for (const text of [...karinTexts, memberText]) assert.ok(!streamed.includes(text), `Ola's stream carried "${text}"`);
    assert.ok(!JSON.stringify(await myView(server.http, board.id, ola.participantToken)).includes(karinTexts[0]));

    // Exports by the facilitator and the member, and every facilitator list.
    for (const token of [board.facilitatorToken, board.memberToken]) {
      const exported = await exportsOf(board, token);
      assert.ok(exported.includes(later), "the export holds the board's notes");
      for (const text of [...karinTexts, olaText, memberText]) assert.ok(!exported.includes(text), `an export carried "${text}"`);
    }
    for (const path of ["held", "participants", "audit", ""]) {
      const answer = await call(server.http, "GET", `/api/boards/${board.id}${path ? `/${path}` : ""}`, { token: board.facilitatorToken });
      assert.equal(answer.status, 200);
      assert.ok(!JSON.stringify(answer.body).includes(RUN), `GET ${path} carried a personal note`);
    }
    // The plan stays the writer's after the step, to print or download.
    assert.equal((await myView(server.http, board.id, karin.participantToken)).personal.notes.length, 2);
  });

  test("nobody reaches another person's personal note: not the other writer, not the facilitator's link", async () => {
    const board = await createKitBoard();
    const [karin, ola] = await boardWithPhones(server.http, board, ["Karin", "Ola"]);
    const { areas } = await toPersonalStep(board);
    const note = await writePersonal(board.id, karin.participantToken, `Hemligt ${RUN}`, areas[0]);
    const path = `/api/boards/${board.id}/me/personal/${note.id}`;
    assert.equal((await call(server.http, "PATCH", path, { token: ola.participantToken, body: { text: "ändrad" } })).status, 404);
    assert.equal((await call(server.http, "DELETE", path, { token: ola.participantToken })).status, 404);
    for (const token of [board.facilitatorToken, board.memberToken]) {
      assert.equal((await call(server.http, "DELETE", path, { token })).status, 401, "a board link is no participant");
      assert.equal((await call(server.http, "POST", `/api/boards/${board.id}/me/personal`, { token, body: { text: "x", area: "", idempotencyKey: newIdempotencyKey() } })).status, 401);
    }
    assert.deepEqual((await myView(server.http, board.id, karin.participantToken)).personal.notes.map((n) => n.text), [`Hemligt ${RUN}`]);

    // The writer changes and removes their own.
    assert.equal((await call(server.http, "PATCH", path, { token: karin.participantToken, body: { text: `Ändrat ${RUN}`, area: areas[1] } })).status, 200);
    assert.deepEqual((await myView(server.http, board.id, karin.participantToken)).personal.notes.map((n) => [n.area, n.text]), [[areas[1], `Ändrat ${RUN}`]]);
    assert.equal((await call(server.http, "DELETE", path, { token: karin.participantToken })).status, 204);
    assert.deepEqual((await myView(server.http, board.id, karin.participantToken)).personal.notes, []);
    const watcher = await watch(board, board.viewerToken);
    await waitForDoc(watcher.session, () => sessionOf(watcher.session).personalWriters === 0, 5_000, "nobody has written any more");
  });

  test("a retry saves once; bad input gets a clear error and saves nothing", async () => {
    const board = await createKitBoard();
    const [karin] = await boardWithPhones(server.http, board, ["Karin"]);
    await toPersonalStep(board);
    const key = newIdempotencyKey();
    const first = await writePersonal(board.id, karin.participantToken, `En gång ${RUN}`, "Delaktighet", key);
    const again = await call<PersonalNoteView>(server.http, "POST", `/api/boards/${board.id}/me/personal`, { token: karin.participantToken, body: { text: `En gång ${RUN}`, area: "Delaktighet", idempotencyKey: key } });
    assert.equal(again.status, 201);
    assert.equal(again.body.id, first.id);
    const bad = async (body: unknown, status: number, error: string) => {
      const answer = await call(server.http, "POST", `/api/boards/${board.id}/me/personal`, { token: karin.participantToken, body });
      assert.equal(answer.status, status, JSON.stringify(answer.body));
      assert.equal(answer.body.error, error);
    };
    await bad({ text: "   ", area: "", idempotencyKey: newIdempotencyKey() }, 400, "invalid");
    await bad({ text: "ok", area: "x".repeat(101), idempotencyKey: newIdempotencyKey() }, 400, "invalid");
    await bad({ text: "ok", area: "a\u0007b", idempotencyKey: newIdempotencyKey() }, 400, "invalid");
    await bad({ text: "Aina 19121212-1212 behöver hjälp", area: "", idempotencyKey: newIdempotencyKey() }, 422, "identity_number");
    await bad({ text: "ok", area: "" }, 400, "invalid");
    assert.equal((await myView(server.http, board.id, karin.participantToken)).personal.notes.length, 1);
  });

  test("erasing a person, their leaving, and deleting the board remove their plan from every file of DATA_DIR", async () => {
    const board = await createKitBoard();
    const [karin, ola, per] = await boardWithPhones(server.http, board, ["Karin", "Ola", "Per"]);
    const { areas } = await toPersonalStep(board);
    const karinText = `Karin raderas ${RUN}`;
    const olaText = `Ola lämnar ${RUN}`;
    const perText = `Per stannar ${RUN}`;
    await writePersonal(board.id, karin.participantToken, karinText, areas[0]);
    await writePersonal(board.id, ola.participantToken, olaText, areas[0]);
    await writePersonal(board.id, per.participantToken, perText, areas[0]);
    await server.storage.purgeDeleted();
    assert.deepEqual(await missingFrom(server.dataDir, [karinText, olaText, perText]), [], "the search finds the plans before");

    const erased = await call(server.http, "DELETE", `/api/boards/${board.id}/participants/${karin.participantId}`, { token: board.facilitatorToken, body: { notes: "anonymize" } });
    assert.equal(erased.status, 204);
    const left = await call(server.http, "DELETE", `/api/boards/${board.id}/me`, { token: ola.participantToken });
    assert.equal(left.status, 204);
    await server.storage.purgeDeleted();
    await expectNoTraces(server.dataDir, [karinText, olaText], "an erased or departed person's plan");
    assert.deepEqual(await missingFrom(server.dataDir, [perText]), [], "Per's plan stays");
    const watcher = await watch(board, board.viewerToken);
    await waitForDoc(watcher.session, () => sessionOf(watcher.session).personalWriters === 1, 5_000, "one writer left");
    watcher.destroy();

    assert.equal((await call(server.http, "DELETE", `/api/boards/${board.id}`, { token: board.facilitatorToken })).status, 204);
    await expectNoTraces(server.dataDir, [perText], "a deleted board's plans");
  });
});

