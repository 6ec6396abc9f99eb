import assert from "node:assert/strict";
import { test } from "node:test";
import { SERVER_LIMITS } from "../lib/schema/limits";
import { limitEnvName, readConfig } from "./config";

test("every limit has its default and can be set from the environment by name", () => {
  assert.deepEqual(readConfig({}).limits, SERVER_LIMITS);
  assert.equal(limitEnvName("boardsPerAddressPerHour"), "SAMLA_LIMIT_BOARDS_PER_ADDRESS_PER_HOUR");
  const config = readConfig({ SAMLA_LIMIT_BOARDS_PER_ADDRESS_PER_HOUR: "5", SAMLA_LIMIT_PARTICIPANTS_PER_BOARD: "900" });
  assert.equal(config.limits.boardsPerAddressPerHour, 5);
  assert.equal(config.limits.participantsPerBoard, 900);
  assert.equal(config.limits.websocketsPerAddress, SERVER_LIMITS.websocketsPerAddress);
});

test("a limit that is not a whole number stops the server at start, naming the variable", () => {
  assert.throws(() => readConfig({ SAMLA_LIMIT_MESSAGES_PER_SECOND: "lots" }), /SAMLA_LIMIT_MESSAGES_PER_SECOND/);
  assert.throws(() => readConfig({ SAMLA_LIMIT_MESSAGES_PER_SECOND: "-1" }), /SAMLA_LIMIT_MESSAGES_PER_SECOND/);
});

test("trusted proxies are a comma-separated list of CIDRs", () => {
  assert.deepEqual(readConfig({}).trustedProxies, []);
  assert.deepEqual(readConfig({ SAMLA_TRUSTED_PROXIES: "10.0.0.0/8, 192.168.1.1/32 ,," }).trustedProxies, ["10.0.0.0/8", "192.168.1.1/32"]);
});

test("trusted proxies that are no CIDRs stop the server at start, naming the variable and the entry", () => {
  assert.throws(() => readConfig({ SAMLA_TRUSTED_PROXIES: "10.0.0.0/8, 10.0.0.0/33" }), /SAMLA_TRUSTED_PROXIES.*"10\.0\.0\.0\/33"/);
  assert.throws(() => readConfig({ SAMLA_TRUSTED_PROXIES: "proxy.internal" }), /SAMLA_TRUSTED_PROXIES.*"proxy\.internal"/);
  assert.deepEqual(readConfig({ SAMLA_TRUSTED_PROXIES: "::ffff:10.0.0.0/104,fd00::/8" }).trustedProxies, ["::ffff:10.0.0.0/104", "fd00::/8"]);
});

test("no DATABASE_URL means the embedded store; a URL that is not PostgreSQL's stops the server", () => {
  assert.equal(readConfig({}).databaseUrl, undefined);
  assert.equal(readConfig({ DATABASE_URL: "postgres://samla@db/samla" }).databaseUrl, "postgres://samla@db/samla");
  assert.throws(() => readConfig({ DATABASE_URL: "mysql://db/samla" }), /DATABASE_URL must be a postgres:\/\/ URL/);
});

test("REDIS_URL belongs to a cluster: it needs PostgreSQL and an instance address, and a Redis URL", () => {
  const cluster = { SAMLA_INSTANCE_URL: "http://10.0.0.5:3000", DATABASE_URL: "postgres://db/samla", SAMLA_SECRET: "x".repeat(43) };
  assert.equal(readConfig({ ...cluster, REDIS_URL: "redis://10.0.0.9:6379" }).redisUrl, "redis://10.0.0.9:6379");
  assert.equal(readConfig(cluster).redisUrl, undefined);
  assert.throws(() => readConfig({ REDIS_URL: "redis://127.0.0.1:6379", DATABASE_URL: "postgres://db/samla" }), /REDIS_URL needs SAMLA_INSTANCE_URL/);
  assert.throws(() => readConfig({ REDIS_URL: "redis://127.0.0.1:6379" }), /REDIS_URL needs DATABASE_URL/);
  assert.throws(() => readConfig({ ...cluster, REDIS_URL: "http://127.0.0.1:6379" }), /redis:\/\//);
});

test("SAMLA_STANDBY waits for a PostgreSQL database; on SQLite it stops the server, which would otherwise open the running server's file beside it", () => {
  assert.equal(readConfig({}).standby, false);
  assert.equal(readConfig({ SAMLA_STANDBY: "1", DATABASE_URL: "postgres://db/samla" }).standby, true);
  assert.throws(() => readConfig({ SAMLA_STANDBY: "1" }), /SAMLA_STANDBY needs DATABASE_URL/);
});

test("SAMLA_INSTANCE_URL runs one of several instances: it needs PostgreSQL and a shared secret, and no standby", () => {
  const cluster = { SAMLA_INSTANCE_URL: "http://10.0.0.5:3000", DATABASE_URL: "postgres://db/samla", SAMLA_SECRET: "x".repeat(43) };
  assert.equal(readConfig(cluster).instanceUrl, "http://10.0.0.5:3000");
  assert.equal(readConfig({}).instanceUrl, undefined);
  assert.throws(() => readConfig({ ...cluster, DATABASE_URL: "" }), /needs DATABASE_URL/);
  assert.throws(() => readConfig({ ...cluster, SAMLA_SECRET: "" }), /needs SAMLA_SECRET/);
  assert.throws(() => readConfig({ ...cluster, SAMLA_STANDBY: "1" }), /do not go together/);
  assert.throws(() => readConfig({ ...cluster, SAMLA_INSTANCE_URL: "10.0.0.5:3000" }), /SAMLA_INSTANCE_URL must be/);
  assert.throws(() => readConfig({ ...cluster, SAMLA_INSTANCE_URL: "https://10.0.0.5:3000" }), /over HTTP/);
  assert.throws(() => readConfig({ ...cluster, SAMLA_INSTANCE_URL: "http://10.0.0.5:3000/yjs" }), /SAMLA_INSTANCE_URL must be/);
});
