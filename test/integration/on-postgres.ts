/**
 * `npm run test:integration:postgres`: the integration and hostile suites again, each test server on a
 * PostgreSQL database of its own (helpers.ts openTestStorage), so both stores are held to the same
 * behaviour. Fails, not skips, when PostgreSQL is unreachable. Databases of a run (and of a run
 * that was killed) are dropped before and after.
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { dropTestDatabases } from "../../server/storage/postgres/test-database";

// The backup command copies the SQLite file (PostgreSQL is backed up with its own tools), and the
// PostgreSQL store's own tests and the cluster's choose their store already.
const NOT_AGAIN = new Set(["backup.test.ts", "postgres-store.test.ts", "cluster.test.ts", "cluster-redis.test.ts", "cluster-randomized.test.ts", "throttle-redis.test.ts", "board-leases.test.ts"]);

// The attacks of test/hostile too: what a hand-made update does must not depend on the store.
const files = ["test/integration", "test/hostile"].flatMap((folder) =>
  readdirSync(folder)
    .filter((name) => name.endsWith(".test.ts") && !NOT_AGAIN.has(name))
    .map((name) => `${folder}/${name}`),
);

await dropTestDatabases();
const run = spawnSync(process.execPath, ["--import", "tsx", "--test", "--test-concurrency=1", ...files], {
  stdio: "inherit",
  env: {
    // The hostile fuzzers again, but fewer and other seeds: the SQLite pass sends the full volume
    // (what the guard refuses does not depend on the store); here they check PostgreSQL keeps the same.
    HOSTILE_SEEDS: "101-125",
    HOSTILE_VARIANTS: "5000",
    HOSTILE_SEED: "20001",
    ...process.env,
    SAMLA_TEST_STORE: "postgres",
  },
});
await dropTestDatabases();
process.exit(run.status ?? 1);
