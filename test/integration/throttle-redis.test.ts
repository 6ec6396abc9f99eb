import assert from "node:assert/strict";
import { after, test } from "node:test";
import { Redis } from "ioredis";
import { SERVER_LIMITS } from "../../lib/schema/limits";
import { LimitReached, Throttle } from "../../server/participation/throttle";

/**
 * With REDIS_URL every instance of a cluster counts the same limits (the machine's Redis on
 * 127.0.0.1:6379; the test fails when it is unreachable). A guesser spreading wrong join codes over
 * three instances gets no more guesses than on one.
 */

const redis = new Redis("redis://127.0.0.1:6379", { maxRetriesPerRequest: 1 });
after(() => redis.disconnect());

async function refusal(attempt: Promise<void>): Promise<string | null> {
  try {
    await attempt;
    return null;
  } catch (error) {
    if (error instanceof LimitReached) return error.code;
    throw error;
  }
}

test("wrong join codes are counted across instances: the address's budget is spent once, wherever the guesses land", async () => {
  await redis.ping();
  const limits = { ...SERVER_LIMITS, wrongJoinCodesPerAddress: 3 };
  const [a, b, c] = [new Throttle(limits, redis), new Throttle(limits, redis), new Throttle(limits, redis)];
  const address = `198.51.100.${Math.floor(Math.random() * 250)}-${Date.now()}`;
  assert.equal(await refusal(a.beginGuess(address)), null);
  assert.equal(await refusal(b.beginGuess(address)), null);
  assert.equal(await refusal(c.beginGuess(address)), null);
  assert.equal(await refusal(a.beginGuess(address)), "too_many_attempts", "a fourth guess through A after one on each instance");
  assert.equal(await refusal(b.beginGuess(address)), "too_many_attempts");
  // Without Redis each instance alone would have allowed three more on its own.
  const alone = new Throttle(limits);
  assert.equal(await refusal(alone.beginGuess(address)), null);
});

test("a right code gives the point back for every instance", async () => {
  const limits = { ...SERVER_LIMITS, wrongJoinCodesPerAddress: 2 };
  const [a, b] = [new Throttle(limits, redis), new Throttle(limits, redis)];
  const address = `203.0.113.${Math.floor(Math.random() * 250)}-${Date.now()}`;
  await a.beginGuess(address);
  await a.guessWasRight(address);
  await b.beginGuess(address);
  assert.equal(await refusal(b.beginGuess(address)), null, "the right code's point came back");
  assert.equal(await refusal(a.beginGuess(address)), "too_many_attempts");
});

test("Redis unreachable: each instance goes on counting in memory, refusing nobody it would not refuse alone", async () => {
  const down = new Redis("redis://127.0.0.1:1", { maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null, lazyConnect: true });
  down.on("error", () => undefined);
  const limits = { ...SERVER_LIMITS, wrongJoinCodesPerAddress: 2 };
  const throttle = new Throttle(limits, down);
  assert.equal(await refusal(throttle.beginGuess("192.0.2.1")), null);
  assert.equal(await refusal(throttle.beginGuess("192.0.2.1")), null);
  assert.equal(await refusal(throttle.beginGuess("192.0.2.1")), "too_many_attempts");
  down.disconnect();
});
