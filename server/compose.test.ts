import assert from "node:assert/strict";
import { execSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { parse } from "yaml";
import { loadOrCreateSecret } from "./auth/secret";
import { SERVER_LIMITS } from "../lib/schema/limits";
import { readConfig } from "./config";

/**
 * compose.yaml and the Dockerfile cannot be run here (no Docker engine): what they hand the server
 * is checked instead, through the same readConfig the server starts with.
 */

interface ComposeService {
  environment: Record<string, string>;
  volumes?: string[];
}

const root = join(import.meta.dirname, "..");
const compose = parse(readFileSync(join(root, "compose.yaml"), "utf8")) as { services: Record<string, ComposeService> };
const dockerfile = readFileSync(join(root, "Dockerfile"), "utf8");

/** The secret recipe compose.yaml's comment gives the operator. */
const recipeSecret = () => execSync("openssl rand -base64 32 | tr '+/' '-_' | tr -d '='", { shell: "/bin/sh" }).toString().trim();

/** Compose's interpolation: `${NAME:?message}` takes the operator's value, `${NAME:-default}` falls back. */
function interpolate(value: string, operator: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::([?-])([^}]*))?\}/g, (_, name: string, kind: string | undefined, rest: string) => {
    if (operator[name] !== undefined) return operator[name];
    if (kind === "?") throw new Error(`compose refuses to start without ${name}: ${rest}`);
    return kind === "-" ? rest : "";
  });
}

test("compose.yaml's environment starts Samla on its PostgreSQL service, with a secret made by its own recipe", () => {
  const operator = { POSTGRES_PASSWORD: "3f9c1e7a5b2d4c6e8f0a1b2c3d4e5f60", SAMLA_SECRET: recipeSecret(), SAMLA_PUBLIC_URL: "https://samla.example.org" };
  const samla = compose.services.samla;
  const env = Object.fromEntries(Object.entries(samla.environment).map(([name, value]) => [name, interpolate(String(value), operator)]));
  const config = readConfig({ ...env, DATA_DIR: "/data" });

  const database = new URL(config.databaseUrl!);
  const postgres = compose.services.postgres.environment;
  assert.equal(database.protocol, "postgres:");
  assert.equal(database.hostname, "postgres", "the compose service's name");
  assert.equal(decodeURIComponent(database.username), postgres.POSTGRES_USER);
  assert.equal(database.pathname, `/${postgres.POSTGRES_DB}`);
  assert.equal(config.publicUrl, "https://samla.example.org");
  assert.equal(config.retentionDays, 90);
  assert.equal(loadOrCreateSecret(mkdtempSync(join(tmpdir(), "samla-compose-")), config.secret).length, 32);
});

test("a password made by the recipe in compose.yaml's comment reaches PostgreSQL unchanged through the URL", () => {
  const password = execSync("openssl rand -hex 24", { shell: "/bin/sh" }).toString().trim();
  assert.match(readFileSync(join(root, "compose.yaml"), "utf8"), /POSTGRES_PASSWORD=\$\(openssl rand -hex 24\)/);
  const url = interpolate(compose.services.samla.environment.DATABASE_URL, { POSTGRES_PASSWORD: password });
  assert.equal(decodeURIComponent(new URL(url).password), password);
});

test("compose.yaml refuses to start without a database password, a secret or a public address", () => {
  const samla = compose.services.samla;
  for (const missing of ["POSTGRES_PASSWORD", "SAMLA_SECRET", "SAMLA_PUBLIC_URL"]) {
    const operator: Record<string, string> = { POSTGRES_PASSWORD: "x", SAMLA_SECRET: recipeSecret(), SAMLA_PUBLIC_URL: "https://samla.example.org" };
    delete operator[missing];
    assert.throws(() => Object.values(samla.environment).forEach((value) => interpolate(String(value), operator)), new RegExp(missing));
  }
});

test("the image keeps its data where compose mounts a volume, runs as `npm start` does, and asks /readyz for its health", () => {
  assert.match(dockerfile, /ENV .*DATA_DIR=\/data/);
  assert.ok(compose.services.samla.volumes?.some((volume) => volume.endsWith(":/data")));
  const start = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts: { start: string } }).scripts.start;
  assert.equal(start, "tsx server/main.ts");
  assert.match(dockerfile, /CMD \["node", "--import", "tsx", "server\/main.ts"\]/);
  assert.match(dockerfile, /HEALTHCHECK[\s\S]*\/readyz/);
  assert.match(dockerfile, /^USER node$/m, "not root");
});

test("compose.cluster.yaml starts three instances of one cluster on its PostgreSQL, each reached where HAProxy's configuration sends requests", () => {
  const cluster = parse(readFileSync(join(root, "compose.cluster.yaml"), "utf8"), { merge: true }) as { services: Record<string, ComposeService> };
  const haproxy = readFileSync(join(root, "deploy", "haproxy.cfg"), "utf8");
  const operator = { POSTGRES_PASSWORD: "3f9c1e7a5b2d4c6e8f0a1b2c3d4e5f60", SAMLA_SECRET: recipeSecret(), SAMLA_PUBLIC_URL: "https://samla.example.org" };
  const instances = ["samla-1", "samla-2", "samla-3"];
  const configs = instances.map((name) => {
    const env = Object.fromEntries(Object.entries(cluster.services[name].environment).map(([key, value]) => [key, interpolate(String(value), operator)]));
    return readConfig({ ...env, DATA_DIR: "/data" });
  });
  for (const [i, config] of configs.entries()) {
    const name = instances[i];
    assert.equal(config.instanceUrl, `http://${name}:3000`, "the other instances reach it by its service name");
    assert.equal(new URL(config.databaseUrl!).hostname, "postgres");
    assert.equal(config.secret, operator.SAMLA_SECRET, "one secret for every instance");
    assert.equal(new URL(config.redisUrl!).hostname, "redis", "one Redis for every instance");
    const variable = `SAMLA_${i + 1}`;
    assert.equal(cluster.services.haproxy.environment[variable], `${name}:3000`);
    assert.match(haproxy, new RegExp(`^\\s*server ${name} \\$\\{${variable}\\}`, "m"));
  }
  assert.match(haproxy, /^\s*balance hash var\(txn\.board\)/m, "routed by board id");
  assert.match(haproxy, /option httpchk GET \/readyz/);
  assert.match(
    haproxy,
    new RegExp(`sc0_conn_cur gt ${SERVER_LIMITS.websocketsPerAddress} `),
    "websockets per address capped over every instance together, at what one server allows",
  );
  assert.ok(cluster.services.redis, "the Redis that REDIS_URL names");
});
