/**
 * The participant API as the phone page calls it: same-origin requests, authenticated by the
 * HttpOnly cookie the join set (server/http/participation-routes.ts, docs/api.md "Participants").
 * Answers are plain results, never exceptions: a network failure is `{ status: 0 }`.
 */

export interface ApiResult<T = unknown> {
  /** 0 when the request did not get an answer (offline, server down, timeout). */
  status: number;
  ok: boolean;
  /** The API's error code ("wrong_code", "no_dots_left", …) when it answered with one. */
  error?: string;
  data?: T;
  /** Seconds from a Retry-After header (429). */
  retryAfter?: number;
}

const TIMEOUT_MS = 20_000;

export async function callApi<T = unknown>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  try {
    const res = await fetch(path, {
      method,
      credentials: "same-origin",
      cache: "no-store",
      signal: controller.signal,
      ...(body === undefined ? {} : { headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) }),
    });
    const json: unknown = res.status === 204 ? undefined : await res.json().catch(() => undefined);
    const retryAfter = Number(res.headers.get("Retry-After"));
    const error = !res.ok && typeof json === "object" && json !== null && typeof (json as { error?: unknown }).error === "string"
      ? (json as { error: string }).error
      : undefined;
    return {
      status: res.status,
      ok: res.ok,
      ...(error ? { error } : {}),
      ...(res.ok ? { data: json as T } : {}),
      ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfter } : {}),
    };
  } catch {
    return { status: 0, ok: false };
  } finally {
    clearTimeout(timer);
  }
}

export const boardPath = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}`;
export const notePath = (boardId: string, noteId: string) => `${boardPath(boardId)}/notes/${encodeURIComponent(noteId)}`;

/** localStorage that never throws (private browsing, storage full, a server render). */
export function readStored(key: string): string | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function writeStored(key: string, value: string | null): void {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
  } catch {
    // Nothing to do: the value lives on in memory for this visit.
  }
}

/** The last join code per board, so a phone that lost its cookie is one tap from joining again. */
export const joinedCodeKey = (boardId: string) => `samla:joined:${boardId}`;
/** The display name the writer used last, offered on the next join. */
export const NAME_KEY = "samla:name";
