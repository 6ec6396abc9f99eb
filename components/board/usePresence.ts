"use client";

import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import type { WebsocketProvider } from "y-websocket";
import type { Point } from "../../lib/geometry";

/** What each browser shares about itself: never stored, expires 30 s after it goes quiet. */
export interface PresenceState {
  user: { name: string; color: string };
  cursor: Point | null;
  editing: string | null;
}

export interface RemotePresence extends PresenceState {
  clientId: number;
}

/** Strong colours with white text at WCAG AA contrast, for cursors and name tags. */
const PRESENCE_COLORS = ["#b91c1c", "#1d4ed8", "#047857", "#7e22ce", "#c2410c", "#0f766e", "#be185d", "#4d7c0f"];
const CURSOR_INTERVAL_MS = 50; // about 20 updates a second

export function presenceColor(clientId: number): string {
  return PRESENCE_COLORS[clientId % PRESENCE_COLORS.length];
}

/** Shares this user's name, cursor and the note they are editing. */
export function usePresence(provider: WebsocketProvider | null, name: string) {
  const awareness = provider?.awareness ?? null;

  useEffect(() => {
    awareness?.setLocalStateField("user", { name, color: presenceColor(awareness.clientID) });
  }, [awareness, name]);

  const cursorTimer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(cursorTimer.current), [awareness]);

  const publisher = useMemo(() => {
    let pending: Point | null | undefined;
    const flush = () => {
      cursorTimer.current = undefined;
      if (pending !== undefined) awareness?.setLocalStateField("cursor", pending);
      pending = undefined;
    };
    return {
      cursor(point: Point | null) {
        pending = point;
        cursorTimer.current ??= window.setTimeout(flush, CURSOR_INTERVAL_MS);
      },
      editing(noteId: string | null) {
        awareness?.setLocalStateField("editing", noteId);
      },
    };
  }, [awareness]);

  return publisher;
}

type Awareness = WebsocketProvider["awareness"];

function remoteStates(awareness: Awareness): RemotePresence[] {
  const list: RemotePresence[] = [];
  awareness.getStates().forEach((state, clientId) => {
    if (clientId === awareness.clientID || !state.user) return;
    list.push({ clientId, user: state.user, cursor: state.cursor ?? null, editing: state.editing ?? null });
  });
  return list;
}

/**
 * Everyone else's presence, for the canvas layer that draws it. Our own changes (our cursor, 20
 * times a second) are not drawn, so they re-render nothing.
 */
export function useOthers(awareness: Awareness): RemotePresence[] {
  const [others, setOthers] = useState(() => remoteStates(awareness));
  useEffect(() => {
    const update = (_changes: unknown, origin: unknown) => origin !== "local" && setOthers(remoteStates(awareness));
    awareness.on("change", update);
    return () => awareness.off("change", update);
  }, [awareness]);
  return others;
}

/** How many people have the board open, this browser included; re-renders only when it changes. */
export function usePeopleCount(awareness: Awareness | null): number {
  const count = () => (awareness ? Math.max(1, [...awareness.getStates().values()].filter((s) => s.user).length) : 1);
  return useSyncExternalStore(
    (listener) => {
      awareness?.on("change", listener);
      return () => awareness?.off("change", listener);
    },
    count,
    () => 1,
  );
}

/** The user's display name, remembered on this device. */
export function useDisplayName(fallback: string): [string, (name: string) => void] {
  const stored = useSyncExternalStore(
    subscribeName,
    () => window.localStorage.getItem("samla:name"),
    () => null,
  );
  const [generated] = useState(() => `${fallback} ${Math.floor(10 + Math.random() * 90)}`);
  const set = (name: string) => {
    window.localStorage.setItem("samla:name", name.slice(0, 40));
    nameListeners.forEach((l) => l());
  };
  return [stored ?? generated, set];
}

const nameListeners = new Set<() => void>();
function subscribeName(listener: () => void) {
  nameListeners.add(listener);
  return () => nameListeners.delete(listener);
}
