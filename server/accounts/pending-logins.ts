import { randomBytes } from "node:crypto";
import type { LoginChecks } from "./oidc";

/** How long a person may take at the provider's sign-in page. */
export const LOGIN_TTL_MS = 10 * 60 * 1000;
/** Logins started and not finished, at most: a flood of /auth/login cannot fill the memory. */
const MAX_PENDING = 10_000;

export interface PendingLogin extends LoginChecks {
  returnTo: string;
  expiresAt: number;
}

/**
 * Logins between /auth/login and /auth/callback, in memory: the browser holds only a random id
 * (cookie `samla_login`), so the PKCE verifier, state and nonce never leave the server. Each is
 * used once. A restart forgets them: whoever was at the provider just signs in again.
 */
export class PendingLogins {
  private readonly logins = new Map<string, PendingLogin>();

  constructor(private readonly now: () => number = Date.now) {}

  add(checks: LoginChecks, returnTo: string): string {
    this.dropExpired();
    if (this.logins.size >= MAX_PENDING) this.logins.delete(this.logins.keys().next().value!);
    const id = randomBytes(32).toString("base64url");
    this.logins.set(id, { ...checks, returnTo, expiresAt: this.now() + LOGIN_TTL_MS });
    return id;
  }

  /** The login, taken out: a second callback with the same id finds nothing. */
  take(id: string | null): PendingLogin | null {
    if (!id) return null;
    const login = this.logins.get(id);
    this.logins.delete(id);
    return login && login.expiresAt > this.now() ? login : null;
  }

  private dropExpired(): void {
    // Insertion order is expiry order: stop at the first one still good.
    for (const [id, login] of this.logins) {
      if (login.expiresAt > this.now()) break;
      this.logins.delete(id);
    }
  }
}
