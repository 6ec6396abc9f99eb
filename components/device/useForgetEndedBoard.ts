"use client";

import { useEffect } from "react";
import type { LinkEnd } from "../board/useRevokedLink";
import { forgetBoardOnDevice } from "./forgetBoard";

/**
 * Once a page's board is deleted, or its link taken back, the device keeps nothing of it: the
 * page's own copy is closed and deleted (`forget`), then everything else it stored.
 */
export function useForgetEndedBoard(boardId: string, ended: LinkEnd, forget: (() => Promise<void>) | undefined): void {
  useEffect(() => {
    if (!ended) return;
    void (forget?.() ?? Promise.resolve()).finally(() => forgetBoardOnDevice(boardId));
  }, [boardId, ended, forget]);
}
