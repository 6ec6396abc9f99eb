import type { z } from "zod";
import type { GroupsOverview, groupsStartRequest } from "../../lib/groups/api";

/** The facilitator's small-group calls (docs/api.md, "Small groups and scales"); the board cookie authenticates. */
async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    credentials: "same-origin",
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`);
  return (await response.json()) as T;
}

const groups = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}/groups`;

export const groupsApi = {
  overview: (boardId: string) => call<GroupsOverview>("GET", groups(boardId)),
  start: (boardId: string, body: z.input<typeof groupsStartRequest>) => call<GroupsOverview>("POST", groups(boardId), body),
  merge: (boardId: string) => call<{ moved: number; fromInboxes: number }>("POST", `${groups(boardId)}/merge`, {}),
  /** The roles move on one seat in every group, from the round the facilitator saw. */
  nextRound: (boardId: string, from: number) => call<{ round: number }>("POST", `${groups(boardId)}/roles/next`, { from }),
};
