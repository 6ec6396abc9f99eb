import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { isDeepStrictEqual } from "node:util";
import * as Y from "yjs";
import { createNote } from "../../lib/board/actions";
import { notesOf } from "../../lib/schema/board";
import { framesOf } from "../../lib/schema/frame";
import { seededRandom } from "../../lib/testing/seeded-random";
import { connectClient, createBoard, delay, startServer, storedBoard, waitFor, whenSynced } from "../integration/helpers";
import { boardInfo, call, joinWithCode, type Phone } from "../integration/participation-helpers";
import type { Answer } from "./support/attack";
import { Attacker } from "./support/attacker";
import { openBrowser, type Browser } from "./support/browser";
import { presenceMove, updateMove, type AttackerView } from "./support/fuzz-moves";
import { knownOf } from "./support/hostile-updates";
import { chooser, randomEdit } from "./support/valid-updates";
import { updateFrame } from "./support/wire";
import { boardJson } from "./support/workshop";

/**
 * The seeded fuzzer of the issue: per seed a fresh board on one server, honest browsers (a
 * facilitator and one or two colleagues) making real edits, a phone writing notes while the
 * facilitator switches private writing on and off and locks worksheets, and attackers with the
 * member and the viewer link on both channels sending real, mutated and hand-made hostile updates
 * and presence, all interleaved. At the end of every seed: the browsers, the server and storage
 * agree, nothing is pending, no held note's text reached an untrusted socket before its reveal,
 * every held note is on the board after it, nothing forged is, presence is what each browser set,
 * nobody honest was closed and no socket was told the server failed (1011).
 *
 * Replay: HOSTILE_SEEDS=17 (or 1-100) runs those seeds; every failure names its seed and steps.
 */
const SEEDS = parseSeeds(process.env.HOSTILE_SEEDS ?? "1-100");
const STEPS = 40;

function parseSeeds(spec: string): number[] {
  const [from, to] = spec.split("-").map(Number);
  return Array.from({ length: (to ?? from) - from + 1 }, (_, i) => from + i);
}

let server: Awaited<ReturnType<typeof startServer>>;
before(async () => {
  // One server for every seed; a hundred boards from one address is the fuzzer, not the attack.
  server = await startServer({ compactEvery: 25, limits: { boardsPerAddressPerHour: 100_000 } });
});
after(() => server?.close());

/** What the attackers sent and how the server answered, over every seed: shown after the run. */
const tally = new Map<string, number>();

test(`${SEEDS.length} seeds of attackers among honest clients: every seed ends whole (HOSTILE_SEEDS=${SEEDS[0]}-${SEEDS.at(-1)})`, async (t) => {
  for (const seed of SEEDS) {
    try {
      await runSeed(seed);
    } catch (error) {
      // Whatever failed, the seed that replays it is in the message.
      if (error instanceof Error && !error.message.includes(`SEED=${seed}`)) error.message = `SEED=${seed} (HOSTILE_SEEDS=${seed}): ${error.message}`;
      throw error;
    }
  }
  t.diagnostic([...tally].sort().map(([key, n]) => `${n} × ${key}`).join("; "));
});

/** A note written while private writing was on: its text and id must reach no untrusted socket until the reveal. */
interface Held {
  id: string;
  text: string;
  /** The browser that wrote it, which may still edit or delete it before the reveal; none for a phone's. */
  writer?: Browser;
}

