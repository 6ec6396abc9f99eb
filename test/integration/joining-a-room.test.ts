import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { BoardInfoResponse, CreateBoardResponse, JoinResponse } from "../../lib/api/schemas";
import { JOIN_CODE_ALPHABET, joinKeyOf } from "../../lib/join/join-code";
import { SERVER_LIMITS } from "../../lib/schema/limits";
import { createBoard, startServer } from "./helpers";
import { boardInfo, call } from "./participation-helpers";

type Server = Awaited<ReturnType<typeof startServer>>;

function otherCode(code: string): string {
  return [...code].map((c) => JOIN_CODE_ALPHABET[(JOIN_CODE_ALPHABET.indexOf(c) + 1) % JOIN_CODE_ALPHABET.length]).join("");
}

/** What the QR code holds: the code's page and, after `#key=`, its key. */
function qrOf(info: BoardInfoResponse): { code: string; key: string } {
  const url = new URL(info.joinUrl!);
  return { code: url.pathname.split("/").pop()!, key: joinKeyOf(url.hash)! };
}

/** A phone (no cookie) joins, as the join page sends it; `from` is the address a trusted proxy saw. */
function join(server: Server, body: { code: string; key?: string; name?: string }, from?: string) {
  return call<JoinResponse>(server.http, "POST", "/api/join", { body, headers: from ? { "X-Forwarded-For": from } : {} });
}

const setBudget = (server: Server, board: CreateBoardResponse, participantBudget: number, token = board.facilitatorToken) =>
  call<BoardInfoResponse>(server.http, "PATCH", `/api/boards/${board.id}`, { token, body: { participantBudget } });

