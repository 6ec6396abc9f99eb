/**
 * The peers Samla's sync is measured against live in bench/peers, a package of their own: they
 * are the benchmark's devDependencies, never the app's (y-websocket 2.x would even clash with the
 * app's y-websocket 3). Installed on first use from bench/peers/package-lock.json, without peer
 * dependencies, so yjs resolves to Samla's own copy: one Yjs per process (two break its
 * constructor checks). They bring their own lib0 and y-protocols, which is harmless.
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

const installed = () => PEERS.every((name) => existsSync(join(packageDir(name), "package.json")));

export function ensurePeersInstalled(): void {
  if (installed()) return;
  process.stderr.write("bench: installing the peers (y-websocket 2.1, Hocuspocus 3) into bench/peers …\n");
  // --omit=optional drops y-websocket 2.1's optional ws 6 and y-leveldb (a native build); ws 6
  // is listed in bench/peers/package.json by hand, since its reference server requires it.
  const args = ["ci", "--include=dev", "--omit=peer", "--omit=optional", "--no-audit", "--no-fund", "--loglevel=error"];
  try {
    execFileSync("npm", args, { cwd: PEERS_DIR, stdio: ["ignore", process.stderr, process.stderr] });
  } catch (error) {
    throw new Error(`npm ${args.join(" ")} in bench/peers failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!installed()) throw new Error(`npm ci in bench/peers did not install ${PEERS.join(", ")}`);
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
