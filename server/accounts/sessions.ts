import { createHash, randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { readCookie } from "../auth/request-credentials";
import type { AccountStorage, UserRecord } from "../storage/types";

/** The HttpOnly cookie of a signed-in person: 256 random bits; the database keeps a SHA-256 of it. */
export const USER_COOKIE = "samla_user";
/** A session nobody used for 12 hours ends: a shared ward computer left signed in does not stay so. */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
/** And every session ends 30 days after sign-in, used or not. */
export const SESSION_MAX_MS = 30 * 24 * 60 * 60 * 1000;
/** Use is written down at most once a minute, not on every request. */
const TOUCH_EVERY_MS = 60 * 1000;

export function hashSessionToken(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}

/** Sign-in sessions: made at the callback, read on every request that carries the cookie, ended by logout or time. */
export class AccountSessions {
  constructor(
    private readonly storage: AccountStorage,
    private readonly now: () => number,
  ) {}

  /** Answers the cookie's value; only its hash is stored, so a copy of the database signs nobody in. */
  async start(userId: string): Promise<string> {
    const token = randomBytes(32).toString("base64url");
    await this.storage.addUserSession(hashSessionToken(token), userId, this.now());
    return token;
  }

  /** The signed-in person of this request, or null: no cookie, an unknown one, or one past its time (deleted then). */
  async userOf(req: IncomingMessage): Promise<UserRecord | null> {
    const token = readCookie(req, USER_COOKIE);
    if (!token || token.length > 100) return null;
    const hash = hashSessionToken(token);
    const session = await this.storage.getUserSession(hash);
    if (!session) return null;
    const now = this.now();
    if (now - session.lastUsedAt > SESSION_IDLE_MS || now - session.createdAt > SESSION_MAX_MS) {
      await this.storage.deleteUserSession(hash);
      return null;
    }
    if (now - session.lastUsedAt > TOUCH_EVERY_MS) await this.storage.touchUserSession(hash, now);
    return this.storage.getUser(session.userId);
  }

  async end(req: IncomingMessage): Promise<void> {
    const token = readCookie(req, USER_COOKIE);
    if (token) await this.storage.deleteUserSession(hashSessionToken(token));
  }

  /** The hourly sweep (server/lifecycle/retention.ts) deletes what lapsed without being used again. */
  async sweep(): Promise<number> {
    const now = this.now();
    return this.storage.deleteExpiredUserSessions(now - SESSION_IDLE_MS, now - SESSION_MAX_MS);
  }
}
