import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { CreateBoardResponse } from "../../lib/api/schemas";
import { readFrames } from "../../lib/schema/frame";
import { connectClient, startServer, waitForDoc, whenSynced } from "./helpers";
import { boardWithPhones, call, myView, noteIn, postNote, writeNote, type Phone } from "./participation-helpers";

type Client = ReturnType<typeof connectClient>;

/**
 * Categories on the phone (docs/api.md, "Notes in categories"): while the step names a worksheet,
 * a phone offers its cells, and a note written in one lands in that cell, held or not.
 */
describe("notes in categories", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let board: CreateBoardResponse;
  let reader: Client;
  let phone: Phone;
  let worksheet: string;
  const step = (index: number | null) => call(server.http, "POST", `/api/boards/${board.id}/agenda`, { token: board.facilitatorToken, body: { step: index } });
  const placed = async (id: string) => {
    await waitForDoc(reader.doc, () => noteIn(reader.doc, id) !== null);
    return noteIn(reader.doc, id)!;
  };

  before(async () => {
    server = await startServer();
    board = (await call<CreateBoardResponse>(server.http, "POST", "/api/boards", { body: { kit: "backspegling", language: "sv" } })).body;
    reader = connectClient(server.ws, board.id, board.viewerToken);
    await whenSynced(reader.provider);
    worksheet = readFrames(reader.doc).find((frame) => frame.title === "Backspegling")!.id;
    [phone] = await boardWithPhones(server.http, board, ["Anna"]);
  });
  after(async () => {
    reader.destroy();
    await server.close();
  });

  test("Backspegling's first step offers the four questions; a note lands under the one chosen", async () => {
    assert.equal((await step(0)).status, 200);
    const view = await myView(server.http, board.id, phone.participantToken);
    assert.deepEqual(view.categories, [
      { cell: 0, label: "Vad hände?" },
      { cell: 1, label: "Vad kände och tänkte du?" },
      { cell: 2, label: "Vad lärde du dig?" },
      { cell: 3, label: "När kan du använda det?" },
    ]);
    const id = await writeNote(server.http, board.id, phone.participantToken, "Att fråga innan jag hjälper", { category: 2 });
    const note = await placed(id);
    assert.equal(note.frame, worksheet);
    assert.equal(note.cell, 2);
  });

  test("held while private writing is on, it lands in its cell at the reveal", async () => {
    await step(0);
    await call(server.http, "POST", `/api/boards/${board.id}/private-writing`, { token: board.facilitatorToken, body: { on: true } });
    const answer = await postNote(server.http, board.id, phone.participantToken, "Jag blev orolig", { category: 1 });
    assert.equal(answer.body.state, "held");
    await call(server.http, "POST", `/api/boards/${board.id}/private-writing`, { token: board.facilitatorToken, body: { on: false } });
    const note = await placed(answer.body.id);
    assert.deepEqual([note.frame, note.cell], [worksheet, 1]);
  });

  test("a category the step does not offer sends the note to Nya lappar; a malformed one is refused", async () => {
    await step(0);
    const beyond = await placed(await writeNote(server.http, board.id, phone.participantToken, "Utanför", { category: 9 }));
    assert.equal(beyond.frame, undefined);
    for (const category of [-1, 64, 1.5, "2", null]) {
      const answer = await postNote(server.http, board.id, phone.participantToken, "Fel", { category });
      assert.equal(answer.status, 400, `category ${JSON.stringify(category)}`);
    }
    await step(1); // "Laget runt": no categories
    assert.equal((await myView(server.http, board.id, phone.participantToken)).categories, null);
    const later = await placed(await writeNote(server.http, board.id, phone.participantToken, "Senare", { category: 0 }));
    assert.equal(later.frame, undefined, "sent after the step moved on: the inbox, not a cell the step no longer asks for");
  });
});
