import assert from "node:assert/strict";
import { test } from "node:test";
import type { AddressInfo } from "node:net";
import WebSocket, { WebSocketServer } from "ws";
import { frameOf, relayTo } from "./framed-send";

test("a message becomes one unmasked binary frame with the length RFC 6455 asks for", () => {
  const small = frameOf(Uint8Array.of(0, 2, 1, 7));
  assert.deepEqual([...small], [0x82, 4, 0, 2, 1, 7]);

  const medium = frameOf(new Uint8Array(300).fill(9));
  assert.deepEqual([...medium.subarray(0, 4)], [0x82, 126, 0x01, 0x2c]);
  assert.equal(medium.length, 4 + 300);

  const large = frameOf(new Uint8Array(70_000));
  assert.deepEqual([...large.subarray(0, 10)], [0x82, 127, 0, 0, 0, 0, 0, 0x01, 0x11, 0x70]);
  assert.equal(large.length, 10 + 70_000);
});

test("a message relayed to many peers is framed once; a view into a larger buffer frames only its own bytes", () => {
  const message = Uint8Array.of(0, 2, 5);
  assert.equal(frameOf(message), frameOf(message));
  const backing = Uint8Array.of(99, 99, 0, 2, 5, 99);
  assert.deepEqual([...frameOf(backing.subarray(2, 5))], [0x82, 3, 0, 2, 5]);
});

/** A real server relaying three messages around a ping and a close; resolves with what a real client saw, in order. */
async function relayedOverTheWire(perMessageDeflate: boolean): Promise<string[]> {
  const server = new WebSocketServer({ port: 0, host: "127.0.0.1", perMessageDeflate });
  await new Promise((resolve) => server.once("listening", resolve));
  server.on("connection", (ws) => {
    const relay = relayTo(ws);
    relay(Uint8Array.of(1));
    ws.ping();
    relay(Uint8Array.of(2));
    ws.close(1000, "done");
    relay(Uint8Array.of(3)); // after the close frame: must not be written
  });
  const { port } = server.address() as AddressInfo;
  const client = new WebSocket(`ws://127.0.0.1:${port}`, { perMessageDeflate });
  const seen: string[] = [];
  client.on("message", (data: Buffer) => seen.push(`message ${data[0]}`));
  client.on("ping", () => seen.push("ping"));
  await new Promise<void>((resolve) => client.on("close", (code) => (seen.push(`close ${code}`), resolve())));
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return seen;
}

test("relayed frames keep their order with ws's own ping and close, and nothing follows the close", async () => {
  assert.deepEqual(await relayedOverTheWire(false), ["message 1", "ping", "message 2", "close 1000"]);
});

test("with compression negotiated the relay falls back to ws.send, in the same order", async () => {
  assert.deepEqual(await relayedOverTheWire(true), ["message 1", "ping", "message 2", "close 1000"]);
});
