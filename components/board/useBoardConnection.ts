"use client";

import { useEffect, useState } from "react";
import { IndexeddbPersistence, storeState } from "y-indexeddb";
import { compactCopyAfterErasures } from "../device/compactAfterErasure";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { undoMayDelete } from "../../lib/board/actions";
import { notesOf } from "../../lib/schema/board";
import { framesOf } from "../../lib/schema/frame";
import { FrameStore } from "./frameStore";
import { NoteStore } from "./noteStore";
import { boardCopyName } from "../device/forgetBoard";
import { noteBoardOpened } from "../device/unusedCopies";
import { announceOnlyOurselves } from "./quietPresence";
import { boardRooms, EarlyOrNewWebSocket, REALTIME_PATH, takeEarlyCopy } from "./earlyStart";

/** Origin of every change this browser makes, so undo touches only the local user's changes. */
export const LOCAL_ORIGIN = Symbol("local user");

export type ConnectionStatus = "connecting" | "online" | "offline";

export interface BoardConnection {
  boardId: string;
  doc: Y.Doc;
  provider: WebsocketProvider;
  /**
   * The board's session document (private writing, votes, locks, agenda, timer): written only by
   * the server, received on its own read-only channel, never cached on the device.
   */
  session: Y.Doc;
  sessionProvider: WebsocketProvider;
  store: NoteStore;
  frames: FrameStore;
  undo: Y.UndoManager;
  /** The whole board arrived before the page's code and was in the document from its start. */
  openedWithCopy: boolean;
  /** Stops syncing and deletes this device's copy of the board (the board is gone, or the link). */
  forget(): Promise<void>;
}

interface OpenConnection {
  connection: BoardConnection;
  /** Stops syncing and lets go of everything (the page leaves the board). */
  close(): void;
}

/**
 * Opens the board's two channels. A page may open them as soon as the link is traded (see
 * `prepareBoardConnection`), so the board's copy is on its way while the page's code still runs.
 */
function openBoardConnection(boardId: string, keepCopy: boolean): OpenConnection {
  const scheme = window.location.protocol === "https:" ? "wss" : "ws";
  const endpoint = `${scheme}://${window.location.host}${REALTIME_PATH}`;
  const rooms = boardRooms(boardId);
  // First, before anything listens to the documents: what the page's inline script received.
  const doc = new Y.Doc();
  const openedWithCopy = applyEarlyCopy(doc, `${endpoint}/${rooms.board}`);
  const session = new Y.Doc();
  applyEarlyCopy(session, `${endpoint}/${rooms.session}`);
  const local = keepCopy ? new IndexeddbPersistence(boardCopyName(boardId), doc) : null;
  // A page that only watches leaves alone a copy another page of this browser keeps (the
  // facilitator's board, beside the projector window it opened): the month without use ages it.
  if (keepCopy) noteBoardOpened(boardId);
  // The page's inline script may have opened both channels already (see earlyStart.ts). Every
  // tab syncs through the server, which checks each write: the stock provider would also sync
  // tabs of this browser with each other, encoding the whole board again for them on every
  // connect (about 0.1 s on a laptop at 1,000 notes, before the first note is drawn).
  const options = { WebSocketPolyfill: EarlyOrNewWebSocket, disableBc: true };
  const provider = new WebsocketProvider(endpoint, rooms.board, doc, options);
  announceOnlyOurselves(provider);
  const sessionProvider = new WebsocketProvider(endpoint, rooms.session, session, options);
  const stopCompacting = local ? compactCopyAfterErasures(boardId, session, provider, () => storeState(local, true)) : () => {};
  const store = new NoteStore(doc);
  const frames = new FrameStore(doc, session);
  // Frames in the scope too: moving a worksheet (and its notes) is one step to undo.
  const undo = new Y.UndoManager([notesOf(doc), framesOf(doc)], {
    trackedOrigins: new Set([LOCAL_ORIGIN]),
    captureTimeout: 400,
    deleteFilter: (item) => undoMayDelete(item, doc.clientID),
  });
  const forget = () => {
    provider.disconnect();
    sessionProvider.disconnect();
    return local ? local.clearData() : Promise.resolve();
  };
  const close = () => {
    stopCompacting();
    undo.destroy();
    store.destroy();
    frames.destroy();
    provider.destroy();
    provider.awareness.destroy(); // the provider leaves its presence timer running otherwise
    sessionProvider.destroy();
    sessionProvider.awareness.destroy();
    void local?.destroy();
    doc.destroy();
    session.destroy();
  };
  return { connection: { boardId, doc, provider, session, sessionProvider, store, frames, undo, openedWithCopy, forget }, close };
}

