"use client";

import { useEffect, useRef, useState } from "react";
import type { SessionResponse } from "../../lib/api/schemas";
import { forgetBoardOnDevice, sessionCacheKey } from "../device/forgetBoard";
import { takeEarlyTrade } from "./earlyStart";
import { sessionUrl } from "./sessionUrl";

/** Where the page stands with its link: traded for a cookie (ready), refused, or not yet known. */
export type LinkAccess =
  | { status: "loading" }
  | { status: "invalid" }
  | { status: "deleted" }
  | { status: "unavailable" }
  | { status: "ready"; session: SessionResponse };


/**
 * The API's schemas (zod, and Yjs through the session schema) load beside the request, not before
 * it: kept out of the page's first scripts, they no longer hold back the request that everything
 * else on the board waits for.
 */
export const loadApiSchemas = () => import("../../lib/api/schemas");

/** With a token, trades it for the cookie; without, asks what the cookie from an earlier visit opens. */
function tradeLink(boardId: string, token: string | null): Promise<Response> {
  const url = sessionUrl(boardId);
  if (!token) return fetch(url);
  return fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ token }) });
}

/**
 * Trades the token in the link's `#` for an HttpOnly cookie, then forgets it: the token leaves
 * the address bar at once and never reaches a log or a Referer. Without a token in the link, the
 * cookie from an earlier visit is used. Offline, the last known session lets the board open from
 * the device's copy.
 */
export function useBoardSession(boardId: string, onReady?: (session: SessionResponse) => void): LinkAccess {
  const [state, setState] = useState<LinkAccess>({ status: "loading" });
  const onReadyRef = useRef(onReady);
  onReadyRef.current = onReady;

  useEffect(() => {
    let cancelled = false;
    const token = new URLSearchParams(window.location.hash.slice(1)).get("token");
    // The token leaves the address bar once the server has taken it, not before: if the server
    // cannot be reached, a reload must still have it.
    const forgetToken = () => token && window.history.replaceState(null, "", window.location.pathname + window.location.search);
    // The page's inline script usually started the trade already (see earlyStart.ts).
    const request = takeEarlyTrade(boardId, token) ?? tradeLink(boardId, token);

    const schemas = loadApiSchemas();
    request
      .then(async (res) => {
        if (res.status === 401 || res.status === 404) {
          forgetToken();
          // The board is gone, or this link no longer opens it: the device's copy goes too.
          forgetBoardOnDevice(boardId);
          return res.status === 404 ? ({ status: "deleted" } as const) : ({ status: "invalid" } as const);
        }
        if (!res.ok) throw new Error(String(res.status));
        forgetToken();
        const { sessionResponse } = await schemas;
        const session = sessionResponse.parse(await res.json());
        // The share links are not cached: a facilitator's device holds them only in the cookie's reach.
        window.localStorage.setItem(sessionCacheKey(boardId), JSON.stringify({ ...session, links: undefined }));
        if (!cancelled) onReadyRef.current?.(session); // a page already gone opens no connection
        return { status: "ready", session } as const;
      })
      .catch(async () => {
        const { sessionResponse } = await schemas;
        const cached = sessionResponse.safeParse(JSON.parse(window.localStorage.getItem(sessionCacheKey(boardId)) ?? "null"));
        return cached.success ? ({ status: "ready", session: cached.data } as const) : ({ status: "unavailable" } as const);
      })
      .then((next) => !cancelled && setState(next));
    return () => {
      cancelled = true;
    };
  }, [boardId]);

  return state;
}
