"use client";

import { useEffect, useState } from "react";
import { loadApiSchemas, type LinkAccess } from "../board/useBoardSession";
import { sessionUrl } from "../board/sessionUrl";


/**
 * The projector's session. Like the board page it trades the link's `#token=` for the HttpOnly
 * cookie and drops it from the address bar, with one difference: a browser that already has this
 * board's cookie keeps it. The projector only reads, and trading a viewer token there would turn
 * the facilitator's own board, in the next tab, read-only on its next reload.
 */
export function useScreenSession(boardId: string): LinkAccess {
  const [state, setState] = useState<LinkAccess>({ status: "loading" });

  useEffect(() => {
    let cancelled = false;
    const token = new URLSearchParams(window.location.hash.slice(1)).get("token");
    const forgetToken = () => token && window.history.replaceState(null, "", window.location.pathname + window.location.search);
    const trade = () =>
      fetch(sessionUrl(boardId), { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ token }) });

    const schemas = loadApiSchemas(); // beside the request, as on the board page
    (async (): Promise<LinkAccess> => {
      let res = await fetch(sessionUrl(boardId));
      if ((res.status === 401 || res.status === 404) && token) res = await trade();
      if (res.status === 401 || res.status === 404) {
        forgetToken();
        return { status: "invalid" };
      }
      if (!res.ok) return { status: "unavailable" };
      forgetToken();
      const { sessionResponse } = await schemas;
      return { status: "ready", session: sessionResponse.parse(await res.json()) };
    })()
      .catch((): LinkAccess => ({ status: "unavailable" }))
      .then((next) => !cancelled && setState(next));
    return () => {
      cancelled = true;
    };
  }, [boardId]);

  return state;
}
