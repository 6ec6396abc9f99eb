import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";
import { openRedis } from "./cluster/redis";
import { createSamlaServer } from "./app";
import { loadOrCreateSecret } from "./auth/secret";
import { readConfig } from "./config";
import { consoleLogger } from "./log";
import { openClusterStorage, openConfiguredStorage } from "./storage/open";
import { prepareDataDir } from "./storage/data-dir";

// Self-hosted in care settings: the pages never phone home.
process.env.NEXT_TELEMETRY_DISABLED ??= "1";

const STOP_DEADLINE_MS = 8_000;
const projectDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const log = consoleLogger();

/** `npm start` on a fresh clone: build the pages once if no build exists. */
function buildIfMissing(): void {
  if (existsSync(join(projectDir, ".next", "BUILD_ID"))) return;
  log("build.start", { reason: "no build found" });
  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  const result = spawnSync(process.execPath, [nextBin, "build"], { cwd: projectDir, stdio: "inherit" });
  if (result.status !== 0) throw new Error("next build failed");
}

/** Two servers writing one board's history would undo each other's compactions: stop at once. */
function onDatabaseTaken(): never {
  log("server.database_taken", { error: "another Samla server (not an instance of this cluster) claimed this database while the connection to it was down" });
  process.exit(1);
}

async function main(): Promise<void> {
  const config = readConfig();
  prepareDataDir(config.dataDir);
  if (!config.dev) buildIfMissing();
  const pages = next({ dev: config.dev, dir: projectDir });
  await pages.prepare();
  const handle = pages.getRequestHandler();
  const { storage, leases } = config.instanceUrl ? await openClusterStorage(config, { onDatabaseTaken, log }) : { storage: await openConfiguredStorage(config, { onDatabaseTaken, log }), leases: undefined };
  const samla = createSamlaServer({
    storage,
    leases,
    redis: config.redisUrl ? openRedis(config.redisUrl, log) : undefined,
    secret: loadOrCreateSecret(config.dataDir, config.secret),
    log,
    maxMessageBytes: config.maxMessageBytes,
    publicUrl: config.publicUrl,
    limits: config.limits,
    trustedProxies: config.trustedProxies,
    retentionDays: config.retentionDays,
    oidc: config.oidc,
    pages: (req, res) => handle(req, res),
    pagesUpgrade: config.dev ? pages.getUpgradeHandler() : undefined,
    dev: config.dev,
  });
  const port = await samla.listen(config.port, config.host);
  log("server.listening", { port, storage: config.databaseUrl ? "postgresql" : config.dataDir, url: `http://localhost:${port}`, ...(config.instanceUrl ? { instance: config.instanceUrl } : {}) });

  const shutdown = (signal: string) => {
    log("server.stopping", { signal });
    // Within a container's grace period (Docker's is 10 s): a store that no longer answers must not
    // keep the process, and with it PostgreSQL's claim, alive until SIGKILL.
    setTimeout(() => {
      log("server.stop_timed_out", { afterMs: STOP_DEADLINE_MS });
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    samla.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log("server.stop_failed", { error: String(error) });
        process.exit(1);
      },
    );
  };
  // A bug in one request's path is logged, not fatal: every board on this server stays up.
  process.on("unhandledRejection", (reason) => log("server.unhandled_rejection", { error: String(reason) }));
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  log("server.failed", { error: String(error) });
  process.exit(1);
});
