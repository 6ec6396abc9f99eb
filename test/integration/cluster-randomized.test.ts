import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { test } from "node:test";
import { isDeepStrictEqual } from "node:util";
import pg from "pg";
import WebSocket from "ws";
import * as Y from "yjs";
import { createNote, deleteNotes, moveNotes, recolorNotes, textOfNote } from "../../lib/board/actions";
import { notesOf } from "../../lib/schema/board";
import { NOTE_COLORS } from "../../lib/schema/note";
import { seededRandom } from "../../lib/testing/seeded-random";
import { LEASE_MS } from "../../server/storage/postgres/board-leases";
import { openPostgresStorage } from "../../server/storage/postgres/postgres";
import { testDatabaseFor } from "../../server/storage/postgres/test-database";
import type { Storage } from "../../server/storage/types";
import { leaseHolder, startBalancer, startInstance, startRedis, stopProcess, type Instance } from "./cluster-helpers";
import { connectClient, createBoard, delay, freePort, notesJson, sameStateVector, storedBoard, tempDir, waitFor, whenSynced } from "./helpers";
import { boardWithPhones, call, newIdempotencyKey, postNote, type Phone } from "./participation-helpers";

/**
 * Seeded randomized run of a cluster (docs/deploy.md, "With Redis"): three instances behind a
 * balancer that spreads connections at random, three members and two viewers on the stock client,
 * three phones, and a facilitator who turns private writing on, reveals and turns it off; meanwhile
 * instances are killed and restarted, one is paused past its lease and resumed, and Redis is
 * killed and restarted. At the end every client, every live instance and PostgreSQL hold the same
 * board, every note a phone was told was taken is on it once, and no frame any client received held
 * a held note's text before the facilitator asked for it to be shown. Rerun a failure with
 * SEED=<seed from the name>.
 */
const SEED = process.env.SEED ? Number(process.env.SEED) >>> 0 : Math.floor(Math.random() * 2 ** 32);
const STEPS = 130;
/** How long a phone or the facilitator waits for an answer before calling it lost, as a phone on a stalled network would. */
const PATIENCE_MS = 4_000;

function isSubsequence(wanted: string, text: string): boolean {
  let at = 0;
  for (const char of text) if (char === wanted[at]) at++;
  return at === wanted.length;
}

type Client = ReturnType<typeof connectClient> & { name: string; writes: boolean; closeCodes: number[] };
interface PhonePost {
  phone: Phone;
  key: string;
  text: string;
  /** The note's id once the server said it took the note. */
  id?: string;
}

