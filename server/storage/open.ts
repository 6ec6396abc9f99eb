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

const NOT_CLAIMED = "reconnecting to claim the database for this server";

/**
 * The store a server runs on: PostgreSQL when `DATABASE_URL` is set, claimed for this server alone
 * (server/storage/postgres/sole-server.ts), else SQLite in the data directory.
 */
export async function openConfiguredStorage(config: Pick<Config, "dataDir" | "databaseUrl" | "standby">, options: ServingOptions): Promise<Storage> {
  if (!config.databaseUrl) return openSqliteStorage(join(config.dataDir, "samla.sqlite"));
  if (config.standby) options.log("server.standby", { waiting: "for the database to be free (another Samla server holds it)" });
  const claim = await claimSoleServer(config.databaseUrl, { onTaken: options.onDatabaseTaken, standby: config.standby });
  const onConnectionLost = (error: Error) => options.log("storage.connection_lost", { error: error.message });
  const storage = await openPostgresStorage(config.databaseUrl, { onConnectionLost }).catch(async (error: unknown) => {
    await claim.release();
    throw error;
  });
  const whileClaimed = <Args extends unknown[], Result>(write: (...args: Args) => Promise<Result>) =>
    (...args: Args): Promise<Result> => (claim.held() ? write(...args) : Promise.reject(new Error(NOT_CLAIMED)));
  return {
    ...storage,
    // Writes that rewrite or remove a board's history wait for the claim: while it is being
    // re-made, another server may have the database (the room closes the writer, who resends).
    append: whileClaimed(storage.append),
    compact: whileClaimed(storage.compact),
    quarantine: whileClaimed(storage.quarantine),
    dropQuarantined: whileClaimed(storage.dropQuarantined),
    deleteBoard: whileClaimed(storage.deleteBoard),
    purgeDeleted: whileClaimed(storage.purgeDeleted),
    async checkHealth() {
      if (!claim.held()) throw new Error(NOT_CLAIMED);
      await storage.checkHealth();
    },
    async close() {
      await storage.close();
      await claim.release();
    },
  };
}
