import assert from "node:assert/strict";
import type { IncomingMessage } from "node:http";
import { describe, test } from "node:test";
import { clientAddress, parseAddress, trustedProxyList } from "./client-address";

function request(peer: string | undefined, forwardedFor?: string | string[]): IncomingMessage {
  return { socket: { remoteAddress: peer }, headers: forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor } } as unknown as IncomingMessage;
}

describe("clientAddress without trusted proxies", () => {
  test("an IPv4 peer counts as itself", () => {
    assert.equal(clientAddress(request("192.0.2.7")), "192.0.2.7");
  });

  test("an IPv4 peer on a dual-stack socket (::ffff:) counts as the IPv4 address", () => {
    assert.equal(clientAddress(request("::ffff:192.0.2.7")), "192.0.2.7");
  });

  test("IPv6 counts per /64, however the address is written", () => {
    const expected = "2001:db8:1:2::/64";
    for (const peer of ["2001:db8:1:2::1", "2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:0DB8:0001:0002:0:0:0:9", "2001:db8:1:2::3%eth0"]) {
      assert.equal(clientAddress(request(peer)), expected, peer);
    }
    assert.notEqual(clientAddress(request("2001:db8:1:3::1")), expected, "the next /64 is another address");
    assert.equal(clientAddress(request("::1")), "0:0:0:0::/64");
  });

  test("a forged X-Forwarded-For is ignored: the peer counts", () => {
    assert.equal(clientAddress(request("192.0.2.7", "203.0.113.9")), "192.0.2.7");
    assert.equal(clientAddress(request("192.0.2.7", "203.0.113.9"), []), "192.0.2.7");
  });

  test("a socket without an address (already closed) counts as one shared unknown", () => {
    assert.equal(clientAddress(request(undefined)), "unknown");
  });
});

describe("clientAddress behind trusted proxies", () => {
  const proxies = ["10.0.0.0/8", "2001:db8:ffff::/48"];

  test("the proxy's client counts, not the proxy", () => {
    assert.equal(clientAddress(request("10.0.0.2", "198.51.100.4"), proxies), "198.51.100.4");
    assert.equal(clientAddress(request("::ffff:10.0.0.2", "198.51.100.4"), proxies), "198.51.100.4", "a mapped peer is the IPv4 proxy");
    assert.equal(clientAddress(request("2001:db8:ffff:1::2", "2001:db8:5:6::7"), proxies), "2001:db8:5:6::/64");
  });

  test("a chain of trusted proxies is walked from the right to the first untrusted hop", () => {
    assert.equal(clientAddress(request("10.0.0.2", "198.51.100.4, 10.9.9.9, 10.1.1.1"), proxies), "198.51.100.4");
    assert.equal(clientAddress(request("10.0.0.2", ["198.51.100.4", "10.9.9.9"]), proxies), "198.51.100.4", "repeated headers");
  });

  test("what the client wrote left of the first untrusted hop is ignored", () => {
    // The client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended the address it saw.
    assert.equal(clientAddress(request("10.0.0.2", "1.2.3.4, 198.51.100.4"), proxies), "198.51.100.4");
    // An untrusted hop in the middle cannot vouch for the hops it claims to have seen.
    assert.equal(clientAddress(request("10.0.0.2", "1.2.3.4, 198.51.100.9, 10.1.1.1"), proxies), "198.51.100.9");
  });

  test("a peer that is not a trusted proxy counts itself, whatever it forwards", () => {
    assert.equal(clientAddress(request("192.0.2.7", "198.51.100.4"), proxies), "192.0.2.7");
    assert.equal(clientAddress(request("11.0.0.1", "198.51.100.4"), proxies), "11.0.0.1", "just outside 10.0.0.0/8");
  });

  test("a trusted proxy without the header counts as itself", () => {
    assert.equal(clientAddress(request("10.0.0.2"), proxies), "10.0.0.2");
    assert.equal(clientAddress(request("10.0.0.2", ""), proxies), "10.0.0.2");
  });

  test("when every hop is trusted the leftmost counts", () => {
    assert.equal(clientAddress(request("10.0.0.2", "10.3.3.3, 10.1.1.1"), proxies), "10.3.3.3");
  });

  test("a hop that is no address ends the walk at the last trusted proxy", () => {
    assert.equal(clientAddress(request("10.0.0.2", "198.51.100.4, unknown"), proxies), "10.0.0.2");
    assert.equal(clientAddress(request("10.0.0.2", "garbage, 10.1.1.1"), proxies), "10.1.1.1");
  });

  test("hops written with ports, brackets or as mapped IPv6 are understood", () => {
    assert.equal(clientAddress(request("10.0.0.2", "198.51.100.4:51234"), proxies), "198.51.100.4");
    assert.equal(clientAddress(request("10.0.0.2", "[2001:db8:5:6::7]:443"), proxies), "2001:db8:5:6::/64");
    assert.equal(clientAddress(request("10.0.0.2", "::ffff:198.51.100.4"), proxies), "198.51.100.4");
    assert.equal(clientAddress(request("10.0.0.2", "198.51.100.4, ::ffff:10.1.1.1"), proxies), "198.51.100.4", "a mapped trusted hop is skipped");
  });
});

describe("trustedProxyList", () => {
  test("CIDR edges: the first and last address are in, the neighbours out", () => {
    const list = trustedProxyList(["192.168.4.0/22", "fd00:1::/32", "203.0.113.5", "::ffff:172.16.0.0/108"]);
    const has = (address: string) => list.check(parseAddress(address)!.text, parseAddress(address)!.family);
    assert.equal(has("192.168.4.0"), true);
    assert.equal(has("192.168.7.255"), true);
    assert.equal(has("192.168.3.255"), false);
    assert.equal(has("192.168.8.0"), false);
    assert.equal(has("fd00:1::"), true);
    assert.equal(has("fd00:1:ffff:ffff:ffff:ffff:ffff:ffff"), true);
    assert.equal(has("fd00:2::"), false);
    assert.equal(has("203.0.113.5"), true, "a single address is a /32");
    assert.equal(has("203.0.113.6"), false);
    assert.equal(has("172.31.255.255"), true, "a mapped CIDR means the IPv4 network (/108 = /12)");
    assert.equal(has("172.32.0.0"), false);
    assert.equal(has("::ffff:172.16.0.1"), true);
  });

  test("0.0.0.0/0 trusts every IPv4 peer, and nothing of IPv6", () => {
    const list = trustedProxyList(["0.0.0.0/0"]);
    assert.equal(list.check("198.51.100.4", "ipv4"), true);
    assert.equal(list.check("2001:db8::1", "ipv6"), false);
  });

  test("anything that is no CIDR is refused, naming it", () => {
    for (const bad of ["10.0.0.0/33", "10.0.0/8", "fd00::/129", "10.0.0.0/8/8", "proxy.local", "10.0.0.0/", "10.0.0.0/-1", "::ffff:10.0.0.0/64", ""]) {
      assert.throws(() => trustedProxyList([bad]), (error: Error) => error.message.includes(`"${bad}"`), bad);
    }
  });
});
