import type { AuditResponse, BoardInfoResponse, HeldNoteView, JoinResponse } from "../../lib/api/schemas";

/**
 * The facilitator's and board users' calls to the workshop API (docs/api.md, "Participants").
 * The board's HttpOnly cookie authenticates them; errors carry the server's code.
 */
export class WorkshopApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    credentials: "same-origin",
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return undefined as T;
  const data = (await response.json().catch(() => ({}))) as { error?: string; message?: string };
  if (!response.ok) throw new WorkshopApiError(response.status, data.error ?? "error", data.message ?? response.statusText);
  return data as T;
}

const board = (id: string) => `/api/boards/${encodeURIComponent(id)}`;

export const workshopApi = {
  info: (id: string) => call<BoardInfoResponse>("GET", board(id)),
  update: (id: string, changes: { joinOpen?: boolean; prompt?: string; participantBudget?: number; retentionDays?: number | null; keepUntil?: string | null }) =>
    call<BoardInfoResponse>("PATCH", board(id), changes),
  /** The board's audit log, newest first. */
  audit: (id: string) => call<AuditResponse>("GET", `${board(id)}/audit`),
  /** Deletes the board for everyone (docs/api.md, "Deleting a board"). */
  deleteBoard: (id: string) => call<void>("DELETE", board(id)),
  newJoinCode: (id: string) => call<BoardInfoResponse>("POST", `${board(id)}/join-code`),
  /** A board user's own participant identity, to write privately and to vote. */
  joinAsParticipant: (id: string, name: string) => call<JoinResponse>("POST", `${board(id)}/participants`, { name }),
  setPrivateWriting: (id: string, on: boolean, signed?: boolean) => call<unknown>("POST", `${board(id)}/private-writing`, { on, signed }),
  held: (id: string) => call<{ notes: HeldNoteView[] }>("GET", `${board(id)}/held`),
  reveal: (id: string, noteIds?: string[]) => call<{ revealed: number }>("POST", `${board(id)}/reveal`, { noteIds }),
  startVote: (id: string, settings: { noteIds?: string[]; frameId?: string; dotsPerPerson: number; allowMultiplePerNote: boolean; showLive: boolean }) =>
    call<unknown>("POST", `${board(id)}/vote`, settings),
  /** Locks or unlocks a worksheet: the lock is the server's (the session document), never the page's. */
  setWorksheetLocked: (id: string, frameId: string, locked: boolean) => call<unknown>("POST", `${board(id)}/frames/${encodeURIComponent(frameId)}/lock`, { locked }),
  closeVote: (id: string) => call<unknown>("POST", `${board(id)}/vote/close`, {}),
  clearVote: (id: string) => call<unknown>("DELETE", `${board(id)}/vote`),
  dot: (id: string, noteId: string, delta: 1 | -1) =>
    call<{ myDots: Record<string, number>; dotsLeft: number }>("POST", `${board(id)}/vote/dots`, { noteId, delta }),
};
