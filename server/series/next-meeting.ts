import { nanoid } from "nanoid";
import type { Language } from "../../lib/i18n/core";
import { kitTranslator } from "../../lib/i18n/kit";
import { carriedFrom, writeCarried, type WrittenCarried } from "../../lib/series/carry-forward";
import { withRoom } from "../participation/board-room";
import type { ParticipationContext } from "../participation/context";
import type { BoardRecord } from "../storage/types";
import { deliverHomework } from "./homework";

/**
 * Makes a new board the next meeting of `previous`'s series (starting the series if `previous`
 * is in none) and carries forward what the previous meeting left open: its parked questions and
 * actions, with their people and dates, and a summary of its worksheets (lib/series/carry-forward.ts).
 * Read from the previous board in its room's turn, written into the new one in its own.
 */
export async function continueSeries(
  ctx: ParticipationContext,
  previous: BoardRecord,
  next: BoardRecord,
  language: Language,
  /** The facilitator lets the previous meeting's phones follow as themselves (server/series/follow.ts). */
  welcomePrevious = false,
): Promise<{ seriesId: string; carried: WrittenCarried }> {
  const seriesId = await ctx.storage.continueSeries(previous.id, next.id, nanoid(16), ctx.retention.now(), welcomePrevious);
  const carried = await withRoom(ctx.rooms, ctx.log, previous.id, (room) => carriedFrom(room.doc, room.session));
  const t = kitTranslator(language);
  const words = {
    summaryTitle: (worksheet: string) => t("series.summaryTitle", { title: worksheet }),
    parkingTitle: t("frames.default.parkingTitle"),
    actionsTitle: t("series.actionsTitle"),
  };
  let written: WrittenCarried = { frames: [], notes: 0 };
  await withRoom(ctx.rooms, ctx.log, next.id, (room) =>
    room.applyServerChange((doc, session) => {
      written = writeCarried(doc, session, carried, words, { origin: null, now: Date.now(), newId: () => nanoid(12), from: { boardId: previous.id, title: previous.title } });
    }),
  );
  const homework = await deliverHomework(ctx, previous, next);
  // The phones of the previous meeting hear that the next one is there (and whether they may follow).
  ctx.live.notify(previous.id);
  ctx.live.notify(next.id);
  ctx.log("series.continued", { board: next.id, series: seriesId, frames: written.frames.length, notes: written.notes, homework });
  return { seriesId, carried: written };
}
