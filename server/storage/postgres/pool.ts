import pg from "pg";

/** Something that runs one statement: the pool, or a transaction's client. */
export interface Sql {
  query<Row extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<Row>>;
}

/**
 * BIGINT columns hold milliseconds and sequence numbers, all below 2^53: read them as numbers, in
 * this pool only (pg's global parsers are left alone for other users of the module).
 */
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === pg.types.builtins.INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
};

export interface PoolOptions {
  /** An idle connection was lost (a PostgreSQL restart, pg_terminate_backend): worth a log line. */
  onConnectionLost?(error: Error): void;
}

/**
 * The limits below turn an unreachable or stuck database into an error within seconds (a room
 * closes the writer's connection, the client resends) instead of a write that waits forever.
 */
const LIMITS = {
  max: 10,
  connectionTimeoutMillis: 10_000,
  // Finds silently dropped connections (a NAT or firewall forgetting them) within minutes: the
  // first probe after 10 s idle instead of the operating system's two hours.
  keepAlive: true,
  keepAliveInitialDelayMillis: 10_000,
  // No statement of the server's takes this long; migrations and vacuums lift it (unlimited).
  statement_timeout: 60_000,
  idle_in_transaction_session_timeout: 60_000,
};

/**
 * PostgreSQL's own keepalives on each connection: a server whose host died without closing its
 * connections (power cut, network gone) is found dead in about 25 s (10 s idle, then every 5 s,
 * 3 tries), which ends its transactions and frees its claim on the database.
 */
const SERVER_KEEPALIVES = "-c tcp_keepalives_idle=10 -c tcp_keepalives_interval=5 -c tcp_keepalives_count=3";

/**
 * `url` with our connection settings added to, not replaced by, its own: pg lets a URL's
 * `options` and `application_name` override the ones given beside it.
 */
export function connectionSettings(url: string, applicationName?: string): Pick<pg.ClientConfig, "connectionString" | "options" | "application_name"> {
  // pg also takes forms that are no URL ("/var/run/postgresql samla"): those keep their own settings.
  if (!URL.canParse(url)) return { connectionString: url, options: SERVER_KEEPALIVES, ...(applicationName ? { application_name: applicationName } : {}) };
  const parsed = new URL(url);
  const own = parsed.searchParams.get("options");
  const name = parsed.searchParams.get("application_name");
  parsed.searchParams.delete("options");
  parsed.searchParams.delete("application_name");
  return {
    connectionString: parsed.toString(),
    options: [own, SERVER_KEEPALIVES].filter(Boolean).join(" "),
    ...(applicationName || name ? { application_name: applicationName ?? name! } : {}),
  };
}

export function openPool(url: string, options: PoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({ ...connectionSettings(url), types, ...LIMITS });
  // An idle client whose server went away emits here; the pool drops it and the next query gets
  // a fresh one. Unhandled, it would end the process.
  pool.on("error", (error) => options.onConnectionLost?.(error));
  return pool;
}

/** Runs `work` on one client with no statement timeout: migrations and vacuums of large tables. */
export async function withoutTimeout<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("SET statement_timeout = 0");
    const result = await work(client);
    await client.query("RESET statement_timeout");
    client.release();
    return result;
  } catch (error) {
    // The client's settings are unknown now: it is closed, not handed back to the pool.
    client.release(error as Error);
    throw error;
  }
}

/** Runs `work` in one transaction on one client: all of it or none of it. */
export async function inTransaction<T>(pool: pg.Pool, work: (sql: Sql) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    client.release();
    return result;
  } catch (error) {
    // A client that cannot even roll back (its connection is gone) is closed, not reused.
    const rolledBack = await client.query("ROLLBACK").then(
      () => true,
      () => false,
    );
    client.release(rolledBack ? undefined : (error as Error));
    throw error;
  }
}

/** The rows of one statement. */
export async function rows<Row extends pg.QueryResultRow>(sql: Sql, text: string, values: unknown[] = []): Promise<Row[]> {
  return (await sql.query<Row>(text, values)).rows;
}

/** The first row of one statement, or null. */
export async function row<Row extends pg.QueryResultRow>(sql: Sql, text: string, values: unknown[] = []): Promise<Row | null> {
  return (await sql.query<Row>(text, values)).rows[0] ?? null;
}
