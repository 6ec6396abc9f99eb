import type pg from "pg";
import type { Storage } from "../types";
import { migrate, migrated } from "./migrations";
import { claimFence, type ClaimHolder, type WriteFence } from "./fence";
import { openPool, type PoolOptions } from "./pool";
import { pgBoards } from "./boards";
import { pgDocuments } from "./documents";
import { pgLifecycle } from "./lifecycle";
import { pgParticipation } from "./participation";
import { pgPersonalNotes } from "./personal";
import { pgHomework } from "./homework";
import { pgAccounts } from "./accounts";
import { pgAudit } from "./audit";
import { pgSeries } from "./series";

export type PostgresStorage = Storage & {
  /** Whether every migration this server knows has run (for tests and tools; the server migrates before it listens). */
  migrated(): Promise<boolean>;
};

/**
 * Storage in PostgreSQL (`DATABASE_URL`): the same calls as the SQLite store, for several
 * instances sharing one truth. Migrates the database on open (server/storage/postgres/migrations.ts).
 */
export interface PostgresOptions extends PoolOptions {
  /** The server's claim on the database: writes to boards' histories are made only while it holds (fence.ts). */
  claim?: ClaimHolder;
  /** Instead of a claim, in a cluster: each board's lease decides (lease-fence.ts). */
  fence?: WriteFence;
}

export async function openPostgresStorage(url: string, options: PostgresOptions = {}): Promise<PostgresStorage> {
  const pool: pg.Pool = openPool(url, options);
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const fence = options.fence ?? (options.claim ? claimFence(options.claim) : undefined);
  return {
    ...pgBoards(pool),
    ...pgDocuments(pool, fence),
    ...pgLifecycle(pool, fence),
    ...pgParticipation(pool, fence),
    ...pgPersonalNotes(pool),
    ...pgHomework(pool),
    ...pgAccounts(pool),
    ...pgAudit(pool),
    ...pgSeries(pool),
    migrated: () => migrated(pool),
    async close() {
      await pool.end();
    },
  };
}
