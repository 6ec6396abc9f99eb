import type { IncomingMessage } from "node:http";
import { boardFollowUp } from "../../lib/board/follow-up";
import { openAcrossSeries, type MeetingFollowUp } from "../../lib/series/series-list";
import type { SeriesFollowUpItem, SeriesOverviewResponse, SeriesResponse } from "../../lib/series/api";
import { worksheetOverview } from "../../lib/series/overview";
import { buildReport } from "../../lib/export/report";
import { boardsCsv } from "../../lib/export/csv";
import { kitTranslator } from "../../lib/i18n/kit";
import { recordAudit } from "../lifecycle/audit";
import { exportOptions, sendDownload } from "./export-routes";
import { boardIdSchema } from "../../lib/api/schemas";
import { resolveAccess } from "../auth/board-access";
import { boardLinks } from "../auth/links";
import { withRoom } from "../participation/board-room";
import type { ParticipationContext } from "../participation/context";
import type { BoardRecord } from "../storage/types";
import { HttpError, sendJson } from "./json";
import type { Handler, Route } from "./route-auth";
import { definedOnly } from "../../lib/defined";

/**
 * A series of meetings (docs/api.md, "Series"). A facilitator of any of its meetings sees all of
 * them: a series is one team's work, and each next meeting is made by a facilitator of the last.
 */
export function seriesRoutes(ctx: ParticipationContext): Route[] {
  const show: Handler = async (req, res, [rawId]) => {
    const { seriesId, boards, facilitated } = await facilitatedSeries(ctx, req, rawId);
    const meetings: MeetingFollowUp[] = [];
    for (const { board } of boards) {
      const items = await withRoom(ctx.rooms, ctx.log, board.id, (room) => boardFollowUp(room.doc));
      meetings.push({ boardId: board.id, title: board.title, items });
    }
    const open = openAcrossSeries(meetings);
    const body: SeriesResponse = {
      id: seriesId,
      meetings: boards.map(({ board, position, continues }) => ({
        boardId: board.id,
        title: board.title,
        position,
        createdAt: new Date(board.createdAt).toISOString(),
        kit: board.kit ?? null,
        // A meeting's link only to whoever already facilitates it: a series never widens a link's
        // reach, nor outlives a renewed link or a removed co-facilitator.
        link: facilitated.has(board.id) ? boardLinks(ctx.tokens, board).facilitator : null,
        // Counted where each item is now: a question carried on counts at the meeting that holds it.
        open: open.filter((item) => item.boardId === board.id).length,
        continues,
      })),
      followUp: open.map(
        ({ note, kind, status, boardId, boardTitle, since }): SeriesFollowUpItem => ({
          id: note.id,
          text: note.text,
          kind,
          status,
          boardId,
          boardTitle,
          since,
          ...definedOnly({ significance: note.significance, owner: note.owner, startDate: note.startDate, followUpDate: note.followUpDate }),
        }),
      ),
    };
    sendJson(res, 200, body);
  };
  /** Every board, worksheet by worksheet: counts and the most-voted notes (seeds/002's programme lead). */
  const overview: Handler = async (req, res, [rawId]) => {
    const { boards } = await facilitatedSeries(ctx, req, rawId);
    const body: SeriesOverviewResponse = { boards: [] };
    for (const { board, position } of boards) {
      const report = await withRoom(ctx.rooms, ctx.log, board.id, (room) => buildReport(room.doc, room.session));
      body.boards.push({ boardId: board.id, title: board.title, position, worksheets: worksheetOverview(report) });
    }
    sendJson(res, 200, body);
  };

  /** All the series' boards in one spreadsheet, the board's title on every row. */
  const exportAll: Handler = async (req, res, [rawId]) => {
    const { boards } = await facilitatedSeries(ctx, req, rawId);
    const { language } = exportOptions(req);
    const parts = [];
    for (const { board } of boards) {
      const report = await withRoom(ctx.rooms, ctx.log, board.id, (room) => buildReport(room.doc, room.session));
      parts.push({ title: board.title, report });
      await recordAudit(ctx, board.id, "facilitator", "export", "csv, series");
    }
    sendDownload(res, "text/csv; charset=utf-8", kitTranslator(language)("series.title"), "csv", boardsCsv(parts, language));
  };

  return [
    ["GET", /^\/api\/series\/([^/]+)$/, show],
    ["GET", /^\/api\/series\/([^/]+)\/overview$/, overview],
    ["GET", /^\/api\/series\/([^/]+)\/export\.csv$/, exportAll],
  ];
}

/** The series' boards, for a facilitator of any of them; 404 for no such series, 401 for anyone else. */
async function facilitatedSeries(ctx: ParticipationContext, req: IncomingMessage, rawId: string) {
  const seriesId = boardIdSchema.safeParse(rawId);
  if (!seriesId.success) throw new HttpError(404, "series_not_found", "no such series");
  const boards = await boardsOf(ctx, seriesId.data);
  if (boards.length === 0) throw new HttpError(404, "series_not_found", "no such series (any more)");
  const facilitated = await facilitatedOf(ctx, req, boards);
  if (facilitated.size === 0) throw new HttpError(401, "invalid_token", "no facilitator link of this series' meetings");
  return { seriesId: seriesId.data, boards, facilitated };
}

async function boardsOf(ctx: ParticipationContext, seriesId: string): Promise<Array<{ board: BoardRecord; position: number; continues: string | null }>> {
  const found: Array<{ board: BoardRecord; position: number; continues: string | null }> = [];
  for (const { boardId, position, continues } of await ctx.storage.meetingsOf(seriesId)) {
    const board = await ctx.storage.getBoard(boardId);
    if (board) found.push({ board, position, continues });
  }
  return found;
}

/** The meetings this request facilitates: by a facilitator link (bearer or cookie) or as a signed-in facilitator. */
async function facilitatedOf(ctx: ParticipationContext, req: IncomingMessage, boards: ReadonlyArray<{ board: BoardRecord }>): Promise<Set<string>> {
  const facilitated = new Set<string>();
  for (const { board } of boards) {
    const access = await resolveAccess(req, board.id, ctx.storage, ctx.tokens, null, ctx.signedIn ?? undefined);
    if (access?.role === "facilitator") facilitated.add(board.id);
  }
  return facilitated;
}

