import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { describe, test } from "node:test";
import { LINK_KINDS, ROLES } from "../../lib/roles";
import { redactUrl } from "../log";
import { claimedParticipantId, newTokenSalt, TokenService } from "./tokens";

const SECRET = Buffer.alloc(32, 7);
const OTHER_SECRET = Buffer.alloc(32, 8);
const BOARD = { id: "board-one-1234", tokenSalt: "salt-one" };
const OTHER_BOARD = { id: "board-two-5678", tokenSalt: "salt-one" };

function decodedBytes(token: string): number {
  assert.match(token, /^[A-Za-z0-9_-]+$/, "base64url alphabet, no padding");
  return Buffer.from(token, "base64url").length;
}

/** The same token with one character changed, still valid base64url of the same length. */
function flipped(token: string, at: number): string {
  const c = token[at] === "A" ? "B" : "A";
  return token.slice(0, at) + c + token.slice(at + 1);
}

describe("TokenService", () => {
  const tokens = new TokenService(SECRET);

  test("refuses a secret shorter than 256 bits", () => {
    assert.throws(() => new TokenService(Buffer.alloc(31)), /256 bits/);
    assert.throws(() => new TokenService(Buffer.alloc(0)));
    assert.doesNotThrow(() => new TokenService(Buffer.alloc(32)));
  });

  test("tokens carry at least 128 bits", () => {
    for (const role of ROLES) {
      const token = tokens.tokenFor(BOARD, role);
      assert.ok(token.length >= 22, `${role}: ${token.length} chars`);
      assert.ok(decodedBytes(token) >= 16, `${role}: ${decodedBytes(token)} bytes`);
    }
  });

  test("tokens are stable: the same board and role always give the same token", () => {
    for (const role of ROLES) {
      assert.equal(tokens.tokenFor(BOARD, role), tokens.tokenFor({ ...BOARD }, role));
      assert.equal(tokens.tokenFor(BOARD, role), new TokenService(Buffer.from(SECRET)).tokenFor(BOARD, role));
    }
  });

  test("tokens differ per role and per board", () => {
    const all = [BOARD, OTHER_BOARD].flatMap((board) => ROLES.map((role) => tokens.tokenFor(board, role)));
    assert.equal(new Set(all).size, ROLES.length * 2);
  });

  test("roleOf recognises each role's token", () => {
    for (const role of ROLES) assert.equal(tokens.roleOf(BOARD, tokens.tokenFor(BOARD, role)), role);
  });

  test("roleOf rejects wrong, empty and malformed tokens", () => {
    const good = tokens.tokenFor(BOARD, "facilitator");
    const rejected: Array<string | null | undefined> = [
      undefined,
      null,
      "",
      "x",
      "x".repeat(good.length),
      flipped(good, 0),
      flipped(good, good.length - 1),
      good.slice(0, -1),
      good + "A",
      good + "=",
      ` ${good}`,
      good.toUpperCase() === good ? good.toLowerCase() : good.toUpperCase(),
      Buffer.from(good, "base64url").toString("base64"),
      Buffer.from(good, "base64url").toString("hex"),
    ];
    for (const token of rejected) assert.equal(tokens.roleOf(BOARD, token), null, `accepted ${JSON.stringify(token)}`);
  });

  test("a token of another board is rejected", () => {
    for (const role of ROLES) assert.equal(tokens.roleOf(BOARD, tokens.tokenFor(OTHER_BOARD, role)), null);
  });

  test("changing the board's tokenSalt revokes every old token and issues new ones", () => {
    const rotated = { ...BOARD, tokenSalt: "salt-two" };
    for (const role of ROLES) {
      const old = tokens.tokenFor(BOARD, role);
      assert.equal(tokens.roleOf(rotated, old), null, role);
      assert.notEqual(tokens.tokenFor(rotated, role), old);
      assert.equal(tokens.roleOf(rotated, tokens.tokenFor(rotated, role)), role);
    }
  });

  test("a different secret gives different tokens, and they do not cross over", () => {
    const other = new TokenService(OTHER_SECRET);
    for (const role of ROLES) {
      assert.notEqual(other.tokenFor(BOARD, role), tokens.tokenFor(BOARD, role));
      assert.equal(other.roleOf(BOARD, tokens.tokenFor(BOARD, role)), null);
      assert.equal(tokens.roleOf(BOARD, other.tokenFor(BOARD, role)), null);
    }
  });
});

