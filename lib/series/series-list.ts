import { sortFollowUp, type FollowUpItem } from "../board/follow-up";

/** One meeting's follow-up list, as the series page gathers them. */
export interface MeetingFollowUp {
  boardId: string;
  title: string;
  items: readonly FollowUpItem[];
}

/** `boardId`/`boardTitle`: the meeting that holds it now; `since`: the meeting it was first on. */
export type SeriesItem = FollowUpItem & { boardId: string; boardTitle: string; since: { boardId: string; title: string } };

/**
 * What is still open across a series, each question or action once. A carried item keeps its id
 * from meeting to meeting, so the latest meeting that holds it says what became of it: a question
 * answered in meeting 3 is no longer open, however open it was in meeting 1. `meetings` in order.
 */
export function openAcrossSeries(meetings: readonly MeetingFollowUp[], locale?: string): SeriesItem[] {
  const latest = new Map<string, SeriesItem>();
  for (const meeting of meetings) {
    for (const item of meeting.items) {
      const since = latest.get(item.note.id)?.since ?? { boardId: meeting.boardId, title: meeting.title };
      latest.set(item.note.id, { ...item, boardId: meeting.boardId, boardTitle: meeting.title, since });
    }
  }
  return sortFollowUp([...latest.values()].filter((item) => item.status === "open"), locale);
}
