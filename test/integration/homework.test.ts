import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { CreateBoardResponse } from "../../lib/api/schemas";
import { notesOf } from "../../lib/schema/board";
import { readNote } from "../../lib/schema/note";
import { connectClient, startServer, waitForDoc, whenSynced } from "./helpers";
import { boardWithPhones, call, myView, newIdempotencyKey } from "./participation-helpers";

/**
 * Homework between meetings (docs/api.md, "Homework"): phones of a meeting whose kit ends with a
 * task send notes for the next meeting; they wait until its board is made, then land in its
 * "Nya lappar"; once it exists they go straight there.
 */
describe("homework for the next meeting", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  const create = (body: Record<string, unknown>, token?: string) => call<CreateBoardResponse>(server.http, "POST", "/api/boards", { body, token });
  const homework = (boardId: string, token: string, text: string, idempotencyKey = newIdempotencyKey()) =>
    call<{ id: string; state: string }>(server.http, "POST", `/api/boards/${boardId}/me/homework`, { token, body: { text, idempotencyKey } });
  const textsOn = async (board: CreateBoardResponse, expected: number) => {
    const reader = connectClient(server.ws, board.id, board.viewerToken);
    try {
      await whenSynced(reader.provider);
      await waitForDoc(reader.doc, () => notesOf(reader.doc).size >= expected);
      return [...notesOf(reader.doc).entries()].map(([id, note]) => readNote(id, note)).filter((note) => note.frame === undefined).map((note) => note.text).sort();
    } finally {
      reader.destroy();
    }
  };

  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.close();
  });

  test("Arbetsmöte 1's task waits for meeting 2's board, lands in its Nya lappar, and later notes go straight there, once each", async () => {
    const first = (await create({ kit: "arbetsmote-1", language: "sv" })).body;
    const [anna] = await boardWithPhones(server.http, first, ["Anna"]);
    const view = await myView(server.http, first.id, anna.participantToken);
    assert.match(view.homework!.task, /^Till arbetsmöte 2: reflektera enskilt/);
    assert.equal(view.homework!.nextMeeting, false);

    const key = newIdempotencyKey();
    const waiting = await homework(first.id, anna.participantToken, "Mer tid vid frukosten", key);
    assert.deepEqual([waiting.status, waiting.body.state], [201, "waiting"]);
    const again = await homework(first.id, anna.participantToken, "Mer tid vid frukosten", key);
    assert.deepEqual([again.status, again.body.id], [201, waiting.body.id], "sent twice (a retry): one note");
    assert.equal((await myView(server.http, first.id, anna.participantToken)).homework!.waiting, 1);

    const second = (await create({ continues: first.id, language: "sv" }, first.facilitatorToken)).body;
    assert.deepEqual(await textsOn(second, 1), ["Mer tid vid frukosten"]);
    const after = (await myView(server.http, first.id, anna.participantToken)).homework!;
    assert.deepEqual([after.waiting, after.nextMeeting], [0, true]);

    const laterKey = newIdempotencyKey();
    const sent = await homework(first.id, anna.participantToken, "Sjunga tillsammans", laterKey);
    assert.deepEqual([sent.status, sent.body.state], [201, "sent"]);
    assert.equal((await homework(first.id, anna.participantToken, "Sjunga tillsammans", laterKey)).body.state, "sent");
    assert.deepEqual(await textsOn(second, 2), ["Mer tid vid frukosten", "Sjunga tillsammans"]);
  });

  test("no task, no homework; a person who leaves takes their waiting homework with them; only a participant sends", async () => {
    const blank = (await create({ title: "Utan uppgift" })).body;
    const [bo] = await boardWithPhones(server.http, blank, ["Bo"]);
    assert.equal((await myView(server.http, blank.id, bo.participantToken)).homework, null);
    assert.equal((await homework(blank.id, bo.participantToken, "Något")).status, 409);

    const first = (await create({ kit: "arbetsmote-2", language: "sv" })).body;
    const [kim, eva] = await boardWithPhones(server.http, first, ["Kim", "Eva"]);
    assert.equal((await homework(first.id, kim.participantToken, "Kims exempel")).body.state, "waiting");
    assert.equal((await homework(first.id, eva.participantToken, "Evas exempel")).body.state, "waiting");
    assert.equal((await call(server.http, "DELETE", `/api/boards/${first.id}/me`, { token: kim.participantToken, body: { notes: "remove" } })).status, 204);
    assert.equal((await homework(first.id, first.memberToken, "Som medlem")).status, 401);
    const second = (await create({ continues: first.id }, first.facilitatorToken)).body;
    assert.deepEqual(await textsOn(second, 1), ["Evas exempel"]);
  });
});
