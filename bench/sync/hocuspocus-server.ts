/**
 * Hocuspocus 3 as its docs start it, with no extensions (no storage, no auth), on loopback.
 * Run in its own process by the sync benchmark; prints "listening PORT" when ready.
 */
import { importPeer } from "./peers";

interface HocuspocusModule {
  Server: new (configuration: Record<string, unknown>) => { listen(): Promise<unknown>; address: { port: number } };
}

const { Server } = await importPeer<HocuspocusModule>("@hocuspocus/server");
const server = new Server({ port: Number(process.env.PORT ?? 0), address: "127.0.0.1", quiet: true });
await server.listen();
process.stdout.write(`listening ${server.address.port}\n`);
