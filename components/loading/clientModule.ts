"use client";

import { useEffect, useState } from "react";

export interface ClientModule<T> {
  /** Starts the download now (in the browser), so that it runs beside other waiting. */
  preload(): void;
  /** The module, for code outside React: loads it if it is not here yet. */
  load(): Promise<T>;
  /** The module once loaded, `null` before; `failed` when it could not be fetched (offline, a new build). */
  useModule(): { module: T | null; failed: boolean };
}

/**
 * Code that runs in the browser only (Yjs, the canvas), loaded once and shown without suspending.
 * `next/dynamic` suspends, and React holds back what a suspended tree reveals for up to 300 ms so
 * that loading states do not flicker: a board whose code was already here waited that long for
 * nothing. Here the page renders the module as soon as it is loaded, or at once when it already is.
 * Only for parts a server render never shows (they wait for the browser's session or connection).
 */
export function clientModule<T>(load: () => Promise<T>): ClientModule<T> {
  let loaded: T | null = null;
  let pending: Promise<T> | null = null;
  const start = () =>
    (pending ??= load().then(
      (module) => (loaded = module),
      (error: unknown) => {
        pending = null; // a later mount tries again
        throw error;
      },
    ));

  return {
    preload() {
      if (typeof window !== "undefined") start().catch(() => {});
    },
    load: start,
    useModule() {
      const [module, setModule] = useState<T | null>(loaded);
      const [failed, setFailed] = useState(false);
      useEffect(() => {
        if (module) return;
        let live = true;
        start().then(
          (loadedModule) => {
            if (live) setModule(loadedModule);
          },
          () => {
            if (live) setFailed(true);
          },
        );
        return () => {
          live = false;
        };
      }, [module]);
      return { module, failed };
    },
  };
}