describe("a salt per link", () => {
  const tokens = new TokenService(SECRET);
  const legacy = (board: { id: string; tokenSalt: string }, role: string) =>
    createHmac("sha256", SECRET).update(`${board.id}\n${role}\n${board.tokenSalt}`).digest("base64url");

  test("a board without salts of its own derives exactly the tokens it always had: links already handed out still verify", () => {
    for (const role of ROLES) {
      assert.equal(tokens.tokenFor(BOARD, role), legacy(BOARD, role), role);
      assert.equal(tokens.linkOf(BOARD, legacy(BOARD, role)), role);
    }
    const phone = createHmac("sha256", SECRET).update(`${BOARD.id}\nparticipant\nphone-123456\n${BOARD.tokenSalt}`).digest("base64url");
    assert.equal(tokens.participantToken(BOARD, "phone-123456", "code"), `phone-123456.${phone}`);
  });

  test("every link kind has its own token of at least 128 bits; the projector's reads like a viewer's", () => {
    const all = LINK_KINDS.map((link) => tokens.tokenFor(BOARD, link));
    assert.equal(new Set(all).size, LINK_KINDS.length);
    for (const [i, link] of LINK_KINDS.entries()) {
      assert.ok(decodedBytes(all[i]) >= 16, link);
      assert.equal(tokens.linkOf(BOARD, all[i]), link);
    }
    assert.equal(tokens.roleOf(BOARD, tokens.tokenFor(BOARD, "projector")), "viewer");
  });

  test("a new salt for one link stops that link's token alone", () => {
    for (const renewed of LINK_KINDS) {
      const after = { ...BOARD, linkSalts: { [renewed]: newTokenSalt() } };
      for (const link of LINK_KINDS) {
        const old = tokens.tokenFor(BOARD, link);
        if (link === renewed) {
          assert.equal(tokens.linkOf(after, old), null, `${link}'s old token`);
          assert.notEqual(tokens.tokenFor(after, link), old);
          assert.equal(tokens.linkOf(after, tokens.tokenFor(after, link)), link);
        } else {
          assert.equal(tokens.linkOf(after, old), link, `${link} is untouched by renewing ${renewed}`);
        }
      }
    }
  });

  test("an identity made through a link stops with the link; one made with the code stops with no link", () => {
    const member = { id: "member-made-1", via: "member" as const };
    const phone = { id: "phone-joined-1", via: "code" as const };
    const memberToken = tokens.participantToken(BOARD, member.id, member.via);
    const phoneToken = tokens.participantToken(BOARD, phone.id, phone.via);
    assert.ok(tokens.isParticipantToken(BOARD, member, memberToken));
    assert.ok(tokens.isParticipantToken(BOARD, phone, phoneToken));
    // Bound to how it was made: the same id made another way is another token.
    assert.equal(tokens.isParticipantToken(BOARD, { ...member, via: "code" }, memberToken), false);
    assert.equal(tokens.isParticipantToken(BOARD, { ...member, via: "facilitator" }, memberToken), false);
    assert.equal(tokens.isParticipantToken(BOARD, member, phoneToken), false);

    const renewedEverything = { ...BOARD, linkSalts: Object.fromEntries(LINK_KINDS.map((link) => [link, newTokenSalt()])) };
    assert.equal(tokens.isParticipantToken(renewedEverything, member, memberToken), false);
    assert.ok(tokens.isParticipantToken(renewedEverything, phone, phoneToken));
    const renewedViewer = { ...BOARD, linkSalts: { viewer: newTokenSalt() } };
    assert.ok(tokens.isParticipantToken(renewedViewer, member, memberToken), "another link's renewal leaves it alone");
  });

  test("what a copy of the database holds (ids and salts) yields no token without the secret", () => {
    const stored = { ...BOARD, linkSalts: { member: "salt-member", projector: "salt-projector" } };
    const guesser = new TokenService(OTHER_SECRET);
    for (const link of LINK_KINDS) {
      assert.equal(tokens.linkOf(stored, guesser.tokenFor(stored, link)), null, link);
      assert.equal(tokens.isParticipantToken(stored, { id: "phone-joined-1", via: "code" }, guesser.participantToken(stored, "phone-joined-1", "code")), false);
    }
  });

  test("claimedParticipantId reads the id part and refuses malformed ones", () => {
    assert.equal(claimedParticipantId("abcdefgh.mac"), "abcdefgh");
    for (const bad of [null, undefined, "", ".mac", "short.mac", "bad id!!.mac", "x".repeat(65) + ".mac"]) assert.equal(claimedParticipantId(bad), null, String(bad));
  });
});

describe("newTokenSalt", () => {
  test("is random base64url of at least 128 bits", () => {
    const salts = new Set(Array.from({ length: 100 }, () => newTokenSalt()));
    assert.equal(salts.size, 100);
    for (const salt of salts) assert.ok(decodedBytes(salt) >= 16);
  });
});

describe("redactUrl", () => {
  const token = new TokenService(SECRET).tokenFor(BOARD, "facilitator");

  test("removes the token from a query string", () => {
    assert.equal(redactUrl(`/ws/${BOARD.id}?token=${token}`), `/ws/${BOARD.id}?token=[redacted]`);
    assert.equal(redactUrl(`/ws/x?room=1&token=${token}&v=2`), "/ws/x?room=1&token=[redacted]&v=2");
  });

  test("removes the token from a fragment, every occurrence and any case", () => {
    assert.equal(redactUrl(`https://samla.example/b/x#token=${token}`), "https://samla.example/b/x#token=[redacted]");
    assert.equal(redactUrl(`/x?TOKEN=${token}&Token=${token}`), "/x?TOKEN=[redacted]&Token=[redacted]");
    assert.equal(redactUrl(`/x?token=${token}#token=${token}`), "/x?token=[redacted]#token=[redacted]");
  });

  test("no token value survives for any role", () => {
    const service = new TokenService(SECRET);
    for (const role of ROLES) {
      const t = service.tokenFor(BOARD, role);
      for (const url of [`/ws/b?token=${t}`, `/b/b#token=${encodeURIComponent(t)}`, `/api/s?a=1&token=${t}`]) {
        assert.ok(!redactUrl(url).includes(t), url);
      }
    }
  });

  test("leaves other URLs alone and copes with undefined", () => {
    assert.equal(redactUrl("/api/boards?title=token"), "/api/boards?title=token");
    assert.equal(redactUrl("/b/x?mytoken=abc"), "/b/x?mytoken=abc");
    assert.equal(redactUrl("/"), "/");
    assert.equal(redactUrl(""), "");
    assert.equal(redactUrl(undefined), "");
  });
});
