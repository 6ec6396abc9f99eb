"use client";

import { useState } from "react";
import type { WebsocketProvider } from "y-websocket";
import type { Role } from "../../lib/roles";
import type { ViewportStore } from "../board/viewportStore";
import { useFollow, usePresenter } from "./useFollow";
import { usePresenting } from "./usePresenting";

/**
 * Follow me on one board page: whether this facilitator presents, who else presents, and
 * whether we follow them. One hook, so the facilitator's buttons (in the workshop bar) and the
 * follow card (over the board) share it.
 */
export function useFollowMe(awareness: WebsocketProvider["awareness"] | null, viewport: ViewportStore, role: Role) {
  const canPresent = role === "facilitator";
  const [wantsToPresent, setPresenting] = useState(false);
  const presenting = canPresent && wantsToPresent;
  usePresenting(awareness, viewport, presenting);
  const presenter = usePresenter(awareness);
  // While presenting we lead: following someone else at the same time would only confuse.
  const follow = useFollow(viewport, presenting ? null : presenter);
  return { canPresent, presenting, togglePresenting: () => setPresenting(!presenting), presenter: presenting ? null : presenter, follow };
}

export type FollowMe = ReturnType<typeof useFollowMe>;
