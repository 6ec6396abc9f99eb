"use client";

import { useEffect, useState } from "react";
import type * as Y from "yjs";
import { EMPTY_SESSION, readSession, sessionMapOf, type SessionState } from "../../lib/schema/session";

/** The workshop's running state (private writing, the vote), as the server last wrote it. */
export function useSessionState(doc: Y.Doc | undefined): SessionState {
  const [state, setState] = useState<SessionState>(() => (doc ? readSession(doc) : EMPTY_SESSION));
  useEffect(() => {
    if (!doc) return;
    const map = sessionMapOf(doc);
    const update = () => setState(readSession(doc));
    update();
    map.observe(update);
    return () => map.unobserve(update);
  }, [doc]);
  return state;
}