describe("a room joins one board from one address", () => {
  test("300 phones behind one NAT all get in with the default limits; the budget then refuses the next with 409 until the facilitator raises it", async (t) => {
    const server = await startServer();
    t.after(() => server.close());
    const board = await createBoard(server.http, "Kick-off");
    const { joinCode } = await boardInfo(server.http, board.id, board.facilitatorToken);

    // The kick-off: everyone on the guest Wi-Fi types the code on the wall at the same moment.
    const room = await Promise.all(Array.from({ length: 300 }, (_, i) => join(server, { code: joinCode!, name: `Deltagare ${i + 1}` })));
    assert.deepEqual(room.filter((answer) => answer.status !== 201).map((answer) => `${answer.status} ${answer.body.error}`), [], "every phone got in");
    assert.equal(new Set(room.map((answer) => answer.body.participantId)).size, 300, "300 people, 300 identities");
    let info = await boardInfo(server.http, board.id, board.facilitatorToken);
    assert.equal(info.participantCount, 300);
    assert.equal(info.participantBudget, SERVER_LIMITS.participantsPerBoard);

    // Latecomers fill the default budget of 400, all at once; not one more slips in.
    const late = await Promise.all(Array.from({ length: 110 }, () => join(server, { code: joinCode! })));
    assert.equal(late.filter((answer) => answer.status === 201).length, 100);
    const full = late.filter((answer) => answer.status !== 201);
    assert.deepEqual([...new Set(full.map((answer) => `${answer.status} ${answer.body.error}`))], ["409 participant_budget"]);
    assert.match(full[0].body.message ?? "", /400/);
    info = await boardInfo(server.http, board.id, board.facilitatorToken);
    assert.equal(info.participantCount, 400);

    // Someone already in (their phone reloads) is no new participant: still welcome.
    const again = await call<JoinResponse>(server.http, "POST", "/api/join", {
      body: { code: joinCode },
      headers: { Cookie: room[0].headers.get("set-cookie")!.split(";")[0], Origin: server.http },
    });
    assert.equal(again.status, 201);
    assert.equal(again.body.participantId, room[0].body.participantId);

    // The facilitator lets more join; the next phone gets in.
    const raised = await setBudget(server, board, 450);
    assert.equal(raised.status, 200);
    assert.equal(raised.body.participantBudget, 450);
    assert.equal((await join(server, { code: joinCode!, name: "Sen" })).status, 201);
    assert.equal((await boardInfo(server.http, board.id, board.facilitatorToken)).participantCount, 401);
  });

  test("the budget is the facilitator's: up to participantsPerBoardMax, not a member's", async (t) => {
    const server = await startServer({ limits: { participantsPerBoardMax: 500 } });
    t.after(() => server.close());
    const board = await createBoard(server.http);
    const tooMuch = await call(server.http, "PATCH", `/api/boards/${board.id}`, { token: board.facilitatorToken, body: { participantBudget: 501, joinOpen: false } });
    assert.equal(tooMuch.status, 400);
    assert.match(tooMuch.body.message ?? "", /at most 500/);
    assert.equal((await boardInfo(server.http, board.id, board.facilitatorToken)).joinOpen, true, "a refused change changes nothing");
    assert.equal((await setBudget(server, board, 500)).body.participantBudget, 500);
    assert.equal((await setBudget(server, board, 600, board.memberToken)).status, 403);
    // A new code keeps the budget.
    await call(server.http, "POST", `/api/boards/${board.id}/join-code`, { token: board.facilitatorToken });
    const info = await boardInfo(server.http, board.id, board.facilitatorToken);
    assert.equal(info.participantBudget, 500);
    assert.equal(info.participantBudgetMax, 500);
  });

  test("join settings changed at once from two tabs all hold: joining closed, the budget raised and a new code", async (t) => {
    const server = await startServer({ limits: { participantsPerBoardMax: 500 } });
    t.after(() => server.close());
    const board = await createBoard(server.http);
    const before = await boardInfo(server.http, board.id, board.facilitatorToken);
    const changes = await Promise.all([
      call(server.http, "PATCH", `/api/boards/${board.id}`, { token: board.facilitatorToken, body: { joinOpen: false } }),
      setBudget(server, board, 321),
      call(server.http, "POST", `/api/boards/${board.id}/join-code`, { token: board.facilitatorToken }),
      setBudget(server, board, 321),
      call(server.http, "PATCH", `/api/boards/${board.id}`, { token: board.facilitatorToken, body: { joinOpen: false } }),
    ]);
    assert.deepEqual(changes.map((change) => change.status), [200, 200, 200, 200, 200]);
    const after = await boardInfo(server.http, board.id, board.facilitatorToken);
    assert.equal(after.joinOpen, false);
    assert.equal(after.participantBudget, 321);
    assert.notEqual(after.joinCode, before.joinCode);
  });

  test("a script making identities on a board stops at the budget, by code or by board link", async (t) => {
    const server = await startServer({ limits: { participantsPerBoard: 5 } });
    t.after(() => server.close());
    const board = await createBoard(server.http);
    const { joinCode } = await boardInfo(server.http, board.id, board.facilitatorToken);
    const byLink = () => call<JoinResponse>(server.http, "POST", `/api/boards/${board.id}/participants`, { token: board.memberToken, body: {} });
    assert.equal((await byLink()).status, 201, "a member at the board counts as one");
    const made: number[] = [];
    for (let i = 0; i < 30; i++) made.push((await join(server, { code: joinCode! })).status);
    assert.deepEqual(made.slice(0, 4), [201, 201, 201, 201]);
    assert.ok(made.slice(4).every((status) => status === 409), made.join(","));
    const viaLink = await byLink();
    assert.equal(viaLink.status, 409);
    assert.equal(viaLink.body.error, "participant_budget");
    assert.equal((await boardInfo(server.http, board.id, board.facilitatorToken)).participantCount, 5);
  });
});

