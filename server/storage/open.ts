import { randomUUID } from "node:crypto";
import { join } from "node:path";
import type { Config } from "../config";
import type { Logger } from "../log";
import { openPostgresStorage } from "./postgres/postgres";
import { claimSoleServer } from "./postgres/sole-server";
import { BoardLeases, leaseFence } from "./postgres/board-leases";
import { openPool } from "./postgres/pool";
import { joinCluster } from "./postgres/cluster-membership";
import { openSqliteStorage } from "./sqlite";
import type { Storage } from "./types";

export interface ServingOptions {
  /** Another server took this server's PostgreSQL database while its connection was down. */
  onDatabaseTaken(): void;
  log: Logger;
}

/**
 * One of several instances on PostgreSQL (SAMLA_INSTANCE_URL): no claim on the whole database;
 * each board's writes go through only while this instance holds the board's lease (board-leases.ts).
 */
export async function openClusterStorage(
  config: Pick<Config, "databaseUrl" | "instanceUrl">,
  options: ServingOptions,
): Promise<{ storage: Storage; leases: BoardLeases }> {
  const url = config.databaseUrl!;
  const membership = await joinCluster(url, {
    onTaken: options.onDatabaseTaken,
    onRetry: (error) => options.log("cluster.rejoin_retry", { error: error.message }),
  });
  const onConnectionLost = (error: Error) => options.log("storage.connection_lost", { error: error.message });
  const leasePool = openPool(url, { onConnectionLost });
  const leases = new BoardLeases(leasePool, {
    instanceId: randomUUID(),
    instanceUrl: config.instanceUrl!,
    onRenewFailed: (error) => options.log("cluster.renew_failed", { error: error.message }),
  });
  const storage = await openPostgresStorage(url, { onConnectionLost, fence: leaseFence(leases) }).catch(async (error: unknown) => {
    await leasePool.end();
    await membership.leave();
    throw error;
  });
  leases.start();
  return {
    leases,
    storage: {
      ...storage,
      async close() {
        await storage.close();
        await leasePool.end();
        await membership.leave();
      },
    },
  };
}

const NOT_CLAIMED = "reconnecting to claim the database for this server";

/**
 * The store a server runs on: PostgreSQL when `DATABASE_URL` is set, claimed for this server alone
 * (server/storage/postgres/sole-server.ts), else SQLite in the data directory.
 */
export async function openConfiguredStorage(config: Pick<Config, "dataDir" | "databaseUrl" | "standby">, options: ServingOptions): Promise<Storage> {
  if (!config.databaseUrl) return openSqliteStorage(join(config.dataDir, "samla.sqlite"));
  if (config.standby) options.log("server.standby", { waiting: "for the database to be free (another Samla server holds it)" });
  const claim = await claimSoleServer(config.databaseUrl, {
    onTaken: options.onDatabaseTaken,
    standby: config.standby,
    onRetry: (error) => options.log("server.standby_retry", { error: error.message }),
  });
  const onConnectionLost = (error: Error) => options.log("storage.connection_lost", { error: error.message });
  // Writes to boards' histories are made only while the claim holds, checked in PostgreSQL (fence.ts).
  const storage = await openPostgresStorage(config.databaseUrl, { onConnectionLost, claim: () => claim.token() }).catch(async (error: unknown) => {
    await claim.release();
    throw error;
  });
  return {
    ...storage,
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
