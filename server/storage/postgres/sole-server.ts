import { randomInt } from "node:crypto";
import pg from "pg";
import { CLAIM_TOKEN_LOCKS, SOLE_SERVER_LOCK, WRITE_BARRIER_LOCK } from "./locks";
import { connectionSettings } from "./pool";

export { SOLE_SERVER_LOCK };

/**
 * One Samla server per database, unless all are instances of a cluster (cluster-membership.ts). A server's rooms are the only writers
 * of their boards: two servers on one database would each compact a board's history and delete
 * the other's updates. The claim is a session-level advisory lock on a connection of its own,
 * held for the life of the process; PostgreSQL frees it the moment that connection ends, so a
 * killed server's successor can start at once.
 */
export const SOLE_SERVER_APPLICATION = "samla sole server";

export class DatabaseInUseError extends Error {
  constructor() {
    super(
      "Another Samla server is using this database (DATABASE_URL). One server per database, unless every server is an instance of a cluster (SAMLA_INSTANCE_URL): stop the other server first.",
    );
  }
}

export interface SoleServerClaim {
  /** Whether this server holds the claim now (false while its connection is being re-made). */
  held(): boolean;
  /** The claim's token, null while it is being re-made: writes are fenced by it (fence.ts). */
  token(): number | null;
  release(): Promise<void>;
}

export interface ClaimOptions {
  /** How long to wait at start for a previous server's connection to end (ms). */
  waitMs?: number;
  /**
   * A standby server (SAMLA_STANDBY): waits as long as it takes, in PostgreSQL's queue for the
   * lock, and takes over the moment the running server's connection ends.
   */
  standby?: boolean;
  /** A standby's attempt failed on something that may pass (the database restarting): worth a log line. */
  onRetry?(error: Error): void;
  /** Pause between attempts at start (ms); after a lost connection it is a second. */
  retryMs?: number;
  /** Another server took the database while this one's connection was down: it must stop writing. */
  onTaken(): void;
}

/** A backend, told apart from a later one that reuses its process id. */
interface Backend {
  pid: number;
  started: string;
}

/**
 * A connection that notices a silent network drop within seconds rather than hours. The server's
 * own keepalives (connectionSettings) matter as much as ours: if this host dies without closing
 * the connection, PostgreSQL holds the lock until it finds the connection dead (about 25 s).
 */
function lockConnection(url: string): pg.Client {
  return new pg.Client({
    // Named in pg_stat_activity, so an operator sees which connection holds the database.
    ...connectionSettings(url, SOLE_SERVER_APPLICATION),
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    connectionTimeoutMillis: 5_000,
  });
}

const THIS_BACKEND = "SELECT pid, backend_start::text AS started FROM pg_stat_activity WHERE pid = pg_backend_pid()";
const LOCK_HOLDER = `
  SELECT l.pid, a.backend_start::text AS started
  FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
  WHERE l.locktype = 'advisory' AND l.granted AND l.classid = 0 AND l.objid = $1 AND l.objsubid = 1
    AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`;

/** Every question but a standby's wait in line gives up after this (ms). */
const ANSWER_WITHIN = 5_000;
// pg reads `query_timeout` from a query's config as from the client's (lib/client.js); its types
// know only the client's. Per query, so that a standby's wait in line has none.
const ask = <Row extends pg.QueryResultRow>(client: pg.Client, text: string, values: unknown[] = []) =>
  client.query<Row>({ text, values, query_timeout: ANSWER_WITHIN } as pg.QueryConfig);

/** A claim made: its connection, the backend behind it, and its token (fence.ts). */
interface Claimed {
  client: pg.Client;
  backend: Backend;
  token: number;
}

type Attempt = Claimed | { holder: Backend | null };

/**
 * Tries once: the connection holding the lock, or who holds it instead (null if it was let go
 * between the two questions). Throws if PostgreSQL cannot be reached.
 */
