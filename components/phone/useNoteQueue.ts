"use client";

import { nanoid } from "nanoid";
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { NoteQueue, outboxStorageKey, type QueuedNote } from "./noteQueue";

/** What NoteComposer and MyNotes need of the outbox (see noteQueue.ts). */
export interface NoteQueueHandle {
  boardId: string;
  queue: NoteQueue;
  /** The outbox, oldest first (empty on the server render and until the first load). */
  items: readonly QueuedNote[];
  /** The device says it is online and the last try reached the server. */
  online: boolean;
}

const RETRY_EVERY_MS = 5_000;
const NO_ITEMS: readonly QueuedNote[] = [];

function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** Browser online state as React state (always "online" on the server render). */
export function useNavigatorOnline(): boolean {
  return useSyncExternalStore(
    (changed) => {
      window.addEventListener("online", changed);
      window.addEventListener("offline", changed);
      return () => {
        window.removeEventListener("online", changed);
        window.removeEventListener("offline", changed);
      };
    },
    () => navigator.onLine,
    () => true,
  );
}

/**
 * The board's outbox for this device: stored in localStorage, sent with the participant cookie,
 * tried again on `online`, when the page is shown again and every few seconds while notes wait.
 */
export function useNoteQueue(boardId: string, options: { onNotJoined?: () => void } = {}): NoteQueueHandle {
  const notJoined = useRef(options.onNotJoined);
  useEffect(() => {
    notJoined.current = options.onNotJoined;
  });

  const [queue] = useState(
    () =>
      new NoteQueue({
        boardId,
        storage: typeof window === "undefined" ? null : safeStorage(),
        fetch: (url, init) => fetch(url, init),
        newKey: () => nanoid(),
        isOnline: () => typeof navigator === "undefined" || navigator.onLine !== false,
        onNotJoined: () => notJoined.current?.(),
      }),
  );
  if (queue.boardId !== boardId) throw new Error("useNoteQueue: one queue per board; give the component a key={boardId}");

  const items = useSyncExternalStore(
    (changed) => queue.subscribe(changed),
    () => queue.items,
    () => NO_ITEMS,
  );
  const navigatorOnline = useNavigatorOnline();

  useEffect(() => {
    queue.load();
    const flush = () => void queue.flush();
    const onVisible = () => document.visibilityState === "visible" && flush();
    const onStorage = (event: StorageEvent) => {
      if (event.key === outboxStorageKey(boardId)) {
        queue.load();
        flush();
      }
    };
    window.addEventListener("online", flush);
    window.addEventListener("storage", onStorage);
    document.addEventListener("visibilitychange", onVisible);
    const timer = window.setInterval(() => queue.pending > 0 && flush(), RETRY_EVERY_MS);
    flush();
    return () => {
      window.removeEventListener("online", flush);
      window.removeEventListener("storage", onStorage);
      document.removeEventListener("visibilitychange", onVisible);
      window.clearInterval(timer);
    };
  }, [queue, boardId]);

  // `items` changes whenever a try ends, so this re-reads the queue's latest reachability; with
  // nothing left to send the outbox knows nothing about the network (useParticipantView may).
  const online = navigatorOnline && (queue.serverReachable || queue.pending === 0);
  return { boardId, queue, items, online };
}
