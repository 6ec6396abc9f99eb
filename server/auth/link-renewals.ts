import type { LinkKind } from "../../lib/roles";

/**
 * When each board's links were last renewed, in this process. A websocket whose token was checked
 * just before a renewal, and which joins its room just after the renewal closed the link's
 * connections, would slip through: it asks here, as it joins, whether its link was renewed since
 * its check began. Kept a minute, far longer than any upgrade takes.
 */
const KEEP_MS = 60_000;

export class LinkRenewals {
  private readonly renewedAt = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  renewed(boardId: string, link: LinkKind): void {
    const now = this.now();
    for (const [key, at] of this.renewedAt) if (now - at > KEEP_MS) this.renewedAt.delete(key);
    this.renewedAt.set(`${boardId}\n${link}`, now);
  }

  /** Whether the link was renewed at or after `checkedAt` (the moment its token check began). */
  renewedSince(boardId: string, link: LinkKind, checkedAt: number): boolean {
    const at = this.renewedAt.get(`${boardId}\n${link}`);
    return at !== undefined && at >= checkedAt;
  }
}
