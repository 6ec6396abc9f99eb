import { resolve } from "node:path";
import { LIMITS, SERVER_LIMITS, type ServerLimits } from "../lib/schema/limits";
import { trustedProxyList } from "./http/client-address";
import { readOidcConfig, type OidcConfig } from "./accounts/oidc-config";

/** Boards unused for 90 days are deleted unless the server or the facilitator says otherwise. */
export const DEFAULT_RETENTION_DAYS = 90;

/** Everything the server reads from the environment, in one place (see README). */
export interface Config {
  port: number;
  host: string | undefined;
  dataDir: string;
  secret: string | undefined;
  maxMessageBytes: number;
  dev: boolean;
  /** How phones reach this server (for join links and QR codes), e.g. https://samla.example.org. */
  publicUrl: string | undefined;
  /** Proxies (CIDRs) whose `X-Forwarded-For` names the client that limits count. */
  trustedProxies: string[];
  limits: ServerLimits;
  /** The longest a board is kept without use, in days; a facilitator may choose less. */
  retentionDays: number;
  /** Sign-in with the organisation's identity provider; undefined: boards are created without it. */
  oidc: OidcConfig | undefined;
  /** `postgres://…`: PostgreSQL holds everything; undefined: embedded SQLite under `dataDir`. */
  databaseUrl: string | undefined;
  /** SAMLA_STANDBY=1: wait for the running server's database, and take over when it stops. */
  standby: boolean;
  /** SAMLA_INSTANCE_URL: one of several instances on one PostgreSQL, reached by the others here. */
  instanceUrl: string | undefined;
  /** REDIS_URL: the cluster's Redis (each board's live stream, shared limits); needs SAMLA_INSTANCE_URL. */
  redisUrl: string | undefined;
}

/** The environment as read here: any object of strings (tests pass their own, without NODE_ENV). */
type Env = Readonly<Record<string, string | undefined>>;

export function readConfig(env: Env = process.env): Config {
  return {
    port: positiveInt(env.PORT, 3000, "PORT"),
    host: env.HOST || undefined,
    dataDir: resolve(env.DATA_DIR || "./data"),
    secret: env.SAMLA_SECRET || undefined,
    maxMessageBytes: positiveInt(env.MAX_MESSAGE_BYTES, LIMITS.maxMessageBytes, "MAX_MESSAGE_BYTES"),
    dev: env.SAMLA_DEV === "1",
    publicUrl: env.SAMLA_PUBLIC_URL || undefined,
    trustedProxies: readTrustedProxies(env.SAMLA_TRUSTED_PROXIES),
    limits: readLimits(env),
    retentionDays: readRetentionDays(env.SAMLA_RETENTION_DAYS),
    oidc: readOidcConfig(env),
    databaseUrl: readDatabaseUrl(env),
    standby: readStandby(env),
    instanceUrl: readInstanceUrl(env),
    redisUrl: readRedisUrl(env),
  };
}

/**
 * Several instances share one PostgreSQL, each board served by one of them (docs/deploy.md): each
 * must accept the others' tokens and signed requests, so they share a secret given to all.
 */
function readInstanceUrl(env: Env): string | undefined {
  const url = env.SAMLA_INSTANCE_URL || undefined;
  if (!url) return undefined;
  // Plain HTTP: instances talk on the organisation's own network, behind the TLS proxy.
  if (!/^http:\/\/[^/]+\/?$/.test(url)) throw new Error("SAMLA_INSTANCE_URL must be how the other instances reach this one over HTTP, such as http://10.0.0.5:3000");
  if (!env.DATABASE_URL) throw new Error("SAMLA_INSTANCE_URL needs DATABASE_URL: the instances share one PostgreSQL database");
  if (!env.SAMLA_SECRET) throw new Error("SAMLA_INSTANCE_URL needs SAMLA_SECRET, the same on every instance: each accepts the boards' links of all");
  if (env.SAMLA_STANDBY === "1") throw new Error("SAMLA_INSTANCE_URL and SAMLA_STANDBY do not go together: every instance of a cluster serves, and takes over the boards of one that stops");
  return url;
}

/**
 * Redis carries each board's live output to the instances that do not hold it (docs/deploy.md): it
 * belongs to a cluster, whose writers still reach the holder through SAMLA_INSTANCE_URL.
 */
function readRedisUrl(env: Env): string | undefined {
  const url = env.REDIS_URL || undefined;
  if (!url) return undefined;
  if (!/^rediss?:\/\//.test(url)) throw new Error("REDIS_URL must be a redis:// or rediss:// URL");
  if (!env.DATABASE_URL) throw new Error("REDIS_URL needs DATABASE_URL: PostgreSQL holds the boards, Redis only carries them live");
  if (!env.SAMLA_INSTANCE_URL) throw new Error("REDIS_URL needs SAMLA_INSTANCE_URL: Redis serves several instances, each reached by the others at its own address");
  return url;
}

/** A standby on SQLite would open the running server's file beside it: only PostgreSQL knows who holds a database. */
function readStandby(env: Env): boolean {
  if (env.SAMLA_STANDBY !== "1") return false;
  if (!env.DATABASE_URL) throw new Error("SAMLA_STANDBY needs DATABASE_URL: a standby waits for the running server's PostgreSQL database");
  return true;
}

/** A URL that is not PostgreSQL's stops the server rather than quietly storing boards elsewhere. */
function readDatabaseUrl(env: Env): string | undefined {
  const url = env.DATABASE_URL || undefined;
  if (url && !/^postgres(ql)?:\/\//.test(url)) throw new Error("DATABASE_URL must be a postgres:// URL");
  return url;
}

function readRetentionDays(raw: string | undefined): number {
  const days = positiveInt(raw, DEFAULT_RETENTION_DAYS, "SAMLA_RETENTION_DAYS");
  if (days < 1) throw new Error("SAMLA_RETENTION_DAYS must be at least 1");
  return days;
}

/** A proxy list that does not parse stops the server: counting the proxy instead of its clients would lock rooms out. */
function readTrustedProxies(raw: string | undefined): string[] {
  const cidrs = (raw ?? "")
    .split(",")
    .map((cidr) => cidr.trim())
    .filter(Boolean);
  try {
    trustedProxyList(cidrs);
  } catch (error) {
    throw new Error(`SAMLA_TRUSTED_PROXIES: ${(error as Error).message}`);
  }
  return cidrs;
}

/** `SAMLA_LIMIT_BOARDS_PER_ADDRESS_PER_HOUR=120` sets `boardsPerAddressPerHour`, and so on. */
export function limitEnvName(key: keyof ServerLimits): string {
  return `SAMLA_LIMIT_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
}

function readLimits(env: Env): ServerLimits {
  const limits = { ...SERVER_LIMITS } as ServerLimits;
  for (const key of Object.keys(SERVER_LIMITS) as Array<keyof ServerLimits>) {
    const name = limitEnvName(key);
    limits[key] = positiveInt(env[name], SERVER_LIMITS[key], name);
  }
  return limits;
}

function positiveInt(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, got "${raw}"`);
  return value;
}
