"use client";

import { useEffect } from "react";
import type { LinkEnd } from "../board/useRevokedLink";
import { forgetBoardOnDevice } from "./forgetBoard";

/**
 * Once a page's board is deleted, the device keeps nothing of it: the page's own copy is closed
 * and deleted (`forget`), then everything else it stored. Once only its link is taken back, the
 * same, if the page kept a copy; a page that kept none (a viewer, the projector) leaves alone what
 * another page of this browser keeps with a link that still works.
 */
export function useForgetEndedBoard(boardId: string, ended: LinkEnd, forget: (() => Promise<void>) | undefined, { keptCopy }: { keptCopy: boolean }): void {
  useEffect(() => {
    if (!ended || (ended === "revoked" && !keptCopy)) return;
    void (forget?.() ?? Promise.resolve()).finally(() => forgetBoardOnDevice(boardId));
  }, [boardId, ended, forget, keptCopy]);
}
