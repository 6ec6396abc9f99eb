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

export function openPool(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, types, max: 10 });
  // An idle client whose server went away (a restart, pg_terminate_backend) emits here; the pool
  // drops it and the next query gets a fresh one. Unhandled, it would end the process.
  pool.on("error", () => undefined);
  return pool;
}

/** Runs `work` in one transaction on one client: all of it or none of it. */
export async function inTransaction<T>(pool: pg.Pool, work: (sql: Sql) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
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
