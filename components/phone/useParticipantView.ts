"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { ParticipantView } from "../../lib/api/schemas";
import { forgetBoardOnDevice, viewCacheKey } from "../device/forgetBoard";
import { boardPath, callApi } from "./participantApi";

export interface ParticipantViewState {
  /** What this device shows: the last view from the server (or from this tab's last visit). */
  view: ParticipantView | null;
  status: "loading" | "ready" | "not_joined" | "unreachable" | "deleted";
  /** The last attempt to reach the server failed (the view may be stale). */
  lost: boolean;
  /** Asks the server again now (after an edit, when the connection is back). */
  refresh(): void;
}

const REOPEN_AFTER_MS = 4_000;
const POLL_MS = 10_000;

function cachedView(boardId: string): ParticipantView | null {
  try {
    const raw = window.sessionStorage.getItem(viewCacheKey(boardId));
    return raw ? (JSON.parse(raw) as ParticipantView) : null;
  } catch {
    return null;
  }
}

/**
 * The participant's own view of a board (title, prompt, their notes, the vote), kept live with
 * server-sent events (`GET …/me/events`, which EventSource reconnects by itself) and read with
 * `GET …/me` first, after each dropped connection, and every few seconds where EventSource is
 * missing. A 401 means this device has not joined (or its cookie is gone): status "not_joined".
 */
export function useParticipantView(boardId: string): ParticipantViewState {
  const [view, setView] = useState<ParticipantView | null>(null);
  const [status, setStatus] = useState<ParticipantViewState["status"]>("loading");
  const [lost, setLost] = useState(false);
  const refreshRef = useRef<() => void>(() => undefined);

  useEffect(() => {
    let stopped = false;
    let source: EventSource | null = null;
    let reopenTimer: number | undefined;
    let pollTimer: number | undefined;
    let joined = true;

    const accept = (next: ParticipantView) => {
      if (stopped) return;
      setView(next);
      setStatus("ready");
      setLost(false);
      try {
        window.sessionStorage.setItem(viewCacheKey(boardId), JSON.stringify(next));
      } catch {
        // Only a cache for the next reload.
      }
    };

    const load = async (): Promise<void> => {
      const result = await callApi<ParticipantView>("GET", `${boardPath(boardId)}/me`);
      if (stopped) return;
      if (result.ok && result.data) return accept(result.data);
      if (result.status === 401 || result.status === 404) {
        joined = false;
        source?.close();
        source = null;
        const deleted = result.error === "board_not_found";
        // A deleted board leaves nothing on the phone: its outbox, its view, its join code.
        if (deleted) forgetBoardOnDevice(boardId);
        setStatus(deleted ? "deleted" : "not_joined");
        return;
      }
      setLost(true);
      setStatus((current) => (current === "loading" ? "unreachable" : current));
    };

    const open = () => {
      if (stopped || source || !joined) return;
      if (typeof EventSource === "undefined") {
        pollTimer ??= window.setInterval(() => void load(), POLL_MS);
        return;
      }
      const events = new EventSource(`${boardPath(boardId)}/me/events`);
      source = events;
      events.addEventListener("view", (event) => {
        try {
          accept(JSON.parse((event as MessageEvent<string>).data) as ParticipantView);
        } catch {
          // A broken message: the next one, or the GET below, brings the view.
        }
      });
      events.onerror = () => {
        // EventSource retries by itself unless the answer was not a stream (401, a proxy's error page).
        if (events.readyState === EventSource.CLOSED) {
          events.close();
          if (source === events) source = null;
          window.clearTimeout(reopenTimer);
          reopenTimer = window.setTimeout(open, REOPEN_AFTER_MS);
        }
        void load();
      };
    };

    const wake = () => {
      if (document.visibilityState !== "visible" || !joined) return;
      void load();
      open();
    };

    refreshRef.current = () => {
      joined = true;
      void load().then(open);
    };

    const cached = cachedView(boardId);
    if (cached?.boardId === boardId) {
      setView(cached);
      setStatus("ready");
    }
    void load().then(open);
    window.addEventListener("online", wake);
    document.addEventListener("visibilitychange", wake);
    return () => {
      stopped = true;
      source?.close();
      window.clearTimeout(reopenTimer);
      window.clearInterval(pollTimer);
      window.removeEventListener("online", wake);
      document.removeEventListener("visibilitychange", wake);
    };
  }, [boardId]);

  const refresh = useCallback(() => refreshRef.current(), []);
  return { view, status, lost, refresh };
}
