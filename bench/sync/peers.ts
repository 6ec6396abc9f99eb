/**
 * The peers Samla's sync is measured against live in bench/peers, a package of their own: they
 * are the benchmark's devDependencies, never the app's (y-websocket 2.x would even clash with the
 * app's y-websocket 3). Installed on first use from bench/peers/package-lock.json. yjs, y-protocols'
 * peer and lib0 resolve to Samla's node_modules, so every client in one process shares one Yjs.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { PROJECT_DIR } from "../common";

const PEERS_DIR = join(PROJECT_DIR, "bench", "peers");
const PEERS = ["y-websocket", "@hocuspocus/server", "@hocuspocus/provider"] as const;
type Peer = (typeof PEERS)[number];

function packageDir(name: Peer): string {
  return join(PEERS_DIR, "node_modules", name);
}

export function ensurePeersInstalled(): void {
  if (PEERS.every((name) => existsSync(join(packageDir(name), "package.json")))) return;
  process.stderr.write("bench: installing the peers (y-websocket 2.1, Hocuspocus 3) into bench/peers …\n");
  // --omit=peer: no second yjs in bench/peers (two copies break Yjs's constructor checks).
  execFileSync("npm", ["ci", "--omit=peer", "--omit=optional", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: PEERS_DIR, stdio: ["ignore", process.stderr, process.stderr] });
}

export function peerVersion(name: Peer): string {
  return (JSON.parse(readFileSync(join(packageDir(name), "package.json"), "utf8")) as { version: string }).version;
}

/** The reference server of y-websocket 2.x, run as its README says: `node bin/server.cjs`. */
export function yWebsocketServerScript(): string {
  return join(packageDir("y-websocket"), "bin", "server.cjs");
}

/** A peer's ES module build (the `import` export), so it shares Samla's ESM yjs. */
export async function importPeer<T>(name: Peer): Promise<T> {
  const manifest = JSON.parse(readFileSync(join(packageDir(name), "package.json"), "utf8")) as { exports?: { default?: { import?: string } }; module?: string };
  const entry = manifest.exports?.default?.import ?? manifest.module;
  if (!entry) throw new Error(`${name} has no ES module build`);
  return (await import(pathToFileURL(join(packageDir(name), entry)).href)) as T;
}
