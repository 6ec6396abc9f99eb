import { join } from "node:path";
import type { Config } from "../config";
import type { Logger } from "../log";
import { openPostgresStorage } from "./postgres/postgres";
import { claimSoleServer } from "./postgres/sole-server";
import { openSqliteStorage } from "./sqlite";
import type { Storage } from "./types";

export interface ServingOptions {
  /** Another server took this server's PostgreSQL database while its connection was down. */
  onDatabaseTaken(): void;
  log: Logger;
}

/**
 * The store a server runs on: PostgreSQL when `DATABASE_URL` is set, claimed for this server alone
 * (server/storage/postgres/sole-server.ts), else SQLite in the data directory.
 */
export async function openConfiguredStorage(config: Pick<Config, "dataDir" | "databaseUrl">, options: ServingOptions): Promise<Storage> {
  if (!config.databaseUrl) return openSqliteStorage(join(config.dataDir, "samla.sqlite"));
  const claim = await claimSoleServer(config.databaseUrl, { onTaken: options.onDatabaseTaken });
  const onConnectionLost = (error: Error) => options.log("storage.connection_lost", { error: error.message });
  const storage = await openPostgresStorage(config.databaseUrl, { onConnectionLost }).catch(async (error: unknown) => {
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
