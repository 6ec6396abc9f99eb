import { Redis } from "ioredis";
import type { Logger } from "../log";

/**
 * The cluster's Redis (REDIS_URL): each board's live stream (board-stream.ts) and the limits every
 * instance counts together (server/participation/throttle.ts). Redis holds nothing that is not also
 * in PostgreSQL or that a restart may not forget: a FLUSHALL or a restart costs the instances a
 * resync, never a note.
 */
export function openRedis(url: string, log: Logger): Redis {
  const redis = new Redis(url, {
    // Commands wait for a reconnect (a restarted Redis) a few seconds, then fail: callers resync.
    maxRetriesPerRequest: 3,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
    lazyConnect: false,
  });
  let down = false;
  redis.on("error", (error: Error) => {
    if (down) return;
    down = true;
    log("redis.unreachable", { error: error.message });
  });
  redis.on("ready", () => {
    if (down) log("redis.reconnected", {});
    down = false;
  });
  return redis;
}

/** For /readyz: Redis answers. */
export async function checkRedis(redis: Redis): Promise<void> {
  const answer = await redis.ping();
  if (answer !== "PONG") throw new Error(`Redis answered ${answer} to PING`);
}
