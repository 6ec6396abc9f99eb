import pg from "pg";
import { SOLE_SERVER_LOCK } from "./locks";
import { connectionSettings } from "./pool";

/**
 * The instances of a cluster and a server on its own never share a database: the lone server
 * fences its writes by its claim on the whole database (sole-server.ts), the instances by each
 * board's lease (board-leases.ts), and neither would see the other's writes as a takeover. Each
 * instance holds the lone server's lock shared, on a connection of its own, for its life: a lone
 * server cannot claim the database while an instance runs, and an instance cannot start while a
 * lone server holds it.
 */

export const CLUSTER_APPLICATION = "samla cluster instance";

export class LoneServerError extends Error {
  constructor() {
    super(
      "A Samla server without SAMLA_INSTANCE_URL is using this database (DATABASE_URL): instances of a cluster share a database only with each other. Stop that server, or start it with SAMLA_INSTANCE_URL too.",
    );
  }
}

export interface ClusterMembership {
  leave(): Promise<void>;
}

export interface MembershipOptions {
  /** A lone server claimed the database while this instance's connection was down: it must stop. */
  onTaken(): void;
  onRetry?(error: Error): void;
  retryMs?: number;
}

async function join(url: string): Promise<pg.Client> {
  const client = new pg.Client({ ...connectionSettings(url, CLUSTER_APPLICATION), keepAlive: true, keepAliveInitialDelayMillis: 10_000, connectionTimeoutMillis: 5_000 });
  client.on("error", () => undefined);
  try {
    await client.connect();
    const joined = await client.query<{ joined: boolean }>("SELECT pg_try_advisory_lock_shared($1) AS joined", [SOLE_SERVER_LOCK]);
    if (!joined.rows[0].joined) throw new LoneServerError();
    return client;
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
}

/** Joins the database's cluster, or throws LoneServerError; a lost connection is made again. */
export async function joinCluster(url: string, options: MembershipOptions): Promise<ClusterMembership> {
  let leaving = false;
  let client = await join(url);
  const rejoin = async (): Promise<void> => {
    while (!leaving) {
      await new Promise((resolve) => setTimeout(resolve, options.retryMs ?? 1_000));
      try {
        client = await join(url);
        client.once("end", () => void rejoin());
        return;
      } catch (error) {
        if (error instanceof LoneServerError) return options.onTaken();
        options.onRetry?.(error as Error);
      }
    }
  };
  client.once("end", () => void rejoin());
  return {
    async leave() {
      leaving = true;
      await client.end().catch(() => undefined);
    },
  };
}
