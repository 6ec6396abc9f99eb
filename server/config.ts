import { resolve } from "node:path";
import { LIMITS } from "../lib/schema/limits";

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
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: positiveInt(env.PORT, 3000, "PORT"),
    host: env.HOST || undefined,
    dataDir: resolve(env.DATA_DIR || "./data"),
    secret: env.SAMLA_SECRET || undefined,
    maxMessageBytes: positiveInt(env.MAX_MESSAGE_BYTES, LIMITS.maxMessageBytes, "MAX_MESSAGE_BYTES"),
    dev: env.SAMLA_DEV === "1",
    publicUrl: env.SAMLA_PUBLIC_URL || undefined,
  };
}

function positiveInt(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, got "${raw}"`);
  return value;
}
