import type { CreateBoardRequest, CreateBoardResponse } from "../../lib/api/schemas";
import type { SeriesResponse } from "../../lib/series/api";
import { call } from "../facilitation/workshopApi";

/** A series of meetings (docs/api.md, "Series"); the board's cookie says who asks. */
export const seriesApi = {
  /** The next meeting of `boardId`: a new board that starts with what this one left open. */
  nextMeeting: (boardId: string, request: Omit<CreateBoardRequest, "continues">) => call<CreateBoardResponse>("POST", "/api/boards", { ...request, continues: boardId }),
  show: (seriesId: string) => call<SeriesResponse>("GET", `/api/series/${encodeURIComponent(seriesId)}`),
};
