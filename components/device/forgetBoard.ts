import { outboxStorageKey } from "../phone/noteQueue";
import { joinedCodeKey } from "../phone/participantApi";

/**
 * The erasure count this device's copy was last rewritten at (localStorage; compactAfterErasure.ts).
 * Kept here, not there: that module reads the session schema (zod), which the phone page must not load.
 */
export const compactedAtKey = (boardId: string) => `samla:compacted:${boardId}`;
/** The IndexedDB database in which a board page keeps its copy of the board (useBoardConnection). */
export const boardCopyName = (boardId: string) => `samla-board-${boardId}`;
/** When this device last opened the board with a copy kept (components/device/unusedCopies.ts). */
export const OPENED_PREFIX = "samla:opened:";
/** The board page's last session answer (localStorage), to open offline. */
export const sessionCacheKey = (boardId: string) => `samla:session:${boardId}`;
/** The note a phone has begun to write (localStorage), kept across a reload. */
export const draftKey = (boardId: string) => `samla:draft:${boardId}`;
/** A personal note begun and not yet saved (localStorage): components/personal. */
export const personalDraftKey = (boardId: string) => `samla:personal-draft:${boardId}`;
/** The phone's last view (sessionStorage), for a reload. */
export const viewCacheKey = (boardId: string) => `samla:view:${boardId}`;

/** Which board a join code led to on this phone: scanning the same code again goes straight in. */
export const boardOfCodeKey = (code: string) => `samla:code:${code}`;
/** The QR code's key for a code, kept so that "join again" works while typed codes are paused. */
export const keyOfCodeKey = (code: string) => `samla:key:${code}`;

/** What a device keeps of one board besides its IndexedDB copy, in localStorage and sessionStorage. */
function storedKeys(boardId: string): { local: string[]; session: string[] } {
  const code = window.localStorage.getItem(joinedCodeKey(boardId));
  const byCode = code ? [boardOfCodeKey(code), keyOfCodeKey(code)] : [];
  return {
    local: [sessionCacheKey(boardId), joinedCodeKey(boardId), outboxStorageKey(boardId), draftKey(boardId), personalDraftKey(boardId), compactedAtKey(boardId), OPENED_PREFIX + boardId, ...byCode],
    session: [viewCacheKey(boardId)],
  };
}

/**
 * Drops everything this device kept of a board: called when the board was deleted, or the link
 * this device came in with no longer works. Deleting the IndexedDB copy waits until the page's own
 * connection to it is closed (BoardConnection.forget does both).
 */
export function forgetBoardOnDevice(boardId: string): void {
  try {
    const { local, session } = storedKeys(boardId);
    for (const key of local) window.localStorage.removeItem(key);
    for (const key of session) window.sessionStorage.removeItem(key);
  } catch {
    // Storage that cannot be reached holds nothing to forget.
  }
  try {
    window.indexedDB?.deleteDatabase(boardCopyName(boardId));
  } catch {
    // Private browsing without IndexedDB: there is no copy.
  }
}
