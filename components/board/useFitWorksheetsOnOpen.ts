"use client";

import { useEffect } from "react";
import type { BoardConnection } from "./useBoardConnection";
import type { ViewportStore } from "./viewportStore";
import { wholeBoardRect } from "./wholeBoard";

/**
 * A board made from a method kit opens with its worksheets in view at a zoom where its notes can
 * be read, not with the first one cut off at 100%. Once only, and only while the user has not
 * moved the view themselves.
 */
export function useFitWorksheetsOnOpen(connection: BoardConnection | null, viewport: ViewportStore): void {
  useEffect(() => {
    if (!connection) return;
    const untouched = () => {
      const v = viewport.get();
      return v.x === 0 && v.y === 0 && v.scale === 1;
    };
    let done = false;
    const fit = () => {
      if (done) return;
      if (!untouched()) return void (done = true);
      if (connection.frames.all().length === 0) return void (done = true);
      viewport.open(wholeBoardRect(connection.store, connection.frames), connection.frames.all());
      done = true;
    };
    // Decided once, when the server's copy has arrived: a worksheet added later stays where it is put.
    // At once, in the same task as the copy: the notes are then first drawn where they are shown,
    // not once at 100 % and again a frame later. A copy the page's inline script received is in
    // the document from its start: the fit need not wait for the provider's own round trip.
    const onSync = (synced: boolean) => {
      if (synced) fit();
    };
    if (connection.provider.synced || connection.openedWithCopy) onSync(true);
    connection.provider.on("sync", onSync);
    return () => {
      connection.provider.off("sync", onSync);
    };
  }, [connection, viewport]);
}