test(`three instances with Redis: random edits, phones and private writing through kills, a pause and a Redis restart converge and leak nothing (SEED=${SEED})`, async (t) => {
  const rand = seededRandom(SEED);
  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  const log: string[] = [];
  // Kills, pauses and restarts, kept apart from the steps so a failure shows them all.
  const chaos: string[] = [];
  const fail = (message: string) => new Error(`${message}\nSEED=${SEED}; chaos: ${chaos.join("; ")}\nlast steps:\n  ${log.slice(-30).join("\n  ")}`);
  const event = (line: string) => {
    chaos.push(line);
    log.push(line);
  };

  const dataDir = tempDir();
  const running: Instance[] = [];
  const clients: Client[] = [];
  let redis: ChildProcess | null = null;
  let paused: Instance | null = null;
  let balancer: Awaited<ReturnType<typeof startBalancer>> | null = null;
  let storage: Storage | null = null;
  let admin: pg.Pool | null = null;
  // Registered before anything starts, so a start that fails leaves nothing running.
  t.after(async () => {
    for (const client of clients) client.destroy();
    if (paused) paused.child.kill("SIGCONT");
    await Promise.all(running.map((instance) => instance.kill()));
    await balancer?.close();
    await storage?.close();
    await admin?.end();
    if (redis) await stopProcess(redis);
  });

  const redisPort = await freePort();
  redis = await startRedis(redisPort);
  const url = await testDatabaseFor(dataDir);
  const started = await Promise.allSettled([0, 1, 2].map(() => startInstance(dataDir, redisPort)));
  for (const result of started) if (result.status === "fulfilled") running.push(result.value);
  for (const result of started) if (result.status === "rejected") throw result.reason;
  storage = await openPostgresStorage(url);
  admin = new pg.Pool({ connectionString: url, max: 1 });
  // Its own generator: how many connections the clients open depends on timing, the steps must not.
  const balancing = seededRandom(SEED ^ 0x5eed);
  balancer = await startBalancer((ports) => ports[Math.floor(balancing() * ports.length)]);
  for (const instance of running) balancer.markUp(instance.port);
  const front = balancer;
  const db = { storage, admin };

  // What a frame must not hold: the text of each held note whose reveal nobody has asked for yet.
  const secret = new Map<string, "phone" | "member">();
  const leaks: string[] = [];
  // Upgrades the server refused (the stock client sees them only as a close, 1006).
  const refusals: string[] = [];
  const recordingSocket = (name: string) =>
    class extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols);
        this.on("error", (error: Error) => {
          const status = /Unexpected server response: (\d+)/.exec(error.message)?.[1];
          if (status) refusals.push(`${name}: ${status}`);
        });
        // The stock client asks for ArrayBuffers.
        this.on("message", (data: ArrayBuffer | Buffer) => {
          const frame = Buffer.from(data as ArrayBuffer);
          for (const text of secret.keys()) if (frame.includes(text)) leaks.push(`${name} received "${text}" while it was held`);
        });
      }
    };

  const board = await createBoard(front.http, "Slumpkörning");
  const phones = await boardWithPhones(front.http, board, ["Anna", "Bertil", "Cecilia"]);
  const roles: [string, string][] = [
    ["m0", board.memberToken],
    ["m1", board.memberToken],
    ["m2", board.memberToken],
    ["v0", board.viewerToken],
    ["v1", board.viewerToken],
  ];
  for (const [name, token] of roles) {
    const client: Client = { ...connectClient(front.ws, board.id, token, new Y.Doc(), recordingSocket(name)), name, writes: token === board.memberToken, closeCodes: [] };
    client.provider.on("connection-close", (event: CloseEvent | null) => {
      if (event) client.closeCodes.push(event.code);
    });
    clients.push(client);
  }
  await Promise.all(clients.map((client) => whenSynced(client.provider, 15_000)));
  const members = clients.filter((client) => client.writes);

  // The chaos, fixed by the seed: two kills (the instance comes back a few steps later on a new
  // port), one pause past the lease, one Redis kill; never two instances out at once.
  const kills = new Map([
    [20 + int(10), 2 + int(5)],
    [100 + int(10), 2 + int(5)],
  ]);
  const pauseAt = 45 + int(10);
  const resumeAt = pauseAt + 12;
  const redisKillAt = 75 + int(10);
  const redisBackAt = redisKillAt + 1 + int(3);
  let restartAt = -1;
  let pausedAt = 0;

  let privateWriting = false;
  const posts: PhonePost[] = [];
  let created = 0;
  const membersNotes = new Set<string>();
  const ALPHABET = "abcdefghijklmnopqrstuvwxyzåäö ,.";
  const randomText = (n: number) => Array.from({ length: n }, () => ALPHABET[int(ALPHABET.length)]).join("");

  for (let step = 0; step < STEPS; step++) {
    if (step === restartAt) await restartOne(step);
    if (kills.has(step)) await killOne(step, kills.get(step)!);
    if (step === pauseAt) await pauseOne(step);
    if (step === resumeAt) await resumePaused(step);
    if (step === redisKillAt) {
      await stopProcess(redis!, "SIGKILL");
      redis = null;
      event(`${step}: Redis killed`);
    }
    if (step === redisBackAt) {
      redis = await startRedis(redisPort);
      event(`${step}: Redis restarted, empty`);
    }

    const roll = rand();
    if (roll < 0.4) memberEdits(step, pick(members));
    else if (roll < 0.5) {
      const client = pick(clients);
      if (client.provider.shouldConnect) client.provider.disconnect();
      else client.provider.connect();
      log.push(`${step}: ${client.name} ${client.provider.shouldConnect ? "reconnects" : "disconnects"}`);
    } else if (roll < 0.7) await phoneWrites(step, pick(phones));
    else if (roll < 0.8) await facilitatorActs(step);
    else {
      log.push(`${step}: pause`);
      await delay(20 + int(60));
    }
    await delay(rand() < 0.5 ? 0 : int(12));
  }

  // The end: every machine back, private writing off (which reveals what is held), every phone
  // resends what it has no answer for, every client online.
  if (paused) await resumePaused(STEPS);
  if (running.length < 3) await restartOne(STEPS);
  if (!redis) redis = await startRedis(redisPort);
  await waitFor(async () => (await turnPrivateWriting(false)) === 200, 40_000, "private writing turned off at the end");
  for (const post of posts.filter((post) => !post.id)) {
    await waitFor(async () => (await resend(post)) !== undefined, 30_000, `phone ${post.phone.name} resending "${post.text}"`);
  }
  // A note that reached a holder as held only now (its first answer was lost) is revealed too.
  await waitFor(async () => (await turnPrivateWriting(false)) === 200, 30_000, "private writing off once more");
  for (const client of clients) if (!client.provider.shouldConnect) client.provider.connect();
  log.push("end: everyone back");
  await settle(clients, "at the end");

  const final = clients[0].doc;
  for (const instance of running) {
    const fresh = connectClient(instance.ws, board.id, board.viewerToken);
    t.after(() => fresh.destroy());
    await whenSynced(fresh.provider, 15_000);
    await settle([clients[0], { ...fresh, name: `a fresh viewer on :${instance.port}`, writes: false, closeCodes: [] }], `with instance :${instance.port}`);
  }
  const stored = await storedBoard(db.storage, board.id);
  assert.ok(sameStateVector(stored.doc, final), fail("PostgreSQL's board has another history than the clients'").message);
  assert.deepEqual(notesJson(stored.doc), notesJson(final), `PostgreSQL's notes differ from the clients' (SEED=${SEED})`);

  // A note's id comes from its phone's key, so a note taken twice would be one; members only
  // ever insert into a phone's note, so what the phone wrote is still there, in order.
  const texts = new Map([...notesOf(final).keys()].map((id) => [id, textOfNote(final, id)?.toString() ?? ""]));
  for (const post of posts) {
    const text = texts.get(post.id!) ?? "";
    assert.ok(isSubsequence(post.text, text), fail(`phone ${post.phone.name}'s note "${post.text}" is missing (on the board: "${text}")`).message);
    const copies = [...texts].filter(([id, other]) => id !== post.id && other.includes(post.text));
    assert.deepEqual(copies, [], fail(`phone ${post.phone.name}'s note "${post.text}" is on the board more than once`).message);
  }
  assert.deepEqual(
    refusals.filter((refusal) => !/: (429|503)$/.test(refusal)),
    [],
    fail("a client's upgrade was refused other than for a moment (429 or 503 while a board changes hands)").message,
  );
  assert.deepEqual(leaks, [], fail("a held note reached a client before its reveal").message);
  for (const client of clients) {
    assert.deepEqual(
      client.closeCodes.filter((code) => code >= 4400 && code < 4500),
      [],
      `${client.name} was refused for good (SEED=${SEED})`,
    );
  }
  assert.ok(posts.length > 0, "the run wrote notes from phones");
  t.diagnostic(`SEED=${SEED}: ${chaos.join("; ")}; ${posts.length} phone notes, ${notesOf(final).size} notes at the end; upgrades refused for a moment: ${refusals.length}`);

  function memberEdits(step: number, client: Client): void {
    const ids = [...notesOf(client.doc).keys()];
    const roll = rand();
    if (roll < 0.3 || ids.length === 0) {
      const id = `${client.name}-${created++}`;
      membersNotes.add(id);
      const text = privateWriting ? `HEMLIG-${id}.` : randomText(int(8));
      if (privateWriting) secret.set(text, "member");
      createNote(client.doc, { id, x: int(4000) - 2000, y: int(4000) - 2000, color: pick(NOTE_COLORS).hex, text, now: step + 1 }, "test");
      log.push(`${step}: ${client.name} creates ${id} "${text}"`);
    } else if (roll < 0.5) {
      const id = pick(ids);
      moveNotes(client.doc, [{ id, x: int(4000) - 2000, y: int(4000) - 2000 }], "test");
      log.push(`${step}: ${client.name} moves ${id}`);
    } else if (roll < 0.8) {
      const id = pick(ids);
      const inserted = randomText(1 + int(6));
      const text = textOfNote(client.doc, id)!;
      const index = int(text.length + 1);
      client.doc.transact(() => text.insert(index, inserted), "test");
      log.push(`${step}: ${client.name} types ${JSON.stringify(inserted)} at ${index} in ${id}`);
    } else if (roll < 0.9) {
      const color = pick(NOTE_COLORS).hex;
      const id = pick(ids);
      recolorNotes(client.doc, [id], color, "test");
      log.push(`${step}: ${client.name} recolours ${id}`);
    } else {
      // Only members' own notes: a phone's note must stay to be counted at the end.
      const own = ids.filter((id) => membersNotes.has(id));
      if (own.length === 0) return;
      const id = pick(own);
      deleteNotes(client.doc, [id], "test");
      log.push(`${step}: ${client.name} deletes ${id}`);
    }
  }

  async function phoneWrites(step: number, phone: Phone): Promise<void> {
    // Ended with a full stop, so "p1." is never found inside "p12.".
    const text = privateWriting ? `HEMLIG-p${posts.length}.` : `OPPEN-p${posts.length}.`;
    const post: PhonePost = { phone, key: newIdempotencyKey(), text };
    posts.push(post);
    if (privateWriting) secret.set(text, "phone");
    const state = await resend(post);
    log.push(`${step}: phone ${phone.name} writes "${text}": ${state ?? "no answer"}`);
  }

  /** Posts (again) with the post's key; answers the note's state, or nothing without an answer. */
  async function resend(post: PhonePost): Promise<string | undefined> {
    try {
      const answer = await postNote(front.http, board.id, post.phone.participantToken, post.text, { idempotencyKey: post.key, timeoutMs: PATIENCE_MS });
      if (answer.status !== 201 && answer.status !== 200) return undefined;
      post.id = answer.body.id;
      // Held though private writing was thought off (the call turning it off got no answer).
      if (answer.body.state === "held" && !secret.has(post.text)) secret.set(post.text, "phone");
      return answer.body.state;
    } catch {
      return undefined;
    }
  }

  async function facilitatorActs(step: number): Promise<void> {
    if (!privateWriting) {
      const status = await turnPrivateWriting(true);
      if (status === 200) privateWriting = true;
      log.push(`${step}: private writing on: ${status}`);
    } else if (rand() < 0.5) {
      for (const [text, kind] of secret) if (kind === "phone") secret.delete(text);
      const status = await facilitatorCall(`/api/boards/${board.id}/reveal`, {});
      log.push(`${step}: reveal: ${status}`);
    } else {
      const status = await turnPrivateWriting(false);
      log.push(`${step}: private writing off: ${status}`);
    }
  }

  /** Turning it off shows everything held, so nothing is secret from the moment it is asked for. */
  async function turnPrivateWriting(on: boolean): Promise<number> {
    if (!on) {
      secret.clear();
      privateWriting = false;
    }
    return facilitatorCall(`/api/boards/${board.id}/private-writing`, { on });
  }

  async function facilitatorCall(path: string, body: unknown): Promise<number> {
    try {
      return (await call(front.http, "POST", path, { token: board.facilitatorToken, body, timeoutMs: PATIENCE_MS })).status;
    } catch {
      return 0;
    }
  }

  async function killOne(step: number, downFor: number): Promise<void> {
    const [roll, other] = [rand(), pick(running)];
    const holder = await leaseHolder(db.admin, running, board.id);
    const victim = holder && roll < 0.6 ? holder : other;
    await victim.kill();
    front.markDown(victim.port);
    running.splice(running.indexOf(victim), 1);
    restartAt = step + downFor;
    event(`${step}: SIGKILL :${victim.port}${victim === holder ? " (the holder)" : ""}, back in ${downFor} steps`);
    await checkDurability(`after the SIGKILL at step ${step}`);
  }

  async function restartOne(step: number): Promise<void> {
    const instance = await startInstance(dataDir, redisPort);
    running.push(instance);
    front.markUp(instance.port);
    event(`${step}: a new instance on :${instance.port}`);
  }

  async function pauseOne(step: number): Promise<void> {
    const [roll, other] = [rand(), pick(running)];
    const holder = await leaseHolder(db.admin, running, board.id);
    paused = holder && roll < 0.6 ? holder : other;
    paused.child.kill("SIGSTOP");
    pausedAt = Date.now();
    front.markDown(paused.port);
    event(`${step}: SIGSTOP :${paused.port}${paused === holder ? " (the holder)" : ""}`);
  }

  /** Resumes the paused instance once it has been out past its lease: a holder comes back fenced. */
  async function resumePaused(step: number): Promise<void> {
    await delay(Math.max(0, pausedAt + LEASE_MS + 1_500 - Date.now()));
    paused!.child.kill("SIGCONT");
    front.markUp(paused!.port);
    event(`${step}: SIGCONT :${paused!.port}`);
    paused = null;
  }

  /**
   * Whatever a client holds from another writer reached it through a holder, which stores before
   * it relays: it must be in PostgreSQL, whoever died since.
   */
  async function checkDurability(when: string): Promise<void> {
    const held = clients.map((client) => ({ client, state: Y.decodeStateVector(Y.encodeStateVector(client.doc)) }));
    const stored = Y.decodeStateVector(Y.encodeStateVector((await storedBoard(db.storage, board.id)).doc));
    for (const { client, state } of held) {
      for (const [writer, clock] of state) {
        if (writer !== client.doc.clientID && (stored.get(writer) ?? 0) < clock) {
          throw fail(`${when}: ${client.name} holds ${writer}'s updates up to ${clock}, PostgreSQL only to ${stored.get(writer) ?? 0}`);
        }
      }
    }
    log.push(`durable ${when}`);
  }

  /** Every client synced and all holding the same board. */
  async function settle(group: Client[], when: string): Promise<void> {
    const converged = () => {
      const [first, ...rest] = group;
      return (
        group.every((client) => client.provider.synced) &&
        rest.every((client) => sameStateVector(first.doc, client.doc) && isDeepStrictEqual(notesJson(first.doc), notesJson(client.doc)))
      );
    };
    try {
      await waitFor(converged, 45_000, `the clients to converge ${when}`);
    } catch (error) {
      const states = group.map((client) => `${client.name}: synced=${client.provider.synced} notes=${notesOf(client.doc).size} closes=${client.closeCodes}`);
      throw fail(`${(error as Error).message}\n${states.join("\n")}`);
    }
    log.push(`settled ${when}`);
  }
});
