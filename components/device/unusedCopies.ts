import { boardCopyName, forgetBoardOnDevice, OPENED_PREFIX } from "./forgetBoard";

/** A board's copy on a device is dropped after this long without the board being opened there. */
export const KEEP_UNUSED_COPY_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The boards whose copy has gone unused for longer than `days`, from (board id, last opened) pairs. */
export function unusedBoards(opened: ReadonlyArray<readonly [boardId: string, at: number]>, now: number, days = KEEP_UNUSED_COPY_DAYS): string[] {
  return opened.filter(([, at]) => !(now - at <= days * DAY_MS)).map(([boardId]) => boardId);
}

/** Records that this device opened the board with a copy kept (useBoardConnection). */
export function noteBoardOpened(boardId: string, now = Date.now()): void {
  try {
    window.localStorage.setItem(OPENED_PREFIX + boardId, String(now));
  } catch {
    // No storage: no copy either.
  }
}

/** The board a page at `path` shows (`/b/ID…`, `/p/ID`), whose copy is in use right now. */
export function boardOfPath(path: string): string | null {
  return /^\/[bp]\/([^/]+)/.exec(path)?.[1] ?? null;
}

/**
 * Drops every board copy this device has not opened for KEEP_UNUSED_COPY_DAYS: what a board page
 * keeps offline is for the workshop at hand, not for whoever uses the device next month. A copy
 * found without a record (made before records were kept) starts its month now; the board this
 * page shows is never dropped under it.
 */
export async function forgetUnusedBoards(path: string, now = Date.now()): Promise<string[]> {
  try {
    await recordUnrecordedCopies(now);
    const opened = Object.keys(window.localStorage)
      .filter((key) => key.startsWith(OPENED_PREFIX))
      .map((key): [string, number] => [key.slice(OPENED_PREFIX.length), Number(window.localStorage.getItem(key))]);
    const current = boardOfPath(path);
    const unused = unusedBoards(opened, now).filter((boardId) => boardId !== current);
    for (const boardId of unused) forgetBoardOnDevice(boardId);
    return unused;
  } catch {
    return [];
  }
}

async function recordUnrecordedCopies(now: number): Promise<void> {
  const databases = (await window.indexedDB?.databases?.()) ?? [];
  const prefix = boardCopyName("");
  for (const { name } of databases) {
    if (!name?.startsWith(prefix)) continue;
    const key = OPENED_PREFIX + name.slice(prefix.length);
    if (window.localStorage.getItem(key) === null) window.localStorage.setItem(key, String(now));
  }
}
