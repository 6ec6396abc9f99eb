import { nanoid } from "nanoid";
import type { Language } from "../../lib/i18n/core";
import { kitTranslator } from "../../lib/i18n/kit";
import { carriedFrom, writeCarried, type WrittenCarried } from "../../lib/series/carry-forward";
import { HttpError } from "../http/json";
import { KitError } from "../../lib/kits/apply";
import { withRoom } from "../participation/board-room";
import type { ParticipationContext } from "../participation/context";
import type { BoardRecord } from "../storage/types";
import { deliverHomework } from "./homework";

/**
 * A meeting has one next meeting: continued twice, the series would fork, and the fork would
 * bring back what the meeting in between had closed.
 */
export async function refuseUnlessLast(ctx: Pick<ParticipationContext, "storage">, previous: BoardRecord): Promise<void> {
  if (await ctx.storage.nextOf(previous.id)) throw new HttpError(409, "not_last_meeting", "this meeting already has a next one; continue the series from its last meeting");
}

/**
 * Makes a new board the next meeting of `previous`'s series (starting the series if `previous`
 * is in none) and carries forward what the previous meeting left open: its parked questions and
 * actions, with their people and dates, a summary of its worksheets (lib/series/carry-forward.ts)
 * and the homework its phones sent. The link into the series, what is carried and the waiting
 * homework are read in one turn of the previous board's room, so a phone's homework is either
 * delivered now or, sent after, finds the new board. The new board is deleted if this fails.
 */
export async function continueSeries(
  ctx: ParticipationContext,
  previous: BoardRecord,
  next: BoardRecord,
  language: Language,
  /** The facilitator lets the previous meeting's phones follow as themselves (server/series/follow.ts). */
  welcomePrevious = false,
): Promise<{ seriesId: string; carried: WrittenCarried }> {
  const { seriesId, carried, homework } = await withRoom(ctx.rooms, ctx.log, previous.id, async (room) => {
    await refuseUnlessLast(ctx, previous);
    return {
      seriesId: await ctx.storage.continueSeries(previous.id, next.id, nanoid(16), ctx.retention.now(), welcomePrevious),
      carried: carriedFrom(room.doc, room.session),
      homework: await ctx.storage.listHomework(previous.id),
    };
  });
  const t = kitTranslator(language);
  const words = {
    summaryTitle: (worksheet: string) => t("series.summaryTitle", { title: worksheet }),
    parkingTitle: t("frames.default.parkingTitle"),
    actionsTitle: t("series.actionsTitle"),
  };
  let written: WrittenCarried = { frames: [], notes: 0 };
  try {
    await withRoom(ctx.rooms, ctx.log, next.id, (room) =>
      room.applyServerChange((doc, session) => {
        written = writeCarried(doc, session, carried, words, { origin: null, now: Date.now(), newId: () => nanoid(12), from: { boardId: previous.id, title: previous.title } });
      }),
    );
  } catch (error) {
    if (error instanceof KitError) throw new HttpError(409, error.code, error.message);
    throw error;
  }
  const delivered = await deliverHomework(ctx, previous, next, homework);
  // The phones of the previous meeting hear that the next one is there (and whether they may follow).
  ctx.live.notify(previous.id);
  ctx.live.notify(next.id);
  ctx.log("series.continued", { board: next.id, series: seriesId, frames: written.frames.length, notes: written.notes, homework: delivered });
  return { seriesId, carried: written };
}
