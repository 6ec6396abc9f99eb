import type { IncomingMessage } from "node:http";
import { BlockList, isIP } from "node:net";

/**
 * Who a request comes from, for every limit that counts per address (docs/api.md, "Throttling").
 *
 * Without trusted proxies the TCP peer counts. Behind a reverse proxy every request's peer is the
 * proxy, so `SAMLA_TRUSTED_PROXIES` names the proxies whose `X-Forwarded-For` is believed: walking
 * it from the right (each proxy appends the address it saw), trusted hops are skipped and the first
 * untrusted address counts. Anything left of that was written by the client and is ignored, so a
 * forged header gains nothing. IPv6 is cut to its /64: one home or phone gets a whole /64, so
 * counting single IPv6 addresses would count nothing.
 */
export function clientAddress(req: IncomingMessage, trustedProxies: readonly string[] = []): string {
  const forwarded = forwardedClients.get(req);
  if (forwarded !== undefined) return forwarded;
  const peer = parseAddress(req.socket.remoteAddress ?? "");
  if (!peer) return "unknown";
  if (trustedProxies.length === 0) return counted(peer);
  const trusted = trustedProxyList(trustedProxies);
  let client = peer;
  for (const hop of forwardedHops(req).reverse()) {
    if (!isTrusted(trusted, client)) break;
    const address = parseAddress(hop);
    // A hop that is no address was not written by a proxy we trust: the last proxy counts.
    if (!address) break;
    client = address;
  }
  return counted(client);
}

const forwardedClients = new WeakMap<IncomingMessage, string>();

/** A request another instance of the cluster passed on (server/cluster/front.ts): its client, as that instance counted it. */
export function setForwardedClient(req: IncomingMessage, address: string): void {
  forwardedClients.set(req, address);
}

interface Address {
  family: "ipv4" | "ipv6";
  /** IPv4 dotted, IPv6 as eight lower-case hex groups without leading zeros. */
  text: string;
  groups?: string[];
}

const parsedLists = new WeakMap<readonly string[], BlockList>();

/**
 * The proxies as a BlockList, parsed once per list. Throws on the first entry that is not a CIDR or
 * an address, naming it: config.ts turns that into a start-up error naming the variable.
 */
export function trustedProxyList(cidrs: readonly string[]): BlockList {
  const cached = parsedLists.get(cidrs);
  if (cached) return cached;
  const list = new BlockList();
  for (const entry of cidrs) addCidr(list, entry);
  parsedLists.set(cidrs, list);
  return list;
}

function addCidr(list: BlockList, entry: string): void {
  const [rawAddress, rawPrefix, extra] = entry.trim().split("/");
  const address = parseAddress(rawAddress ?? "");
  const mappedPrefix = address && address.family === "ipv4" && rawAddress?.includes(":") ? 96 : 0;
  const bits = address?.family === "ipv6" ? 128 : 32;
  const prefix = rawPrefix === undefined ? bits : /^\d{1,3}$/.test(rawPrefix) ? Number(rawPrefix) - mappedPrefix : NaN;
  if (!address || extra !== undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > bits) {
    throw new Error(`"${entry}" is not an IPv4 or IPv6 address or CIDR (like 10.0.0.0/8 or fd00::/8)`);
  }
  list.addSubnet(address.text, prefix, address.family);
}

function isTrusted(list: BlockList, address: Address): boolean {
  return list.check(address.text, address.family);
}

/** Every address in every `X-Forwarded-For` header, left to right (Node joins repeated headers with ", "). */
function forwardedHops(req: IncomingMessage): string[] {
  const header = req.headers["x-forwarded-for"];
  const raw = Array.isArray(header) ? header.join(",") : (header ?? "");
  return raw
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
}

/**
 * An address as peers and proxies write it: IPv4, IPv6 (with a zone, in brackets, with a port),
 * IPv4 with a port, or IPv4 mapped into IPv6, which counts as the IPv4 address it is.
 */
export function parseAddress(raw: string): Address | null {
  let text = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed) text = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(text)) text = text.slice(0, text.indexOf(":"));
  text = text.replace(/%.*$/, "");
  const family = isIP(text);
  if (family === 4) return { family: "ipv4", text };
  if (family !== 6) return null;
  const groups = ipv6Groups(text);
  if (!groups) return null;
  if (groups.slice(0, 5).every((g) => g === "0") && groups[5] === "ffff") {
    const [high, low] = [parseInt(groups[6], 16), parseInt(groups[7], 16)];
    return { family: "ipv4", text: [high >> 8, high & 255, low >> 8, low & 255].join(".") };
  }
  return { family: "ipv6", text: groups.join(":"), groups };
}

/** What a limit counts: the IPv4 address, or the IPv6 address's /64. */
function counted(address: Address): string {
  return address.family === "ipv4" ? address.text : `${address.groups!.slice(0, 4).join(":")}::/64`;
}

/** Eight hex groups, a trailing dotted IPv4 part turned into two; `text` has passed isIP. */
function ipv6Groups(text: string): string[] | null {
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  const hex = dotted
    ? text.slice(0, dotted.index) + [((+dotted[1] << 8) | +dotted[2]).toString(16), ((+dotted[3] << 8) | +dotted[4]).toString(16)].join(":")
    : text;
  const [head, tail] = hex.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 0) return null;
  return [...left, ...Array<string>(tail === undefined ? 0 : missing).fill("0"), ...right].map((g) => parseInt(g, 16).toString(16));
}
