import type { ServerResponse } from "node:http";
import { exportBoard } from "../../lib/export/board-file";
import { reportCsv } from "../../lib/export/csv";
import { attachmentHeader } from "../../lib/export/filename";
import { buildReport } from "../../lib/export/report";
import { DEFAULT_LANGUAGE, isLanguage, type Language } from "../../lib/i18n";
import { framesOf, readFrames } from "../../lib/schema/frame";
import { boardFollowUp } from "../../lib/board/follow-up";
import { followUpCalendar, followUpCsv } from "../../lib/export/follow-up";
import { kitTranslator } from "../../lib/i18n/kit";
import { reportPdf } from "../export/pdf";
import { worksheetPictures } from "../../lib/export/pictures";
import { readSession } from "../../lib/schema/session";
import { withRoom } from "../participation/board-room";
import type { ParticipationContext } from "../participation/context";
import { HttpError } from "./json";
import { requestUrl } from "./request-url";
import { BOARD_PATH, routeAuth, type Handler, type Route } from "./route-auth";
import { recordAudit } from "../lifecycle/audit";

/**
 * Exports for the binder (docs/api.md, "Export and import"): CSV, the board file (JSON) and the
 * A4 PDF report, of the whole board or one worksheet, and the follow-up list (CSV, iCalendar),
 * for facilitators and members. Viewers may
 * look but not take the notes away. Import lives in POST /api/boards (server/http/api.ts).
 */
export function exportRoutes(ctx: ParticipationContext): Route[] {
  const { asRole } = routeAuth(ctx);

  /** Who may take the board away (facilitators and members), in which language, under which title. */
  const exportRequest = async (req: Parameters<Handler>[0], rawId: string) => {
    const { board, role } = await asRole(req, rawId, ["facilitator", "member"]);
    const options = exportOptions(req);
    return { board, role, ...options, title: board.title.trim() || kitTranslator(options.language)("export.untitled") };
  };

  const exporter =
    (format: "csv" | "json" | "pdf"): Handler =>
    async (req, res, [rawId]) => {
      const { board, role, frameId, language, title } = await exportRequest(req, rawId);
      const { report, file, followUp, pictures, agenda } = await withRoom(ctx.rooms, ctx.log, board.id, (room) => {
        if (frameId !== undefined && !framesOf(room.doc).has(frameId)) throw new HttpError(404, "no_such_frame", "this board has no such worksheet");
        const whole = format === "pdf" && frameId === undefined;
        return {
          report: buildReport(room.doc, room.session, { frameId }),
          file: format === "json" ? exportBoard(room.doc, room.session, board.title) : null,
          // The binder ends with who does what by when; one worksheet's report is that worksheet only.
          followUp: whole ? boardFollowUp(room.doc, language) : [],
          pictures: format === "pdf" ? worksheetPictures(room.doc, room.session) : undefined,
          agenda: whole ? (readSession(room.session).agenda?.steps ?? []) : [],
        };
      });
      await recordAudit(ctx, board.id, role, "export", frameId === undefined ? format : `${format}, worksheet`);
      const frameTitle = frameId === undefined ? null : report.frames[0]?.title.trim();
      const name = frameTitle ? `${title} – ${frameTitle}` : title;
      if (format === "csv") sendDownload(res, "text/csv; charset=utf-8", name, "csv", reportCsv(report, language));
      else if (format === "pdf") sendDownload(res, "application/pdf", name, "pdf", await reportPdf(report, { title: frameTitle ? name : board.title, language, date: new Date(), followUp, pictures, agenda, participants: await ctx.storage.countParticipants(board.id) }));
      else sendDownload(res, "application/json; charset=utf-8", name, "json", JSON.stringify(onlyFrame(file!, frameId), null, 2));
    };

  /** The follow-up list: parked questions and actions as a spreadsheet, open follow-up dates as a calendar. */
  const followUpExporter =
    (format: "csv" | "ics"): Handler =>
    async (req, res, [rawId]) => {
      const { board, role, language, title } = await exportRequest(req, rawId);
      const { items, worksheets } = await withRoom(ctx.rooms, ctx.log, board.id, (room) => ({
        items: boardFollowUp(room.doc, language),
        worksheets: new Map(readFrames(room.doc).map((frame) => [frame.id, frame.title.trim()])),
      }));
      const name = `${title} – ${kitTranslator(language)("followUp.title")}`;
      const calendar = format === "ics" ? followUpCalendar(items, { boardId: board.id, boardTitle: title, language, now: new Date() }) : null;
      if (format === "ics" && calendar === null) throw new HttpError(404, "nothing_to_follow_up", "no open item has a follow-up date");
      await recordAudit(ctx, board.id, role, "export", `${format}, follow-up`);
      if (format === "csv") return sendDownload(res, "text/csv; charset=utf-8", name, "csv", followUpCsv(items, (id) => worksheets.get(id), language));
      sendDownload(res, "text/calendar; charset=utf-8", name, "ics", calendar!);
    };

  const board = BOARD_PATH;
  return [
    ["GET", new RegExp(`^${board}/follow-up\\.csv$`), followUpExporter("csv")],
    ["GET", new RegExp(`^${board}/follow-up\\.ics$`), followUpExporter("ics")],
    ["GET", new RegExp(`^${board}/export\\.csv$`), exporter("csv")],
    ["GET", new RegExp(`^${board}/export\\.json$`), exporter("json")],
    ["GET", new RegExp(`^${board}/export\\.pdf$`), exporter("pdf")],
  ];
}

export function exportOptions(req: Parameters<Handler>[0]): { frameId?: string; language: Language } {
  const query = requestUrl(req)?.searchParams;
  const frame = query?.get("frame") ?? "";
  const lang = query?.get("lang");
  if (frame.length > 64) throw new HttpError(404, "no_such_frame", "this board has no such worksheet");
  return { ...(frame ? { frameId: frame } : {}), language: isLanguage(lang) ? lang : DEFAULT_LANGUAGE };
}

/** One worksheet's file: that frame and the notes in it, still a file that opens as a board. */
function onlyFrame(file: ReturnType<typeof exportBoard>, frameId: string | undefined): ReturnType<typeof exportBoard> {
  if (frameId === undefined) return file;
  return { ...file, frames: file.frames.filter((frame) => frame.id === frameId), notes: file.notes.filter((note) => note.frame === frameId) };
}

/** A download: an attachment named after the board, never cached or sniffed. */
export function sendDownload(res: ServerResponse, type: string, title: string, extension: string, body: string | Buffer): void {
  res.writeHead(200, {
    "Content-Type": type,
    "Content-Length": Buffer.byteLength(body),
    "Content-Disposition": attachmentHeader(title, extension),
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  });
  res.end(body);
}
