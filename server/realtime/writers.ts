/**
 * Who may add to each Yjs client id's history on a board. A Yjs update names the client ids it
 * writes as, and Yjs keeps the first struct it sees for a (client, clock): whoever writes at
 * someone else's next clocks first makes that person's own later writes vanish as "already
 * known" (a colleague's notes typed offline, the server's next placement). So each client id is
 * bound, the first time it writes, to the writer behind the connection (server/realtime/server.ts
 * `writerOf`: the device behind our pages, else the link), stored with the board, and nobody else
 * may write as it. The server's own ids are bound to SERVER_WRITER.
 */
export const SERVER_WRITER = "server";

export class Writers {
  constructor(private readonly bound: Map<number, string>) {}

  writerOf(clientId: number): string | undefined {
    return this.bound.get(clientId);
  }

  /** The first of `clientIds` that is someone else's, or null. */
  someoneElses(clientIds: Iterable<number>, writer: string): number | null {
    for (const clientId of clientIds) {
      const owner = this.bound.get(clientId);
      if (owner !== undefined && owner !== writer) return clientId;
    }
    return null;
  }

  /** The bindings writing as `clientIds` would add: to be stored with the update that makes them. */
  newBindings(clientIds: Iterable<number>, writer: string): Array<[number, string]> {
    const fresh: Array<[number, string]> = [];
    for (const clientId of clientIds) if (!this.bound.has(clientId)) fresh.push([clientId, writer]);
    return fresh;
  }

  /** Called once storage has the bindings. */
  bind(bindings: ReadonlyArray<readonly [number, string]>): void {
    for (const [clientId, writer] of bindings) if (!this.bound.has(clientId)) this.bound.set(clientId, writer);
  }
}
