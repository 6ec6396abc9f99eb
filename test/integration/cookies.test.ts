import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createBoard, startServer } from "./helpers";
import { boardInfo, call, joinWithCode } from "./participation-helpers";

type Server = Awaited<ReturnType<typeof startServer>>;
const THIRTY_DAYS = 30 * 24 * 60 * 60;

function attributes(setCookie: string | null | undefined): string[] {
  assert.ok(setCookie, "a Set-Cookie header");
  return setCookie.split(";").map((part) => part.trim());
}

/** The one cookie called `name` among the answer's Set-Cookie headers. */
function cookieNamed(headers: Headers, name: string): string | undefined {
  return headers.getSetCookie().find((cookie) => cookie.startsWith(`${name}=`));
}

describe("cookies", () => {
  let server: Server;
  let https: Server;
  before(async () => {
    server = await startServer();
    https = await startServer({ publicUrl: "https://samla.example.org" });
  });
  after(async () => {
    await server?.close();
    await https?.close();
  });

  test("the board cookie lives 30 days and every session read renews it; bearer reads set none", async () => {
    const board = await createBoard(server.http);
    const traded = await call(server.http, "POST", `/api/boards/${board.id}/session`, { body: { token: board.memberToken } });
    const set = attributes(cookieNamed(traded.headers, `samla_${board.id}`));
    assert.ok(set.includes(`Max-Age=${THIRTY_DAYS}`), set.join("; "));
    assert.ok(set.includes("HttpOnly") && set.includes("SameSite=Strict") && set.includes("Path=/"));
    assert.equal(set.includes("Secure"), false, "plain http: no Secure");

    const read = await call(server.http, "GET", `/api/boards/${board.id}/session`, { headers: { Cookie: set[0] } });
    assert.equal(read.status, 200);
    const renewed = attributes(cookieNamed(read.headers, `samla_${board.id}`));
    assert.equal(renewed[0], set[0], "the same token again");
    assert.ok(renewed.includes(`Max-Age=${THIRTY_DAYS}`));
    // The device cookie (which browser writes, server/auth/writer.ts) comes along, lives a year and keeps its value.
    const device = attributes(cookieNamed(traded.headers, `samla_w_${board.id}`));
    assert.ok(device.includes(`Max-Age=${365 * 24 * 60 * 60}`) && device.includes("HttpOnly") && device.includes("SameSite=Strict"));
    const again = await call(server.http, "GET", `/api/boards/${board.id}/session`, { headers: { Cookie: `${set[0]}; ${device[0]}` } });
    assert.equal(attributes(cookieNamed(again.headers, `samla_w_${board.id}`))[0], device[0], "the same device, renewed");

    const bearer = await call(server.http, "GET", `/api/boards/${board.id}/session`, { token: board.memberToken });
    assert.equal(bearer.status, 200);
    assert.equal(bearer.headers.get("set-cookie"), null);
  });

  test("the participant cookie lives 30 days and GET /me renews it", async () => {
    const board = await createBoard(server.http);
    const { joinCode } = await boardInfo(server.http, board.id, board.facilitatorToken);
    const phone = await joinWithCode(server.http, joinCode!, "Anna");
    assert.ok(attributes(phone.setCookie).includes(`Max-Age=${THIRTY_DAYS}`));
    const me = await call(server.http, "GET", `/api/boards/${board.id}/me`, { headers: { Cookie: phone.cookie } });
    assert.equal(me.status, 200);
    const renewed = attributes(me.headers.get("set-cookie"));
    assert.equal(renewed[0], phone.cookie);
    assert.ok(renewed.includes(`Max-Age=${THIRTY_DAYS}`) && renewed.includes("HttpOnly"));
    const bearer = await call(server.http, "GET", `/api/boards/${board.id}/me`, { token: phone.participantToken });
    assert.equal(bearer.headers.get("set-cookie"), null);
  });

  test("with an https public URL every cookie carries Secure", async () => {
    const board = await createBoard(https.http);
    const traded = await call(https.http, "POST", `/api/boards/${board.id}/session`, { body: { token: board.facilitatorToken } });
    const boardCookie = attributes(traded.headers.get("set-cookie"));
    assert.ok(boardCookie.includes("Secure"));
    assert.ok(attributes((await call(https.http, "GET", `/api/boards/${board.id}/session`, { headers: { Cookie: boardCookie[0] } })).headers.get("set-cookie")).includes("Secure"));
    const { joinCode } = await boardInfo(https.http, board.id, board.facilitatorToken);
    const phone = await joinWithCode(https.http, joinCode!, "");
    assert.ok(attributes(phone.setCookie).includes("Secure"));
    assert.ok(attributes((await call(https.http, "GET", `/api/boards/${board.id}/me`, { headers: { Cookie: phone.cookie } })).headers.get("set-cookie")).includes("Secure"));
    const made = await call(https.http, "POST", `/api/boards/${board.id}/participants`, { token: board.memberToken, body: {} });
    assert.ok(attributes(made.headers.get("set-cookie")).includes("Secure"));
    const renewed = await call(https.http, "POST", `/api/boards/${board.id}/links/facilitator/renew`, { token: board.facilitatorToken });
    assert.ok(attributes(renewed.headers.get("set-cookie")).includes("Secure"));
  });

  test("behind a proxy that says https, cookies carry Secure as before", async () => {
    const board = await createBoard(server.http);
    const traded = await call(server.http, "POST", `/api/boards/${board.id}/session`, { body: { token: board.viewerToken }, headers: { "X-Forwarded-Proto": "https" } });
    assert.ok(attributes(traded.headers.get("set-cookie")).includes("Secure"));
  });
});
