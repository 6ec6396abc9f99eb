import type { FacilitatorsResponse, MeResponse, MyBoardsResponse } from "../../lib/api/schemas";
import { call } from "../facilitation/workshopApi";

const board = (id: string) => `/api/boards/${encodeURIComponent(id)}`;

/** Signing in, "Mina tavlor" and a board's signed-in facilitators (docs/api.md, "Signing in"). */
export const accountApi = {
  me: () => call<MeResponse>("GET", "/api/me"),
  myBoards: () => call<MyBoardsResponse>("GET", "/api/my-boards"),
  logout: () => call<void>("POST", "/auth/logout"),
  deleteMe: () => call<void>("DELETE", "/api/me"),
  facilitators: (id: string) => call<FacilitatorsResponse>("GET", `${board(id)}/facilitators`),
  addFacilitator: (id: string, email: string) => call<FacilitatorsResponse>("POST", `${board(id)}/facilitators`, { email }),
  removeFacilitator: (id: string, userId: string) => call<FacilitatorsResponse>("DELETE", `${board(id)}/facilitators/${encodeURIComponent(userId)}`),
  handOver: (id: string, email: string) => call<FacilitatorsResponse>("POST", `${board(id)}/handover`, { email }),
};

/** Where the sign-in link goes: the provider, then back to `returnTo` on this site. */
export function signInHref(returnTo: string): string {
  return `/auth/login?returnTo=${encodeURIComponent(returnTo)}`;
}
