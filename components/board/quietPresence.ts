import type { WebsocketProvider } from "y-websocket";

type AwarenessChange = { added: number[]; updated: number[]; removed: number[] };

/**
 * Makes a provider announce only its own presence. The stock provider sends back every presence
 * change it hears, other people's cursors too: in a room of ten moving cursors each page would
 * send the server ~200 messages a second that change nothing (the server relays presence to
 * everyone itself and hands newcomers the whole room).
 */
export function announceOnlyOurselves(provider: WebsocketProvider): void {
  const { awareness } = provider;
  const announce = provider._awarenessUpdateHandler;
  const ours = (ids: number[]) => ids.filter((id) => id === awareness.clientID);
  const announceOurs = ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
    const change = { added: ours(added), updated: ours(updated), removed: ours(removed) };
    if (change.added.length + change.updated.length + change.removed.length > 0) announce(change, origin);
  };
  awareness.off("update", announce);
  awareness.on("update", announceOurs);
  // destroy() unsubscribes the handler it finds here.
  provider._awarenessUpdateHandler = announceOurs;
}
