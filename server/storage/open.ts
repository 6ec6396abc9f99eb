import { join } from "node:path";
import type { Config } from "../config";
import { openPostgresStorage } from "./postgres/postgres";
import { openSqliteStorage } from "./sqlite";
import type { Storage } from "./types";

/** The store the configuration names: PostgreSQL when `DATABASE_URL` is set, else SQLite in the data directory. */
export async function openConfiguredStorage(config: Pick<Config, "dataDir" | "databaseUrl">): Promise<Storage> {
  return config.databaseUrl ? openPostgresStorage(config.databaseUrl) : openSqliteStorage(join(config.dataDir, "samla.sqlite"));
}
