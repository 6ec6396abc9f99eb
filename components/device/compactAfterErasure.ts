import type { WebsocketProvider } from "y-websocket";
import type * as Y from "yjs";
import { sessionMapOf } from "../../lib/schema/session";
import { readStored, writeStored } from "../phone/participantApi";

import { compactedAtKey } from "./forgetBoard";

export { compactedAtKey };

/** Long enough for the erasure's own board change to arrive after the count that announces it. */
const SETTLE_MS = 2000;

/**
 * After someone is erased from the board (docs/privacy.md), this device's copy is rewritten as the
 * board is now: y-indexeddb keeps raw updates, which could still hold the erased name or text,
 * while one encoded state holds none of what was deleted. The server counts erasures in the session
 * document; a copy behind that count (also one that was offline meanwhile) is rewritten once the
 * board has synced. Answers a function that stops watching.
 */
export function compactCopyAfterErasures(boardId: string, session: Y.Doc, provider: WebsocketProvider, rewrite: () => Promise<unknown>): () => void {
  let timer: number | undefined;
  const check = () => {
    const erasures = sessionMapOf(session).get("erasures");
    if (typeof erasures !== "number" || String(erasures) === readStored(compactedAtKey(boardId)) || !provider.synced) return;
    window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      void rewrite().then(() => writeStored(compactedAtKey(boardId), String(erasures)));
    }, SETTLE_MS);
  };
  session.on("update", check);
  provider.on("sync", check);
  return () => {
    window.clearTimeout(timer);
    session.off("update", check);
    provider.off("sync", check);
  };
}
