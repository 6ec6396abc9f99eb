import { createConnection, createServer, type Server, type Socket } from "node:net";

/**
 * A small TCP balancer standing in for HAProxy: each new connection goes to a backend that
 * accepts it, as a balancer with health checks would send it to one that is up. "first": the
 * first backend listed that accepts (a standby setup); "round-robin": the next one in turn (a
 * cluster whose balancer knows nothing of boards). None accepting: the client's own retry comes back later.
 */
export function balancer(backends: () => number[], order: "first" | "round-robin" = "first"): Promise<{ server: Server; port: number }> {
  let turn = 0;
  const server = createServer((incoming: Socket) => {
    const tryNext = (ports: number[]) => {
      const [port, ...rest] = ports;
      if (port === undefined) return incoming.destroy();
      const outgoing = createConnection({ port, host: "127.0.0.1" });
      let connected = false;
      outgoing.once("connect", () => {
        connected = true;
        incoming.pipe(outgoing).pipe(incoming);
        const close = () => (incoming.destroy(), outgoing.destroy());
        incoming.once("close", close);
        outgoing.once("close", close);
      });
      outgoing.once("error", () => {
        if (!connected) tryNext(rest);
      });
    };
    incoming.on("error", () => undefined);
    const ports = backends();
    const start = order === "round-robin" && ports.length > 0 ? turn++ % ports.length : 0;
    tryNext([...ports.slice(start), ...ports.slice(0, start)]);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, port: (server.address() as { port: number }).port })));
}