/** Origin of the copy the page's inline script received for it. */
const EARLY_ORIGIN = Symbol("early copy");

/** The server's whole copy of a channel that reached the page's early socket, if it did; true when applied. */
function applyEarlyCopy(doc: Y.Doc, url: string): boolean {
  const update = takeEarlyCopy(url);
  if (!update) return false;
  try {
    Y.applyUpdate(doc, update, EARLY_ORIGIN);
    return true;
  } catch {
    return false; // the provider's own sync step 1 fetches whatever this left out
  }
}

let prepared: (OpenConnection & { keepCopy: boolean }) | null = null;
/** Boards a page has open now: preparing one of them again would open a second connection. */
const inUse = new Set<string>();

/**
 * Opens the board's connection ahead of the page that will show it (called once the link is
 * traded for a cookie); `useBoardConnection` takes it over. One at a time: another board's
 * prepared connection is closed.
 */
export function prepareBoardConnection(boardId: string, { keepCopy }: { keepCopy: boolean }): void {
  if (inUse.has(boardId)) return; // the page got there first
  if (prepared?.connection.boardId === boardId && prepared.keepCopy === keepCopy) return;
  prepared?.close();
  prepared = { ...openBoardConnection(boardId, keepCopy), keepCopy };
}

function takeConnection(boardId: string, keepCopy: boolean): OpenConnection {
  const ready = prepared;
  prepared = null;
  if (ready && ready.connection.boardId === boardId && ready.keepCopy === keepCopy) return ready;
  ready?.close();
  return openBoardConnection(boardId, keepCopy);
}

/**
 * The board's document, synced to the server (auth by the HttpOnly cookie). Where people write
 * (`keepCopy`), it is also cached in IndexedDB so that work goes on offline and merges when the
 * connection returns; a page that only watches (a viewer, the projector, often a shared PC)
 * keeps nothing on the device.
 */
export function useBoardConnection(boardId: string, { keepCopy }: { keepCopy: boolean }): { connection: BoardConnection | null; status: ConnectionStatus } {
  const [connection, setConnection] = useState<BoardConnection | null>(null);
  const [status, setStatus] = useState<ConnectionStatus>("connecting");

  useEffect(() => {
    const opened = takeConnection(boardId, keepCopy);
    const { provider } = opened.connection;
    inUse.add(boardId);

    let wasOnline = false;
    const update = () => {
      const online = provider.wsconnected && navigator.onLine;
      wasOnline ||= online;
      setStatus(online ? "online" : wasOnline || !navigator.onLine ? "offline" : "connecting");
    };
    provider.on("status", update);
    window.addEventListener("online", update);
    window.addEventListener("offline", update);
    // After a few failed attempts the first connection counts as offline too.
    const firstTry = window.setTimeout(() => (wasOnline = true), 4000);
    setConnection(opened.connection);
    update();

    return () => {
      window.clearTimeout(firstTry);
      provider.off("status", update);
      window.removeEventListener("online", update);
      window.removeEventListener("offline", update);
      opened.close();
      inUse.delete(boardId);
      setConnection(null);
    };
  }, [boardId, keepCopy]);

  return { connection, status };
}
