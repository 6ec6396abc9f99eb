import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { CreateBoardResponse } from "../../lib/api/schemas";
import type { AddKitResponse, KitListResponse } from "../../lib/kits/api";
import { readFrames } from "../../lib/schema/frame";
import { readSession } from "../../lib/schema/session";
import { connectClient, startServer, waitForDoc, whenSynced } from "./helpers";
import { call } from "./participation-helpers";

/** Method kits over HTTP, checked in the document a stock y-websocket client syncs (docs/api.md, "Method kits"). */
describe("method kits", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  before(async () => {
    server = await startServer();
  });
  after(() => server?.close());

  async function newBoard(body: Record<string, unknown>) {
    const answer = await call<CreateBoardResponse>(server.http, "POST", "/api/boards", { body });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    return answer.body;
  }

  async function synced(board: CreateBoardResponse, t: { after: (fn: () => void) => void }) {
    const client = connectClient(server.ws, board.id, board.viewerToken);
    t.after(() => client.destroy());
    await whenSynced(client.provider);
    await whenSynced(client.sessionProvider);
    return client;
  }

  test("GET /api/kits lists every kit, without a token, blank first, each under a listed source", async () => {
    const answer = await call<KitListResponse>(server.http, "GET", "/api/kits");
    assert.equal(answer.status, 200);
    const { kits, sources } = answer.body;
    assert.equal(kits[0].id, "blank");
    const ids = kits.map((kit) => kit.id);
    for (const id of ["arbetsmote-1", "arbetsmote-5", "backspegling", "swot", "oss-og-vart-teste"]) assert.ok(ids.includes(id), id);
    const first = kits.find((kit) => kit.id === "arbetsmote-1")!;
    assert.equal(first.title.sv, "Arbetsmöte 1 – Prioritering");
    assert.equal(first.title.fi, "Työkokous 1 – Priorisointi", "every kit has its Finnish (lib/kits/kits.test.ts checks the Swedish fallback)");
    assert.equal(first.source, "seeds/000");
    assert.deepEqual([first.frames, first.steps], [2, 3]);
    const sourceIds = new Set(sources.map((source) => source.id));
    for (const kit of kits) assert.ok(sourceIds.has(kit.source), kit.id);
  });

  test("a board made from Arbetsmöte 1 opens with the Prioritering grid, cells 1-4, and the three timed steps", async (t) => {
    const board = await newBoard({ kit: "arbetsmote-1", language: "sv" });
    assert.equal(board.title, "Arbetsmöte 1 – Prioritering", "the kit's title when none is given");
    const { doc, session } = await synced(board, t);
    const frames = readFrames(doc);
    const grid = frames.find((frame) => frame.kind === "quadrant")!;
    assert.equal(grid.title, "Prioritering");
    assert.deepEqual(grid.cellLabels, ["1", "2", "3", "4"]);
    assert.deepEqual(grid.rowLabels, ["Stor", "Liten"]);
    assert.deepEqual(grid.columnLabels, ["Ja", "Nej"]);
    assert.ok(frames.some((frame) => frame.title === "Vårt förslag till värdegrund"));
    const agenda = readSession(session).agenda!;
    assert.deepEqual(agenda.steps.map((step) => step.minutes), [10, 30, 40]);
    assert.equal(agenda.current, null, "no step has started");
    assert.ok(agenda.steps.every((step) => step.prompt.length > 0));
  });

  test("the board's language picks the kit's texts, and a given title wins", async (t) => {
    const board = await newBoard({ kit: "arbetsmote-1", language: "nb", title: "Avdeling 3" });
    assert.equal(board.title, "Avdeling 3");
    const { doc, session } = await synced(board, t);
    assert.ok(readFrames(doc).some((frame) => frame.title === "Vårt forslag til verdigrunnlag"));
    assert.equal(readSession(session).agenda!.steps[0].title, "Verdigrunnlagssetningene våre");
  });

  test("an unknown kit is refused with 400 unknown_kit and no board is made; a plain {title} still works", async () => {
    const unknown = await call(server.http, "POST", "/api/boards", { body: { kit: "no-such-kit" } });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.error, "unknown_kit");
    const badLanguage = await call(server.http, "POST", "/api/boards", { body: { kit: "swot", language: "de" } });
    assert.equal(badLanguage.status, 400);
    const plain = await newBoard({ title: "Bara en tavla" });
    assert.equal(plain.title, "Bara en tavla");
  });

  test("the facilitator adds a kit's worksheets to a board in use: right of what is there, steps appended, live for a connected client", async (t) => {
    const board = await newBoard({ kit: "incheckning", language: "sv" });
    const { doc, session } = await synced(board, t);
    await waitForDoc(doc, () => readFrames(doc).length === 1, 5_000, "the check-in worksheet");
    const [checkIn] = readFrames(doc);

    const added = await call<AddKitResponse>(server.http, "POST", `/api/boards/${board.id}/kit`, { token: board.facilitatorToken, body: { kit: "backspegling", language: "sv" } });
    assert.equal(added.status, 201, JSON.stringify(added.body));
    assert.equal(added.body.frames.length, 2);
    await waitForDoc(doc, () => readFrames(doc).length === 3, 5_000, "the added worksheets reach the open board");
    const [mirror, whole] = added.body.frames.map((id) => readFrames(doc).find((frame) => frame.id === id)!);
    assert.deepEqual(mirror.cellLabels, ["Vad hände?", "Vad kände och tänkte du?", "Vad lärde du dig?", "När kan du använda det?"]);
    // The seed's two-box summary (seeds/001).
    assert.deepEqual(whole.cellLabels, ["Vad hände & vad kände ni?", "Vad lärde ni er & Hur kan ni använda det?"]);
    for (const frame of [mirror, whole]) assert.ok(frame.x >= checkIn.x + checkIn.width, "placed right of the check-in worksheet");
    assert.deepEqual(
      readSession(session).agenda!.steps.map((step) => step.title),
      ["Syfte, roller och agenda", "Föregående möte", "Förväntningar och farhågor", "Samtal", "Reflektera själv", "Laget runt", "En helhetsbild"],
    );
  });

  test("only the facilitator adds kits; an unknown kit is 400", async () => {
    const board = await newBoard({ title: "Roller" });
    const path = `/api/boards/${board.id}/kit`;
    assert.equal((await call(server.http, "POST", path, { token: board.memberToken, body: { kit: "swot" } })).status, 403);
    assert.equal((await call(server.http, "POST", path, { token: board.viewerToken, body: { kit: "swot" } })).status, 403);
    assert.equal((await call(server.http, "POST", path, { body: { kit: "swot" } })).status, 401);
    const unknown = await call(server.http, "POST", path, { token: board.facilitatorToken, body: { kit: "nope" } });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.error, "unknown_kit");
  });
});
