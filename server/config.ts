import { resolve } from "node:path";
import { LIMITS, SERVER_LIMITS, type ServerLimits } from "../lib/schema/limits";

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
}

/**
 * The variables the server reads. Not `NodeJS.ProcessEnv`: Next's types make `NODE_ENV` required
 * there, and tests pass plain objects without it.
 */
export type Env = Record<string, string | undefined>;

export function readConfig(env: Env = process.env): Config {
  return {
    port: positiveInt(env.PORT, 3000, "PORT"),
    host: env.HOST || undefined,
    dataDir: resolve(env.DATA_DIR || "./data"),
    secret: env.SAMLA_SECRET || undefined,
    maxMessageBytes: positiveInt(env.MAX_MESSAGE_BYTES, LIMITS.maxMessageBytes, "MAX_MESSAGE_BYTES"),
    dev: env.SAMLA_DEV === "1",
    publicUrl: env.SAMLA_PUBLIC_URL || undefined,
    trustedProxies: (env.SAMLA_TRUSTED_PROXIES ?? "")
      .split(",")
      .map((cidr) => cidr.trim())
      .filter(Boolean),
    limits: readLimits(env),
  };
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
