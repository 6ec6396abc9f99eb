import { z } from "zod";
import { LIMITS } from "../schema/limits";
import { ROLES } from "../roles";

/** HTTP bodies and path parameters, validated on the server and typed for the client. */
export const boardIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "not a board id");

export const createBoardRequest = z.object({
  title: z.string().trim().max(LIMITS.maxTitleChars).default(""),
});
export type CreateBoardRequest = z.input<typeof createBoardRequest>;

export const sessionRequest = z.object({
  token: z.string().min(16).max(256),
});

export const boardLinks = z.object({
  facilitator: z.string(),
  member: z.string(),
  viewer: z.string(),
});
export type BoardLinks = z.infer<typeof boardLinks>;

export interface CreateBoardResponse {
  id: string;
  title: string;
  facilitatorToken: string;
  memberToken: string;
  viewerToken: string;
  links: BoardLinks;
}

export const sessionResponse = z.object({
  boardId: z.string(),
  title: z.string(),
  role: z.enum(ROLES),
  /** Only a facilitator gets the share links. */
  links: boardLinks.optional(),
});
export type SessionResponse = z.infer<typeof sessionResponse>;

export interface ApiError {
  error: string;
  message: string;
}

/** Page path for a board link. The token rides after `#`, so browsers never send it anywhere. */
export function boardLinkPath(boardId: string, token: string): string {
  return `/b/${encodeURIComponent(boardId)}#token=${encodeURIComponent(token)}`;
}

/** Name of the HttpOnly cookie that holds a board's token once the page has traded the link. */
export function sessionCookieName(boardId: string): string {
  return `samla_${boardId}`;
}
