import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";

/**
 * The server secret that tokens are derived from. Kept apart from the database (SAMLA_SECRET, or a
 * file of its own with mode 0600) so that a copied database yields no token.
 */
export function loadOrCreateSecret(dataDir: string, fromEnv: string | undefined): Buffer {
  if (fromEnv) {
    const secret = Buffer.from(fromEnv, "base64url");
    if (secret.length < 32) throw new Error("SAMLA_SECRET must be at least 32 bytes, base64url-encoded");
    return secret;
  }
  const file = join(dataDir, "secret.key");
  try {
    return Buffer.from(readFileSync(file, "utf8").trim(), "base64url");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32);
  writeFileSync(file, secret.toString("base64url") + "\n", { mode: 0o600, flag: "wx" });
  return secret;
}
