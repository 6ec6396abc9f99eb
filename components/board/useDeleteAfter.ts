"use client";

import { useEffect, useState } from "react";
import { workshopApi } from "../facilitation/workshopApi";

/**
 * When the server will delete the board (GET /api/boards/:id `deleteAfter`), read as the page
 * opens, when it comes back into view (a laptop left open overnight) and when `changes` counts a
 * change made here. Null until known, or for a page that does not ask (`enabled`).
 */
export function useDeleteAfter(boardId: string, enabled: boolean, changes: number): string | null {
  const [deleteAfter, setDeleteAfter] = useState<string | null>(null);

  useEffect(() => {
    if (!enabled) return;
    let current = true;
    const read = () =>
      workshopApi.info(boardId).then(
        (info) => current && setDeleteAfter(info.deleteAfter),
        () => undefined, // offline or gone: the page says so elsewhere; the last date stays
      );
    const onVisible = () => document.visibilityState === "visible" && void read();
    void read();
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      current = false;
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [boardId, enabled, changes]);

  return deleteAfter;
}
