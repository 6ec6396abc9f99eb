import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { CreateBoardResponse, JoinResponse } from "../../lib/api/schemas";
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from "../../lib/join/join-code";
import { connectClient, createBoard, startServer, waitForDoc, whenSynced } from "./helpers";
import { boardInfo, call, joinWithCode, myView, sessionOf, writeNote } from "./participation-helpers";

/** A code of the right shape that no board holds (different from `code` in every place). */
function otherCode(code: string): string {
  return [...code].map((c) => JOIN_CODE_ALPHABET[(JOIN_CODE_ALPHABET.indexOf(c) + 1) % JOIN_CODE_ALPHABET.length]).join("");
}

describe("joining from a phone", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  before(async () => {
    server = await startServer();
  });
  after(() => server?.close());

  const join = (code: string, name = "", cookie?: string) =>
    call<JoinResponse>(server.http, "POST", "/api/join", { body: { code, name }, headers: cookie ? { Cookie: cookie } : {} });

  test("the facilitator sees the join code, whether joining is open and the address phones open", async () => {
    const board = await createBoard(server.http);
    const info = await boardInfo(server.http, board.id, board.facilitatorToken);
    assert.equal(info.id, board.id);
    assert.equal(info.role, "facilitator");
    assert.equal(info.joinCode?.length, JOIN_CODE_LENGTH);
    assert.match(info.joinCode!, new RegExp(`^[${JOIN_CODE_ALPHABET}]{${JOIN_CODE_LENGTH}}$`));
    assert.equal(info.joinOpen, true);
    // The QR code's key rides after `#`: 128 bits, never sent in a request line, a log or a Referer.
    assert.match(info.joinUrl ?? "", new RegExp(`^https?://[^/]+/join/${info.joinCode}#key=[A-Za-z0-9_-]{22}$`));
    // The same code and key every time until it is rotated.
    const again = await boardInfo(server.http, board.id, board.facilitatorToken);
    assert.equal(again.joinCode, info.joinCode);
    assert.equal(again.joinUrl, info.joinUrl);
  });

  test("a member or a viewer gets the board but no join code; no token gets 401", async () => {
    const board = await createBoard(server.http);
    for (const [token, role] of [
      [board.memberToken, "member"],
      [board.viewerToken, "viewer"],
    ] as const) {
      const answer = await call(server.http, "GET", `/api/boards/${board.id}`, { token });
      assert.equal(answer.status, 200);
      assert.equal(answer.body.role, role);
      for (const key of ["joinCode", "joinOpen", "joinUrl"]) assert.equal(key in answer.body, false, `${role} sees ${key}`);
    }
    assert.equal((await call(server.http, "GET", `/api/boards/${board.id}`)).status, 401);
    assert.equal((await call(server.http, "GET", `/api/boards/${board.id}`, { token: "z".repeat(43) })).status, 401);
  });

  test("POST /api/join answers 201 with a participant token and sets an HttpOnly cookie for the board", async () => {
    const board = await createBoard(server.http);
    const { joinCode } = await boardInfo(server.http, board.id, board.facilitatorToken);
    const answer = await join(joinCode!, "  Anna   Berg ");
    assert.equal(answer.status, 201);
    assert.equal(answer.body.boardId, board.id);
    assert.equal(answer.body.name, "Anna Berg", "the name is tidied");
    assert.match(answer.body.participantToken, /^[A-Za-z0-9_-]{8,64}\.[A-Za-z0-9_-]+$/);
    assert.ok(answer.body.participantToken.startsWith(`${answer.body.participantId}.`));
    const cookie = answer.headers.get("set-cookie") ?? "";
    const [pair, ...attributes] = cookie.split(";").map((part) => part.trim());
    assert.equal(pair, `samla_p_${board.id}=${encodeURIComponent(answer.body.participantToken)}`);
    assert.ok(attributes.includes("HttpOnly"), cookie);
    assert.ok(attributes.includes("SameSite=Strict"), cookie);
    assert.ok(attributes.includes("Path=/"), cookie);

    assert.equal(attributes.includes("Secure"), false, "plain http: no Secure flag");
    const behindHttps = await call(server.http, "POST", "/api/join", { body: { code: joinCode }, headers: { "X-Forwarded-Proto": "https" } });
    assert.ok((behindHttps.headers.get("set-cookie") ?? "").split(";").map((part) => part.trim()).includes("Secure"), "Secure behind an https proxy");

    // The token works as a bearer and the cookie works on its own.
    const view = await myView(server.http, board.id, answer.body.participantToken);
    assert.deepEqual(view.participant, { id: answer.body.participantId, name: "Anna Berg" });
    const withCookie = await call(server.http, "GET", `/api/boards/${board.id}/me`, { headers: { Cookie: pair } });
    assert.equal(withCookie.status, 200);
    // But not on another board.
    const other = await createBoard(server.http);
    assert.equal((await call(server.http, "GET", `/api/boards/${other.id}/me`, { token: answer.body.participantToken })).status, 401);
  });

  test("the code may be typed in lower case and with a space or a dash", async () => {
    const board = await createBoard(server.http);
    const { joinCode } = await boardInfo(server.http, board.id, board.facilitatorToken);
    const code = joinCode!;
    for (const typed of [code.toLowerCase(), `${code.slice(0, 3).toLowerCase()} ${code.slice(3).toLowerCase()}`, `${code.slice(0, 3)}-${code.slice(3)}`]) {
      const answer = await join(typed);
      assert.equal(answer.status, 201, typed);
      assert.equal(answer.body.boardId, board.id, typed);
    }
  });

  test("a wrong code answers 404 wrong_code; something that is no code answers 400", async () => {
    const board = await createBoard(server.http);
    const { joinCode } = await boardInfo(server.http, board.id, board.facilitatorToken);
    const wrong = await join(otherCode(joinCode!));
    assert.equal(wrong.status, 404);
    assert.equal(wrong.body.error, "wrong_code");
    assert.equal("participantToken" in wrong.body, false);
    assert.equal(wrong.headers.get("set-cookie"), null);
    for (const code of ["", "12", "ABCDEFG", "ÅÄÖ123"]) assert.equal((await join(code)).status, 400, JSON.stringify(code));
    assert.equal((await join(joinCode!, "Ctrl\u0007")).status, 400, "a control character in the name");
    assert.equal((await join(joinCode!, "x".repeat(41))).status, 400, "a name over 40 characters");
  });

  test("after the facilitator rotates the code the old one is refused and the new one works", async () => {
    const board = await createBoard(server.http);
    const { joinCode: old } = await boardInfo(server.http, board.id, board.facilitatorToken);
    const rotated = await call(server.http, "POST", `/api/boards/${board.id}/join-code`, { token: board.facilitatorToken });
    assert.equal(rotated.status, 200);
    const fresh = rotated.body.joinCode as string;
    assert.notEqual(fresh, old);
    assert.equal((await boardInfo(server.http, board.id, board.facilitatorToken)).joinCode, fresh);
    assert.equal((await join(old!)).body.error, "wrong_code");
    assert.equal((await join(fresh)).status, 201);
    // Only the facilitator may rotate it.
    const byMember = await call(server.http, "POST", `/api/boards/${board.id}/join-code`, { token: board.memberToken });
    assert.equal(byMember.status, 403);
    assert.equal(byMember.body.error, "forbidden");
  });

  test("a closed board refuses joining with 403 joining_closed until it opens again", async () => {
    const board = await createBoard(server.http);
    const closed = await call(server.http, "PATCH", `/api/boards/${board.id}`, { token: board.facilitatorToken, body: { joinOpen: false } });
    assert.equal(closed.status, 200);
    assert.equal(closed.body.joinOpen, false);
    const code = closed.body.joinCode as string;
    const refused = await join(code);
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error, "joining_closed");
    // A rotated code stays closed.
    const rotated = await call(server.http, "POST", `/api/boards/${board.id}/join-code`, { token: board.facilitatorToken });
    assert.equal(rotated.body.joinOpen, false);
    const reopened = await call(server.http, "PATCH", `/api/boards/${board.id}`, { token: board.facilitatorToken, body: { joinOpen: true } });
    assert.equal(reopened.body.joinOpen, true);
    assert.equal((await join(reopened.body.joinCode as string)).status, 201);
    const byMember = await call(server.http, "PATCH", `/api/boards/${board.id}`, { token: board.memberToken, body: { joinOpen: true } });
    assert.equal(byMember.status, 403);
  });

  test("joining again with the cookie keeps the same participant (and may change the name)", async () => {
    const board = await createBoard(server.http);
    const { joinCode } = await boardInfo(server.http, board.id, board.facilitatorToken);
    const first = await joinWithCode(server.http, joinCode!, "Bo");
    const again = await joinWithCode(server.http, joinCode!, "", first.cookie);
    assert.equal(again.participantId, first.participantId);
    assert.equal(again.participantToken, first.participantToken);
    assert.equal(again.name, "Bo", "an empty name keeps the old one");
    const renamed = await joinWithCode(server.http, joinCode!, "Bosse", first.cookie);
    assert.equal(renamed.participantId, first.participantId);
    assert.equal((await myView(server.http, board.id, first.participantToken)).participant.name, "Bosse");
    // Without the cookie, or with a forged one, a phone is somebody new.
    const stranger = await joinWithCode(server.http, joinCode!, "Bo");
    assert.notEqual(stranger.participantId, first.participantId);
    const forged = await joinWithCode(server.http, joinCode!, "", `samla_p_${board.id}=${first.participantId}.${"A".repeat(43)}`);
    assert.notEqual(forged.participantId, first.participantId);
  });

  test("a facilitator or member at the board gets a participant identity without the code; a viewer does not", async () => {
    const board = await createBoard(server.http);
    for (const token of [board.facilitatorToken, board.memberToken]) {
      const answer = await call<JoinResponse>(server.http, "POST", `/api/boards/${board.id}/participants`, { token, body: { name: "Vid tavlan" } });
      assert.equal(answer.status, 201);
      assert.equal(answer.body.boardId, board.id);
      assert.match(answer.headers.get("set-cookie") ?? "", new RegExp(`^samla_p_${board.id}=`));
      assert.equal((await myView(server.http, board.id, answer.body.participantToken)).participant.name, "Vid tavlan");
    }
    const byViewer = await call(server.http, "POST", `/api/boards/${board.id}/participants`, { token: board.viewerToken, body: {} });
    assert.equal(byViewer.status, 403);
  });

  test("a board token is no participant token", async () => {
    const board = await createBoard(server.http);
    for (const token of [board.facilitatorToken, board.memberToken]) {
      const answer = await call(server.http, "GET", `/api/boards/${board.id}/me`, { token });
      assert.equal(answer.status, 401);
      assert.equal(answer.body.error, "not_joined");
    }
  });

  test("the facilitator sets the prompt; phones and boards see it, a member may not", async () => {
    const board = await createBoard(server.http);
    const { joinCode } = await boardInfo(server.http, board.id, board.facilitatorToken);
    const phone = await joinWithCode(server.http, joinCode!, "Cilla");
    const viewer = connectClient(server.ws, board.id, board.viewerToken);
    try {
      await whenSynced(viewer.provider);
      const set = await call(server.http, "PATCH", `/api/boards/${board.id}`, { token: board.facilitatorToken, body: { prompt: "  Vad tar vi med oss?  " } });
      assert.equal(set.status, 200);
      assert.equal((await myView(server.http, board.id, phone.participantToken)).prompt, "Vad tar vi med oss?");
      await waitForDoc(viewer.session, () => sessionOf(viewer.session).prompt === "Vad tar vi med oss?", 5_000, "the prompt on the board");
      assert.equal((await call(server.http, "PATCH", `/api/boards/${board.id}`, { token: board.memberToken, body: { prompt: "x" } })).status, 403);
      assert.equal((await call(server.http, "PATCH", `/api/boards/${board.id}`, { token: board.facilitatorToken, body: { prompt: "a\u0000b" } })).status, 400);
      assert.equal((await call(server.http, "PATCH", `/api/boards/${board.id}`, { token: board.facilitatorToken, body: { prompt: "x".repeat(501) } })).status, 400);
    } finally {
      viewer.destroy();
    }
  });

  describe("requests a browser sends with a cookie from another site", () => {
    test("facilitator: a cookie POST from another Origin (or none) is refused with 403; from the board's own Origin and with a bearer it works", async () => {
      const board = await createBoard(server.http);
      const session = await call(server.http, "POST", `/api/boards/${board.id}/session`, { body: { token: board.facilitatorToken } });
      const cookie = (session.headers.get("set-cookie") ?? "").split(";")[0];
      const own = `http://${new URL(server.http).host}`;
      const rotate = (headers: Record<string, string>, token?: string) => call(server.http, "POST", `/api/boards/${board.id}/join-code`, { headers, token });
      const evil = await rotate({ Cookie: cookie, Origin: "http://evil.example" });
      assert.equal(evil.status, 403);
      assert.equal(evil.body.error, "cross_origin");
      assert.equal((await rotate({ Cookie: cookie })).status, 403, "no Origin at all");
      const before = (await boardInfo(server.http, board.id, board.facilitatorToken)).joinCode;
      assert.equal((await call(server.http, "GET", `/api/boards/${board.id}`, { headers: { Cookie: cookie } })).body.joinCode, before, "GET with the cookie is fine");
      assert.equal((await rotate({ Cookie: cookie, Origin: own })).status, 200);
      assert.equal((await rotate({ Origin: "http://evil.example" }, board.facilitatorToken)).status, 200, "a bearer is no cookie");
      assert.equal(
        (await call(server.http, "POST", `/api/boards/${board.id}/private-writing`, { headers: { Cookie: cookie, Origin: "http://evil.example" }, body: { on: true } })).status,
        403,
      );
    });

    test("participant: a cookie POST from another Origin is refused with 403 and makes no note", async () => {
      const board = await createBoard(server.http);
      const { joinCode } = await boardInfo(server.http, board.id, board.facilitatorToken);
      const phone = await joinWithCode(server.http, joinCode!, "Dan");
      const own = `http://${new URL(server.http).host}`;
      const post = (headers: Record<string, string>, token?: string) =>
        call(server.http, "POST", `/api/boards/${board.id}/notes`, { headers, token, body: { text: "från en annan sida", idempotencyKey: `evil-${Object.keys(headers).join("-")}-${token ? "b" : "c"}` } });
      const evil = await post({ Cookie: phone.cookie, Origin: "http://evil.example" });
      assert.equal(evil.status, 403);
      assert.equal((await post({ Cookie: phone.cookie })).status, 403, "no Origin at all");
      assert.equal((await myView(server.http, board.id, phone.participantToken)).notes.length, 0, "no note was made");
      assert.equal((await post({ Cookie: phone.cookie, Origin: own })).status, 201);
      assert.equal((await post({ Origin: "http://evil.example" }, phone.participantToken)).status, 201, "a bearer is no cookie");
      // Reading is fine with the cookie from anywhere (it changes nothing, and CORS keeps the answer from other sites).
      assert.equal((await call(server.http, "GET", `/api/boards/${board.id}/me`, { headers: { Cookie: phone.cookie, Origin: "http://evil.example" } })).status, 200);
      const note = (await myView(server.http, board.id, phone.participantToken)).notes[0];
      const del = await call(server.http, "DELETE", `/api/boards/${board.id}/notes/${note.id}`, { headers: { Cookie: phone.cookie, Origin: "http://evil.example" } });
      assert.equal(del.status, 403);
      assert.equal((await myView(server.http, board.id, phone.participantToken)).notes.length, 2);
    });
  });

  test("a board client that reconnects after the server changed the session syncs and stays connected", async () => {
    const board = await createBoard(server.http);
    const member = connectClient(server.ws, board.id, board.memberToken);
    try {
      await whenSynced(member.provider);
      const closes: Array<number | undefined> = [];
      member.provider.on("connection-close", (event: CloseEvent | null) => closes.push(event?.code));
      // Each change overwrites the value before: the client's document now holds the server's deletions.
      for (const prompt of ["ett", "två", "tre"]) await call(server.http, "PATCH", `/api/boards/${board.id}`, { token: board.facilitatorToken, body: { prompt } });
      await waitForDoc(member.session, () => sessionOf(member.session).prompt === "tre", 5_000, "the last prompt");
      member.provider.disconnect();
      member.provider.connect();
      await whenSynced(member.provider);
      // A note written after the reconnect is accepted and reaches a fresh client.
      const { joinCode } = await boardInfo(server.http, board.id, board.facilitatorToken);
      const phone = await joinWithCode(server.http, joinCode!);
      await writeNote(server.http, board.id, phone.participantToken, "efter återanslutningen");
      await waitForDoc(member.doc, () => member.doc.getMap("notes").size === 1, 5_000, "the phone's note after the reconnect");
      assert.equal(member.provider.wsconnected, true);
      assert.deepEqual(closes.filter((code) => code !== undefined), [], "the server closed the reconnected client");
    } finally {
      member.destroy();
    }
  });

  test("a board client may not write the session map: only the server does", async () => {
    const board = await createBoard(server.http);
    const facilitator = connectClient(server.ws, board.id, board.facilitatorToken);
    try {
      await whenSynced(facilitator.provider);
      const closed = new Promise<number>((resolve) => facilitator.provider.ws!.addEventListener("close", (e) => resolve(e.code)));
      facilitator.doc.getMap("session").set("privateWriting", true);
      assert.equal(await closed, 4403);
    } finally {
      facilitator.destroy();
    }
    const { joinCode } = await boardInfo(server.http, board.id, board.facilitatorToken);
    const phone = await joinWithCode(server.http, joinCode!);
    assert.equal((await myView(server.http, board.id, phone.participantToken)).privateWriting, false);
    assert.equal((await call(server.http, "POST", `/api/boards/${board.id}/notes`, { token: phone.participantToken, body: { text: "syns", idempotencyKey: "after-session-write" } })).body.state, "placed");
  });
});

