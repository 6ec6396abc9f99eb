"use client";

import { useCallback, useState } from "react";
import { forgetBoardOnDevice } from "./forgetBoard";

/** Asks the server to expire the board's HttpOnly cookies, which no page script can clear. */
async function endSession(boardId: string): Promise<void> {
  const res = await fetch(`/api/boards/${encodeURIComponent(boardId)}/session`, { method: "DELETE", credentials: "same-origin" });
  if (res.status !== 204) throw new Error(`forgetting the session: ${res.status}`);
}

/**
 * "Forget this board on this device", by hand: the server clears the cookies first (if it cannot be
 * reached nothing is dropped, so the page does not half-forget), then the page closes and deletes
 * its copy (`closeCopy`: BoardConnection.forget) and everything else it kept of the board.
 */
export function useForgetOnDevice(boardId: string, closeCopy: (() => Promise<void>) | undefined): { forgotten: boolean; forget(): Promise<void> } {
  const [forgotten, setForgotten] = useState(false);
  const forget = useCallback(async () => {
    await endSession(boardId);
    try {
      await closeCopy?.();
    } finally {
      forgetBoardOnDevice(boardId);
      setForgotten(true);
    }
  }, [boardId, closeCopy]);
  return { forgotten, forget };
}
