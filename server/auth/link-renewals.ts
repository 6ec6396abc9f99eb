import type { LinkKind } from "../../lib/roles";

/**
 * When each board's links were last renewed, in this process. A websocket whose token was checked
 * just before a renewal, and which joins its room just after the renewal closed the link's
 * connections, would slip through: it asks here, as it joins, whether its link was renewed since
 * its check began. The same for a signed-in facilitator taken off a board. Kept a minute, far
 * longer than any upgrade takes.
 */
const KEEP_MS = 60_000;

export class LinkRenewals {
  private readonly renewedAt = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  renewed(boardId: string, link: LinkKind): void {
    this.record(`${boardId}\n${link}`);
  }

  /** Whether the link was renewed at or after `checkedAt` (the moment its token check began). */
  renewedSince(boardId: string, link: LinkKind, checkedAt: number): boolean {
    return this.since(`${boardId}\n${link}`, checkedAt);
  }

  /** A signed-in facilitator taken off the board: the same race as a renewed link, for their account. */
  removed(boardId: string, userId: string): void {
    this.record(`${boardId}\naccount:${userId}`);
  }

  removedSince(boardId: string, userId: string, checkedAt: number): boolean {
    return this.since(`${boardId}\naccount:${userId}`, checkedAt);
  }

  private record(key: string): void {
    const now = this.now();
    for (const [old, at] of this.renewedAt) if (now - at > KEEP_MS) this.renewedAt.delete(old);
    this.renewedAt.set(key, now);
  }

  private since(key: string, checkedAt: number): boolean {
    const at = this.renewedAt.get(key);
    return at !== undefined && at >= checkedAt;
  }
}