describe("throttled guessing of join codes", () => {
  test("after 20 wrong codes from one address, the 21st attempt is refused with 429 and Retry-After, even with the right code", async (t) => {
    const server = await startServer();
    t.after(() => server.close());
    const board: CreateBoardResponse = await createBoard(server.http);
    const { joinCode } = await boardInfo(server.http, board.id, board.facilitatorToken);
    const join = (code: string) => call(server.http, "POST", "/api/join", { body: { code } });
    assert.equal((await join(joinCode!)).status, 201, "the right code works at first");
    const wrong = otherCode(joinCode!);
    for (let i = 1; i <= 20; i++) assert.equal((await join(wrong)).status, 404, `wrong guess ${i}`);
    const blocked = await join(joinCode!);
    assert.equal(blocked.status, 429);
    assert.equal(blocked.body.error, "too_many_attempts");
    const retryAfter = Number(blocked.headers.get("retry-after"));
    assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 15 * 60, `Retry-After: ${blocked.headers.get("retry-after")}`);
    assert.equal(blocked.headers.get("set-cookie"), null);
    assert.equal((await join(wrong)).status, 429, "wrong guesses are refused too");
    // A phone that has joined carries on: the throttle is on guessing, not on writing.
    const phone = await call<JoinResponse>(server.http, "POST", `/api/boards/${board.id}/participants`, { token: board.memberToken, body: {} });
    assert.equal(phone.status, 201);
    assert.equal((await writeNote(server.http, board.id, phone.body.participantToken, "skriver ändå")).length > 0, true);
  });
});
