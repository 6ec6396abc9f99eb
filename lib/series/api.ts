import type { WorksheetOverview } from "./overview";
import type { FollowUpKind } from "../board/follow-up";
import type { ParkingStatus, Significance } from "../schema/note";

/** GET /api/series/:id (docs/api.md, "Series"): the meetings in order, and what is open across them. */
export interface SeriesResponse {
  id: string;
  meetings: SeriesMeeting[];
  /** Open parked questions and actions of every meeting, each once, as the latest meeting holding it has it. */
  followUp: SeriesFollowUpItem[];
}

export interface SeriesMeeting {
  boardId: string;
  title: string;
  /** 1 for the first meeting. */
  position: number;
  /** When the board was made, ISO 8601. */
  createdAt: string;
  kit: string | null;
  /** The meeting's facilitator link (its token after `#`), only for a meeting the caller facilitates; else null. */
  link: string | null;
  /** How many open questions and actions it holds now (one carried on to a later meeting counts there). */
  open: number;
  /** The board it was made as the next meeting of; null for a series' first meeting and parallel boards. */
  continues: string | null;
}

export interface SeriesFollowUpItem {
  id: string;
  text: string;
  kind: FollowUpKind;
  status: ParkingStatus;
  significance?: Significance;
  owner?: string;
  startDate?: string;
  followUpDate?: string;
  /** The meeting whose board holds it now. */
  boardId: string;
  boardTitle: string;
  /** The meeting it was first on (parked or made an action there). */
  since: { boardId: string; title: string };
}

/** GET /api/series/:id/overview: every board of the series, parallel ones included, worksheet by worksheet. */
export interface SeriesOverviewResponse {
  boards: Array<{ boardId: string; title: string; position: number; worksheets: WorksheetOverview[] }>;
}

