"use client";

import { useEffect, useState } from "react";
import type * as Y from "yjs";

/** Whether the local user has anything to undo or redo, for the toolbar buttons. */
export function useUndoState(undo: Y.UndoManager | undefined) {
  const [state, setState] = useState({ canUndo: false, canRedo: false });
  useEffect(() => {
    if (!undo) return;
    const update = () => setState({ canUndo: undo.canUndo(), canRedo: undo.canRedo() });
    const events = ["stack-item-added", "stack-item-popped", "stack-cleared"] as const;
    events.forEach((name) => undo.on(name, update));
    update();
    return () => events.forEach((name) => undo.off(name, update));
  }, [undo]);
  return state;
}
