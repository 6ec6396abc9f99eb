import type { LinkKind } from "../../lib/roles";
import { newTokenSalt } from "../auth/tokens";
import type { BoardRecord } from "../storage/types";
import type { ParticipationContext } from "./context";

/** The websocket close code for "the link was renewed or the participant removed" (docs/api.md). */
export const LINK_REVOKED_CLOSE_CODE = 4401;

/**
 * Gives one link a new salt: from now on its old token verifies nowhere (API, session trade,
 * websocket upgrade, cookies that hold it). Answers the board as it is now, with the new salt.
 */
export async function renewLinkSalt(ctx: ParticipationContext, board: BoardRecord, kind: LinkKind): Promise<BoardRecord> {
  const salt = newTokenSalt();
  await ctx.storage.setLinkSalt(board.id, kind, salt);
  // Read back: another link renewed meanwhile belongs in the answer too.
  return (await ctx.storage.getBoard(board.id)) ?? { ...board, linkSalts: { ...board.linkSalts, [kind]: salt } };
}

/**
 * Cuts off what is still open on a renewed link: its websockets (closed with 4401, so clients
 * stop reconnecting and say why) and the event streams of identities board users made through it.
 */
export function disconnectLink(ctx: ParticipationContext, boardId: string, kind: LinkKind): { sockets: number; streams: number } {
  ctx.renewals.renewed(boardId, kind);
  const sockets = ctx.rooms.closeLink(boardId, kind, LINK_REVOKED_CLOSE_CODE, "link renewed");
  const streams = ctx.live.endStreams(boardId, (participant) => participant.via === kind);
  ctx.log("link.renewed", { board: boardId, link: kind, sockets, streams });
  return { sockets, streams };
}
