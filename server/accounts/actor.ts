import { AsyncLocalStorage } from "node:async_hooks";

export interface Actor {
  userId: string;
  name: string;
}

/**
 * The signed-in person behind the request being handled, for the audit log: entries are recorded
 * deep in modules that know nothing of requests (a reveal, say), and threading the person through
 * each of them would change every signature on the way. Looked up only when an entry is written.
 */
const scope = new AsyncLocalStorage<() => Promise<Actor | null>>();

export function withActor<T>(find: () => Promise<Actor | null>, run: () => Promise<T>): Promise<T> {
  let found: Promise<Actor | null> | null = null;
  return scope.run(() => (found ??= find()), run);
}

/** Null outside a request, and for links and phones without a signed-in person. */
export async function currentActor(): Promise<Actor | null> {
  return (await scope.getStore()?.()) ?? null;
}
