import { kitById } from "../../lib/kits/index";
import type { SessionResponse } from "../../lib/api/schemas";
import type { ParticipantView } from "../../lib/api/schemas";
import type { BoardRecord, Storage } from "../storage/types";

/** What a facilitator's page needs of the series: where the board stands in it, and the kit a next meeting is offered. */
export async function seriesPlace(storage: Pick<Storage, "seriesOf">, board: BoardRecord): Promise<Pick<SessionResponse, "series" | "nextKit">> {
  const place = await storage.seriesOf(board.id);
  return {
    series: place ? { id: place.seriesId, position: place.position } : null,
    nextKit: (board.kit ? kitById(board.kit)?.next : undefined) ?? null,
  };
}

/** The meeting made as the next one of this board, if it has been made (and not deleted). */
export async function nextMeetingOf(storage: Pick<Storage, "nextOf" | "getBoard">, boardId: string): Promise<BoardRecord | null> {
  const next = await storage.nextOf(boardId);
  return next ? storage.getBoard(next) : null;
}

/** Whether the series' next meeting is there for this phone, and whether it may follow to it as itself. */
export async function nextMeetingView(storage: Storage, boardId: string): Promise<ParticipantView["nextMeeting"]> {
  const next = await nextMeetingOf(storage, boardId);
  return next ? { mayFollow: await welcomes(storage, next.id, boardId) } : null;
}

/** Whether the meeting `boardId` lets the phones of `from` follow: it was made from that very board, with that leave. */
export async function welcomes(storage: Pick<Storage, "seriesOf">, boardId: string, from: string): Promise<boolean> {
  const place = await storage.seriesOf(boardId);
  return place?.welcomesPrevious === true && place.continues === from;
}