async function runSeed(seed: number): Promise<void> {
  const c = chooser(seededRandom(seed));
  const log: string[] = [];
  const fail = (message: string) => `SEED=${seed} (HOSTILE_SEEDS=${seed}): ${message}\n  last steps:\n  ${log.slice(-(Number(process.env.HOSTILE_LOG) || 20)).join("\n  ")}`;
  const board = await createBoard(server.http, `Fuzz ${seed}`);
  const path = `/api/boards/${board.id}`;
  const browsers: Browser[] = [await openBrowser(server.http, server.ws, board.id, board.facilitatorToken, "facilitator")];
  for (let i = 0, n = 1 + c.int(2); i < n; i++) browsers.push(await openBrowser(server.http, server.ws, board.id, board.memberToken, `colleague ${i + 1}`));
  browsers.forEach((b, i) => b.provider.awareness.setLocalState({ user: { name: `Person ${i}`, color: "#333333" }, cursor: null, editing: null }));
  const [facilitator] = browsers;
  const phone: Phone = await joinWithCode(server.http, (await boardInfo(server.http, board.id, board.facilitatorToken)).joinCode!, "Telefon");
  const attackers = [
    new Attacker(server.ws, board.id, board.memberToken, "board", "member"),
    new Attacker(server.ws, board.id, board.memberToken, "session", "member on the session channel"),
    new Attacker(server.ws, board.id, board.viewerToken, "board", "viewer"),
    new Attacker(server.ws, board.id, board.viewerToken, "session", "viewer on the session channel"),
  ];
  const [member, memberSession, viewer, viewerSession] = attackers;
  await Promise.all([...browsers.map((b) => whenSynced(b.provider)), ...attackers.map((a) => a.socket())]);

  let privateWriting = false;
  const held: Held[] = [];
  const forged: string[] = [];
  /** Client ids the attackers made up: writing as those is writing as themselves. */
  const mine = new Set<number>();
  let ids = seed * 1_000_000 + 10;
  const nextId = () => {
    mine.add(++ids);
    return ids;
  };
  const nextForged = () => {
    forged.push(`forged-${seed}-${forged.length}`);
    return forged.at(-1)!;
  };
  let secrets = 0;
  let presenting: { x: number; y: number; width: number; height: number } | null = null;

  const view = async (): Promise<AttackerView> => {
    const socket = await member.socket();
    await socket.sync();
    return { shadow: socket.shadow, known: knownOf(socket.shadow), seen: [...socket.seenClients()].filter((id) => !mine.has(id)) };
  };
  const honestIds = () => browsers.map((b) => b.provider.awareness.clientID);
  const expectAnswer = (who: string, what: string, answer: Answer, allowed: readonly Answer[] | undefined) => {
    log.push(`  ${who}: ${what} -> ${answer}`);
    const kind = `${who}: ${what.replace(/-?\d{4,}/g, "N")} -> ${answer}`;
    tally.set(kind, (tally.get(kind) ?? 0) + 1);
    assert.notEqual(answer, 1011, fail(`${who} sent ${what}: the server failed (1011)`));
    if (allowed) assert.ok(allowed.includes(answer), fail(`${who} sent ${what}: answered ${answer}, expected ${allowed.join(" or ")}`));
  };

  /** Before private writing ends: nothing an untrusted socket was sent holds a held note's text. */
  const checkNothingLeaked = async (when: string) => {
    await Promise.all(attackers.map(async (a) => (await a.socket()).sync().catch(() => undefined)));
    for (const { id, text } of held) {
      const leaked = attackers.filter((a) => a.saw(text) || a.saw(id)).map((a) => a.name);
      assert.deepEqual(leaked, [], fail(`${when}: the held note "${text}" (${id}) reached ${leaked.join(", ")} before its reveal`));
    }
  };

  /** Notes the server writes (placed or revealed) reach every browser: nothing deleted them on the way. */
  const arrives = async (ids: string[], what: string) => {
    const everywhere = (id: string) => browsers.every((b) => notesOf(b.doc).has(id));
    await waitFor(() => ids.every(everywhere), 10_000, what).catch(() => assert.fail(fail(`${what}: ${ids.filter((id) => !everywhere(id)).join(", ")} missing`)));
  };

  const setPrivateWriting = async (on: boolean) => {
    if (!on) await checkNothingLeaked("before private writing ended");
    const answer = await call(server.http, "POST", `${path}/private-writing`, { token: board.facilitatorToken, body: { on } });
    assert.equal(answer.status, 200, fail(`private writing ${on}: ${answer.status}`));
    privateWriting = on;
    // Every held note its writer still has (a phone's always) is on the board after the reveal.
    const kept = held.splice(0).filter((h) => !h.writer || notesOf(h.writer.doc).has(h.id));
    if (!on) await arrives(kept.map((h) => h.id), "the held notes after their reveal");
  };

  try {
    for (let step = 0; step < STEPS; step++) {
      const roll = c.random();
      if (roll < 0.3) {
        const b = c.pick(browsers);
        log.push(`${step}: ${b.name} ${randomEdit(b.doc, c)}`);
      } else if (roll < 0.36) {
        const b = c.pick(browsers);
        const text = `tyst-${seed}-${++secrets}-${c.text(6)}-slut`;
        const id = `secret-${seed}-${secrets}`;
        createNote(b.doc, { id, x: c.int(3000), y: c.int(3000), text, now: step }, "page");
        if (privateWriting) held.push({ id, text, writer: b });
        log.push(`${step}: ${b.name} writes "${text}" (private writing ${privateWriting})`);
      } else if (roll < 0.44) {
        const text = `mobil-${seed}-${++secrets}-${c.text(6)}-slut`;
        const answer = await call<{ id: string; state: string }>(server.http, "POST", `${path}/notes`, { token: phone.participantToken, body: { text, idempotencyKey: `fuzz-${seed}-${secrets}` } });
        assert.equal(answer.status, 201, fail(`the phone's note: ${answer.status} ${JSON.stringify(answer.body)}`));
        assert.equal(answer.body.state, privateWriting ? "held" : "placed", fail("the phone's note state"));
        log.push(`${step}: phone writes "${text}" (${answer.body.state})`);
        if (privateWriting) held.push({ id: answer.body.id, text });
        else await arrives([answer.body.id], "the phone's placed note");
      } else if (roll < 0.5) {
        await setPrivateWriting(!privateWriting);
        log.push(`${step}: facilitator switches private writing ${privateWriting ? "on" : "off"}`);
      } else if (roll < 0.54) {
        const frames = [...framesOf(facilitator.doc).keys()];
        if (frames.length > 0) {
          const frame = c.pick(frames);
          const locked = c.random() < 0.7;
          const answer = await call(server.http, "POST", `${path}/frames/${encodeURIComponent(frame)}/lock`, { token: board.facilitatorToken, body: { locked } });
          // The frame may be gone on the server already (someone deleted it): 404 then.
          assert.ok(answer.status === 200 || answer.status === 404, fail(`lock: ${answer.status}`));
          log.push(`${step}: facilitator ${locked ? "locks" : "unlocks"} ${frame} (${answer.status})`);
        }
      } else if (roll < 0.555) {
        const b = c.pick(browsers);
        b.drop();
        log.push(`${step}: ${b.name}'s connection drops`);
      } else if (roll < 0.57) {
        presenting = { x: c.int(4000), y: c.int(4000), width: 800 + c.int(800), height: 600 + c.int(400) };
        facilitator.provider.awareness.setLocalStateField("presenting", presenting);
        log.push(`${step}: facilitator presents ${JSON.stringify(presenting)}`);
      } else if (roll < 0.8) {
        const move = updateMove(await view(), c, nextId, nextForged);
        expectAnswer("member", move.name, await member.send(updateFrame(move.bytes)), move.expect);
      } else if (roll < 0.87) {
        // The same moves from the viewer, or on either session channel: dropped unread, the socket stays.
        const move = updateMove(await view(), c, nextId, nextForged);
        const who = c.pick([viewer, memberSession, viewerSession]);
        expectAnswer(who.name, move.name, await who.send(updateFrame(move.bytes)), ["kept"]);
      } else if (roll < 0.97) {
        const who = c.pick([member, viewer, memberSession]);
        const move = presenceMove(await view(), honestIds(), c, nextId);
        // The session channel carries no presence: anything there is answered with an empty message.
        expectAnswer(who.name, move.name, await who.send(move.bytes), who === memberSession ? ["kept"] : move.expect);
      } else {
        await delay(c.int(20));
        log.push(`${step}: pause`);
      }
      if (c.random() < 0.3) await delay(c.int(8));
    }
    if (privateWriting) await setPrivateWriting(false);
    await checkEnd(seed, board, browsers, attackers, { forged, presenting }, fail, log);
  } finally {
    for (const b of browsers) b.destroy();
    for (const a of attackers) a.close();
  }
}

