"use client";

import { useEffect, useState } from "react";
import type { WebsocketProvider } from "y-websocket";
import { sessionUrl } from "./sessionUrl";

/** The server closes a socket with this when its link was renewed (docs/api.md, close codes). */
export const LINK_REVOKED = 4401;
/** … and with this when the board was deleted. */
export const BOARD_DELETED = 4410;

/** Why the page can no longer show its board, if it cannot. */
export type LinkEnd = "revoked" | "deleted" | null;

/** While offline a refused reconnect looks like any other failure: ask at most this often whether the link still works. */
const RECHECK_MS = 15_000;


/**
 * Whether this page's link has been taken back, or its board deleted (4410, or a 404 when the
 * page asks). On a 4401 close the provider stops reconnecting;
 * the page then asks the server whether its cookie still counts. It does when this browser
 * renewed the facilitator's own link (the answer renewed the cookie): then it connects again.
 * Otherwise the link is gone and the page says so. A page that was away while its link was
 * renewed only sees refused reconnects; it asks too, now and then.
 */
export function useRevokedLink(boardId: string, board: WebsocketProvider | null, session: WebsocketProvider | null): LinkEnd {
  const [ended, setEnded] = useState<LinkEnd>(null);

  useEffect(() => {
    if (!board || !session) return;
    // The board and its session channel came in with the same link: they go, or stay, together.
    const provider = { connect: () => [board, session].forEach((p) => p.connect()), disconnect: () => [board, session].forEach((p) => p.disconnect()) };
    let stopped = false;
    let lastCheck = Date.now();

    const check = async (after4401: boolean) => {
      lastCheck = Date.now();
      let status: number;
      try {
        status = (await fetch(sessionUrl(boardId), { cache: "no-store" })).status;
      } catch {
        // Offline: nothing is known; the provider keeps trying (or, after a 4401, the next look does).
        if (after4401 && !stopped) provider.connect();
        return;
      }
      if (stopped) return;
      if (status === 401 || status === 404) {
        provider.disconnect();
        setEnded(status === 404 ? "deleted" : "revoked");
      } else if (after4401) {
        provider.connect();
      }
    };

    const onClose = (event: CloseEvent | null) => {
      if (event?.code === BOARD_DELETED) {
        queueMicrotask(() => provider.disconnect());
        setEnded("deleted");
      } else if (event?.code === LINK_REVOKED) {
        // The stock provider stops by itself on 44xx; make sure of it while the server is asked.
        queueMicrotask(() => provider.disconnect());
        void check(true);
      } else if (event && Date.now() - lastCheck > RECHECK_MS) {
        void check(false);
      }
    };
    board.on("connection-close", onClose);
    session.on("connection-close", onClose);
    return () => {
      stopped = true;
      board.off("connection-close", onClose);
      session.off("connection-close", onClose);
    };
  }, [boardId, board, session]);

  return ended;
}
