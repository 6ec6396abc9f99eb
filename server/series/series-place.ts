import { kitById } from "../../lib/kits/index";
import type { SessionResponse } from "../../lib/api/schemas";
import type { BoardRecord, Storage } from "../storage/types";

/** What a facilitator's page needs of the series: where the board stands in it, and the kit a next meeting is offered. */
export async function seriesPlace(storage: Pick<Storage, "seriesOf">, board: BoardRecord): Promise<Pick<SessionResponse, "series" | "nextKit">> {
  const place = await storage.seriesOf(board.id);
  return {
    series: place ? { id: place.seriesId, position: place.position } : null,
    nextKit: (board.kit ? kitById(board.kit)?.next : undefined) ?? null,
  };
}
