import type { CreateBoardRequest, CreateBoardResponse } from "../../lib/api/schemas";
import type { SeriesOverviewResponse, SeriesResponse } from "../../lib/series/api";
import { call } from "../facilitation/workshopApi";

/** A series of meetings (docs/api.md, "Series"); the board's cookie says who asks. */
export const seriesApi = {
  /** The next meeting of `boardId`: a new board that starts with what this one left open. */
  nextMeeting: (boardId: string, request: Omit<CreateBoardRequest, "continues">) => call<CreateBoardResponse>("POST", "/api/boards", { ...request, continues: boardId }),
  show: (seriesId: string) => call<SeriesResponse>("GET", `/api/series/${encodeURIComponent(seriesId)}`),
  /** Another group's board of this meeting (a programme's parallel boards), with the same method. */
  parallel: (boardId: string, request: Pick<CreateBoardRequest, "title" | "language">) => call<CreateBoardResponse>("POST", "/api/boards", { ...request, besides: boardId }),
  overview: (seriesId: string) => call<SeriesOverviewResponse>("GET", `/api/series/${encodeURIComponent(seriesId)}/overview`),
  exportPath: (seriesId: string, language: string) => `/api/series/${encodeURIComponent(seriesId)}/export.csv?lang=${encodeURIComponent(language)}`,
};
