import type { IncomingMessage } from "node:http";
import { networkInterfaces } from "node:os";

/**
 * The address phones in the room can open. A facilitator who opened Samla as `localhost` would
 * otherwise project a QR code no phone can reach: use this machine's local network address.
 * `SAMLA_PUBLIC_URL` wins when set (behind a proxy, or with a name people can type).
 */
export function publicOrigin(req: IncomingMessage, configured: string | undefined): string {
  if (configured) return configured.replace(/\/+$/, "");
  const proto = req.headers["x-forwarded-proto"] === "https" ? "https" : "http";
  let url: URL;
  try {
    url = new URL(`${proto}://${req.headers.host ?? "localhost"}`);
  } catch {
    url = new URL(`${proto}://localhost`);
  }
  if (isLoopback(url.hostname)) {
    const lan = localNetworkAddress();
    if (lan) url.hostname = lan;
  }
  return url.origin;
}

function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || hostname.startsWith("127.");
}

function localNetworkAddress(): string | null {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) if (address.family === "IPv4" && !address.internal) return address.address;
  }
  return null;
}
