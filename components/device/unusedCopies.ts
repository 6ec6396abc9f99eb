import { forgetBoardOnDevice, OPENED_PREFIX } from "./forgetBoard";

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

/**
 * Drops every board copy this device has not opened for KEEP_UNUSED_COPY_DAYS: what a board page
 * keeps offline is for the workshop at hand, not for whoever uses the device next month.
 */
export function forgetUnusedBoards(now = Date.now()): string[] {
  let opened: Array<[string, number]>;
  try {
    opened = Object.keys(window.localStorage)
      .filter((key) => key.startsWith(OPENED_PREFIX))
      .map((key) => [key.slice(OPENED_PREFIX.length), Number(window.localStorage.getItem(key))]);
  } catch {
    return [];
  }
  const unused = unusedBoards(opened, now);
  for (const boardId of unused) forgetBoardOnDevice(boardId);
  return unused;
}