describe("the QR code's key", () => {
  test("once the server-wide wrong-code budget is spent typed codes pause for everyone, while the QR code still lets people in", async (t) => {
    // A botnet: every wrong guess from another address, so no per-address limit ever bites.
    const server = await startServer({ trustedProxies: ["127.0.0.1/32"], limits: { wrongJoinCodesPerHour: 5 } });
    t.after(() => server.close());
    const board = await createBoard(server.http);
    const info = await boardInfo(server.http, board.id, board.facilitatorToken);
    const { code, key } = qrOf(info);
    assert.equal(code, info.joinCode);
    for (let i = 1; i <= 5; i++) assert.equal((await join(server, { code: otherCode(code) }, `203.0.113.${i}`)).status, 404, `guess ${i}`);

    const typed = await join(server, { code }, "198.51.100.20");
    assert.equal(typed.status, 429);
    assert.equal(typed.body.error, "joining_paused");
    const retryAfter = Number(typed.headers.get("retry-after"));
    assert.ok(retryAfter >= 1 && retryAfter <= 3600, `Retry-After ${retryAfter}`);
    assert.equal((await join(server, { code: otherCode(code) }, "203.0.113.99")).body.error, "joining_paused", "the botnet's next guess is refused unheard");

    const scanned = await join(server, { code, key, name: "Skannade" }, "198.51.100.20");
    assert.equal(scanned.status, 201);
    assert.equal(scanned.body.boardId, board.id);
  });

  test("a wrong key counts as a wrong guess and is answered like one", async (t) => {
    const server = await startServer({ limits: { wrongJoinCodesPerHour: 2 } });
    t.after(() => server.close());
    const board = await createBoard(server.http);
    const { code, key } = qrOf(await boardInfo(server.http, board.id, board.facilitatorToken));
    const forged = key.slice(0, -2) + (key.endsWith("AA") ? "BB" : "AA");
    for (let i = 1; i <= 2; i++) {
      const answer = await join(server, { code, key: forged });
      assert.equal(answer.status, 404, "the right code with a wrong key tells nothing");
      assert.equal(answer.body.error, "wrong_code");
    }
    assert.equal((await join(server, { code })).body.error, "joining_paused");
    assert.equal((await join(server, { code, key })).status, 201);
  });

  test("a join with the key is not a guess: an address out of guesses still joins by the QR code", async (t) => {
    const server = await startServer({ limits: { wrongJoinCodesPerAddress: 3 } });
    t.after(() => server.close());
    const board = await createBoard(server.http);
    const { code, key } = qrOf(await boardInfo(server.http, board.id, board.facilitatorToken));
    for (let i = 0; i < 3; i++) await join(server, { code: otherCode(code) });
    assert.equal((await join(server, { code })).body.error, "too_many_attempts");
    // Many phones scanning from the same address spend none of its guesses.
    for (let i = 0; i < 10; i++) assert.equal((await join(server, { code, key })).status, 201, `scan ${i + 1}`);
  });

  test("a closed board refuses the key too; a new code makes a new key and the old one stops", async (t) => {
    const server = await startServer();
    t.after(() => server.close());
    const board = await createBoard(server.http);
    const old = qrOf(await boardInfo(server.http, board.id, board.facilitatorToken));
    await call(server.http, "PATCH", `/api/boards/${board.id}`, { token: board.facilitatorToken, body: { joinOpen: false } });
    assert.equal((await join(server, old)).body.error, "joining_closed");
    await call(server.http, "PATCH", `/api/boards/${board.id}`, { token: board.facilitatorToken, body: { joinOpen: true } });
    assert.equal((await join(server, old)).status, 201);

    const renewed = await call<BoardInfoResponse>(server.http, "POST", `/api/boards/${board.id}/join-code`, { token: board.facilitatorToken });
    const fresh = qrOf(renewed.body);
    assert.notEqual(fresh.key, old.key);
    assert.equal((await join(server, old)).body.error, "wrong_code", "the old QR code");
    assert.equal((await join(server, { code: fresh.code, key: old.key })).body.error, "wrong_code", "the old key with the new code");
    assert.equal((await join(server, fresh)).status, 201);
  });

  test("the join flood bound counts every join request from an address, keyed or not", async (t) => {
    const server = await startServer({ limits: { joinRequestsPerAddressPerMinute: 3 } });
    t.after(() => server.close());
    const board = await createBoard(server.http);
    const qr = qrOf(await boardInfo(server.http, board.id, board.facilitatorToken));
    assert.equal((await join(server, qr)).status, 201);
    assert.equal((await join(server, { code: qr.code })).status, 201);
    assert.equal((await join(server, { code: otherCode(qr.code) })).status, 404);
    const flood = await join(server, qr);
    assert.equal(flood.status, 429);
    assert.equal(flood.body.error, "too_many_requests");
    const retryAfter = Number(flood.headers.get("retry-after"));
    assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
  });
});
