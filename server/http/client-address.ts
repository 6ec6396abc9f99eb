import type { IncomingMessage } from "node:http";

/**
 * Who is guessing, for throttling: the peer's address, with IPv6 cut to its /64 (one home or
 * phone gets a whole /64, so counting single IPv6 addresses would count nothing).
 */
export function clientAddress(req: IncomingMessage): string {
  const address = (req.socket.remoteAddress ?? "unknown").replace(/^::ffff:/, "");
  if (!address.includes(":")) return address;
  const groups = expandIpv6(address);
  return groups ? `${groups.slice(0, 4).join(":")}::/64` : address;
}

function expandIpv6(address: string): string[] | null {
  const [head, tail = ""] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = address.includes("::") && tail ? tail.split(":") : [];
  const missing = 8 - left.length - right.length;
  if (missing < 0 || (!address.includes("::") && missing !== 0)) return null;
  return [...left, ...Array<string>(missing).fill("0"), ...right];
}
