"use client";

import { useEffect, useState } from "react";
import type { KitListResponse } from "../../lib/kits/api";

/**
 * The method kits from GET /api/kits, fetched once `enabled` (the board's dialog waits until it
 * opens). The pages do not bundle the kit files: the server has them, in every language.
 */
export function useKitList(enabled = true): { list: KitListResponse | null; failed: boolean } {
  const [list, setList] = useState<KitListResponse | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!enabled || list) return;
    let current = true;
    setFailed(false);
    fetch("/api/kits")
      .then((res) => (res.ok ? (res.json() as Promise<KitListResponse>) : Promise.reject(new Error(String(res.status)))))
      .then(
        (answer) => current && setList(answer),
        () => current && setFailed(true),
      );
    return () => {
      current = false;
    };
  }, [enabled, list]);
  return { list, failed };
}