async function tryClaim(url: string): Promise<Attempt> {
  const client = lockConnection(url);
  client.on("error", () => undefined);
  try {
    await client.connect();
    const result = await ask<{ claimed: boolean }>(client, "SELECT pg_try_advisory_lock($1) AS claimed", [SOLE_SERVER_LOCK]);
    if (result.rows[0].claimed) return { client, ...(await settleIn(client)) };
    const holder = (await ask<Backend>(client, LOCK_HOLDER, [SOLE_SERVER_LOCK])).rows[0] ?? null;
    await client.end().catch(() => undefined);
    return { holder };
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
}

/** Longer than any write of a previous holder may still take (the pool's statement and idle-in-transaction limits are 60 s). */
const SETTLE_WITHIN = 90_000;

/**
 * Once the lock is ours: takes the claim's own token lock, and waits for the writes a previous
 * holder still had in flight (they hold the barrier shared, fence.ts). Whatever timeouts the
 * operator's DATABASE_URL sets, this waits as long as those writes can take, and no longer.
 */
async function settleIn(client: pg.Client): Promise<{ backend: Backend; token: number }> {
  const token = randomInt(1, 2 ** 31 - 1);
  const settle = (text: string, values: unknown[] = []) => client.query({ text, values, query_timeout: SETTLE_WITHIN } as pg.QueryConfig);
  await settle("BEGIN");
  try {
    await settle("SET LOCAL lock_timeout = 0");
    await settle("SET LOCAL statement_timeout = 0");
    await settle("SELECT pg_advisory_lock($1, $2)", [CLAIM_TOKEN_LOCKS, token]);
    await settle("SELECT pg_advisory_lock($1), pg_advisory_unlock($1)", [WRITE_BARRIER_LOCK]);
    await settle("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
  return { backend: (await ask<Backend>(client, THIS_BACKEND)).rows[0], token };
}

/** Ends a backend of this server's that PostgreSQL still counts as alive (its client gave up on it first). */
async function endBackend(url: string, backend: Backend): Promise<void> {
  const client = lockConnection(url);
  client.on("error", () => undefined);
  try {
    await client.connect();
    await ask(client, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid = $1 AND backend_start::text = $2", [backend.pid, backend.started]);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Errors a standby cannot wait out: the operator must change its settings. */
const HOPELESS = new Set(["28P01", "28000", "3D000"]);

/** PostgreSQL's code for a lock not granted within lock_timeout. */
const LOCK_NOT_AVAILABLE = "55P03";

/**
 * A standby's wait: one connection in PostgreSQL's queue for the lock, so it has the database the
 * moment the running server's connection ends. The wait is cut every 2 s and asked again, which
 * proves the connection alive (a silently dropped one times out and is made again).
 */
async function waitInLine(url: string, options: ClaimOptions): Promise<Claimed> {
  for (;;) {
    const client = lockConnection(url);
    client.on("error", () => undefined);
    try {
      await client.connect();
      await ask(client, "SET lock_timeout = '2s'");
      for (;;) {
        const granted = await ask(client, "SELECT pg_advisory_lock($1)", [SOLE_SERVER_LOCK]).then(
          () => true,
          (error: { code?: string }) => {
            if (error.code === LOCK_NOT_AVAILABLE) return false;
            throw error;
          },
        );
        if (granted) {
          await ask(client, "RESET lock_timeout");
          return { client, ...(await settleIn(client)) };
        }
      }
    } catch (error) {
      await client.end().catch(() => undefined);
      if (HOPELESS.has((error as { code?: string }).code ?? "")) throw error;
      options.onRetry?.(error as Error);
      await pause(1_000);
    }
  }
}

/** Claims the database for this server, or throws DatabaseInUseError if another keeps it for `waitMs`. */
export async function claimSoleServer(url: string, options: ClaimOptions): Promise<SoleServerClaim> {
  if (options.standby) return keepClaim(url, await waitInLine(url, options), options);
  const { waitMs = 5_000, retryMs = 250 } = options;
  const giveUpAt = Date.now() + waitMs;
  let attempt = await tryClaim(url);
  while (!("client" in attempt)) {
    if (Date.now() >= giveUpAt) throw new DatabaseInUseError();
    await pause(retryMs);
    attempt = await tryClaim(url);
  }
  return keepClaim(url, attempt, options);
}

const same = (a: Backend, b: Backend | null) => b !== null && a.pid === b.pid && a.started === b.started;

/** Watches the claim's connection; when it ends, claims again, or reports that another server took it. */
function keepClaim(url: string, first: Claimed, options: ClaimOptions): SoleServerClaim {
  let current: pg.Client | null = first.client;
  // The backend that held the lock for us last: after a heartbeat times out it may still hold it.
  let ours = first.backend;
  let token = first.token;
  let released = false;
  const heartbeat = setInterval(() => {
    const client = current;
    if (client) ask(client, "SELECT 1").catch(() => lost(client));
  }, 5_000);
  heartbeat.unref();

  const watch = (client: pg.Client) => {
    client.on("error", () => lost(client));
    client.on("end", () => lost(client));
  };
  const lost = (client: pg.Client | null) => {
    if (released || !client || client !== current) return;
    current = null;
    void client.end().catch(() => undefined);
    void reclaim();
  };
  const reclaim = async () => {
    while (!released && !current) {
      try {
        const attempt = await tryClaim(url);
        if (released) return void ("client" in attempt && attempt.client.end().catch(() => undefined));
        if ("client" in attempt) {
          current = attempt.client;
          ours = attempt.backend;
          token = attempt.token;
          watch(attempt.client);
        } else if (same(ours, attempt.holder)) {
          await endBackend(url, ours);
          await pause(250);
        } else if (attempt.holder) {
          return options.onTaken();
        } else {
          await pause(100);
        }
      } catch {
        await pause(1_000);
      }
    }
  };

  watch(first.client);
  return {
    held: () => current !== null,
    token: () => (current ? token : null),
    async release() {
      released = true;
      clearInterval(heartbeat);
      await current?.end().catch(() => undefined);
      current = null;
    },
  };
}
