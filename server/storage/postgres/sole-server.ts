import pg from "pg";

/**
 * One Samla server per database, until cluster mode exists. A server's rooms are the only writers
 * of their boards: two servers on one database would each compact a board's history and delete
 * the other's updates. The claim is a session-level advisory lock on a connection of its own,
 * held for the life of the process; PostgreSQL frees it the moment that connection ends, so a
 * killed server's successor can start at once.
 */
export const SOLE_SERVER_LOCK = 7311943;
export const SOLE_SERVER_APPLICATION = "samla sole server";

export class DatabaseInUseError extends Error {
  constructor() {
    super(
      "Another Samla server is using this database (DATABASE_URL). One server per database until cluster mode (REDIS_URL) is available: stop the other server first.",
    );
  }
}

export interface SoleServerClaim {
  /** Whether this server holds the claim now (false while its connection is being re-made). */
  held(): boolean;
  release(): Promise<void>;
}

export interface ClaimOptions {
  /** How long to wait at start for a previous server's connection to end (ms). */
  waitMs?: number;
  /** Pause between attempts at start (ms); after a lost connection it is a second. */
  retryMs?: number;
  /** Another server took the database while this one's connection was down: it must stop writing. */
  onTaken(): void;
}

/** A connection that notices a silent network drop within seconds rather than hours. */
function lockConnection(url: string): pg.Client {
  return new pg.Client({
    connectionString: url,
    keepAlive: true,
    query_timeout: 5_000,
    connectionTimeoutMillis: 5_000,
    // Named in pg_stat_activity, so an operator sees which connection holds the database.
    application_name: SOLE_SERVER_APPLICATION,
  });
}

/** Tries once: the connection holding the lock, or null if another server has it. Throws if PostgreSQL cannot be reached. */
async function tryClaim(url: string): Promise<pg.Client | null> {
  const client = lockConnection(url);
  client.on("error", () => undefined);
  try {
    await client.connect();
    const result = await client.query<{ claimed: boolean }>("SELECT pg_try_advisory_lock($1) AS claimed", [SOLE_SERVER_LOCK]);
    if (result.rows[0].claimed) return client;
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  await client.end().catch(() => undefined);
  return null;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Claims the database for this server, or throws DatabaseInUseError if another keeps it for `waitMs`. */
export async function claimSoleServer(url: string, options: ClaimOptions): Promise<SoleServerClaim> {
  const { waitMs = 5_000, retryMs = 250 } = options;
  const giveUpAt = Date.now() + waitMs;
  let client = await tryClaim(url);
  while (!client) {
    if (Date.now() >= giveUpAt) throw new DatabaseInUseError();
    await pause(retryMs);
    client = await tryClaim(url);
  }
  return keepClaim(url, client, options);
}

/** Watches the claim's connection; when it ends, claims again, or reports that another server took it. */
function keepClaim(url: string, first: pg.Client, options: ClaimOptions): SoleServerClaim {
  let current: pg.Client | null = first;
  let released = false;
  const heartbeat = setInterval(() => {
    const client = current;
    client?.query("SELECT 1").catch(() => lost(client));
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
        const client = await tryClaim(url);
        if (released) return void client?.end().catch(() => undefined);
        if (!client) return options.onTaken();
        current = client;
        watch(client);
      } catch {
        await pause(1_000);
      }
    }
  };

  watch(first);
  return {
    held: () => current !== null,
    async release() {
      released = true;
      clearInterval(heartbeat);
      await current?.end().catch(() => undefined);
      current = null;
    },
  };
}
