import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { CreateBoardResponse } from "../../lib/api/schemas";
import type { AgendaStep, Timer } from "../../lib/schema/session";
import { connectClient, createBoard, startServer, waitForDoc, whenSynced } from "./helpers";
import { boardWithPhones, call, myView, noteIn, openEvents, sessionOf, writeNote } from "./participation-helpers";

const STEPS: AgendaStep[] = [
  { title: "Incheckning", minutes: 10, prompt: "Vad hoppas du på i dag?", mode: "discuss" },
  { title: "Tyst skrivande", minutes: 5, prompt: "Vad fungerar bra i vardagen?", mode: "private" },
  { title: "Röstning", minutes: 3, prompt: "Välj det viktigaste", mode: "vote" },
];

describe("agenda and timer", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  before(async () => {
    server = await startServer();
  });
  after(() => server?.close());

  const serverNow = async () => (await call<{ now: number }>(server.http, "GET", "/api/time")).body.now;
  const timer = (board: CreateBoardResponse, body: Record<string, unknown>, token = board.facilitatorToken) =>
    call<{ timer: Timer; now: number }>(server.http, "POST", `/api/boards/${board.id}/timer`, { token, body });

  /** A fresh board and a viewer's Yjs client watching its session. */
  async function watchedBoard(t: { after: (fn: () => void) => void }) {
    const board = await createBoard(server.http);
    const watcher = connectClient(server.ws, board.id, board.viewerToken);
    t.after(() => watcher.destroy());
    await whenSynced(watcher.provider);
    return { board, doc: watcher.session };
  }

  test("GET /api/time answers the server's clock, never cached, to anyone", async () => {
    const before = Date.now();
    const answer = await call<{ now: number }>(server.http, "GET", "/api/time");
    assert.equal(answer.status, 200);
    assert.equal(answer.headers.get("cache-control"), "no-store");
    // The test runs in the server's process: the same clock.
    assert.ok(answer.body.now >= before && answer.body.now <= Date.now());
  });

  test("a 5-minute timer ends 300 000 ms after the server's now, as every board client sees it", async (t) => {
    const { board, doc } = await watchedBoard(t);
    const earliest = await serverNow();
    const started = await timer(board, { action: "start", minutes: 5 });
    const latest = await serverNow();
    assert.equal(started.status, 200);
    await waitForDoc(doc, () => sessionOf(doc).timer?.status === "running", 5_000, "the running timer");
    const seen = sessionOf(doc).timer!;
    assert.deepEqual(seen, started.body.timer);
    assert.equal(seen.durationMs, 300_000);
    assert.ok(seen.endsAt! >= earliest + 300_000 && seen.endsAt! <= latest + 300_000, `endsAt ${seen.endsAt} within the request's time`);
  });

  test("pause freezes what is left, resume and extend carry on from it", async (t) => {
    const { board, doc } = await watchedBoard(t);
    await timer(board, { action: "start", minutes: 5 });
    const paused = (await timer(board, { action: "pause" })).body.timer;
    assert.equal(paused.status, "paused");
    assert.equal(paused.endsAt, null);
    assert.ok(paused.remainingMs > 0 && paused.remainingMs <= 300_000);
    await waitForDoc(doc, () => sessionOf(doc).timer?.status === "paused", 5_000, "the paused timer");
    assert.equal(sessionOf(doc).timer!.remainingMs, paused.remainingMs);

    const extended = (await timer(board, { action: "extend", minutes: 1 })).body.timer;
    assert.deepEqual(extended, { ...paused, durationMs: 360_000, remainingMs: paused.remainingMs + 60_000 });

    const earliest = await serverNow();
    const resumed = (await timer(board, { action: "resume" })).body.timer;
    const latest = await serverNow();
    assert.equal(resumed.status, "running");
    assert.ok(resumed.endsAt! >= earliest + extended.remainingMs && resumed.endsAt! <= latest + extended.remainingMs);

    const stopped = (await timer(board, { action: "stop" })).body.timer;
    assert.deepEqual(stopped, { status: "stopped", durationMs: 360_000, endsAt: null, remainingMs: 360_000 });
    await waitForDoc(doc, () => sessionOf(doc).timer?.status === "stopped", 5_000, "the stopped timer");
  });

  test("only the facilitator runs the timer and the agenda: members 403, phones and strangers 401", async (t) => {
    const { board } = await watchedBoard(t);
    const [phone] = await boardWithPhones(server.http, board, ["Anna"]);
    const asMember = await timer(board, { action: "start", minutes: 5 }, board.memberToken);
    assert.equal(asMember.status, 403);
    const asPhone = await timer(board, { action: "start", minutes: 5 }, phone.participantToken);
    assert.equal(asPhone.status, 401);
    const asNobody = await call(server.http, "POST", `/api/boards/${board.id}/timer`, { body: { action: "start" } });
    assert.equal(asNobody.status, 401);
    const editByMember = await call(server.http, "PUT", `/api/boards/${board.id}/agenda`, { token: board.memberToken, body: { steps: STEPS } });
    assert.equal(editByMember.status, 403);
    const stepByViewer = await call(server.http, "POST", `/api/boards/${board.id}/agenda`, { token: board.viewerToken, body: { step: 0 } });
    assert.equal(stepByViewer.status, 403);
    const bad = await timer(board, { action: "extend", minutes: 0 });
    assert.equal(bad.status, 400);
  });

  test("a step change sets the prompt and the timer, and the phones show the step, its prompt and the time", async (t) => {
    const { board, doc } = await watchedBoard(t);
    const [phone] = await boardWithPhones(server.http, board, ["Anna"]);
    const events = await openEvents(server.http, board.id, phone.participantToken);
    t.after(() => events.close());

    const edited = await call(server.http, "PUT", `/api/boards/${board.id}/agenda`, { token: board.facilitatorToken, body: { steps: STEPS } });
    assert.equal(edited.status, 200);
    await waitForDoc(doc, () => sessionOf(doc).agenda?.steps.length === 3, 5_000, "the agenda");
    assert.equal(sessionOf(doc).agenda!.current, null);

    const moved = await call(server.http, "POST", `/api/boards/${board.id}/agenda`, { token: board.facilitatorToken, body: { step: 1 } });
    assert.equal(moved.status, 200);
    await waitForDoc(doc, () => sessionOf(doc).agenda?.current === 1, 5_000, "step 2 current");
    const session = sessionOf(doc);
    assert.equal(session.prompt, "Vad fungerar bra i vardagen?");
    assert.deepEqual(session.timer, { status: "stopped", durationMs: 300_000, endsAt: null, remainingMs: 300_000 });

    const { view } = await events.next((v) => v.step === "Tyst skrivande");
    assert.equal(view.prompt, "Vad fungerar bra i vardagen?");
    assert.deepEqual(view.timer, session.timer);

    await timer(board, { action: "start" });
    const running = await events.next((v) => v.timer?.status === "running");
    assert.equal(running.view.timer!.durationMs, 300_000);
    assert.deepEqual((await myView(server.http, board.id, phone.participantToken)).timer, running.view.timer);

    const missing = await call(server.http, "POST", `/api/boards/${board.id}/agenda`, { token: board.facilitatorToken, body: { step: 3 } });
    assert.equal(missing.status, 409);
    assert.equal(missing.body.error, "no_such_step");
    assert.equal(sessionOf(doc).agenda!.current, 1);

    // Editing keeps the current step while it exists; leaving the agenda clears the prompt.
    await call(server.http, "PUT", `/api/boards/${board.id}/agenda`, { token: board.facilitatorToken, body: { steps: STEPS.slice(0, 1) } });
    await waitForDoc(doc, () => sessionOf(doc).agenda?.steps.length === 1, 5_000, "the shorter agenda");
    assert.equal(sessionOf(doc).agenda!.current, null);
    await call(server.http, "POST", `/api/boards/${board.id}/agenda`, { token: board.facilitatorToken, body: { step: null } });
    const left = await events.next((v) => v.step === null && v.prompt === "", running.index + 1);
    assert.equal(left.view.timer?.status, "running", "leaving the agenda leaves the timer alone");
  });

  test("editing the steps follows the current step: the phones keep its prompt, see an edited prompt, lose a removed one", async (t) => {
    const { board, doc } = await watchedBoard(t);
    const [phone] = await boardWithPhones(server.http, board, ["Anna"]);
    const put = (steps: AgendaStep[]) => call<{ agenda: { current: number | null } }>(server.http, "PUT", `/api/boards/${board.id}/agenda`, { token: board.facilitatorToken, body: { steps } });
    assert.equal((await put(STEPS)).status, 200);
    assert.equal((await call(server.http, "POST", `/api/boards/${board.id}/agenda`, { token: board.facilitatorToken, body: { step: 1 } })).status, 200);

    // The first step goes: "Tyst skrivande" is still current, now at 0.
    const removed = await put(STEPS.slice(1));
    assert.equal(removed.status, 200);
    assert.equal(removed.body.agenda.current, 0);
    await waitForDoc(doc, () => sessionOf(doc).agenda?.steps.length === 2, 5_000, "the shorter agenda");
    assert.equal(sessionOf(doc).agenda!.current, 0);
    let view = await myView(server.http, board.id, phone.participantToken);
    assert.equal(view.step, "Tyst skrivande");
    assert.equal(view.prompt, "Vad fungerar bra i vardagen?");

    // Its prompt is edited: the phones show the new one.
    const edited = [{ ...STEPS[1], prompt: "Vad fungerar bra i teamet?" }, STEPS[2]];
    assert.equal((await put(edited)).status, 200);
    await waitForDoc(doc, () => sessionOf(doc).prompt === "Vad fungerar bra i teamet?", 5_000, "the edited prompt");
    assert.equal((await myView(server.http, board.id, phone.participantToken)).prompt, "Vad fungerar bra i teamet?");

    // It is removed: no step, no prompt.
    assert.equal((await put([STEPS[2]])).status, 200);
    await waitForDoc(doc, () => sessionOf(doc).agenda?.current === null && sessionOf(doc).prompt === "", 5_000, "no step, no prompt");
    view = await myView(server.http, board.id, phone.participantToken);
    assert.equal(view.step, null);
    assert.equal(view.prompt, "");
  });

  test("Arbetsmöte 3 from its kit: the contributions are signed, the personal plan after them is not", async () => {
    const created = await call<CreateBoardResponse>(server.http, "POST", "/api/boards", { body: { kit: "arbetsmote-3", language: "sv" } });
    assert.equal(created.status, 201);
    const board = created.body;
    const [phone] = await boardWithPhones(server.http, board, ["Karin"]);
    const steps = (await call<{ agenda: { steps: AgendaStep[] } }>(server.http, "POST", `/api/boards/${board.id}/agenda`, { token: board.facilitatorToken, body: { step: 0 } })).body.agenda.steps;
    const contributions = steps.findIndex((step) => step.signed === true);
    assert.ok(contributions >= 0, "the kit asks for signed notes in one step");
    assert.equal(steps.filter((step) => step.signed).length, 1);
    const ids: string[] = [];
    const write = async (stepIndex: number, text: string) => {
      const moved = await call(server.http, "POST", `/api/boards/${board.id}/agenda`, { token: board.facilitatorToken, body: { step: stepIndex } });
      assert.equal(moved.status, 200);
      ids.push(await writeNote(server.http, board.id, phone.participantToken, text));
      return (await myView(server.http, board.id, phone.participantToken)).signedNotes;
    };
    assert.equal(await write(contributions, "Jag lyssnar först"), true, "signing is on during the step that asks for it");
    assert.equal(await write(contributions + 1, "Min plan"), false, "and off in the next one");
    const watcher = connectClient(server.ws, board.id, board.viewerToken);
    try {
      await whenSynced(watcher.provider);
      await waitForDoc(watcher.doc, () => ids.every((id) => noteIn(watcher.doc, id) !== null), 5_000, "both notes on the board");
      assert.equal(noteIn(watcher.doc, ids[0])?.author, "Karin");
      assert.equal(noteIn(watcher.doc, ids[1])?.author, undefined, "the personal plan names nobody");
    } finally {
      watcher.destroy();
    }
  });

});
