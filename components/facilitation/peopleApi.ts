import type { ParticipantListResponse } from "../../lib/api/schemas";
import { call } from "./workshopApi";

const board = (id: string) => `/api/boards/${encodeURIComponent(id)}`;

/** The facilitator's list of who joined, and taking someone off it (docs/api.md). */
export const peopleApi = {
  list: (boardId: string) => call<ParticipantListResponse>("GET", `${board(boardId)}/participants`),
  /** Erases the person; their notes stay without their name, or go too. */
  remove: (boardId: string, participantId: string, notes: "remove" | "anonymize") =>
    call<void>("DELETE", `${board(boardId)}/participants/${encodeURIComponent(participantId)}`, { notes }),
};