const vectorOf = (doc: Y.Doc) => Buffer.from(Y.encodeStateVector(doc));
const pending = (doc: Y.Doc) => doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
const same = (a: Y.Doc, b: Y.Doc) => vectorOf(a).equals(vectorOf(b)) && isDeepStrictEqual(boardJson(a), boardJson(b));

async function checkEnd(
  seed: number,
  board: Awaited<ReturnType<typeof createBoard>>,
  browsers: Browser[],
  attackers: Attacker[],
  expected: { forged: string[]; presenting: object | null },
  fail: (message: string) => string,
  log: string[],
): Promise<void> {
  log.push("end: checks");
  const fresh = connectClient(server.ws, board.id, board.viewerToken);
  try {
    await Promise.all([whenSynced(fresh.provider), whenSynced(fresh.sessionProvider)]);
    const converged = () => browsers.every((b) => b.provider.synced && same(b.doc, fresh.doc) && same(b.session, fresh.session));
    try {
      await waitFor(converged, 20_000, "the browsers and a newcomer to hold the same board");
    } catch (error) {
      const states = browsers.map((b) => `${b.name}: synced ${b.provider.synced}, notes ${notesOf(b.doc).size} vs ${notesOf(fresh.doc).size}, closes ${b.closeCodes}`);
      assert.fail(fail(`${(error as Error).message}\n  ${states.join("\n  ")}`));
    }
    assert.equal(pending(fresh.doc) || pending(fresh.session), false, fail("a newcomer's copy holds something pending"));
    const stored = await storedBoard(server.storage, board.id);
    assert.equal(pending(stored.doc) || pending(stored.session), false, fail("storage read back holds something pending"));
    assert.ok(same(stored.doc, fresh.doc), fail("storage and the server disagree on the board"));
    assert.ok(same(stored.session, fresh.session), fail("storage and the server disagree on the session"));

    const everything = JSON.stringify([boardJson(fresh.doc), fresh.doc.getMap("meta").toJSON(), fresh.session.getMap("session").toJSON()]);
    for (const key of expected.forged) assert.equal(everything.includes(key), false, fail(`the forged "${key}" is on the board`));

    for (const b of browsers) assert.deepEqual(b.closeCodes, [], fail(`${b.name} was closed by the server`));
    for (const a of attackers) {
      assert.equal(a.closeCodes().includes(1011), false, fail(`${a.name} was told the server failed`));
      assert.deepEqual(a.badFrames(), [], fail(`${a.name} was sent frames that do not decode`));
    }
    // Presence is what each browser set: nobody replaced, froze or removed anyone. y-protocols
    // counts someone's leaving as a newer clock, so a browser whose connection dropped is seen again
    // from its second change on: each changes its presence until the others show it (a clock an
    // attacker pushed far ahead would never be passed).
    const presenceRight = () =>
      browsers.every((viewer) =>
        browsers.every((b) => b === viewer || isDeepStrictEqual(viewer.provider.awareness.getStates().get(b.provider.awareness.clientID), b.provider.awareness.getLocalState())),
      );
    for (let round = 1; !presenceRight() && round <= 5; round++) {
      for (const b of browsers) b.provider.awareness.setLocalStateField("round", round);
      await waitFor(presenceRight, 2_000, "presence").catch(() => undefined);
    }
    assert.ok(presenceRight(), fail(`presence differs: ${JSON.stringify(browsers.map((b) => [...b.provider.awareness.getStates()]))}`));
    if (expected.presenting) {
      const followed = (browsers[1].provider.awareness.getStates().get(browsers[0].provider.awareness.clientID) as { presenting?: unknown }).presenting;
      assert.deepEqual(followed, expected.presenting, fail("a follower does not see what the facilitator presents"));
    }
    // And the room still syncs.
    const last = `last-${seed}`;
    createNote(browsers.at(-1)!.doc, { id: last, x: 0, y: -500, text: "Sista", now: 1 }, "page");
    await waitFor(() => browsers.every((b) => notesOf(b.doc).has(last)), 10_000, "a last note to reach everyone").catch(() => assert.fail(fail("the room no longer syncs")));
    assert.equal((await fetch(`${server.http}/healthz`)).status, 200, fail("the server is unhealthy"));
  } finally {
    fresh.destroy();
  }
}
