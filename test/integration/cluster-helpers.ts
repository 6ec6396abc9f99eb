import { spawn, type ChildProcess } from "node:child_process";
import { connect as connectTcp, createServer, type AddressInfo, type Socket } from "node:net";
import { Redis } from "ioredis";
import type pg from "pg";
import assert from "node:assert/strict";
import { createBoard, delay, freePort, spawnServer, whenSynced, type connectClient } from "./helpers";

/** What the cluster suites share: instances on PostgreSQL, a redis-server of their own, the lease's holder. */

export type Instance = Awaited<ReturnType<typeof spawnServer>>;

/** One instance on PostgreSQL at a free port; `redisPort` turns on the cluster mode with Redis. */
export async function startInstance(dataDir: string, redisPort?: number, env: Record<string, string> = {}): Promise<Instance> {
  const port = await freePort();
  return spawnServer(dataDir, port, {
    SAMLA_TEST_STORE: "postgres",
    SAMLA_INSTANCE_URL: `http://127.0.0.1:${port}`,
    ...(redisPort === undefined ? {} : { REDIS_URL: `redis://127.0.0.1:${redisPort}` }),
    ...env,
  });
}

/**
 * Makes boards held by one instance: created there, loaded by a client on the link's token, and
 * checked to be held there. `connect` and `holderOf` are the suite's own (its clients, its database).
 */
export function boardsHeldWith(
  connect: (instance: Instance, boardId: string, token: string) => ReturnType<typeof connectClient>,
  holderOf: (boardId: string) => Promise<Instance | null>,
) {
  return async (instance: Instance, title: string, link: "facilitator" | "member" = "member") => {
    const board = await createBoard(instance.http, title);
    const client = connect(instance, board.id, link === "member" ? board.memberToken : board.facilitatorToken);
    await whenSynced(client.provider);
    assert.equal(await holderOf(board.id), instance);
    return { board, client };
  };
}

/** The instance whose lease on the board is live, as PostgreSQL has it. */
export async function leaseHolder(admin: pg.Pool, instances: readonly Instance[], boardId: string): Promise<Instance | null> {
  const lease = await admin.query<{ owner_url: string }>("SELECT owner_url FROM board_leases WHERE board_id = $1 AND expires_at > now()", [boardId]);
  return instances.find((instance) => lease.rows[0]?.owner_url === `http://127.0.0.1:${instance.port}`) ?? null;
}

/** The machine's redis-server on a port of the suite's own, so the suite can kill and restart it. */
export async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  const died = new Promise<never>((_, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`redis-server on ${port} exited (${code}) before it answered`)));
  });
  const probe = new Redis(port, "127.0.0.1", { lazyConnect: true, retryStrategy: () => 50, maxRetriesPerRequest: null });
  probe.on("error", () => undefined);
  const answered = probe
    .connect()
    .catch(() => undefined)
    .then(() => probe.ping());
  try {
    await Promise.race([answered, died, delay(10_000).then(() => Promise.reject(new Error(`redis-server on ${port} did not answer within 10 s`)))]);
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  } finally {
    probe.disconnect();
  }
  died.catch(() => undefined);
  return child;
}

export function stopProcess(child: ChildProcess, signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill(signal);
  });
}

/**
 * A TCP balancer in front of the instances, like the compose file's HAProxy with its health checks:
 * each new connection goes to one of the instances marked up (chosen by `pick`), and connections
 * already open stay where they are, whatever happens to their instance.
 */
export async function startBalancer(pick: (ports: readonly number[]) => number) {
  const up = new Set<number>();
  const open = new Set<Socket>();
  const server = createServer((client) => {
    open.add(client);
    client.on("close", () => open.delete(client));
    if (up.size === 0) return client.destroy();
    const upstream = connectTcp(pick([...up]), "127.0.0.1");
    open.add(upstream);
    upstream.on("close", () => open.delete(upstream));
    client.pipe(upstream).on("error", () => undefined);
    upstream.pipe(client).on("error", () => undefined);
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    http: `http://127.0.0.1:${port}`,
    ws: `ws://127.0.0.1:${port}/yjs`,
    markUp: (instancePort: number) => up.add(instancePort),
    markDown: (instancePort: number) => up.delete(instancePort),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
