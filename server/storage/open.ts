import { join } from "node:path";
import type { Config } from "../config";
import { openPostgresStorage } from "./postgres/postgres";
import { claimSoleServer } from "./postgres/sole-server";
import { openSqliteStorage } from "./sqlite";
import type { Storage } from "./types";

export interface ServingOptions {
  /** Another server took this server's PostgreSQL database while its connection was down. */
  onDatabaseTaken(): void;
}

/**
 * The store a server runs on: PostgreSQL when `DATABASE_URL` is set, claimed for this server alone
 * (server/storage/postgres/sole-server.ts), else SQLite in the data directory.
 */
export async function openConfiguredStorage(config: Pick<Config, "dataDir" | "databaseUrl">, options: ServingOptions): Promise<Storage> {
  if (!config.databaseUrl) return openSqliteStorage(join(config.dataDir, "samla.sqlite"));
  const claim = await claimSoleServer(config.databaseUrl, { onTaken: options.onDatabaseTaken });
  const storage = await openPostgresStorage(config.databaseUrl).catch(async (error: unknown) => {
    await claim.release();
    throw error;
  });
  return {
    ...storage,
    async checkHealth() {
      if (!claim.held()) throw new Error("reconnecting to claim the database for this server");
      await storage.checkHealth();
    },
    async close() {
      await storage.close();
      await claim.release();
    },
  };
}
